#include "core/date.hpp"

#include <doctest/doctest.h>

using namespace ties;

TEST_CASE("Date known values") {
    CHECK(Date::from_ymd(1970, 1, 1).days == 0);
    CHECK(Date::from_ymd(1970, 1, 2).days == 1);
    CHECK(Date::from_ymd(1969, 12, 31).days == -1);
    CHECK(Date::from_ymd(2000, 3, 1).days == 11017);
    CHECK(Date::from_ymd(2024, 2, 29).days == 19782);
    CHECK(Date::from_ymd(2024, 3, 1).days == 19783);
    CHECK(Date::from_ymd(1600, 1, 1).days == -135140);

    const Date leap{19782};
    CHECK(leap.year() == 2024);
    CHECK(leap.month() == 2);
    CHECK(leap.day() == 29);
    CHECK(leap.iso() == "2024-02-29");
}

TEST_CASE("Date round trips every day from 1600 to 2400") {
    const int first = Date::from_ymd(1600, 1, 1).days;
    const int last = Date::from_ymd(2400, 12, 31).days;
    int previous_year = 1599, previous_month = 12, previous_day = 31;
    int failures = 0;
    for (int days = first; days <= last; ++days) {
        const Date date{days};
        const int y = date.year(), m = date.month(), d = date.day();
        if (Date::from_ymd(y, m, d).days != days) ++failures;
        // Each day follows the previous one: either the next day of the month, or day 1 of the
        // next month, or 1 January of the next year.
        const bool next_day = y == previous_year && m == previous_month && d == previous_day + 1;
        const bool next_month = y == previous_year && m == previous_month + 1 && d == 1;
        const bool next_year = y == previous_year + 1 && m == 1 && d == 1 && previous_month == 12;
        if (!(next_day || next_month || next_year)) ++failures;
        if (Date::parse_iso(date.iso()) != date) ++failures;
        previous_year = y;
        previous_month = m;
        previous_day = d;
    }
    CHECK(failures == 0);
    CHECK(last - first + 1 == 801 * 365 + 195);  // 195 leap days in 1600..2400
}

TEST_CASE("Date::weekday is 0 for Monday") {
    CHECK(Date::from_ymd(1970, 1, 1).weekday() == 3);   // Thursday
    CHECK(Date::from_ymd(2024, 3, 11).weekday() == 0);  // Monday
    CHECK(Date::from_ymd(2024, 3, 17).weekday() == 6);  // Sunday
    CHECK(Date::from_ymd(2000, 1, 1).weekday() == 5);   // Saturday
    CHECK(Date::from_ymd(1969, 12, 28).weekday() == 6); // Sunday, before the epoch
    CHECK(Date::from_ymd(1600, 1, 1).weekday() == 5);   // Saturday
}

TEST_CASE("Date::iso pads years 0..9999 and prints others as numbers") {
    CHECK(Date::from_ymd(2024, 3, 12).iso() == "2024-03-12");
    CHECK(Date::from_ymd(987, 1, 5).iso() == "0987-01-05");
    CHECK(Date::from_ymd(0, 12, 31).iso() == "0000-12-31");
    CHECK(Date::from_ymd(10000, 1, 1).iso() == "10000-01-01");
    CHECK(Date::from_ymd(-1, 6, 1).iso() == "-1-06-01");
}

