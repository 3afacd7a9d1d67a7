// A fixed "today" and small builders shared by the keep-in-touch engine's tests, so each test
// file says only what is particular to it.
#pragma once

#include "core/model.hpp"

#include <cstdint>
#include <string>

namespace ties::test {

inline const Date kToday = Date::from_ymd(2024, 6, 12);  // a Wednesday

inline Id id_of(std::uint64_t n) { return Id{1, n}; }

inline Date days_ago(int days) { return Date{kToday.days - days}; }

inline Contact person(std::uint64_t n) {
    Contact c;
    c.meta.id = id_of(n);
    c.display_name = "Person " + std::to_string(n);
    return c;
}

}  // namespace ties::test
