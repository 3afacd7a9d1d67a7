// What a person takes out of Ties besides a backup: contacts as vCard 4.0 or 3.0 or CSV, the
// day's plan as an .ics calendar, and the network as GraphML for Gephi or NetworkX. One path for every front end, so the browser's buttons and
// `ties export` write the same bytes for the same store (same order, same name, same format).
#pragma once

#include "core/problem.hpp"
#include "core/store.hpp"
#include "core/today.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

enum class ExportFormat { Vcard4, Vcard3, Csv, Calendar, Graph };

// "vcf", "vcf3", "csv", "ics", "graphml" (the names `ties export --format` takes); nullopt for any other.
std::optional<ExportFormat> export_format_named(std::string_view name);

struct ExportFile {
    std::optional<Problem> error;  // for people: "nothing to put in a calendar: ..."
    bool ok() const { return !error; }
    std::string name;       // "ties-contacts-2026-03-10.vcf", "ties-plan-2026-03-10.ics"
    std::string bytes;
    std::string mime_type;  // "text/vcard", "text/csv", "text/calendar", "application/graphml+xml"
    std::string summary;    // what it holds, when worth saying: "18 people, 25 links, 4 clusters"
};

// Live contacts by folded name (fold_for_search of the label), then id: the order of every
// export, the same whatever case or accents the names are typed with.
std::vector<Contact> contacts_for_export(const Store& store);

// The file for `format`. `today` names the file and, for the calendar, is the day the plan is
// built for; `now` is the calendar's DTSTAMP. `queue` is the day's Today queue when the caller
// already has it (the app keeps one per store version and day); else it is built here. A calendar
// with no touches planned and no follow-ups due is refused (!ok): RFC 5545 wants an event.
ExportFile export_file(const Store& store, ExportFormat format, Date today, Millis now,
                       const TodayQueue* queue = nullptr);

}  // namespace ties::io
