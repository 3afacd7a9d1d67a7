// What the Today page, the contact pages and Insights derive from the store for one day: the
// history's statistics, the Today queue and week plan, the give-and-take ledger and the suggested
// circles. Computed from scratch once (compute_outlook, also the reference the tests hold the rest
// to), then brought up to date from the records each edit changed (Store::changes_since): only
// the people those records list or were are recomputed, and the lists are re-ranked from kept
// per-person parts. A load, a clear, a settings change or a new day recompute everything.
#pragma once

#include "core/give_take.hpp"
#include "core/strength.hpp"
#include "core/today.hpp"

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace ties {

struct Outlook {
    NetworkStats stats;
    TodayQueue today;
    Ledger ledger;
    RecordMap<TierSuggestion> suggestions;
};

// The outlook from scratch, with no state kept.
Outlook compute_outlook(const Store& store, Date today);

class OutlookCache {
public:
    // Brings the outlook up to date with the store and the day; returns the cached one when
    // neither changed.
    const Outlook& get(const Store& store, Date today);
    std::size_t full_rebuilds() const { return full_rebuilds_; }  // how often get() started over

private:
    struct RankLess {
        bool operator()(const TodayPart* a, const TodayPart* b) const { return ranks_before(*a, *b); }
    };
    struct DateLess {
        bool operator()(const DateAhead& a, const DateAhead& b) const { return date_before(a, b); }
    };
    struct FollowUpLess {
        bool operator()(const FollowUpDue& a, const FollowUpDue& b) const { return follow_up_before(a, b); }
    };
    struct ScoreLess {
        bool operator()(const TierSuggestion& a, const TierSuggestion& b) const { return suggestion_before(a, b); }
    };

    void rebuild(const Store& store, Date today);
    void update(const Store& store, const std::vector<RecordChange>& changes);
    void drop_contact(Id contact);                      // takes a contact's parts out of every list
    // Adds a live contact's parts; in bulk (a rebuild), unsorted, for finish_bulk() to sort.
    void add_contact(const Store& store, Id contact, const RecentEvents& recent, bool bulk);
    void finish_bulk();
    void refresh_follow_up(const Store& store, Id interaction);
    void assemble(const Store& store, const RecentEvents& recent);

    std::uint64_t version_ = ~std::uint64_t{0};
    Date day_;
    Outlook outlook_;
    std::size_t full_rebuilds_ = 0;

    // Indexes: who each record concerns, kept as the records are (live records only).
    RecordMap<std::vector<Id>> history_;     // contact -> interactions, events, opportunities listing them
    RecordMap<std::vector<Id>> introduced_;  // contact -> contacts whose introduced_by names them
    RecordMap<std::vector<Id>> met_at_;      // event -> contacts whose met_at names it
    // Per-person and per-record parts, and the lists ranked from them.
    // The long lists (the due ties, the ledger's people and nudges) are kept sorted in place, with
    // what ranks them alongside: an edit moves a few entries instead of rebuilding the lists.
    RecordMap<TodayPart> parts_;             // live, unarchived contacts
    std::vector<const TodayPart*> ranked_;   // the parts with a due tie, as outlook_.today.due
    std::set<DateAhead, DateLess> dates_;
    std::set<std::pair<Date, Id>> new_ties_;
    RecordMap<Date> follow_up_dates_;        // interaction -> its entry in follow_ups_
    std::set<FollowUpDue, FollowUpLess> follow_ups_;
    BudgetUse logged_;
    RecordMap<GiveTake> give_take_;          // as in outlook_.ledger.people
    std::vector<GiveTake> repay_;            // as outlook_.ledger.to_repay
    std::vector<GiveTake> ask_;              // as outlook_.ledger.could_ask
    RecordMap<int> help_counted_;            // record -> help_counted(), when not 0
    std::int32_t given_ = 0;                 // the overall counts help_counted_ adds up to
    std::int32_t received_ = 0;
    std::set<TierSuggestion, ScoreLess> scores_;
    std::vector<Id> layered_;                // who had a layer above Recognisable
    std::vector<DateAhead> bulk_dates_;      // gathered by a rebuild, for finish_bulk()
    std::vector<TierSuggestion> bulk_scores_;
};

}  // namespace ties
