// The Today queue in passes: one over contacts (due ties, dates ahead, new ties), one over
// interactions and events for the last touch of each due tie and who started the touches, and one
// over interactions (follow-ups, what was logged this week). Words and names are built only for
// the people who make it into the queue, so a large network costs little more than its arithmetic.
#include "core/today.hpp"

#include "core/strength.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace ties {
namespace {

// A circle's weight in the priority, indexed by Tier (None counts like Recognisable).
constexpr std::array<double, kTierCount> kCircleWeight = {0.3, 1.0, 0.85, 0.7, 0.55, 0.4, 0.3};
constexpr double kHelpedBonus = 0.1;

constexpr double kDaysPerMonth = 365.2425 / 12;
constexpr double kDaysPerYear = 365.2425;
constexpr std::int32_t kKnownInitiatorsToSay = 3;  // who reaches out is said from this many on

std::string ago(int days) {
    if (days <= 0) return "today";
    if (days == 1) return "yesterday";
    return std::to_string(days) + " days ago";
}

std::string units_ago(long count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many) + " ago";
}

// What a person's history says for the reason: the last touch, and who started the touches.
struct TouchHistory {
    bool touched = false;  // a touch up to today
    Date day;              // the last touch's
    int minute = -1;       // its time of day, -1 when not known (an event has none)
    Id record;
    InteractionKind kind = InteractionKind::Meetup;  // an event attended counts as a meetup
    std::int32_t by_me = 0;
    std::int32_t by_them = 0;
    bool all_written = true;  // every touch with a known initiator was a message
};

// Later day, then later time of day, then the larger id: the same last touch in any order.
void consider(TouchHistory& h, Date day, int minute, Id record, InteractionKind kind) {
    if (h.touched && std::tie(day, minute, record) <= std::tie(h.day, h.minute, h.record)) return;
    h.touched = true;
    h.day = day;
    h.minute = minute;
    h.record = record;
    h.kind = kind;
}

// A live interaction up to today that lists the person (not a note: writing about someone is not
// being in touch), counted once.
void add_touch(TouchHistory& h, const Interaction& i, Id record) {
    consider(h, i.date, i.minute_of_day.value_or(-1), record, i.kind);
    if (i.initiator == Initiator::Unknown) return;
    ++(i.initiator == Initiator::Me ? h.by_me : h.by_them);
    h.all_written = h.all_written && is_message(i.kind);
}

bool is_touch(const Interaction& i, Date today) {
    return !i.meta.deleted && i.date <= today && counts_as_touch(i.kind);
}

bool lists(const std::vector<Id>& people, Id person) {
    return std::find(people.begin(), people.end(), person) != people.end();
}

// From the person's own records only: a due tie costs its history, never a pass over everyone's.
TouchHistory touch_history(const Store& store, Id person, std::span<const Id> history, Date today) {
    TouchHistory h;
    for (const Id& id : history) {
        if (const Interaction* i = store.interaction(id)) {
            if (is_touch(*i, today) && lists(i->participants, person)) add_touch(h, *i, id);
        } else if (const Event* e = store.event(id)) {
            if (e->date <= today && lists(e->attendees, person)) consider(h, e->date, -1, id, InteractionKind::Meetup);
        }
    }
    return h;
}

std::string_view verb_of(InteractionKind kind) {
    switch (kind) {
        case InteractionKind::Email: return "emailed";
        case InteractionKind::DirectMessage: return "messaged";
        case InteractionKind::Call:
        case InteractionKind::VideoCall: return "called";
        case InteractionKind::Coffee:
        case InteractionKind::MealOrDrinks:
        case InteractionKind::Meetup: return "met";
        default: return "talked";
    }
}

// "you wrote first 9 of 12 times", "they reached out first 4 of 5 times"; "" under 3 known.
std::string who_reaches_out(const TouchHistory& h) {
    const std::int32_t known = h.by_me + h.by_them;
    if (known < kKnownInitiatorsToSay) return "";
    const bool me = h.by_me >= h.by_them;
    return std::string(me ? "you" : "they") + (h.all_written ? " wrote first " : " reached out first ") +
           std::to_string(me ? h.by_me : h.by_them) + " of " + std::to_string(known) + " times";
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive for ASCII, then exact, so the order is total and stable across runs.
bool name_less(const std::string& a, const std::string& b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = ascii_lower(a[i]);
        const char y = ascii_lower(b[i]);
        if (x != y) return x < y;
    }
    if (a.size() != b.size()) return a.size() < b.size();
    return a < b;
}

