// Calendar dates without a time zone (an interaction "on 12 March"), and UTC timestamps for
// record bookkeeping. Dates are days since 1970-01-01 in the proleptic Gregorian calendar.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ties {

using Millis = std::int64_t;  // UTC milliseconds since the Unix epoch

struct Date {
    std::int32_t days = 0;  // days since 1970-01-01

    static Date from_ymd(int year, int month, int day);  // month 1..12, day 1..31 (not validated)
    int year() const;
    int month() const;  // 1..12
    int day() const;    // 1..31
    int weekday() const;  // 0 = Monday .. 6 = Sunday

    std::string iso() const;  // "2024-03-12"
    // Strict "YYYY-MM-DD" with a real calendar day (2023-02-29 is rejected).
    static std::optional<Date> parse_iso(std::string_view text);

    auto operator<=>(const Date&) const = default;
};

// A yearly date whose year may be unknown, as vCard allows ("--03-12"): birthdays, anniversaries.
struct PartialDate {
    std::int32_t year = 0;  // 0: unknown
    std::int32_t month = 1;  // 1..12
    std::int32_t day = 1;    // 1..31

    // "1990-03-12", or "--03-12" when the year is unknown.
    std::string iso() const;
    // Either form above, with a real calendar day (29 February needs a leap year, or no year).
    static std::optional<PartialDate> parse(std::string_view text);
    // The first day on or after `from` on which it recurs; 29 February falls on 28 February in
    // other years.
    Date next_on_or_after(Date from) const;

    bool operator==(const PartialDate&) const = default;
};

// The calendar day (UTC) of a timestamp, and midnight UTC of a day.
Date date_of(Millis utc);
Millis midnight_utc(Date date);

}  // namespace ties
