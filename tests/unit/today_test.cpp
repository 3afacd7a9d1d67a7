// The Today queue: a golden ranking with reasons, who is left out (snoozed, archived, deleted,
// never), the week plan against the budget (degrading touches, messages per day, what was logged,
// Monday and Sunday), follow-ups, dates ahead (leap days included) and new ties.
#include "core/today.hpp"

#include "core/strength.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace ties;

namespace {

const Date kWednesday = Date::from_ymd(2024, 6, 12);
const Date kMonday = Date::from_ymd(2024, 6, 10);
const Date kSunday = Date::from_ymd(2024, 6, 16);

Id id_of(std::uint64_t n) { return Id{1, n}; }

Date before(Date today, int days) { return Date{today.days - days}; }

Contact person(std::uint64_t n, std::string name, Tier tier = Tier::None) {
    Contact c;
    c.meta.id = id_of(n);
    c.display_name = std::move(name);
    c.tier = tier;
    return c;
}

std::uint64_t next_interaction = 100'000;

Interaction talk(const std::vector<std::uint64_t>& people, Date date, InteractionKind kind = InteractionKind::Call) {
    Interaction i;
    i.meta.id = id_of(next_interaction++);
    i.date = date;
    i.kind = kind;
    for (const std::uint64_t n : people) i.participants.push_back(id_of(n));
    return i;
}

Id add(Store& store, Interaction interaction) {
    const Id id = interaction.meta.id;
    store.load(std::move(interaction));
    return id;
}

void log(Store& store, const std::vector<std::uint64_t>& people, Date date,
         InteractionKind kind = InteractionKind::Call) {
    add(store, talk(people, date, kind));
}

void set_budget(Store& store, Budget budget, std::vector<TagCadence> tags = {}) {
    Settings s = store.settings();
    s.budget = budget;
    s.tag_cadences = std::move(tags);
    store.load(s);
}

TodayQueue today_of(const Store& store, Date today) {
    return build_today(store, NetworkStats::build(store, today), today);
}

std::vector<std::string> names(const Store& store, const std::vector<DueTie>& due) {
    std::vector<std::string> out;
    for (const DueTie& t : due) out.push_back(store.contact(t.contact)->display_name);
    return out;
}

std::vector<std::string> names(const Store& store, const std::vector<DeferredTie>& deferred) {
    std::vector<std::string> out;
    for (const DeferredTie& t : deferred) out.push_back(store.contact(t.contact)->display_name);
    return out;
}

// "Wed Meet Kim": day, touch and person, to compare plans at a glance.
std::vector<std::string> plan_lines(const Store& store, const WeekPlan& plan) {
    static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    std::vector<std::string> out;
    for (const PlannedTouch& t : plan.touches) {
        out.push_back(std::string(kDays[t.day.weekday()]) + " " + std::string(to_string(t.touch)) + " " +
                      store.contact(t.contact)->display_name);
    }
    return out;
}

Event add_event(Store& store, std::uint64_t n, std::string name, Date date, const std::vector<std::uint64_t>& people) {
    Event e;
    e.meta.id = id_of(n);
    e.name = std::move(name);
    e.date = date;
    for (const std::uint64_t person : people) e.attendees.push_back(id_of(person));
    store.load(e);
    return e;
}

// "N1: Met 5 days ago at RustConf; ...": who is a new tie, and why.
std::vector<std::string> new_tie_lines(const Store& store, const TodayQueue& q) {
    std::vector<std::string> out;
    for (const NewTie& t : q.new_ties) out.push_back(store.contact(t.contact)->display_name + ": " + t.reason);
    return out;
}

// Contacts never touched, met `days` ago: their priority falls with `days`.
void never_touched(Store& store, std::uint64_t n, std::string name, Tier tier, Date today, int days,
                   std::optional<std::int32_t> cadence = std::nullopt) {
    Contact c = person(n, std::move(name), tier);
    c.first_met = before(today, days);
    c.cadence_days = cadence;
    store.load(c);
}

}  // namespace