struct Met {
    Date day;
    const Event* event = nullptr;
    bool added = false;  // no first_met and no event: the day the contact was added
    bool known = true;   // false: imported with nothing that says when you met
};

Met met_of(const Store& store, const Contact& contact, const RecentEvents& recent) {
    const Event* event = contact.met_at ? store.event(*contact.met_at) : nullptr;
    if (contact.first_met) return Met{*contact.first_met, event, false, true};
    if (event) return Met{event->date, event, false, true};
    const Date added = date_of(contact.meta.created);
    if (contact.origin == ContactOrigin::Imported) {
        const auto found = recent.find(contact.meta.id);
        if (found != recent.end()) return Met{found->second->date, found->second, false, true};
        return Met{added, nullptr, true, false};
    }
    return Met{added, nullptr, true, true};
}

bool valid_yearly(const PartialDate& date) {
    return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31;
}

void add_date(std::vector<DateAhead>& out, Id contact, DateKind kind, const PartialDate& yearly, Date today) {
    if (!valid_yearly(yearly)) return;
    const Date next = yearly.next_on_or_after(today);
    const std::int32_t in_days = next.days - today.days;
    if (in_days > kDatesLookaheadDays) return;
    DateAhead ahead;
    ahead.contact = contact;
    ahead.kind = kind;
    ahead.date = next;
    ahead.in_days = in_days;
    if (yearly.year > 0) {
        const int years = next.year() - yearly.year;
        if (years <= 0) return;  // the day itself, or a date yet to come: no anniversary yet
        ahead.years = years;
    }
    out.push_back(ahead);
}

TouchKind touch_for(Tier tier) {
    switch (tier) {
        case Tier::Inner:
        case Tier::Close: return TouchKind::Meeting;
        case Tier::Friends: return TouchKind::Call;
        default: return TouchKind::Message;
    }
}

std::string due_reason(const DueTie& tie, const Met* met, const TouchHistory& history) {
    std::string out;
    if (tie.never_touched) {
        out = met && met->added ? "Never in touch since you added them " : "Never in touch since you met ";
        out += time_ago(tie.days_since);
    } else {
        out = "Last " + std::string(history.touched ? verb_of(history.kind) : "talked") + " " + time_ago(tie.days_since);
        if (const std::string who = who_reaches_out(history); !who.empty()) out += "; " + who;
    }
    return out + "; you aim for " + describe(tie.cadence.cadence);
}

// For build_today: the histories of the touched due ties (each part's reason still to write),
// in one pass over the interactions and events up to today; then their reasons.
void write_touched_reasons(std::vector<TodayPart>& parts, const Store& store, Date today) {
    RecordMap<TouchHistory> wanted;
    for (const TodayPart& part : parts)
        if (part.due && !part.due->never_touched) wanted.emplace(part.due->contact, TouchHistory{});
    if (wanted.empty()) return;
    // Each person once per record, even when listed twice.
    const auto each_person = [&wanted](const std::vector<Id>& people, auto&& add) {
        for (auto at = people.begin(); at != people.end(); ++at) {
            if (std::find(people.begin(), at, *at) != at) continue;
            if (const auto found = wanted.find(*at); found != wanted.end()) add(found->second);
        }
    };
    // (Entries, not structured bindings: Emscripten's clang 14 cannot capture those in lambdas.)
    for (const auto& entry : store.interactions()) {
        const Interaction& interaction = entry.second;
        if (!is_touch(interaction, today)) continue;
        each_person(interaction.participants, [&](TouchHistory& h) { add_touch(h, interaction, entry.first); });
    }
    for (const auto& entry : store.events()) {
        const Event& event = entry.second;
        if (event.meta.deleted || event.date > today) continue;
        each_person(event.attendees, [&](TouchHistory& h) { consider(h, event.date, -1, entry.first, InteractionKind::Meetup); });
    }
    for (TodayPart& part : parts)
        if (part.due && !part.due->never_touched) part.due->reason = due_reason(*part.due, nullptr, wanted[part.due->contact]);
}

