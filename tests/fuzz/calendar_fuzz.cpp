// libFuzzer target for the calendar reader. The first two bytes choose the history window (an
// offset from 1 January 2024 of -32..31 days, a length of 1..128 days; the seeds start with " Z":
// 1 January to 31 March), the rest is the file. What must hold for any input: an error says why
// and comes alone; every meeting starts in the window, in order, with someone other than the
// person; and reading the two halves of the window gives the same meetings and counts as
// reading it whole (unless a cap cut something), which checks the jumps to the window.
#include "memory_budget.hpp"

#include "io/calendar_read.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ties;
using namespace ties::io::calendar;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

constexpr Millis kDayMillis = 86'400'000;

bool valid_email(const std::string& email) {
    if (email.find('@') == std::string::npos) return false;
    for (char c : email)
        if (c >= 'A' && c <= 'Z') return false;
    return true;
}

void check_read(const CalendarRead& read, const std::vector<std::string>& me, Millis from, Millis to) {
    if (read.error) {
        check(!read.error->text.empty() && read.occurrences.empty() && read.events == 0);
        return;
    }
    check(read.cancelled + read.declined + read.no_attendees + read.broken <= read.events);
    check(read.occurrences.size() <= kMaxOccurrences);
    Millis previous = from;
    for (const Occurrence& o : read.occurrences) {
        check(o.start >= from && o.start <= to && o.start >= previous);
        previous = o.start;
        check(o.duration_minutes >= 0);
        check(!o.all_day || (o.duration_minutes == 0 && o.start % kDayMillis == 0));
        check(o.organizer.email.empty() || valid_email(o.organizer.email));
        bool someone = !o.organizer.email.empty() && o.organizer.email != me[0];
        for (const Attendee& a : o.attendees) {
            check(valid_email(a.email));
            someone = someone || a.email != me[0];
        }
        check(someone);
    }
}

bool same(const Occurrence& a, const Occurrence& b) {
    return a.start == b.start && a.duration_minutes == b.duration_minutes && a.all_day == b.all_day && a.uid == b.uid &&
           a.summary == b.summary && a.organizer == b.organizer && a.attendees == b.attendees && a.call == b.call;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    if (size < 2) return 0;
    const Millis from = midnight_utc(Date::from_ymd(2024, 1, 1)) + (data[0] % 64 - 32) * kDayMillis;
    const Millis to = from + (1 + data[1] % 128) * kDayMillis - 1;
    const Millis middle = from + (to - from) / 2;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::vector<std::string> me = {"me@example.com"};

    const CalendarRead whole = read_calendar(bytes, me, from, to);
    check_read(whole, me, from, to);
    const CalendarRead first = read_calendar(bytes, me, from, middle);
    check_read(first, me, from, middle);
    const CalendarRead second = read_calendar(bytes, me, middle + 1, to);
    check_read(second, me, middle + 1, to);

    for (const CalendarRead* half : {&first, &second}) {
        check(half->error.has_value() == whole.error.has_value());
        check(half->events == whole.events && half->broken == whole.broken && half->cancelled == whole.cancelled &&
              half->declined == whole.declined && half->no_attendees == whole.no_attendees);
    }
    if (whole.capped == 0 && first.capped == 0 && second.capped == 0) {
        check(first.occurrences.size() + second.occurrences.size() == whole.occurrences.size());
        for (std::size_t i = 0; i < whole.occurrences.size(); ++i) {
            const Occurrence& part = i < first.occurrences.size() ? first.occurrences[i]
                                                                  : second.occurrences[i - first.occurrences.size()];
            check(same(part, whole.occurrences[i]));
        }
    }
    return 0;
}
