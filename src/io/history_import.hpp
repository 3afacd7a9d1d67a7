// A person's history from their own files (issue 15): an mbox (or .eml) and an iCalendar file
// become dated touches with the people in them, for the import preview to match against the
// people they have. Each correspondent or attendee is one card (name and address); the import
// plan merges the cards that match someone and only offers the others ("people you talk to but
// don't have"), so nothing is created unasked. A mailbox is read in slices through `read`, so a
// file of several gigabytes never sits in memory; calendars are small and read whole.
#pragma once

#include "core/mail_history.hpp"
#include "io/import.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ties::io {

struct HistorySource {
    std::string name;
    std::uint64_t size = 0;
    // Copies up to `max` bytes from `offset` into `out`; returns how many (0 at the end). A
    // source that cannot be read any more returns 0 early and sets `failed`.
    std::function<std::size_t(std::uint64_t offset, char* out, std::size_t max)> read;
};

enum class HistoryKind { Mail, Calendar, None };

// A mailbox: an mbox's "From " line, or the header fields a saved message (.eml) starts with, or
// the name (.mbox, .mbx, .eml). A calendar: BEGIN:VCALENDAR, or the name (.ics, .ical).
HistoryKind detect_history(std::string_view name, std::string_view start);

// How far back recurring meetings are expanded: the last 20 years (a weekly meeting since 1990
// is not 1,800 touches of the past before Ties was used).
inline constexpr Millis kHistoryWindow = Millis{20} * 365 * 86'400'000;

struct HistoryOptions {
    std::vector<std::string> me;      // the person's own addresses; none: guessed from the files
    std::int32_t offset_minutes = 0;  // their time zone, which decides the day of each touch ...
    OffsetAt offset_at;               // ... or, when set, its offset at each moment (summer time)
    Millis now = 0;                   // later touches are left out (a wrong clock or a future meeting)
    Millis since = 0;                 // the history window's start, for recurring meetings (now - kHistoryWindow)
};

// What the files held, for the preview's summary.
struct HistoryReport {
    std::vector<std::string> me;  // the addresses taken to be the person's
    bool me_guessed = false;      // guessed from the files (Settings had none)
    std::size_t me_seen = 0, sample = 0;  // the guess: in me_seen of the first `sample` personal messages
    std::size_t messages = 0, personal = 0, automated = 0, between_others = 0, repeated = 0;
    std::size_t meetings = 0, calendar_skipped = 0;
    std::size_t touches = 0, people = 0;

    // "12,408 messages: 3,210 with people, 8,990 from lists and machines, 208 between others,
    // 12 seen twice; 214 meetings. 1,904 touches with 611 people."
    std::string summary() const;
};

// Reads every source (mailboxes and calendars; anything else is an error naming the file) into
// cards and touches: touches are Email interactions (one per thread and day, the first writer
// as initiator) and meetings (VideoCall when held over a conference link, Meetup otherwise, the
// organiser as initiator). Progress runs over all the bytes; cancelling empties the result.
Imported import_history(const std::vector<HistorySource>& sources, const ImportContext& context,
                        const HistoryOptions& options, HistoryReport* report = nullptr);

// A source over bytes in memory (tests, the command-line tool's small files).
HistorySource history_source(std::string name, const std::string& bytes);

}  // namespace ties::io
