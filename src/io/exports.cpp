// Every export's bytes come from here; see exports.hpp.
#include "io/exports.hpp"

#include "core/network_stats.hpp"
#include "core/search.hpp"
#include "core/network_map.hpp"
#include "io/csv_import.hpp"
#include "io/graphml.hpp"
#include "io/ics.hpp"
#include "io/vcard.hpp"

#include <algorithm>
#include <utility>

namespace ties::io {

std::optional<ExportFormat> export_format_named(std::string_view name) {
    if (name == "vcf") return ExportFormat::Vcard4;
    if (name == "vcf3") return ExportFormat::Vcard3;
    if (name == "csv") return ExportFormat::Csv;
    if (name == "ics") return ExportFormat::Calendar;
    if (name == "graphml") return ExportFormat::Graph;
    return std::nullopt;
}

std::vector<Contact> contacts_for_export(const Store& store) {
    std::vector<std::pair<std::string, const Contact*>> keyed;
    for (const auto& [id, contact] : store.contacts()) {
        if (!contact.meta.deleted) keyed.emplace_back(fold_for_search(contact_label(contact)), &contact);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second->meta.id < b.second->meta.id;
    });
    std::vector<Contact> out;
    out.reserve(keyed.size());
    for (const auto& [key, contact] : keyed) out.push_back(*contact);
    return out;
}

ExportFile export_file(const Store& store, ExportFormat format, Date today, Millis now, const TodayQueue* queue) {
    ExportFile file;
    const std::string contacts = "ties-contacts-" + today.iso();
    switch (format) {
        case ExportFormat::Vcard4:
        case ExportFormat::Vcard3: {
            const bool v4 = format == ExportFormat::Vcard4;
            file.name = contacts + (v4 ? ".vcf" : "-v3.vcf");
            file.bytes = export_vcard(contacts_for_export(store), v4 ? VcardVersion::V4 : VcardVersion::V3);
            file.mime_type = "text/vcard";
            break;
        }
        case ExportFormat::Csv:
            file.name = contacts + ".csv";
            file.bytes = export_csv(contacts_for_export(store));
            file.mime_type = "text/csv";
            break;
        case ExportFormat::Calendar: {
            std::optional<TodayQueue> built;
            if (!queue) queue = &built.emplace(build_today(store, NetworkStats::build(store, today), today));
            const std::vector<CalendarEntry> entries = calendar_entries(store, *queue);
            if (entries.empty()) {
                file.error = problem("nothing to put in a calendar: no touches planned and no follow-ups due as of " + today.iso());
                return file;
            }
            file.name = ics_file_name(today);
            file.bytes = write_ics(entries, now);
            file.mime_type = "text/calendar";
            break;
        }
        case ExportFormat::Graph: {
            const NetworkMap map = build_network_map(store, NetworkStats::build(store, today), today);
            file.name = "ties-network-" + today.iso() + ".graphml";
            file.bytes = write_graphml(store, map);
            file.mime_type = "application/graphml+xml";
            std::size_t links = 0;
            for (const auto& list : map.graph.links) links += list.size();
            file.summary = std::to_string(map.people.size()) + " people, " + std::to_string(links / 2) + " links, " +
                           std::to_string(map.clusters.size()) + " clusters";
            break;
        }
    }
    return file;
}

}  // namespace ties::io
