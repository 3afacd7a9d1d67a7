// Store generation shared by the storage benchmarks (native storage_bench.cpp and the browser's
// browser/bench_web.cpp), so both measure the same data and the same edit and their numbers
// compare. Header-only and portable C++: it builds with g++ and with Emscripten.
#pragma once

#include "core/store.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ties::bench {

inline constexpr Millis kNow = 1'725'000'000'000;

// A store of plausible size and shape: contacts with a few fields filled, interactions with one
// or two participants, notes, and a follow-up on every fifth.
inline Store make_store(std::size_t contacts, std::size_t interactions, IdGenerator& ids) {
    Store store;
    std::vector<Id> people;
    people.reserve(contacts);
    for (std::size_t i = 0; i < contacts; ++i) {
        Contact c;
        c.meta = {ids.next(), kNow, kNow, false};
        c.display_name = "Person " + std::to_string(i);
        c.given_name = "Person";
        c.family_name = std::to_string(i);
        c.company = "Company " + std::to_string(i % 500);
        c.city = "Oslo";
        c.emails = {{"person" + std::to_string(i) + "@example.org", {}}};
        c.handles = {Handle{HandleKind::Mastodon, "@p" + std::to_string(i) + "@example.social"}};
        c.tags = {"bench", i % 2 ? "odd" : "even"};
        c.tier = static_cast<Tier>(i % 7);
        c.cadence_days = 30;
        c.notes = "Met at a meetup; likes compilers and coffee.";
        people.push_back(c.meta.id);
        store.load(std::move(c));
    }
    for (std::size_t i = 0; i < interactions; ++i) {
        Interaction it;
        it.meta = {ids.next(), kNow, kNow, false};
        it.date = Date::from_ymd(2020 + static_cast<int>(i % 5), 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 28));
        it.minute_of_day = static_cast<std::int32_t>(i % 1440);
        it.kind = static_cast<InteractionKind>(i % 12);
        it.participants = {people[i % people.size()]};
        if (i % 3 == 0) it.participants.push_back(people[(i * 7 + 1) % people.size()]);
        it.initiator = static_cast<Initiator>(i % 3);
        it.duration_minutes = 30;
        it.notes = "Talked about the project, next steps and a paper to read. #" + std::to_string(i);
        if (i % 5 == 0) it.follow_up = FollowUp{it.date, "Send the paper", false};
        store.load(std::move(it));
    }
    return store;
}

// The one small edit both benchmarks save: new notes on an existing interaction, applied as a
// user edit would be (undo step, marked unsaved for the next journal).
inline void apply_one_edit(Store& store, const Id& target, int round) {
    Interaction edited = *store.interaction(target);
    edited.notes = "Edited " + std::to_string(round);
    store.apply(save_interaction(edited), kNow + round);
}

}  // namespace ties::bench