TEST_CASE("build_today: golden ranking, reasons and plan") {
    Store store;
    set_budget(store, Budget{}, {{"investors", {30, 45}}});
    store.load(person(1, "Ada", Tier::Inner));
    log(store, {1}, before(kWednesday, 10), InteractionKind::Coffee);
    store.load(person(2, "Bob", Tier::Friends));
    log(store, {2}, before(kWednesday, 120));
    never_touched(store, 3, "Cleo", Tier::Close, kWednesday, 40);
    store.load(person(4, "Dan", Tier::Meaningful));  // 100 days of 182: not due
    log(store, {4}, before(kWednesday, 100));
    Contact eve = person(5, "Eve", Tier::Inner);
    eve.snoozed_until = Date{kWednesday.days + 1};
    store.load(eve);
    log(store, {5}, before(kWednesday, 30));
    Contact fay = person(6, "Fay", Tier::Inner);
    fay.archived = true;
    store.load(fay);
    log(store, {6}, before(kWednesday, 30));
    Contact gus = person(7, "Gus", Tier::Inner);
    gus.meta.deleted = true;
    store.load(gus);
    log(store, {7}, before(kWednesday, 30));
    store.load(person(8, "Hal", Tier::Recognisable));  // never
    Contact ivy = person(9, "Ivy", Tier::Acquaintances);
    ivy.tags = {"Investors"};
    store.load(ivy);
    log(store, {9}, before(kWednesday, 45));
    Opportunity deal;
    deal.meta.id = id_of(900);
    deal.contacts = {id_of(9)};
    store.load(deal);
    store.load(person(10, "Jo", Tier::Inner));
    log(store, {10}, kWednesday, InteractionKind::DirectMessage);  // today: 0 days ago
    never_touched(store, 11, "Kim", Tier::Inner, kWednesday, 20);
    log(store, {11}, Date{kWednesday.days + 1}, InteractionKind::Coffee);  // planned, not a touch

    const NetworkStats stats = NetworkStats::build(store, kWednesday);
    const TodayQueue q = build_today(store, stats, kWednesday);
    // Kim and Cleo are overdue in the closest circles: first, although Bob's ratio is higher than Cleo's.
    CHECK(names(store, q.due) == std::vector<std::string>{"Kim", "Cleo", "Bob", "Ada", "Ivy"});
    REQUIRE(q.due.size() == 5);
    const std::vector<std::string> reasons = {
        "Never in touch since you met 3 weeks ago; you aim for every week",
        "Never in touch since you met 6 weeks ago; you aim for every 3 weeks",
        "Last called 4 months ago; you aim for every 2 months",
        "Last met 10 days ago; you aim for every week",
        "Last called 6 weeks ago; you aim for every month",
    };
    for (std::size_t i = 0; i < reasons.size(); ++i) CHECK(q.due[i].reason == reasons[i]);

    const DueTie& kim = q.due[0];
    CHECK(kim.never_touched);
    CHECK(kim.days_since == 20);
    CHECK(kim.urgency == Urgency::Overdue);
    CHECK(kim.touch == TouchKind::Meeting);
    const DueTie& bob = q.due[2];
    CHECK(bob.urgency == Urgency::Overdue);
    CHECK(bob.touch == TouchKind::Call);
    CHECK(bob.cadence.source == CadenceSource::Circle);
    const double bob_strength = tie_score(*store.contact(id_of(2)), stats.of(id_of(2)), kWednesday);
    CHECK(bob.strength == doctest::Approx(bob_strength));
    CHECK(bob.priority == doctest::Approx(120.0 / 60 * (0.6 + 0.4 * (0.7 + bob_strength) / 2)));
    CHECK(q.due[3].urgency == Urgency::Due);  // Ada: 10 days, max 14
    const DueTie& ivy_due = q.due[4];
    CHECK(ivy_due.urgency == Urgency::Due);  // 45 days is the max itself, not past it
    CHECK(ivy_due.cadence.source == CadenceSource::Tag);
    CHECK(ivy_due.cadence.tag == "investors");
    CHECK(ivy_due.touch == TouchKind::Message);
    const double ivy_strength = tie_score(*store.contact(id_of(9)), stats.of(id_of(9)), kWednesday);
    CHECK(ivy_due.priority == doctest::Approx(45.0 / 30 * (0.6 + 0.4 * ((0.4 + ivy_strength) / 2 + 0.1))));

    // Jo's message today counts against today's messages; Kim's coffee tomorrow is not logged.
    CHECK(q.plan.week_start == kMonday);
    CHECK(q.plan.use.messages_logged_today == 1);
    CHECK(q.plan.use.minutes_logged == 5);
    CHECK(q.plan.use.meetings_logged == 0);
    CHECK(plan_lines(store, q.plan) == std::vector<std::string>{"Wed Meet Kim", "Wed Message Ada", "Wed Message Ivy",
                                                                 "Thu Meet Cleo", "Fri Call Bob"});
    CHECK(q.plan.touches[0].reason == reasons[0]);
    CHECK(q.plan.over_budget.empty());
    CHECK(q.plan.use.meetings_planned == 2);
    CHECK(q.plan.use.minutes_planned == 160);
    CHECK(q.plan.use.messages_planned_today == 2);

    REQUIRE(q.new_ties.size() == 1);
    CHECK(q.new_ties[0].contact == id_of(11));
    CHECK(q.new_ties[0].reason == "Met 20 days ago; a first follow-up keeps the tie warm");
}

TEST_CASE("build_today: equal priorities are ranked by name, case-insensitively, then by id") {
    Store store;
    const std::vector<std::pair<std::uint64_t, std::string>> people = {{1, "beta"}, {3, "Alpha"}, {2, "Alpha"}};
    for (const auto& [n, name] : people) {
        store.load(person(n, name, Tier::Friends));
        log(store, {n}, before(kWednesday, 70));
    }
    const TodayQueue q = today_of(store, kWednesday);
    REQUIRE(q.due.size() == 3);
    CHECK(q.due[0].contact == id_of(2));
    CHECK(q.due[1].contact == id_of(3));
    CHECK(q.due[2].contact == id_of(1));
    CHECK(q.due[0].priority == q.due[2].priority);
}

