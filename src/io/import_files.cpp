#include "io/import_files.hpp"

#include "core/text.hpp"
#include "io/csv_import.hpp"
#include "io/envelope.hpp"
#include "io/vcard.hpp"

#include <algorithm>
#include <cctype>

namespace ties::io {
namespace {

// The start of the text, past a UTF-8 BOM and blank space, lower-cased.
std::string opening(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const auto first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    return ascii_lowercase(bytes.substr(first, 64));
}

}  // namespace

ImportKind detect_import(std::string_view name, std::string_view bytes) {
    const std::string file = ascii_lowercase(name);
    const std::string start = opening(bytes);
    if (bytes.substr(0, 4) == "TIES") return ImportKind::Backup;
    if (start.rfind("begin:vcard", 0) == 0) return ImportKind::VCard;
    if (start.rfind("window.ytd.", 0) == 0) return ImportKind::XArchive;
    if (ends_with(file, ".ties")) return ImportKind::Backup;
    if (ends_with(file, ".vcf") || ends_with(file, ".vcard")) return ImportKind::VCard;
    if (ends_with(file, ".csv") || ends_with(file, ".tsv")) return ImportKind::Csv;
    if (ends_with(file, ".js")) return ImportKind::XArchive;
    return ImportKind::Unknown;
}

Imported import_files(const std::vector<NamedFile>& files, const ImportContext& context) {
    Imported all;
    std::size_t total = 0;
    for (const NamedFile& f : files) total += f.bytes.size();
    std::size_t done = 0;
    bool stop = false;
    // Progress of one file, scaled into the share of all the bytes it stands for.
    auto scaled = [&](std::size_t size) {
        return [&, size](double share) {
            if (!context.progress || total == 0) return true;
            const bool go = context.progress((static_cast<double>(done) + share * static_cast<double>(size)) /
                                             static_cast<double>(total));
            stop = stop || !go;
            return go;
        };
    };
    std::vector<NamedFile> x_files;
    std::size_t x_bytes = 0;
    std::vector<Problem> errors;
    auto take = [&](Imported part) {
        if (part.cancelled) stop = true;
        if (part.error) errors.push_back(*part.error);
        for (Contact& c : part.contacts) all.contacts.push_back(std::move(c));
        for (Interaction& i : part.interactions) all.interactions.push_back(std::move(i));
        for (Problem& w : part.warnings) all.warnings.push_back(std::move(w));
    };
    for (const NamedFile& f : files) {
        if (stop) break;
        ImportContext one = context;
        one.file_name = f.name;
        one.progress = scaled(f.bytes.size());
        const ImportKind kind = detect_import(f.name, f.bytes);
        switch (kind) {
            case ImportKind::VCard: take(import_vcard(f.bytes, one)); break;
            case ImportKind::Csv: take(import_csv(f.bytes, one)); break;
            case ImportKind::XArchive:
                x_files.push_back(f);
                x_bytes += f.bytes.size();
                break;
            case ImportKind::Backup:
                errors.push_back({f.name, 0, "a Ties backup: import it as a backup (it is merged, not added)"});
                break;
            case ImportKind::Unknown:
                errors.push_back({f.name, 0, "not a format Ties can import (vCard .vcf, CSV, or the X archive's .js files)"});
                break;
        }
        if (kind != ImportKind::XArchive) done += f.bytes.size();  // X files count when imported together
    }
    if (!stop && !x_files.empty()) {
        ImportContext x = context;
        x.file_name = x_files.size() == 1 ? x_files.front().name : "X archive";
        x.progress = scaled(x_bytes);
        take(import_x_archive(x_files, x));
        done += x_bytes;
    }
    if (stop) {
        Imported cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    if (all.contacts.empty() && all.interactions.empty() && !errors.empty()) {
        Imported failed;
        failed.error = errors.front();
        for (std::size_t i = 1; i < errors.size(); ++i) failed.warnings.push_back(errors[i]);
        return failed;
    }
    for (Problem& e : errors) all.warnings.push_back(std::move(e));
    return all;
}

}  // namespace ties::io
