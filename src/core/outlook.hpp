// What the Today page, the contact pages and Insights derive from the store for one day, computed
// together once per store version and day (never per frame): the history's statistics, the
// Today queue and week plan, the give-and-take ledger and the suggested circles.
#pragma once

#include "core/give_take.hpp"
#include "core/strength.hpp"
#include "core/today.hpp"

#include <cstdint>

namespace ties {

struct Outlook {
    NetworkStats stats;
    TodayQueue today;
    Ledger ledger;
    RecordMap<TierSuggestion> suggestions;
};

class OutlookCache {
public:
    // Recomputes when the store changed or the day turned; otherwise returns the cached outlook.
    const Outlook& get(const Store& store, Date today);

private:
    std::uint64_t version_ = ~std::uint64_t{0};
    Date day_;
    Outlook outlook_;
};

}  // namespace ties