TEST_CASE("build_today: a date is used as it is; due from the ideal, overdue past the max") {
    Store store;
    Contact daily = person(1, "Daily");
    daily.cadence_days = 1;
    store.load(daily);
    log(store, {1}, kWednesday);
    CHECK(today_of(store, kWednesday).due.empty());  // in touch today: 0 days

    const TodayQueue q = today_of(store, Date{kWednesday.days + 1});
    REQUIRE(q.due.size() == 1);
    CHECK(q.due[0].days_since == 1);
    CHECK(q.due[0].urgency == Urgency::Due);  // max 2
    CHECK(q.due[0].reason == "Last called yesterday; you aim for every day");
    CHECK(today_of(store, Date{kWednesday.days + 3}).due[0].urgency == Urgency::Overdue);
}

TEST_CASE("build_today: snoozed until today is back; a snoozed birthday still shows") {
    Store store;
    Contact c = person(1, "Sam", Tier::Inner);
    c.snoozed_until = kWednesday;
    c.birthday = PartialDate{0, 6, 13};
    store.load(c);
    log(store, {1}, before(kWednesday, 30));
    CHECK(today_of(store, kWednesday).due.size() == 1);

    c.snoozed_until = Date{kWednesday.days + 1};
    store.load(c);
    const TodayQueue q = today_of(store, kWednesday);
    CHECK(q.due.empty());
    REQUIRE(q.dates.size() == 1);
    CHECK(q.dates[0].in_days == 1);
}

TEST_CASE("build_today: an empty store, and contacts with no history at all") {
    Store store;
    TodayQueue q = today_of(store, kWednesday);
    CHECK(q.due.empty());
    CHECK(q.follow_ups.empty());
    CHECK(q.dates.empty());
    CHECK(q.new_ties.empty());
    CHECK(q.plan.touches.empty());
    CHECK(q.plan.week_start == kMonday);
    CHECK(q.plan.use.budget == Budget{});

    Contact added = person(1, "Added", Tier::Close);
    added.meta.created = midnight_utc(before(kWednesday, 50));
    store.load(added);
    q = today_of(store, kWednesday);
    REQUIRE(q.due.size() == 1);
    CHECK(q.due[0].never_touched);
    CHECK(q.due[0].days_since == 50);
    CHECK(q.due[0].strength == 0);
    CHECK(q.due[0].reason == "Never in touch since you added them 7 weeks ago; you aim for every 3 weeks");
}

TEST_CASE("plan: a meeting becomes a call, a call a message; messages per day; then over budget") {
    Store store;
    set_budget(store, Budget{1, 130, 1});
    for (int i = 0; i < 6; ++i) never_touched(store, 1 + i, "P" + std::to_string(1 + i), Tier::Inner, kMonday, 30 - i);
    const TodayQueue q = today_of(store, kMonday);
    CHECK(names(store, q.due) == std::vector<std::string>{"P1", "P2", "P3", "P4", "P5", "P6"});
    // Monday takes at most an hour of calls and meetings (130 minutes over 7 days).
    CHECK(plan_lines(store, q.plan) ==
          std::vector<std::string>{"Mon Meet P1", "Mon Message P4", "Tue Call P2", "Tue Call P3", "Tue Message P5"});
    CHECK(names(store, q.plan.over_budget) == std::vector<std::string>{"P6"});
    CHECK(q.plan.use.meetings_planned == 1);
    CHECK(q.plan.use.minutes_planned == 130);
    CHECK(q.plan.use.messages_planned_today == 1);
    CHECK(q.plan.week_start == kMonday);
}

TEST_CASE("plan: what was logged this week counts against it, each interaction once") {
    Store store;
    set_budget(store, Budget{});
    for (std::uint64_t n = 20; n < 23; ++n) store.load(person(n, "Z" + std::to_string(n), Tier::Recognisable));
    log(store, {20}, kMonday, InteractionKind::Coffee);                              // 60 minutes, a meeting
    log(store, {20}, before(kMonday, 1), InteractionKind::Meetup);                   // last week
    log(store, {20}, kWednesday, InteractionKind::DirectMessage);                    // 5
    log(store, {21}, kWednesday, InteractionKind::Email);                            // 5
    Interaction group_call = talk({20, 21, 22}, kWednesday, InteractionKind::VideoCall);
    group_call.duration_minutes = 45;  // counted once
    add(store, group_call);
    Interaction deleted = talk({20}, before(kWednesday, 1), InteractionKind::Coffee);
    deleted.meta.deleted = true;
    add(store, deleted);
    log(store, {20}, Date{kWednesday.days + 1}, InteractionKind::Coffee);            // planned
    log(store, {20}, kWednesday, InteractionKind::Note);                             // 0
    never_touched(store, 1, "A", Tier::Inner, kWednesday, 20);
    never_touched(store, 2, "B", Tier::Inner, kWednesday, 19);
    never_touched(store, 3, "M1", Tier::Acquaintances, kWednesday, 30, 10);
    never_touched(store, 4, "M2", Tier::Acquaintances, kWednesday, 29, 10);

    TodayQueue q = today_of(store, kWednesday);
    CHECK(q.plan.use.meetings_logged == 1);
    CHECK(q.plan.use.minutes_logged == 115);
    CHECK(q.plan.use.messages_logged_today == 2);
    CHECK_FALSE(q.plan.use.minutes_over());
    CHECK_FALSE(q.plan.use.meetings_over());
    CHECK_FALSE(q.plan.use.messages_over());
    CHECK(names(store, q.due) == std::vector<std::string>{"A", "B", "M1", "M2"});
    // 65 minutes and one meeting left; one message left today.
    CHECK(plan_lines(store, q.plan) == std::vector<std::string>{"Wed Meet A", "Wed Message B"});
    CHECK(names(store, q.plan.over_budget) == std::vector<std::string>{"M1", "M2"});
    CHECK(q.plan.use.minutes_planned == 65);

    set_budget(store, Budget{0, 100, 1});
    q = today_of(store, kWednesday);
    CHECK(q.plan.use.minutes_over());
    CHECK(q.plan.use.meetings_over());
    CHECK(q.plan.use.messages_over());
    CHECK(q.plan.touches.empty());
    CHECK(names(store, q.plan.over_budget) == std::vector<std::string>{"A", "B", "M1", "M2"});
}