// "Overdue: 610 days, you aim for every 3 weeks." (the first half of a deferred tie's reason)
std::string due_summary(const DueTie& tie, bool met_added) {
    std::string out = tie.urgency == Urgency::Overdue ? "Overdue: " : "Due: ";
    out += std::to_string(tie.days_since) + (tie.days_since == 1 ? " day" : " days");
    if (tie.never_touched) out += met_added ? " since you added them" : " since you met";
    return out + ", you aim for " + describe(tie.cadence.cadence) + ".";
}

// "(195 logged)", "(150 logged, 30 planned)", "" when neither.
std::string spent_detail(std::int32_t logged, std::int32_t planned) {
    std::string out;
    if (logged > 0) out = std::to_string(logged) + " logged";
    if (planned > 0) out += (out.empty() ? "" : ", ") + std::to_string(planned) + " planned";
    return out.empty() ? out : " (" + out + ")";
}

// Which budget keeps a tie out of the week, once the plan is made: even a message does not fit,
// so either the week's minutes are spent or the messages of every day left are.
std::string deferred_because(const BudgetUse& use, Date today) {
    const Budget& budget = use.budget;
    const std::int32_t minutes = use.minutes_logged + use.minutes_planned;
    if (budget.minutes_per_week - minutes < minutes_of(TouchKind::Message)) {
        if (budget.minutes_per_week <= 0) return "Deferred: your budget has no minutes for your network.";
        return "Deferred: this week's " + std::to_string(budget.minutes_per_week) + " minutes are spent" +
               spent_detail(use.minutes_logged, use.minutes_planned) + ".";
    }
    const std::string messages =
        std::to_string(budget.messages_per_day) + (budget.messages_per_day == 1 ? " message" : " messages");
    if (budget.messages_per_day <= 0) return "Deferred: your budget has no messages, and the days are full.";
    if (today.weekday() == 6)
        return "Deferred: today's " + messages + (budget.messages_per_day == 1 ? " is" : " are") + " spent" +
               spent_detail(use.messages_logged_today, use.messages_planned_today) + ", and the week ends today.";
    return "Deferred: every day until Sunday already has its " + messages + " planned.";
}

// The week plan: each tie, in rank order, on the first day with room for its touch, else a
// lighter touch, else over budget.
WeekPlan plan_week(const std::vector<DueTie>& due, const std::vector<const TodayPart*>& ranked, const Budget& budget,
                   const BudgetUse& logged, Date today) {
    WeekPlan plan;
    plan.week_start = Date{today.days - today.weekday()};
    plan.use = logged;
    plan.use.budget = budget;
    const int days_left = 7 - today.weekday();
    int meetings_left = std::max(0, budget.meetings_per_week - logged.meetings_logged);
    int minutes_left = std::max(0, budget.minutes_per_week - logged.minutes_logged);
    // Calls and meetings take at most a fair share of the week's minutes per day (at least an
    // hour), so they spread over the week instead of piling up today.
    const int day_cap = std::max(minutes_of(TouchKind::Meeting), (minutes_left + days_left - 1) / days_left);
    std::array<int, 7> day_minutes{};
    std::array<int, 7> day_messages{};
    const auto messages_allowed = [&](int day) {
        return budget.messages_per_day - (day == 0 ? logged.messages_logged_today : 0);
    };
    const auto fits = [&](TouchKind touch, int day) {
        const int minutes = minutes_of(touch);
        if (minutes > minutes_left) return false;
        if (touch == TouchKind::Message) return day_messages[day] < messages_allowed(day);
        if (touch == TouchKind::Meeting && meetings_left <= 0) return false;
        return day_minutes[day] + minutes <= day_cap;
    };

    std::vector<std::size_t> deferred;
    for (std::size_t n = 0; n < due.size(); ++n) {
        const DueTie& tie = due[n];
        bool placed = false;
        for (TouchKind touch = tie.touch; !placed;) {
            for (int day = 0; day < days_left && !placed; ++day) {
                if (!fits(touch, day)) continue;
                placed = true;
                const int minutes = minutes_of(touch);
                minutes_left -= minutes;
                plan.use.minutes_planned += minutes;
                if (touch == TouchKind::Message) {
                    ++day_messages[day];
                    if (day == 0) ++plan.use.messages_planned_today;
                } else {
                    day_minutes[day] += minutes;
                }
                if (touch == TouchKind::Meeting) {
                    --meetings_left;
                    ++plan.use.meetings_planned;
                }
                plan.touches.push_back(PlannedTouch{tie.contact, Date{today.days + day}, touch, tie.reason});
            }
            if (touch == TouchKind::Message) break;
            touch = touch == TouchKind::Meeting ? TouchKind::Call : TouchKind::Message;
        }
        if (!placed) deferred.push_back(n);
    }
    // Said once the plan is made: a tie that did not fit then fits no better now.
    const std::string because = deferred.empty() ? "" : deferred_because(plan.use, today);
    for (const std::size_t n : deferred) {
        const DueTie& tie = due[n];
        plan.over_budget.push_back(
            DeferredTie{tie.contact, tie.urgency, ranked[n]->closest, ranked[n]->summary + " " + because});
    }
    std::stable_sort(plan.touches.begin(), plan.touches.end(),
                     [](const PlannedTouch& a, const PlannedTouch& b) { return a.day < b.day; });
    return plan;
}

}  // namespace

