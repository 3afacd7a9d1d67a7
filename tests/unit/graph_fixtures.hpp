// Small networks for the graph and map tests: people by number, touches and events among them,
// and a store loaded from the records in a shuffled order when asked (the result must not depend
// on it).
#pragma once

#include "core/store.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ties::graph_fixtures {

inline const Date kToday = Date::from_ymd(2026, 12, 1);

inline Id person_id(std::uint64_t n) { return Id{0xC0, n}; }

inline Contact person(std::uint64_t n, std::string company = "", std::string city = "", std::vector<std::string> tags = {}) {
    Contact c;
    c.meta.id = person_id(n);
    c.display_name = "P" + std::to_string(n);
    c.company = std::move(company);
    c.city = std::move(city);
    c.tags = std::move(tags);
    return c;
}

// A touch with you and these people, `days_ago`.
inline Record touch(std::uint64_t n, std::vector<std::uint64_t> people, int days_ago = 10) {
    Interaction i;
    i.meta.id = Id{0x1A, n};
    i.date = Date{kToday.days - days_ago};
    i.kind = InteractionKind::Email;
    for (const std::uint64_t p : people) i.participants.push_back(person_id(p));
    return i;
}

// An event these people attend, `days_from_today` (in the past: a touch with each of them).
inline Record event(std::uint64_t n, std::vector<std::uint64_t> people, int days_from_today = -30) {
    Event e;
    e.meta.id = Id{0xE0, n};
    e.name = "Meetup " + std::to_string(n);
    e.date = Date{kToday.days + days_from_today};
    for (const std::uint64_t p : people) e.attendees.push_back(person_id(p));
    return e;
}

inline Store store_of(std::vector<Record> records, std::uint64_t shuffle = 0) {
    if (shuffle) std::shuffle(records.begin(), records.end(), std::mt19937_64(shuffle));
    Store store;
    for (const Record& r : records) store.load(r);
    return store;
}

}  // namespace ties::graph_fixtures