TEST_CASE("plan: on Monday the week starts today; on Sunday only one day is left") {
    Store store;
    set_budget(store, Budget{});
    store.load(person(20, "Z", Tier::Recognisable));
    log(store, {20}, before(kMonday, 1), InteractionKind::Coffee);  // Sunday: last week
    log(store, {20}, kMonday, InteractionKind::DirectMessage);
    TodayQueue q = today_of(store, kMonday);
    CHECK(q.plan.week_start == kMonday);
    CHECK(q.plan.use.meetings_logged == 0);
    CHECK(q.plan.use.minutes_logged == 5);
    CHECK(q.plan.use.messages_logged_today == 1);

    never_touched(store, 1, "I", Tier::Inner, kSunday, 20);
    for (int i = 0; i < 5; ++i) {
        never_touched(store, 2 + i, "M" + std::to_string(1 + i), Tier::Acquaintances, kSunday, 20 - i, 10);
    }
    q = today_of(store, kSunday);
    CHECK(q.plan.week_start == kMonday);
    CHECK(q.plan.use.messages_logged_today == 0);
    CHECK(q.plan.use.minutes_logged == 5);  // Monday's message; the Sunday before was last week
    CHECK(plan_lines(store, q.plan) ==
          std::vector<std::string>{"Sun Meet I", "Sun Message M1", "Sun Message M2", "Sun Message M3"});
    CHECK(names(store, q.plan.over_budget) == std::vector<std::string>{"M4", "M5"});
    CHECK(q.plan.use.messages_planned_today == 3);
}

TEST_CASE("follow-ups: not done, up to 7 days ahead, oldest first, live people only") {
    Store store;
    store.load(person(1, "Ada"));
    Contact gone = person(2, "Gone");
    gone.meta.deleted = true;
    store.load(gone);
    const auto with_follow_up = [](Date date, bool done, std::string text, std::vector<std::uint64_t> people = {1}) {
        Interaction i = talk(people, before(kWednesday, 20));
        i.follow_up = FollowUp{date, std::move(text), done};
        return i;
    };
    const Id old_one = add(store, with_follow_up(before(kWednesday, 3), false, "Send the paper"));
    const Id week_ahead = add(store, with_follow_up(Date{kWednesday.days + 7}, false, "Ask about the talk"));
    add(store, with_follow_up(Date{kWednesday.days + 8}, false, "Too far"));
    add(store, with_follow_up(before(kWednesday, 1), true, "Done already"));
    Interaction deleted = with_follow_up(before(kWednesday, 2), false, "Deleted");
    deleted.meta.deleted = true;
    add(store, deleted);
    const Id today_one = add(store, with_follow_up(kWednesday, false, "Intro to Bob", {1, 2, 99, 1}));
    const Id old_two = add(store, with_follow_up(before(kWednesday, 3), false, "Book"));

    const TodayQueue q = today_of(store, kWednesday);
    REQUIRE(q.follow_ups.size() == 4);
    CHECK(q.follow_ups[0].interaction == old_one);
    CHECK(q.follow_ups[1].interaction == old_two);
    CHECK(q.follow_ups[2].interaction == today_one);
    CHECK(q.follow_ups[3].interaction == week_ahead);
    CHECK(q.follow_ups[0].text == "Send the paper");
    CHECK(q.follow_ups[0].overdue);
    CHECK(q.follow_ups[0].date == before(kWednesday, 3));
    CHECK_FALSE(q.follow_ups[2].overdue);
    CHECK(q.follow_ups[2].people == std::vector<Id>{id_of(1)});
    CHECK_FALSE(q.follow_ups[3].overdue);
}

