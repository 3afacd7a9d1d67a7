// A believable sample network for the first-run "explore with sample data", and for benchmarks:
// people with names in Latin, Greek and Cyrillic scripts, companies, cities, tags, handles,
// tiers, interactions of every kind spread over the past two years, events and opportunities.
// Deterministic for a given seed.
#pragma once

#include "core/store.hpp"

#include <cstddef>
#include <cstdint>

namespace ties {

struct SampleSize {
    std::size_t contacts = 60;
    std::size_t interactions = 400;
    std::size_t events = 6;
    std::size_t opportunities = 8;
};

// Records (with ids from `seed`, times relative to `now`) ready for Store::apply as one Change
// ("Add sample data") or for Store::load in benchmarks.
Change make_sample_data(std::uint64_t seed, Millis now, Date today, SampleSize size = {});

}  // namespace ties