std::string time_ago(std::int32_t days) {
    if (days < 14) return ago(days);
    if (days < 56) return units_ago(std::lround(days / 7.0), "week", "weeks");
    if (const long months = std::lround(days / kDaysPerMonth); months < 24) return units_ago(months, "month", "months");
    return units_ago(std::lround(days / kDaysPerYear), "year", "years");
}

std::int32_t minutes_of(TouchKind touch) {
    switch (touch) {
        case TouchKind::Message: return 5;
        case TouchKind::Call: return 30;
        case TouchKind::Meeting: return 60;
    }
    return 0;
}

std::string_view to_string(TouchKind touch) {
    switch (touch) {
        case TouchKind::Message: return "Message";
        case TouchKind::Call: return "Call";
        case TouchKind::Meeting: return "Meet";
    }
    return "Unknown";
}

std::int32_t minutes_spent(const Interaction& interaction) {
    if (interaction.duration_minutes && *interaction.duration_minutes >= 0) return *interaction.duration_minutes;
    switch (interaction.kind) {
        case InteractionKind::OnlineConversation:
        case InteractionKind::DirectMessage:
        case InteractionKind::Email: return 5;
        case InteractionKind::Call:
        case InteractionKind::VideoCall: return 30;
        case InteractionKind::Coffee: return 60;
        case InteractionKind::MealOrDrinks: return 90;
        case InteractionKind::Meetup: return 120;
        case InteractionKind::IntroductionMade: return 10;
        case InteractionKind::HelpGiven: return 30;
        case InteractionKind::HelpReceived: return 15;
        case InteractionKind::Note: return 0;
        case InteractionKind::Ask: return 10;  // writing the question
    }
    return 0;
}

bool in_person(InteractionKind kind) {
    return kind == InteractionKind::Coffee || kind == InteractionKind::MealOrDrinks || kind == InteractionKind::Meetup;
}

bool is_message(InteractionKind kind) {
    return kind == InteractionKind::OnlineConversation || kind == InteractionKind::DirectMessage ||
           kind == InteractionKind::Email;
}

// The earliest event each person attended in the last kNewTieDays days: for imported contacts,
// the only sign of a recent meeting besides a first_met date. Events are few; this is one pass.
RecentEvents recent_events(const Store& store, Date today) {
    RecentEvents out;
    for (const auto& [id, event] : store.events()) {
        if (event.meta.deleted || event.date > today || event.date.days < today.days - kNewTieDays) continue;
        for (const Id& person : event.attendees) {
            auto [at, inserted] = out.emplace(person, &event);
            if (!inserted && event.date < at->second->date) at->second = &event;
        }
    }
    return out;
}