TEST_CASE("dates ahead: today to 14 days, ages and counts, 29 February on 28 February") {
    const Date today = Date::from_ymd(2025, 2, 20);
    Store store;
    const auto with = [&](std::uint64_t n, auto&& set) {
        Contact c = person(n, "C" + std::to_string(n));
        set(c);
        store.load(c);
    };
    with(1, [](Contact& c) { c.birthday = PartialDate{0, 2, 29}; });
    with(2, [](Contact& c) { c.birthday = PartialDate{1992, 2, 29}; });
    with(3, [](Contact& c) { c.first_met = Date::from_ymd(2024, 2, 29); });
    with(4, [](Contact& c) { c.anniversary = PartialDate{2015, 3, 6}; });     // in 14 days
    with(5, [](Contact& c) { c.birthday = PartialDate{1990, 3, 7}; });        // in 15 days
    with(6, [](Contact& c) { c.birthday = PartialDate{1980, 2, 20}; });       // today
    with(7, [](Contact& c) {
        c.birthday = PartialDate{1970, 2, 20};
        c.archived = true;
    });
    with(8, [&](Contact& c) { c.first_met = today; });                        // met today: no anniversary yet
    with(9, [](Contact& c) { c.birthday = PartialDate{2025, 2, 25}; });      // not born yet

    const TodayQueue q = today_of(store, today);
    REQUIRE(q.dates.size() == 5);
    CHECK(q.dates[0].contact == id_of(6));
    CHECK(q.dates[0].in_days == 0);
    CHECK(q.dates[0].date == today);
    CHECK(q.dates[0].years == 45);
    CHECK(q.dates[1].contact == id_of(1));
    CHECK(q.dates[1].kind == DateKind::Birthday);
    CHECK(q.dates[1].date == Date::from_ymd(2025, 2, 28));
    CHECK(q.dates[1].in_days == 8);
    CHECK_FALSE(q.dates[1].years);
    CHECK(q.dates[2].contact == id_of(2));
    CHECK(q.dates[2].years == 33);
    CHECK(q.dates[3].contact == id_of(3));
    CHECK(q.dates[3].kind == DateKind::MetAnniversary);
    CHECK(q.dates[3].date == Date::from_ymd(2025, 2, 28));
    CHECK(q.dates[3].years == 1);
    CHECK(q.dates[4].contact == id_of(4));
    CHECK(q.dates[4].kind == DateKind::Anniversary);
    CHECK(q.dates[4].in_days == 14);
    CHECK(q.dates[4].years == 10);

    // In a leap year 29 February is itself; 6 March is then 15 days ahead.
    const TodayQueue leap = today_of(store, Date::from_ymd(2028, 2, 20));
    std::vector<std::string> got;
    for (const DateAhead& d : leap.dates) {
        got.push_back(store.contact(d.contact)->display_name + " " + d.date.iso() + " " +
                      std::to_string(d.years.value_or(-1)));
    }
    CHECK(got == std::vector<std::string>{"C6 2028-02-20 48", "C8 2028-02-20 3", "C9 2028-02-25 3",
                                          "C1 2028-02-29 -1", "C2 2028-02-29 36", "C3 2028-02-29 4"});
    REQUIRE(leap.dates.size() == 6);
    CHECK(leap.dates[1].kind == DateKind::MetAnniversary);
    CHECK(leap.dates[5].kind == DateKind::MetAnniversary);
}

TEST_CASE("new ties: met in the last 30 days with no touch since, oldest first") {
    Store store;
    const Event conf = add_event(store, 500, "RustConf", before(kWednesday, 5), {1});
    Contact n1 = person(1, "N1");
    n1.met_at = conf.meta.id;
    store.load(n1);
    never_touched(store, 2, "N2", Tier::None, kWednesday, 10);
    log(store, {2}, before(kWednesday, 3), InteractionKind::Coffee);  // followed up
    never_touched(store, 3, "N3", Tier::None, kWednesday, 31);
    Contact n4 = person(4, "N4");
    // Added late in the evening (UTC); the engine takes the UTC day as it is.
    n4.meta.created = midnight_utc(before(kWednesday, 3)) + (23 * 60 + 59) * 60'000;
    store.load(n4);
    never_touched(store, 5, "N5", Tier::None, kWednesday, 30);
    never_touched(store, 6, "N6", Tier::None, kWednesday, 0);
    Contact n7 = person(7, "N7");
    n7.first_met = before(kWednesday, 2);
    n7.archived = true;
    store.load(n7);
    Contact n8 = person(8, "N8");
    n8.first_met = before(kWednesday, 2);
    n8.snoozed_until = Date{kWednesday.days + 5};
    store.load(n8);
    never_touched(store, 9, "N9", Tier::None, kWednesday, 6);
    log(store, {9}, before(kWednesday, 100));  // known long before "first met": not new
    never_touched(store, 10, "N10", Tier::None, kWednesday, 7);
    log(store, {10}, before(kWednesday, 7), InteractionKind::Coffee);  // the meeting itself

    const TodayQueue q = today_of(store, kWednesday);
    CHECK(new_tie_lines(store, q) == std::vector<std::string>{
                     "N5: Met 30 days ago; a first follow-up keeps the tie warm",
                     "N10: Met 7 days ago; a first follow-up keeps the tie warm",
                     "N1: Met 5 days ago at RustConf; a first follow-up keeps the tie warm",
                     "N4: Added 3 days ago; a first follow-up keeps the tie warm",
                     "N6: Met today; a first follow-up keeps the tie warm",
                 });
    REQUIRE(q.new_ties.size() == 5);
    CHECK(q.new_ties[2].met == conf.date);
    CHECK(q.new_ties[2].days_ago == 5);
    CHECK(q.new_ties[3].met == before(kWednesday, 3));
    CHECK(q.due.empty());  // no cadence for any of them
}

