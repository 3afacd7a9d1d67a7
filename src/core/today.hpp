// The daily queue: whom to reach out to, ranked by how overdue and how valuable each tie is, each
// with its reason in words; follow-ups due; birthdays and anniversaries ahead; people met
// recently who need a first follow-up; and the week's plan, filled up to the user's budget and no
// further (the point where keeping up more ties costs more than the user wants to spend).
// `today` is a parameter (the user's local date), so all of it is deterministic and testable.
// Time zones: the engine sees only calendar dates, taken as the user's local days and used as
// they are (an interaction dated today is 0 days ago); the one exception is the day a contact was
// added, the UTC day of meta.created.
#pragma once

#include "core/cadence.hpp"
#include "core/network_stats.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ties {

// What a planned touch costs: a message (5 minutes, one of the day's messages), a call (30
// minutes) or a meeting in person (60 minutes, one of the week's meetings).
enum class TouchKind { Message, Call, Meeting };
std::int32_t minutes_of(TouchKind touch);
std::string_view to_string(TouchKind touch);  // "Message", "Call", "Meet"

// Minutes an interaction took: its duration, else a typical one for its kind (a DM 5, a call 30,
// coffee 60, a meal 90, a meetup 120, an introduction 10, help given 30, help received 15, a note 0).
std::int32_t minutes_spent(const Interaction& interaction);
bool in_person(InteractionKind kind);  // coffee, meal or drinks, meetup
bool is_message(InteractionKind kind);  // online conversation, DM, email

enum class Urgency { Due, Overdue };

struct DueTie {
    Id contact;
    Urgency urgency = Urgency::Due;
    std::int32_t days_since = 0;  // since the last touch; when never touched, since met or added
    bool never_touched = false;
    EffectiveCadence cadence;
    double strength = 0;  // tie_strength().score
    double priority = 0;  // higher first
    TouchKind touch = TouchKind::Message;  // suggested: meet the closest circles, call friends, message the rest
    std::string reason;   // "Last emailed 14 months ago; you wrote first 9 of 12 times; you aim for every 2 months"
};

struct FollowUpDue {
    Id interaction;
    std::vector<Id> people;  // the interaction's live participants
    Date date;
    std::string text;
    bool overdue = false;  // date before today
};

enum class DateKind { Birthday, Anniversary, MetAnniversary };

struct DateAhead {
    Id contact;
    DateKind kind = DateKind::Birthday;
    Date date;                   // the next occurrence, on or after today
    std::int32_t in_days = 0;    // 0 = today .. kDatesLookaheadDays
    std::optional<int> years;    // the age or the anniversary's count, when the year is known
                                 // (a date whose count would be 0 or less is not listed)
};

struct NewTie {
    Id contact;
    Date met;                    // first_met, else the event they were met at, else (added by hand)
                                 // the day added, else (imported) an event attended recently
    std::int32_t days_ago = 0;
    std::string reason;          // "Met 5 days ago at RustConf; a first follow-up keeps the tie warm",
                                 // "Added 3 days ago; ..." when only the day added is known
};

struct PlannedTouch {
    Id contact;
    Date day;
    TouchKind touch = TouchKind::Message;
    std::string reason;  // the DueTie's reason
};

// The week runs Monday to Sunday around today. "Logged" counts interactions dated from Monday to
// today, each once however many people took part.
struct BudgetUse {
    Budget budget;
    std::int32_t meetings_logged = 0;
    std::int32_t minutes_logged = 0;
    std::int32_t messages_logged_today = 0;
    std::int32_t meetings_planned = 0;   // in the plan, from today to Sunday
    std::int32_t minutes_planned = 0;
    std::int32_t messages_planned_today = 0;

    bool minutes_over() const { return minutes_logged > budget.minutes_per_week; }
    bool meetings_over() const { return meetings_logged > budget.meetings_per_week; }
    bool messages_over() const { return messages_logged_today > budget.messages_per_day; }
};

// A tie that is due but left out of this week's plan, with why in words: "Overdue: 610 days, you
// aim for every 3 weeks. Deferred: this week's 180 minutes are spent (195 logged)".
struct DeferredTie {
    Id contact;
    Urgency urgency = Urgency::Due;
    bool closest = false;  // of the Inner or Close circle: shown first, never folded away
    std::string reason;
};

struct WeekPlan {
    Date week_start;                     // Monday
    std::vector<PlannedTouch> touches;   // by day, then priority; never beyond the budget
    std::vector<DeferredTie> over_budget;  // due, but no room this week (ranked)
    BudgetUse use;
};

struct TodayQueue {
    std::vector<DueTie> due;  // everyone due or overdue, ranked
    WeekPlan plan;            // the due ties that fit this week's budget
    std::vector<FollowUpDue> follow_ups;  // not done, dated up to 7 days ahead; oldest first
    std::vector<DateAhead> dates;         // today and the next 14 days, soonest first
    std::vector<NewTie> new_ties;         // met in the last 30 days, no touch since; oldest first
                                          // (an import is not a meeting: see build_today)
};

inline constexpr std::int32_t kFollowUpLookaheadDays = 7;
inline constexpr std::int32_t kDatesLookaheadDays = 14;
inline constexpr std::int32_t kNewTieDays = 30;