TEST_CASE("Date::parse_iso accepts only real YYYY-MM-DD days") {
    CHECK(Date::parse_iso("2024-02-29") == Date::from_ymd(2024, 2, 29));
    CHECK(Date::parse_iso("2000-02-29") == Date::from_ymd(2000, 2, 29));
    CHECK(Date::parse_iso("1970-01-01") == Date{0});
    CHECK(Date::parse_iso("0001-12-31") == Date::from_ymd(1, 12, 31));
    CHECK(Date::parse_iso("2024-12-31") == Date::from_ymd(2024, 12, 31));

    CHECK_FALSE(Date::parse_iso("2023-02-29"));
    CHECK_FALSE(Date::parse_iso("1900-02-29"));
    CHECK_FALSE(Date::parse_iso("2024-13-01"));
    CHECK_FALSE(Date::parse_iso("2024-00-10"));
    CHECK_FALSE(Date::parse_iso("2024-04-31"));
    CHECK_FALSE(Date::parse_iso("2024-01-00"));
    CHECK_FALSE(Date::parse_iso("2024-1-01"));
    CHECK_FALSE(Date::parse_iso("2024-01-1"));
    CHECK_FALSE(Date::parse_iso("2024-01-011"));
    CHECK_FALSE(Date::parse_iso("2024/01/01"));
    CHECK_FALSE(Date::parse_iso("2024-0a-01"));
    CHECK_FALSE(Date::parse_iso("+024-01-01"));
    CHECK_FALSE(Date::parse_iso(" 2024-01-01"));
    CHECK_FALSE(Date::parse_iso(""));
}

TEST_CASE("date_of floors to the UTC day, also before 1970") {
    constexpr Millis day = 86'400'000;
    CHECK(date_of(0) == Date{0});
    CHECK(date_of(day - 1) == Date{0});
    CHECK(date_of(day) == Date{1});
    CHECK(date_of(-1) == Date{-1});
    CHECK(date_of(-day) == Date{-1});
    CHECK(date_of(-day - 1) == Date{-2});
    CHECK(date_of(1'709'251'200'000) == Date::from_ymd(2024, 3, 1));  // 2024-03-01T00:00:00Z
    CHECK(date_of(1'709'251'199'999) == Date::from_ymd(2024, 2, 29));

    CHECK(midnight_utc(Date{0}) == 0);
    CHECK(midnight_utc(Date{-1}) == -day);
    CHECK(midnight_utc(Date::from_ymd(2024, 3, 1)) == 1'709'251'200'000);
    for (const int days : {-800'000, -1, 0, 1, 19782, 2'900'000}) {
        const Date date{days};
        CHECK(date_of(midnight_utc(date)) == date);
        CHECK(date_of(midnight_utc(date) + day - 1) == date);
    }
}

TEST_CASE("partial dates: with or without a year, and 29 February in other years") {
    CHECK(PartialDate::parse("1990-03-12") == PartialDate{1990, 3, 12});
    CHECK(PartialDate::parse("--03-12") == PartialDate{0, 3, 12});
    CHECK(PartialDate::parse("--02-29") == PartialDate{0, 2, 29});
    CHECK_FALSE(PartialDate::parse("1991-02-29"));
    CHECK_FALSE(PartialDate::parse("--02-30"));
    CHECK_FALSE(PartialDate::parse("--13-01"));
    CHECK_FALSE(PartialDate::parse("0000-01-01"));
    CHECK_FALSE(PartialDate::parse("03-12"));
    CHECK(PartialDate{0, 3, 12}.iso() == "--03-12");
    CHECK(PartialDate{1990, 3, 12}.iso() == "1990-03-12");

    const PartialDate leap{0, 2, 29};
    CHECK(leap.next_on_or_after(Date::from_ymd(2023, 1, 1)) == Date::from_ymd(2023, 2, 28));
    CHECK(leap.next_on_or_after(Date::from_ymd(2024, 1, 1)) == Date::from_ymd(2024, 2, 29));
    CHECK(leap.next_on_or_after(Date::from_ymd(2024, 3, 1)) == Date::from_ymd(2025, 2, 28));
    const PartialDate march{1990, 3, 12};
    CHECK(march.next_on_or_after(Date::from_ymd(2026, 3, 12)) == Date::from_ymd(2026, 3, 12));
    CHECK(march.next_on_or_after(Date::from_ymd(2026, 3, 13)) == Date::from_ymd(2027, 3, 12));
    CHECK(march.next_on_or_after(Date::from_ymd(2026, 12, 31)) == Date::from_ymd(2027, 3, 12));
}
