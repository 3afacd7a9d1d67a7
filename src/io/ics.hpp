// Calendar export (RFC 5545 iCalendar): the week's planned touches and the follow-ups due, as
// all-day events a person can import into Google Calendar, Apple Calendar or Thunderbird. UIDs are
// derived from record ids and dates, so importing the same plan twice does not duplicate events.
#pragma once

#include "core/today.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

struct CalendarEntry {
    std::string uid;          // "touch-<contact id>-20240312@ties.local"
    Date date;                // an all-day event on this day
    std::string summary;      // "Call Ada Lovelace", "Follow up: send the slides (Ada Lovelace)"
    std::string description;  // the reason, or the interaction the follow-up came from
};

// The plan's touches ("Message/Call/Meet <name>", the reason as description) and the follow-ups
// ("Follow up: <text> (<names>)"; overdue ones stay on their own date), by date. Touches and
// follow-ups whose people are no longer live are left out.
std::vector<CalendarEntry> calendar_entries(const Store& store, const TodayQueue& queue);

// A VCALENDAR (VERSION 2.0, METHOD:PUBLISH) with one all-day VEVENT per entry, DTSTAMP `now` in
// UTC, CRLF line ends, TEXT escaped and lines folded at 75 octets. RFC 5545 wants at least one
// event in a calendar: callers offer the export only when there are entries.
std::string write_ics(const std::vector<CalendarEntry>& entries, Millis now);

// The pieces, for tests: TEXT escaping (backslash, semicolon, comma, newlines; control characters
// other than tab dropped; invalid UTF-8 replaced), and one content line folded to at most 75 octets
// per physical line without splitting a UTF-8 sequence, CRLF after each physical line.
std::string escape_text(std::string_view text);
std::string fold_line(std::string_view line);

std::string ics_file_name(Date today);  // "ties-plan-2024-03-12.ics"

}  // namespace ties::io