namespace {

// today_part, given the person's history; without it (build_today), a touched due tie's reason is
// left for write_touched_reasons.
TodayPart make_part(const Store& store, const Contact& contact, const ContactStats& s, Date today,
                    const RecentEvents& recent, const std::span<const Id>* history) {
    TodayPart part;
    const Id id = contact.meta.id;
    if (contact.birthday) add_date(part.dates, id, DateKind::Birthday, *contact.birthday, today);
    if (contact.anniversary) add_date(part.dates, id, DateKind::Anniversary, *contact.anniversary, today);
    if (contact.first_met) {
        const Date met = *contact.first_met;
        add_date(part.dates, id, DateKind::MetAnniversary, PartialDate{met.year(), met.month(), met.day()}, today);
    }
    if (contact.snoozed_until && *contact.snoozed_until > today) return part;

    // A new tie has no touch but on the day they met, so only these need the met day.
    std::optional<Met> met;
    const bool maybe_new =
        !s.last_touch || (*s.first_touch == *s.last_touch && s.last_touch->days >= today.days - kNewTieDays);
    if (maybe_new) {
        met = met_of(store, contact, recent);
        const std::int32_t days_ago = today.days - met->day.days;
        if (met->known && days_ago >= 0 && days_ago <= kNewTieDays && (!s.last_touch || *s.last_touch == met->day)) {
            part.new_tie = met->day;
        }
    }

    EffectiveCadence cadence = cadence_for(contact, store.settings());
    if (cadence.cadence.never()) return part;
    DueTie tie;
    if (s.last_touch) {
        tie.days_since = today.days - s.last_touch->days;
    } else {
        if (!met) met = met_of(store, contact, recent);
        tie.never_touched = true;
        tie.days_since = std::max(0, today.days - met->day.days);
    }
    if (tie.days_since < cadence.cadence.ideal_days) return part;

    tie.contact = id;
    tie.urgency = tie.days_since > cadence.cadence.max_days ? Urgency::Overdue : Urgency::Due;
    tie.cadence = std::move(cadence);
    tie.strength = tie_score(contact, s, today);
    const auto tier = static_cast<std::size_t>(contact.tier);
    const double circle = tier < kCircleWeight.size() ? kCircleWeight[tier] : kCircleWeight[0];
    const bool helped = s.help_received > 0 || s.opportunities > 0;
    const double value = std::min(1.0, (circle + tie.strength) / 2 + (helped ? kHelpedBonus : 0.0));
    tie.priority = static_cast<double>(tie.days_since) / tie.cadence.cadence.ideal_days * (0.6 + 0.4 * value);
    tie.touch = touch_for(contact.tier);
    if (tie.never_touched) tie.reason = due_reason(tie, met ? &*met : nullptr, TouchHistory{});
    else if (history) tie.reason = due_reason(tie, nullptr, touch_history(store, id, *history, today));
    part.closest = tie.urgency == Urgency::Overdue && (contact.tier == Tier::Inner || contact.tier == Tier::Close);
    part.met_added = tie.never_touched && met && met->added;
    part.label = contact_label(contact);
    part.summary = due_summary(tie, part.met_added);
    part.due = std::move(tie);
    return part;
}

}  // namespace

TodayPart today_part(const Store& store, const Contact& contact, const ContactStats& stats, Date today,
                     const RecentEvents& recent, std::span<const Id> history) {
    return make_part(store, contact, stats, today, recent, &history);
}

bool ranks_before(const TodayPart& a, const TodayPart& b) {
    if (a.closest != b.closest) return a.closest;
    if (a.due->priority != b.due->priority) return a.due->priority > b.due->priority;
    if (a.label != b.label) return name_less(a.label, b.label);
    return a.due->contact < b.due->contact;
}

bool date_before(const DateAhead& a, const DateAhead& b) {
    if (a.in_days != b.in_days) return a.in_days < b.in_days;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.contact < b.contact;
}

bool follow_up_before(const FollowUpDue& a, const FollowUpDue& b) {
    return a.date != b.date ? a.date < b.date : a.interaction < b.interaction;
}