TEST_CASE("touch costs and the minutes an interaction took") {
    CHECK(minutes_of(TouchKind::Message) == 5);
    CHECK(minutes_of(TouchKind::Call) == 30);
    CHECK(minutes_of(TouchKind::Meeting) == 60);
    CHECK(to_string(TouchKind::Message) == "Message");
    CHECK(to_string(TouchKind::Call) == "Call");
    CHECK(to_string(TouchKind::Meeting) == "Meet");

    Interaction i;
    const std::vector<std::pair<InteractionKind, int>> typical = {
        {InteractionKind::DirectMessage, 5}, {InteractionKind::Email, 5},    {InteractionKind::Call, 30},
        {InteractionKind::VideoCall, 30},    {InteractionKind::Coffee, 60},  {InteractionKind::MealOrDrinks, 90},
        {InteractionKind::Meetup, 120},      {InteractionKind::Note, 0},     {InteractionKind::IntroductionMade, 10},
    };
    for (const auto& [kind, minutes] : typical) {
        i.kind = kind;
        CHECK(minutes_spent(i) == minutes);
    }
    i.duration_minutes = 25;
    CHECK(minutes_spent(i) == 25);

    CHECK(in_person(InteractionKind::Coffee));
    CHECK(in_person(InteractionKind::Meetup));
    CHECK_FALSE(in_person(InteractionKind::VideoCall));
    CHECK(is_message(InteractionKind::Email));
    CHECK(is_message(InteractionKind::OnlineConversation));
    CHECK_FALSE(is_message(InteractionKind::Call));
}

TEST_CASE("ranking: overdue ties of the closest circles come first, whatever the ratio") {
    Store store;
    set_budget(store, Budget{});
    store.load(person(1, "Close", Tier::Close));
    log(store, {1}, before(kWednesday, 40));  // 3 weeks, overdue after 32 days: ratio 1.9
    Contact acquaintance = person(2, "Acquaintance", Tier::Acquaintances);
    acquaintance.cadence_days = 10;  // 100 days of 10: ratio 10, a higher priority
    store.load(acquaintance);
    log(store, {2}, before(kWednesday, 100));
    store.load(person(3, "Friend", Tier::Friends));
    log(store, {3}, before(kWednesday, 200));  // overdue, but not of the closest circles
    store.load(person(4, "Inner", Tier::Inner));
    log(store, {4}, before(kWednesday, 8));  // due (7), not overdue (11): ranked by priority

    const TodayQueue q = today_of(store, kWednesday);
    CHECK(names(store, q.due) == std::vector<std::string>{"Close", "Acquaintance", "Friend", "Inner"});
    CHECK(q.due[1].priority > q.due[0].priority);
}

TEST_CASE("deferred ties: the closest first, each with how overdue and which budget is spent") {
    Store store;
    set_budget(store, Budget{});  // 2 meetings, 180 minutes a week, 3 messages a day
    Contact tomas = person(1, "Tomas", Tier::Close);
    store.load(tomas);
    log(store, {1}, before(kWednesday, 610));
    for (std::uint64_t n = 2; n < 5; ++n) {
        Contact c = person(n, "Imported " + std::to_string(n), Tier::Acquaintances);
        c.first_met = before(kWednesday, 400);
        store.load(c);
    }
    store.load(person(9, "Me-time", Tier::Recognisable));
    log(store, {9}, kMonday, InteractionKind::Meetup);  // 120 minutes
    log(store, {9}, kMonday, InteractionKind::Coffee);  // 60
    Interaction call = talk({9}, kWednesday, InteractionKind::Call);
    call.duration_minutes = 15;
    add(store, call);  // 195 logged in all

    const TodayQueue q = today_of(store, kWednesday);
    CHECK(q.plan.touches.empty());
    REQUIRE(q.plan.over_budget.size() == 4);
    const DeferredTie& first = q.plan.over_budget[0];
    CHECK(store.contact(first.contact)->display_name == "Tomas");
    CHECK(first.closest);
    CHECK(first.urgency == Urgency::Overdue);
    CHECK(first.reason ==
          "Overdue: 610 days, you aim for every 3 weeks. Deferred: this week's 180 minutes are spent (195 logged).");
    CHECK_FALSE(q.plan.over_budget[1].closest);
    CHECK(q.plan.over_budget[1].reason ==
          "Due: 400 days since you met, you aim for every year. Deferred: this week's 180 minutes are spent "
          "(195 logged).");
}

TEST_CASE("deferred ties: the messages of every day left are planned, or today's are spent on Sunday") {
    Store store;
    set_budget(store, Budget{2, 600, 1});
    for (std::uint64_t n = 1; n <= 6; ++n) {
        never_touched(store, n, "M" + std::to_string(n), Tier::Acquaintances, kWednesday, 400 - static_cast<int>(n));
    }
    TodayQueue q = today_of(store, kWednesday);  // Wednesday to Sunday: five messages
    CHECK(q.plan.touches.size() == 5);
    REQUIRE(q.plan.over_budget.size() == 1);
    CHECK(q.plan.over_budget[0].reason ==
          "Due: 394 days since you met, you aim for every year. Deferred: every day until Sunday already has "
          "its 1 message planned.");

    set_budget(store, Budget{2, 600, 2});
    log(store, {1}, kSunday, InteractionKind::Email);
    q = today_of(store, kSunday);
    REQUIRE(q.plan.over_budget.size() == 4);
    CHECK(q.plan.over_budget[0].reason.ends_with(
        "Deferred: today's 2 messages are spent (1 logged, 1 planned), and the week ends today."));

    set_budget(store, Budget{2, 0, 2});
    q = today_of(store, kSunday);
    CHECK(q.plan.over_budget[0].reason.ends_with("Deferred: your budget has no minutes for your network."));
}