// Live, unarchived contacts only; snoozed ones (snoozed_until after today) and those whose
// cadence is never are not due. A tie is due once days_since >= ideal and overdue once
// days_since > max. priority = days_since / ideal x (0.6 + 0.4 x value), where value is the mean
// of the circle's weight (inner 1.0, close 0.85, friends 0.7, meaningful 0.55, acquaintances
// 0.4, recognisable or none 0.3) and the tie strength, plus 0.1 when they helped you or brought an
// opportunity (capped at 1). Overdue ties of the closest circles (Inner, Close) come before all
// others: losing them costs most. Ties are broken by name (ASCII case-insensitive), then id.
// Reasons: the last touch, how long ago (time_ago), who usually reaches out, and the cadence
// (describe()): "Last emailed 14 months ago; you wrote first 9 of 12 times; you aim for every 2
// months", "Last met 3 weeks ago; they reached out first 4 of 5 times; you aim for every week",
// "Never in touch since you met 6 weeks ago; you aim for every 3 weeks" ("since you added them"
// when only the day added is known). The verb is the last touch's: emailed, messaged (a direct
// message), called (a call or video call), met (coffee, a meal, a meetup, an event attended),
// else talked; of touches on the same day the one with the latest time of day (none: earliest),
// then the larger id. Who reaches out is said once at least 3 touches up to today have a known
// initiator, each interaction once: the side that started more (you, at a tie) "wrote first"
// when every one of those touches was a message (online conversation, DM, email), else "reached
// out first". Touch: meet Inner and Close, call Friends, message the rest.
// Snoozed contacts are also left out of new_ties, but their birthdays and anniversaries still
// show. Met anniversaries come from first_met. A new tie has no touch except on the day met.
// New ties: someone met in the last 30 days (first_met, the event they were met at), or added by
// hand in that time; a contact brought in by an import is new only with a recent first_met, met_at
// event or an event attended in that time (an address book says nothing about when you met).
//
// The plan takes the due ties in rank order and puts each on the first day from today to Sunday
// where it fits: a meeting needs one of the week's meetings and 60 of its minutes; a call 30
// minutes; a message 5 minutes and one of that day's messages. What was logged this week counts
// against the week. A meeting that does not fit becomes a call, a call a message; a tie for which
// nothing fits goes to over_budget, with the budget that is spent in its reason. So that the
// week is spread out, calls and meetings fill a day only up to its share of the minutes left this week (at least one meeting's 60): with 180 minutes
// on a Monday that is one meeting or two calls a day; on Sunday the whole rest of the week fits in the day.
TodayQueue build_today(const Store& store, const NetworkStats& stats, Date today);

// --- The pieces build_today is made of, for the incremental outlook (outlook.hpp), which keeps
// one TodayPart per contact and one FollowUpDue per interaction and redoes only what an edit touched.

// "today", "yesterday", "9 days ago" (under 14 days), "3 weeks ago" (under 8 weeks), "14 months
// ago" (under 24 months), "3 years ago"; weeks, months (of 365.2425 / 12 days) and years rounded
// to the nearest whole one.
std::string time_ago(std::int32_t days);

// What one live, unarchived contact adds to the queue. `history` holds the ids of the live
// records that list the contact (interactions, events, opportunities; in any order, each once,
// others are skipped): what the reason says of the last touch and who reaches out comes from it,
// so a person costs only their own history. Without it the reason says "Last talked" and not
// who reaches out.
struct TodayPart {
    std::optional<DueTie> due;
    std::string label;        // contact_label(): ranks equal priorities
    bool closest = false;     // overdue in the Inner or Close circle: ranked first
    bool met_added = false;   // never touched, and only the day added is known
    std::string summary;      // "Overdue: 610 days, you aim for every 3 weeks.", should it be deferred
    std::vector<DateAhead> dates;
    std::optional<Date> new_tie;  // the day met, when they are a new tie
};
// The earliest event each person attended in the last kNewTieDays days (pointers into the store).
using RecentEvents = RecordMap<const Event*>;
RecentEvents recent_events(const Store& store, Date today);
TodayPart today_part(const Store& store, const Contact& contact, const ContactStats& stats, Date today,
                     const RecentEvents& recent, std::span<const Id> history = {});
bool ranks_before(const TodayPart& a, const TodayPart& b);  // of two parts with a due tie
bool date_before(const DateAhead& a, const DateAhead& b);
bool follow_up_before(const FollowUpDue& a, const FollowUpDue& b);
// An interaction's open follow-up when it is due within the lookahead (live interactions only).
std::optional<FollowUpDue> follow_up_due(const Store& store, const Interaction& interaction, Date today);
// Adds (sign 1) or takes back (sign -1) what a live interaction logged this week.
void count_logged(BudgetUse& use, const Interaction& interaction, Date today, int sign);
// Completes a queue whose `due` holds the ties of `ranked`, in that order, from the other parts,
// each list already in order (new_ties as (day met, contact)): the new ties' reasons and the plan.
void finish_today(TodayQueue& queue, const Store& store, Date today, const std::vector<const TodayPart*>& ranked,
                  std::vector<DateAhead> dates, const std::vector<std::pair<Date, Id>>& new_ties,
                  std::vector<FollowUpDue> follow_ups, const BudgetUse& logged, const RecentEvents& recent);

}  // namespace ties
