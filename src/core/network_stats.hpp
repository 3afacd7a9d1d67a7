// What the history says about each person, gathered in one pass over the interactions and the
// events they attended, as of a given day ("now" is a parameter so every result can be tested).
// Records dated after that day are planned, not history: they are left out. A touch is an
// interaction of any kind but a Note (writing about someone is not being in touch), or an event
// attended; a person listed twice on one record counts once. Initiators count for every
// participant of an interaction; events have none.
#pragma once

#include "core/store.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace ties {

struct ContactStats {
    std::optional<Date> first_touch;   // earliest interaction or event attended, up to today
    std::optional<Date> last_touch;    // latest one, up to today
    std::int32_t touch_days = 0;       // distinct days with a touch, up to today
    std::int32_t touch_days_year = 0;  // distinct days with a touch in the 365 days ending today
    std::int32_t initiated_by_me = 0;
    std::int32_t initiated_by_them = 0;
    std::int32_t help_given = 0;       // HelpGiven and IntroductionMade interactions
    std::int32_t help_received = 0;    // HelpReceived interactions
    std::optional<Date> last_help_given;
    std::optional<Date> last_help_received;
    std::int32_t opportunities = 0;    // opportunities that came through them (any date)
};

class NetworkStats {
public:
    // Deleted records are skipped; participants that are not live contacts are ignored.
    static NetworkStats build(const Store& store, Date today);

    Date today() const { return today_; }
    const ContactStats& of(Id contact) const;  // all zero for a contact with no history

    // For the incremental outlook: one live contact's statistics from just the records that list
    // it (interactions, events, opportunities, in any order, each once; others are skipped), by
    // the rules of build(). And setting them, or dropping a contact that is no longer live.
    static ContactStats of_history(const Store& store, Id contact, const std::vector<Id>& records, Date today);
    void set(Id contact, const ContactStats& stats);
    void erase(Id contact);

private:
    Date today_;
    RecordMap<std::uint32_t> index_;  // contact id -> position in stats_
    std::vector<ContactStats> stats_;
    std::vector<Id> ids_;  // whose stats_ each is
};

}  // namespace ties
