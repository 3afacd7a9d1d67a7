// Calendar arithmetic on days since 1970-01-01, using Howard Hinnant's civil-date algorithms
// (http://howardhinnant.github.io/date_algorithms.html): exact for any int32 day count.
#include "core/date.hpp"

#include <limits>

namespace ties {
namespace {

constexpr Millis kMillisPerDay = 86'400'000;

struct Civil {
    std::int64_t year;
    int month;
    int day;
};

std::int64_t days_from_civil(std::int64_t year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;                                // [0, 399]
    const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Civil civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;                               // [0, 146096]
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;                   // [0, 11], March first
    const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

void append_padded(std::string& out, int value, int width) {
    const std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width) out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    out += digits;
}

std::int32_t clamp_to_int32(std::int64_t value) {
    constexpr std::int64_t lowest = std::numeric_limits<std::int32_t>::min();
    constexpr std::int64_t highest = std::numeric_limits<std::int32_t>::max();
    return static_cast<std::int32_t>(value < lowest ? lowest : value > highest ? highest : value);
}

}  // namespace

Date Date::from_ymd(int year, int month, int day) {
    return Date{clamp_to_int32(days_from_civil(year, month, day))};
}

int Date::year() const { return static_cast<int>(civil_from_days(days).year); }
int Date::month() const { return civil_from_days(days).month; }
int Date::day() const { return civil_from_days(days).day; }

int Date::weekday() const {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const std::int64_t shifted = static_cast<std::int64_t>(days) + 3;
    return static_cast<int>(((shifted % 7) + 7) % 7);
}

std::string Date::iso() const {
    const Civil civil = civil_from_days(days);
    const int year = static_cast<int>(civil.year);
    std::string out;
    if (year >= 0 && year <= 9999) {
        append_padded(out, year, 4);
    } else {
        out = std::to_string(year);
    }
    out += '-';
    append_padded(out, civil.month, 2);
    out += '-';
    append_padded(out, civil.day, 2);
    return out;
}

std::optional<Date> Date::parse_iso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t begin, std::size_t end) -> std::optional<int> {
        int value = 0;
        for (std::size_t i = begin; i < end; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto year = number(0, 4);
    const auto month = number(5, 7);
    const auto day = number(8, 10);
    if (!year || !month || !day) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month)) return std::nullopt;
    return from_ymd(*year, *month, *day);
}

std::string PartialDate::iso() const {
    std::string out;
    if (year > 0 && year <= 9999) {
        append_padded(out, year, 4);
    } else {
        out += '-';
    }
    out += '-';
    append_padded(out, month, 2);
    out += '-';
    append_padded(out, day, 2);
    return out;
}

std::optional<PartialDate> PartialDate::parse(std::string_view text) {
    if (text.size() == 7 && text.substr(0, 2) == "--") {
        // No year: any day that exists in some year, 29 February included (checked in 2000).
        const auto full = Date::parse_iso("2000" + std::string(text.substr(1)));
        if (!full) return std::nullopt;
        return PartialDate{0, full->month(), full->day()};
    }
    const auto full = Date::parse_iso(text);
    if (!full || full->year() == 0) return std::nullopt;
    return PartialDate{full->year(), full->month(), full->day()};
}

Date PartialDate::next_on_or_after(Date from) const {
    const auto in_year = [&](int y) {
        const int last = days_in_month(y, month);
        return Date::from_ymd(y, month, day > last ? last : day);
    };
    const Date this_year = in_year(from.year());
    return this_year >= from ? this_year : in_year(from.year() + 1);
}

Date date_of(Millis utc) {
    Millis days = utc / kMillisPerDay;
    if (utc % kMillisPerDay < 0) --days;  // floor, so 1969-12-31T23:59 is day -1
    return Date{clamp_to_int32(days)};
}

Millis midnight_utc(Date date) { return static_cast<Millis>(date.days) * kMillisPerDay; }

}  // namespace ties
