// Calendar export: see ics.hpp. Written by hand (the format is small): a content line is built,
// escaped and folded; events are all-day (VALUE=DATE), so no time zone is involved.
#include "io/ics.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cstdio>

namespace ties::io {
namespace {

constexpr std::size_t kMaxOctets = 75;  // per physical line, CRLF not counted

std::string basic_date(Date date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d%02d%02d", date.year(), date.month(), date.day());
    return text;
}

std::string utc_stamp(Millis now) {
    const Date day = date_of(now);
    const Millis seconds = (now - midnight_utc(day)) / 1000;
    char text[32];
    std::snprintf(text, sizeof text, "%sT%02d%02d%02dZ", basic_date(day).c_str(), static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    return text;
}

std::string people_names(const Store& store, const std::vector<Id>& people) {
    std::string names;
    for (Id id : people) {
        const Contact* c = store.contact(id);
        if (c == nullptr) continue;
        if (!names.empty()) names += ", ";
        names += contact_label(*c);
    }
    return names;
}

std::string lowercase_first(std::string_view text) {
    std::string out(text);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

void add_line(std::string& out, std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += value;
    out += fold_line(line);
}

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const std::u32string code_points = decode_utf8(text);
    for (std::size_t i = 0; i < code_points.size(); ++i) {
        const char32_t c = code_points[i];
        switch (c) {
            case U'\\': out += "\\\\"; break;
            case U';': out += "\\;"; break;
            case U',': out += "\\,"; break;
            case U'\r':
                if (i + 1 < code_points.size() && code_points[i + 1] == U'\n') ++i;  // CRLF is one newline
                out += "\\n";
                break;
            case U'\n': out += "\\n"; break;
            case U'\t': out += '\t'; break;  // allowed in TEXT, as is a space
            default:
                if (c < 0x20 || c == 0x7F) break;  // control characters are not allowed in TEXT
                append_utf8(out, c);
        }
    }
    return out;
}

std::string fold_line(std::string_view line) {
    std::string out;
    std::size_t start = 0;
    std::size_t room = kMaxOctets;  // the first physical line; later ones start with a space
    while (line.size() - start > room) {
        std::size_t end = start + room;
        // Never split a UTF-8 sequence: back up to the first byte of the character at `end`.
        while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
        if (end == start) end = start + room;  // not UTF-8 at all: cut anyway
        out.append(line.substr(start, end - start));
        out += "\r\n ";
        start = end;
        room = kMaxOctets - 1;
    }
    out.append(line.substr(start));
    out += "\r\n";
    return out;
}

std::vector<CalendarEntry> calendar_entries(const Store& store, const TodayQueue& queue) {
    std::vector<CalendarEntry> entries;
    for (const PlannedTouch& touch : queue.plan.touches) {
        const Contact* c = store.contact(touch.contact);
        if (c == nullptr) continue;
        entries.push_back({.uid = "touch-" + touch.contact.to_string() + "-" + basic_date(touch.day) + "@ties.local",
                           .date = touch.day,
                           .summary = std::string(to_string(touch.touch)) + " " + contact_label(*c),
                           .description = touch.reason});
    }
    for (const FollowUpDue& follow_up : queue.follow_ups) {
        const std::string names = people_names(store, follow_up.people);
        if (names.empty()) continue;
        std::string description;
        if (const Interaction* i = store.interaction(follow_up.interaction)) {
            description = "After " + lowercase_first(to_string(i->kind)) + " on " + i->date.iso();
            if (!i->notes.empty()) description += ": " + i->notes;
        }
        entries.push_back({.uid = "followup-" + follow_up.interaction.to_string() + "-" + basic_date(follow_up.date) +
                                  "@ties.local",
                           .date = follow_up.date,
                           .summary = follow_up.text.empty() ? "Follow up with " + names
                                                             : "Follow up: " + follow_up.text + " (" + names + ")",
                           .description = description});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const CalendarEntry& a, const CalendarEntry& b) { return a.date < b.date; });
    return entries;
}

std::string write_ics(const std::vector<CalendarEntry>& entries, Millis now) {
    std::string out;
    add_line(out, "BEGIN", "VCALENDAR");
    add_line(out, "VERSION", "2.0");
    add_line(out, "PRODID", "-//Ties//Ties personal CRM//EN");
    add_line(out, "CALSCALE", "GREGORIAN");
    add_line(out, "METHOD", "PUBLISH");
    add_line(out, "X-WR-CALNAME", "Ties");
    const std::string stamp = utc_stamp(now);
    for (const CalendarEntry& e : entries) {
        add_line(out, "BEGIN", "VEVENT");
        add_line(out, "UID", escape_text(e.uid));
        add_line(out, "DTSTAMP", stamp);
        add_line(out, "DTSTART;VALUE=DATE", basic_date(e.date));
        add_line(out, "DTEND;VALUE=DATE", basic_date(Date{e.date.days + 1}));
        add_line(out, "SUMMARY", escape_text(e.summary));
        if (!e.description.empty()) add_line(out, "DESCRIPTION", escape_text(e.description));
        add_line(out, "TRANSP", "TRANSPARENT");  // a reminder, not busy time
        add_line(out, "END", "VEVENT");
    }
    add_line(out, "END", "VCALENDAR");
    return out;
}

std::string ics_file_name(Date today) { return "ties-plan-" + today.iso() + ".ics"; }

}  // namespace ties::io