TEST_CASE("new ties: an import is not a meeting, unless a recent first-met day or event says so") {
    Store store;
    const Millis imported_today = midnight_utc(kWednesday) + 3'600'000;
    auto imported = [&](std::uint64_t n, std::string name) {
        Contact c = person(n, std::move(name));
        c.origin = ContactOrigin::Imported;
        c.meta.created = imported_today;
        return c;
    };
    store.load(imported(1, "Address book"));
    Contact met = imported(2, "Met last week");
    met.first_met = before(kWednesday, 7);
    store.load(met);
    Contact long_ago = imported(3, "Met long ago");
    long_ago.first_met = before(kWednesday, 400);
    store.load(long_ago);
    store.load(imported(4, "At the meetup"));
    add_event(store, 600, "Rust Berlin", before(kWednesday, 4), {4});
    Contact by_hand = person(5, "Added by hand");
    by_hand.meta.created = imported_today;
    store.load(by_hand);

    const TodayQueue q = today_of(store, kWednesday);
    CHECK(new_tie_lines(store, q) == std::vector<std::string>{
                     "Met last week: Met 7 days ago; a first follow-up keeps the tie warm",
                     "At the meetup: Met 4 days ago at Rust Berlin; a first follow-up keeps the tie warm",
                     "Added by hand: Added today; a first follow-up keeps the tie warm",
                 });
}

TEST_CASE("time_ago: days, then weeks, months and years, rounded to the nearest") {
    CHECK(time_ago(-3) == "today");
    CHECK(time_ago(0) == "today");
    CHECK(time_ago(1) == "yesterday");
    CHECK(time_ago(2) == "2 days ago");
    CHECK(time_ago(13) == "13 days ago");
    CHECK(time_ago(14) == "2 weeks ago");
    CHECK(time_ago(20) == "3 weeks ago");
    CHECK(time_ago(55) == "8 weeks ago");
    CHECK(time_ago(56) == "2 months ago");
    CHECK(time_ago(60) == "2 months ago");
    CHECK(time_ago(94) == "3 months ago");
    CHECK(time_ago(425) == "14 months ago");
    CHECK(time_ago(715) == "23 months ago");
    CHECK(time_ago(716) == "2 years ago");
    CHECK(time_ago(1000) == "3 years ago");
    CHECK(time_ago(3653) == "10 years ago");
}

namespace {

// One touch with `n`, as the mail and calendar import log them.
Interaction touch(std::uint64_t n, Date date, Initiator initiator, InteractionKind kind = InteractionKind::Email,
                  std::optional<std::int32_t> minute = std::nullopt) {
    Interaction i = talk({n}, date, kind);
    i.initiator = initiator;
    i.minute_of_day = minute;
    return i;
}

// A contact due every 60 days (overdue after 90), so any touch older than that makes them due.
Store with_person(std::uint64_t n, const std::string& name) {
    Store store;
    Contact c = person(n, name, Tier::Friends);
    c.cadence_days = 60;
    store.load(c);
    return store;
}

std::string reason_of(const Store& store, Date today) {
    const TodayQueue q = today_of(store, today);
    REQUIRE(q.due.size() == 1);
    return q.due[0].reason;
}

}  // namespace

TEST_CASE("reasons from a mailbox: the last email, how long ago, and who wrote first") {
    Store store = with_person(1, "Ada");
    // Twelve threads, the last 425 days ago; you started 9 of them.
    for (int n = 0; n < 12; ++n) {
        add(store, touch(1, before(kWednesday, 425 + 30 * n), n < 9 ? Initiator::Me : Initiator::Them));
    }
    CHECK(reason_of(store, kWednesday) == "Last emailed 14 months ago; you wrote first 9 of 12 times; you aim for every 2 months");

    // The plan and a deferred tie carry the same words; the summary keeps its days.
    const TodayQueue q = today_of(store, kWednesday);
    REQUIRE(q.plan.touches.size() == 1);
    CHECK(q.plan.touches[0].reason == q.due[0].reason);
}

TEST_CASE("reasons: when they reached out first most often, they are named") {
    Store store = with_person(1, "Bea");
    for (int n = 0; n < 12; ++n) {
        add(store, touch(1, before(kWednesday, 100 + 7 * n), n < 10 ? Initiator::Them : Initiator::Me));
    }
    CHECK(reason_of(store, kWednesday) == "Last emailed 3 months ago; they wrote first 10 of 12 times; you aim for every 2 months");

    // Direct messages are written too; a call among them is not.
    Store mixed = with_person(1, "Bea");
    for (int n = 0; n < 4; ++n) add(mixed, touch(1, before(kWednesday, 70 + n), Initiator::Them, InteractionKind::DirectMessage));
    add(mixed, touch(1, before(kWednesday, 80), Initiator::Them, InteractionKind::OnlineConversation));
    CHECK(reason_of(mixed, kWednesday) == "Last messaged 2 months ago; they wrote first 5 of 5 times; you aim for every 2 months");
    add(mixed, touch(1, before(kWednesday, 90), Initiator::Me, InteractionKind::Call));
    CHECK(reason_of(mixed, kWednesday) ==
          "Last messaged 2 months ago; they reached out first 5 of 6 times; you aim for every 2 months");
}

