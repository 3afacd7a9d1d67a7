#include "core/outlook.hpp"

namespace ties {

const Outlook& OutlookCache::get(const Store& store, Date today) {
    if (version_ == store.version() && day_ == today) return outlook_;
    outlook_.stats = NetworkStats::build(store, today);
    outlook_.today = build_today(store, outlook_.stats, today);
    outlook_.ledger = build_ledger(store, today);
    outlook_.suggestions.clear();
    for (const TierSuggestion& s : suggest_tiers(store, outlook_.stats)) outlook_.suggestions.emplace(s.contact, s);
    version_ = store.version();
    day_ = today;
    return outlook_;
}

}  // namespace ties