std::optional<FollowUpDue> follow_up_due(const Store& store, const Interaction& interaction, Date today) {
    const auto& follow_up = interaction.follow_up;
    if (interaction.meta.deleted || !follow_up || follow_up->done ||
        follow_up->date.days > today.days + kFollowUpLookaheadDays)
        return std::nullopt;
    FollowUpDue item;
    item.interaction = interaction.meta.id;
    for (const Id& person : interaction.participants) {
        const bool listed = std::find(item.people.begin(), item.people.end(), person) != item.people.end();
        if (!listed && store.contact(person)) item.people.push_back(person);
    }
    item.date = follow_up->date;
    item.text = follow_up->text;
    item.overdue = follow_up->date < today;
    return item;
}

void count_logged(BudgetUse& use, const Interaction& interaction, Date today, int sign) {
    const Date week_start{today.days - today.weekday()};
    if (interaction.meta.deleted || interaction.date < week_start || interaction.date > today) return;
    use.minutes_logged += sign * minutes_spent(interaction);
    if (in_person(interaction.kind)) use.meetings_logged += sign;
    if (is_message(interaction.kind) && interaction.date == today) use.messages_logged_today += sign;
}

void finish_today(TodayQueue& queue, const Store& store, Date today, const std::vector<const TodayPart*>& ranked,
                  std::vector<DateAhead> dates, const std::vector<std::pair<Date, Id>>& new_ties,
                  std::vector<FollowUpDue> follow_ups, const BudgetUse& logged, const RecentEvents& recent) {
    queue.dates = std::move(dates);
    queue.new_ties.clear();
    queue.new_ties.reserve(new_ties.size());
    for (const auto& [day, id] : new_ties) {
        const Contact& contact = *store.contact(id);
        const Met met = met_of(store, contact, recent);
        NewTie tie;
        tie.contact = id;
        tie.met = day;
        tie.days_ago = today.days - day.days;
        tie.reason = (met.added ? "Added " : "Met ") + ago(tie.days_ago);
        if (met.event && !met.event->name.empty()) tie.reason += " at " + met.event->name;
        tie.reason += "; a first follow-up keeps the tie warm";
        queue.new_ties.push_back(std::move(tie));
    }
    queue.follow_ups = std::move(follow_ups);
    queue.plan = plan_week(queue.due, ranked, store.settings().budget, logged, today);
}

TodayQueue build_today(const Store& store, const NetworkStats& stats, Date today) {
    const RecentEvents recent = recent_events(store, today);
    std::vector<TodayPart> parts;
    std::vector<DateAhead> dates;
    std::vector<std::pair<Date, Id>> new_ties;
    for (const auto& [id, contact] : store.contacts()) {
        if (contact.meta.deleted || contact.archived) continue;
        TodayPart part = make_part(store, contact, stats.of(id), today, recent, nullptr);
        dates.insert(dates.end(), part.dates.begin(), part.dates.end());
        if (part.new_tie) new_ties.emplace_back(*part.new_tie, id);
        if (part.due) parts.push_back(std::move(part));
    }
    write_touched_reasons(parts, store, today);
    std::vector<const TodayPart*> ranked;
    ranked.reserve(parts.size());
    for (const TodayPart& part : parts) ranked.push_back(&part);
    std::sort(ranked.begin(), ranked.end(), [](const TodayPart* a, const TodayPart* b) { return ranks_before(*a, *b); });
    std::sort(dates.begin(), dates.end(), date_before);
    std::sort(new_ties.begin(), new_ties.end());

    BudgetUse logged;
    std::vector<FollowUpDue> follow_ups;
    for (const auto& [id, interaction] : store.interactions()) {
        count_logged(logged, interaction, today, 1);
        if (auto item = follow_up_due(store, interaction, today)) follow_ups.push_back(std::move(*item));
    }
    std::sort(follow_ups.begin(), follow_ups.end(), follow_up_before);
    TodayQueue queue;
    queue.due.reserve(ranked.size());
    for (const TodayPart* part : ranked) queue.due.push_back(*part->due);
    finish_today(queue, store, today, ranked, std::move(dates), new_ties, std::move(follow_ups), logged, recent);
    return queue;
}

}  // namespace ties
