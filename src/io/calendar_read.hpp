// The meetings a person had, read from their calendar (.ics) for the history import: who met whom,
// when, for how long, and whether over a call. RFC 5545 as Google Calendar, Outlook and Apple
// Calendar write it: folded lines, quoted parameters, VTIMEZONE blocks (Outlook's Windows zone
// names included), recurring events expanded in their own local time, exceptions and overrides.
// Only meetings with other people are kept; cancelled, declined and solitary events are counted.
// Pure function on bytes: no I/O; work and memory are capped whatever the file holds.
// (io/ics.hpp is the other direction: it writes the plan as a calendar.)
#pragma once

#include "core/date.hpp"
#include "core/problem.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io::calendar {

struct Attendee {
    std::string email;     // lower-case, without "mailto:" ("" for an organizer the file does not name)
    std::string name;      // CN ("" when there is none, or when it only repeats the address)
    std::string partstat;  // upper-case PARTSTAT ("ACCEPTED", "DECLINED", ...), "" when there is none

    bool operator==(const Attendee&) const = default;
};

// One meeting that happened: an event, or one instance of a recurring event.
struct Occurrence {
    Millis start = 0;                   // UTC; an all-day event's is midnight UTC of its date
    std::int32_t duration_minutes = 0;  // 0 when unknown or all-day
    bool all_day = false;
    std::string uid;                    // the VEVENT's UID
    std::string summary;                // SUMMARY, unescaped, on one line
    Attendee organizer;                 // may be empty
    // ATTENDEEs with an address, in the file's order; rooms and resources (CUTYPE=ROOM or
    // RESOURCE, Google's ...calendar.google.com addresses) are not people and are left out.
    std::vector<Attendee> attendees;
    // Held over a call: a conference link (Google Meet, Zoom, Teams, Webex, Whereby, Jitsi,
    // FaceTime, Skype, GoToMeeting, BlueJeans, Chime) in LOCATION, URL, DESCRIPTION, CONFERENCE or
    // the vendors' X- properties, or a LOCATION that says so ("Phone call", "Zoom", "Teams").
    bool call = false;
};

struct CalendarRead {
    std::vector<Occurrence> occurrences;  // by start time
    // Counts of VEVENT components (a recurring event and each of its overrides count apart).
    std::size_t events = 0;        // all of them, broken ones included
    std::size_t cancelled = 0;     // STATUS:CANCELLED
    std::size_t declined = 0;      // the person's own PARTSTAT=DECLINED
    std::size_t no_attendees = 0;  // nobody but the person (or nobody at all)
    std::size_t broken = 0;        // no END:VEVENT, or no readable DTSTART
    std::size_t capped = 0;        // recurring events cut at a limit below (a warning says which)
    std::vector<std::string> warnings;  // sentences for people, one per kind, with counts
    std::optional<Problem> error;       // "empty file", "not an iCalendar file ..."; no file name

    bool ok() const { return !error; }
};

// The caps that keep a hostile file from taking all memory or time.
inline constexpr std::size_t kMaxOccurrences = 1'000'000;        // per file
inline constexpr std::size_t kMaxInstancesPerEvent = 5'000;      // in the window, per recurring event
inline constexpr std::size_t kMaxStepsPerEvent = 100'000;        // days, weeks, months or years walked
inline constexpr std::size_t kMaxStepsPerFile = 10'000'000;

// The meetings of a calendar file that start in [from, to] (UTC, both included). `me`: the
// person's own addresses (any case, "mailto:" or not): an event they declined is skipped, and so
// is one where nobody else (attendee or organizer) takes part. Recurring events (RRULE with FREQ
// DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST;
// RDATE, EXDATE; overrides by RECURRENCE-ID) are expanded in their local time, then converted to
// UTC through the file's VTIMEZONEs. A rule with other parts (BYSETPOS, BYHOUR, ...) gives its
// first instance only (and its RDATEs). A TZID without a VTIMEZONE is read as UTC (with a warning
// naming it), as are floating times.
CalendarRead read_calendar(std::string_view bytes, const std::vector<std::string>& me, Millis from, Millis to);

// Whether text (a URL, a description) holds a conference link; for tests and other importers.
bool has_conference_link(std::string_view text);

}  // namespace ties::io::calendar