TEST_CASE("reasons: mixed kinds say \"reached out\"; the verb is the last touch's") {
    Store store = with_person(1, "Cy");
    add(store, touch(1, before(kWednesday, 300), Initiator::Me));
    add(store, touch(1, before(kWednesday, 250), Initiator::Me));
    add(store, touch(1, before(kWednesday, 200), Initiator::Them));
    add(store, touch(1, before(kWednesday, 150), Initiator::Me, InteractionKind::VideoCall));
    add(store, touch(1, before(kWednesday, 70), Initiator::Me, InteractionKind::Meetup));
    CHECK(reason_of(store, kWednesday) == "Last met 2 months ago; you reached out first 4 of 5 times; you aim for every 2 months");

    // The same day: the later time of day is the last touch; a time beats none.
    add(store, touch(1, before(kWednesday, 65), Initiator::Unknown, InteractionKind::Coffee));
    add(store, touch(1, before(kWednesday, 65), Initiator::Unknown, InteractionKind::Email, 9 * 60));
    add(store, touch(1, before(kWednesday, 65), Initiator::Unknown, InteractionKind::VideoCall, 14 * 60));
    CHECK(reason_of(store, kWednesday).starts_with("Last called 2 months ago; you reached out first 4 of 5 times;"));

    // An event attended is a meeting; a note and a touch still to come are not touches.
    add_event(store, 700, "Rust Berlin", before(kWednesday, 62), {1});
    add(store, touch(1, before(kWednesday, 61), Initiator::Me, InteractionKind::Note));
    add(store, touch(1, Date{kWednesday.days + 2}, Initiator::Me, InteractionKind::Call));
    CHECK(reason_of(store, kWednesday) == "Last met 2 months ago; you reached out first 4 of 5 times; you aim for every 2 months");

    // Kinds with no verb of their own keep "talked".
    Store helped = with_person(1, "Cy");
    add(helped, touch(1, before(kWednesday, 61), Initiator::Unknown, InteractionKind::HelpGiven));
    CHECK(reason_of(helped, kWednesday) == "Last talked 2 months ago; you aim for every 2 months");
}

TEST_CASE("reasons: who reaches out needs 3 known initiators; unknown ones are not counted") {
    Store store = with_person(1, "Di");
    add(store, touch(1, before(kWednesday, 100), Initiator::Me));
    add(store, touch(1, before(kWednesday, 90), Initiator::Them));
    for (int n = 0; n < 5; ++n) add(store, touch(1, before(kWednesday, 70 + n), Initiator::Unknown));
    CHECK(reason_of(store, kWednesday) == "Last emailed 2 months ago; you aim for every 2 months");

    add(store, touch(1, before(kWednesday, 110), Initiator::Them));
    CHECK(reason_of(store, kWednesday) == "Last emailed 2 months ago; they wrote first 2 of 3 times; you aim for every 2 months");
    add(store, touch(1, before(kWednesday, 120), Initiator::Me));
    add(store, touch(1, before(kWednesday, 130), Initiator::Me, InteractionKind::Email));
    CHECK(reason_of(store, kWednesday) == "Last emailed 2 months ago; you wrote first 3 of 5 times; you aim for every 2 months");

    // At a tie, your side is said; a deleted touch and a person listed twice count once at most.
    Interaction twice = touch(1, before(kWednesday, 140), Initiator::Them);
    twice.participants.push_back(id_of(1));
    add(store, twice);
    Interaction gone = touch(1, before(kWednesday, 150), Initiator::Them);
    gone.meta.deleted = true;
    add(store, gone);
    CHECK(reason_of(store, kWednesday) == "Last emailed 2 months ago; you wrote first 3 of 6 times; you aim for every 2 months");
}

TEST_CASE("reasons: each participant of a shared touch counts it; today_part reads only the history it is given") {
    Store store = with_person(1, "Ed");
    Contact fi = person(2, "Fi", Tier::Friends);
    fi.cadence_days = 60;
    store.load(fi);
    std::vector<Id> history;
    for (int n = 0; n < 3; ++n) {
        Interaction i = touch(1, before(kWednesday, 70 + n), Initiator::Them, InteractionKind::Meetup);
        i.participants.push_back(id_of(2));
        history.push_back(add(store, i));
    }
    const TodayQueue q = today_of(store, kWednesday);
    REQUIRE(q.due.size() == 2);
    for (const DueTie& tie : q.due)
        CHECK(tie.reason == "Last met 2 months ago; they reached out first 3 of 3 times; you aim for every 2 months");

    const NetworkStats stats = NetworkStats::build(store, kWednesday);
    const RecentEvents recent = recent_events(store, kWednesday);
    const Contact& ed = *store.contact(id_of(1));
    CHECK(today_part(store, ed, stats.of(id_of(1)), kWednesday, recent, history).due->reason == q.due[0].reason);
    // Without the history, the reason cannot tell the kind of touch nor who started it.
    CHECK(today_part(store, ed, stats.of(id_of(1)), kWednesday, recent).due->reason ==
          "Last talked 2 months ago; you aim for every 2 months");
}
