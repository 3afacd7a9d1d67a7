#include "core/insights.hpp"

#include "core/store.hpp"

#include <doctest/doctest.h>

using namespace ties;

namespace {

Date day(int y, int m, int d) { return Date::from_ymd(y, m, d); }

using Values = std::vector<double>;

struct Network {
    Store store;
    std::uint64_t next = 1;

    Id person(const std::string& name, std::optional<Date> met = std::nullopt, Tier tier = Tier::None,
              Date added = Date::from_ymd(2020, 1, 1)) {
        Contact c;
        c.meta.id = Id{1, next++};
        c.meta.created = midnight_utc(added) + 3'600'000;
        c.display_name = name;
        c.first_met = met;
        c.tier = tier;
        store.load(c);
        return c.meta.id;
    }
    Id log(InteractionKind kind, Date date, std::vector<Id> people) {
        Interaction i;
        i.meta.id = Id{2, next++};
        i.kind = kind;
        i.date = date;
        i.participants = std::move(people);
        store.load(i);
        return i.meta.id;
    }
    Id opportunity(Date date, std::vector<Id> people) {
        Opportunity o;
        o.meta.id = Id{3, next++};
        o.date = date;
        o.contacts = std::move(people);
        store.load(o);
        return o.meta.id;
    }
    void edit(Id id, const std::function<void(Contact&)>& change) {
        Contact c = *store.contact(id);
        change(c);
        store.load(c);
    }
    void remove(Id id) { store.load(tombstone_of(*store.record(id))); }
};

OpportunityOrigin origin(Date date, Tier tier, bool weak) {
    return {.opportunity = Id{9, static_cast<std::uint64_t>(date.days)}, .date = date, .via = Id{1, 1},
            .strength_then = weak ? 0.2 : 0.8, .tier_now = tier, .weak = weak};
}

}  // namespace

TEST_CASE("short ranges are split into calendar weeks, longer ones into months") {
    const TimeBuckets weeks = make_buckets(day(2024, 3, 13), day(2024, 4, 2));  // a Wednesday to a Tuesday
    CHECK(weeks.granularity == Granularity::Week);
    CHECK(weeks.from == day(2024, 3, 11));  // the Monday before
    CHECK(weeks.starts == std::vector<Date>{day(2024, 3, 11), day(2024, 3, 18), day(2024, 3, 25), day(2024, 4, 1)});
    CHECK(weeks.ticks == std::vector<std::string>{"11 Mar", "18 Mar", "25 Mar", "1 Apr"});
    CHECK(weeks.labels.front() == "Week of 11 Mar 2024");
    CHECK(weeks.last_day(0) == day(2024, 3, 17));
    CHECK(weeks.last_day(3) == day(2024, 4, 2));  // the range ends on Tuesday
    CHECK_FALSE(weeks.bucket_of(day(2024, 3, 10)).has_value());
    CHECK(weeks.bucket_of(day(2024, 3, 11)) == 0u);
    CHECK(weeks.bucket_of(day(2024, 3, 24)) == 1u);
    CHECK(weeks.bucket_of(day(2024, 4, 2)) == 3u);
    CHECK_FALSE(weeks.bucket_of(day(2024, 4, 3)).has_value());

    const TimeBuckets months = make_buckets(day(2023, 11, 15), day(2024, 6, 30));
    CHECK(months.granularity == Granularity::Month);
    CHECK(months.from == day(2023, 11, 1));
    REQUIRE(months.size() == 8);
    CHECK(months.labels.front() == "November 2023");
    CHECK(months.labels.back() == "June 2024");
    CHECK(months.ticks[2] == "Jan 2024");
    CHECK(months.bucket_of(day(2024, 2, 29)) == 3u);
    CHECK(months.last_day(3) == day(2024, 2, 29));
    CHECK(months.last_day(7) == day(2024, 6, 30));

    CHECK(make_buckets(day(2024, 1, 1), Date{day(2024, 1, 1).days + kWeeklyUpToDays - 1}).granularity == Granularity::Week);
    CHECK(make_buckets(day(2024, 1, 1), Date{day(2024, 1, 1).days + kWeeklyUpToDays}).granularity == Granularity::Month);
    CHECK(make_buckets(day(2024, 1, 2), day(2024, 1, 1)).size() == 0);
    CHECK(make_buckets(day(2024, 1, 1), day(2024, 1, 1)).size() == 1);
}

TEST_CASE("range presets end today") {
    Network n;
    const Date today = day(2024, 6, 30);  // a Sunday
    const DateRange three_months = range_for(RangePreset::ThreeMonths, n.store, today);
    CHECK(three_months.from == day(2024, 4, 1));
    CHECK(three_months.to == today);
    CHECK(make_buckets(three_months.from, three_months.to).size() == 13);
    CHECK(range_for(RangePreset::OneYear, n.store, today).from == day(2023, 7, 1));
    CHECK(make_buckets(day(2023, 7, 1), today).size() == 12);
    CHECK(range_for(RangePreset::ThreeYears, n.store, today).from == day(2021, 7, 1));
    CHECK(range_for(RangePreset::ThreeYears, n.store, day(2024, 1, 5)).from == day(2021, 2, 1));

    // All time: from the earliest record up to today; an empty store has only today.
    CHECK(range_for(RangePreset::AllTime, n.store, today).from == today);
    CHECK_FALSE(earliest_date(n.store, today).has_value());
    n.person("Later", day(2025, 1, 1));                                  // in the future: ignored
    n.remove(n.person("Deleted", day(2010, 1, 1)));                       // deleted: ignored
    n.person("Added", std::nullopt, Tier::None, day(2022, 5, 6));        // by the day added
    CHECK(earliest_date(n.store, today) == day(2022, 5, 6));
    n.log(InteractionKind::Email, day(2021, 3, 4), {});
    CHECK(range_for(RangePreset::AllTime, n.store, today).from == day(2021, 3, 4));
    CHECK(to_string(RangePreset::AllTime) == "All time");
}

TEST_CASE("an empty store gives empty charts, not errors") {
    Store store;
    const Date today = day(2024, 6, 30);
    const Insights insights = build_insights(store, range_for(RangePreset::OneYear, store, today), today);
    CHECK(insights.growth.buckets.size() == 12);
    CHECK(insights.growth.series[0].values == Values(12, 0.0));
    CHECK(insights.touches.series.size() == 4);
    for (const Series& s : insights.touches.series) CHECK(s.total() == 0);
    for (const Series& s : insights.give_take.series) CHECK(s.total() == 0);
    CHECK(insights.circles.labels.size() == 7);
    for (const Series& s : insights.circles.series) CHECK(s.total() == 0);
    CHECK(insights.opportunities == 0);
    CHECK(insights.weak_opportunities == 0);
    CHECK(insights.ledger.people.empty());
    CHECK(weak_tie_sentence(0, 0).empty());

    const Insights all_time = build_insights(store, range_for(RangePreset::AllTime, store, today), today);
    CHECK(all_time.growth.buckets.size() == 1);  // just this week
    CHECK(all_time.growth.buckets.granularity == Granularity::Week);
}

TEST_CASE("network growth counts people met (else added) up to each bucket's end") {
    Network n;
    const Date today = day(2024, 6, 15);
    n.person("Long ago", day(2023, 5, 1));
    n.person("January", day(2024, 1, 15));
    n.person("Added in February", std::nullopt, Tier::None, day(2024, 2, 10));
    n.person("March", day(2024, 3, 1));
    n.edit(n.person("Archived in March", day(2024, 3, 20)), [](Contact& c) { c.archived = true; });
    n.remove(n.person("Deleted", day(2024, 1, 2)));
    n.person("After today", day(2024, 6, 20));
    n.person("Next year", day(2025, 1, 1));

    const TimeChart growth = network_growth(n.store, make_buckets(day(2023, 12, 1), day(2024, 6, 30)), today);
    REQUIRE(growth.buckets.size() == 7);
    CHECK(growth.series[0].name == "People");
    CHECK(growth.series[0].values == Values{1, 2, 3, 5, 5, 5, 5});
    CHECK(growth.series[1].name == "New");
    CHECK(growth.series[1].values == Values{0, 1, 1, 2, 0, 0, 0});
}

TEST_CASE("touches per bucket by kind, each interaction once") {
    Network n;
    const Date today = day(2024, 3, 31);
    const Id ada = n.person("Ada");
    const Id bob = n.person("Bob");
    // Weeks from Monday 4 March: 4-10, 11-17, 18-24, 25-31.
    n.log(InteractionKind::DirectMessage, day(2024, 3, 4), {ada});
    n.log(InteractionKind::Email, day(2024, 3, 10), {ada, bob});  // two people: one touch
    n.log(InteractionKind::OnlineConversation, day(2024, 3, 12), {bob});
    n.log(InteractionKind::VideoCall, day(2024, 3, 12), {ada});
    n.log(InteractionKind::Call, day(2024, 3, 19), {bob});
    n.log(InteractionKind::Coffee, day(2024, 3, 20), {ada});
    n.log(InteractionKind::MealOrDrinks, day(2024, 3, 21), {ada});
    n.log(InteractionKind::Meetup, day(2024, 3, 25), {ada, bob});
    n.log(InteractionKind::HelpGiven, day(2024, 3, 26), {ada});
    n.log(InteractionKind::HelpReceived, day(2024, 3, 27), {bob});
    n.log(InteractionKind::IntroductionMade, day(2024, 3, 28), {ada, bob});
    n.log(InteractionKind::Note, day(2024, 3, 28), {ada});                 // not a touch
    n.log(InteractionKind::Coffee, day(2024, 4, 1), {ada});                // after today
    n.remove(n.log(InteractionKind::Call, day(2024, 3, 5), {ada}));        // deleted
    n.log(InteractionKind::Call, day(2024, 3, 3), {ada});                  // before the range

    const TimeChart touches = touches_by_kind(n.store, make_buckets(day(2024, 3, 4), day(2024, 3, 31)), today);
    REQUIRE(touches.series.size() == 4);
    CHECK(touches.series[0].name == "Messages");
    CHECK(touches.series[0].values == Values{2, 1, 0, 0});
    CHECK(touches.series[1].name == "Calls");
    CHECK(touches.series[1].values == Values{0, 1, 1, 0});
    CHECK(touches.series[2].name == "In person");
    CHECK(touches.series[2].values == Values{0, 0, 2, 1});
    CHECK(touches.series[3].name == "Help");
    CHECK(touches.series[3].values == Values{0, 0, 0, 3});
    CHECK(touch_group(InteractionKind::Note) == std::nullopt);
}

TEST_CASE("give and take over time adds up to the ledger") {
    Network n;
    const Date today = day(2024, 6, 30);
    const Id ada = n.person("Ada");
    const Id bob = n.person("Bob");
    const Id gone = n.person("Gone");
    n.log(InteractionKind::HelpGiven, day(2024, 1, 10), {ada, bob});
    n.log(InteractionKind::IntroductionMade, day(2024, 3, 2), {ada});
    n.log(InteractionKind::HelpReceived, day(2024, 3, 3), {bob});
    n.opportunity(day(2024, 5, 5), {ada});
    n.edit(n.person("Cleo", day(2024, 6, 1)), [ada](Contact& c) { c.introduced_by = ada; });
    n.log(InteractionKind::HelpReceived, day(2024, 2, 1), {gone});  // only a deleted person: not counted
    n.log(InteractionKind::HelpGiven, day(2024, 7, 1), {ada});       // tomorrow
    n.remove(gone);

    const TimeChart chart = give_take_over_time(n.store, make_buckets(day(2024, 1, 1), day(2024, 6, 30)), today);
    REQUIRE(chart.buckets.granularity == Granularity::Week);
    const TimeChart monthly = give_take_over_time(n.store, make_buckets(day(2023, 12, 1), day(2024, 6, 30)), today);
    REQUIRE(monthly.series.size() == 2);
    CHECK(monthly.series[0].name == "Given");
    CHECK(monthly.series[0].values == Values{0, 1, 0, 1, 0, 0, 0});
    CHECK(monthly.series[1].name == "Received");
    CHECK(monthly.series[1].values == Values{0, 0, 0, 1, 0, 1, 1});
    const Ledger ledger = build_ledger(n.store, today);
    CHECK(chart.series[0].total() == ledger.given);
    CHECK(chart.series[1].total() == ledger.received);
}

TEST_CASE("ties per circle, and those going dormant beyond their cadence's max") {
    Network n;
    const Date today = day(2024, 6, 30);
    // Default cadences: inner every 7 days (overdue after 14), close 21 (35), friends 60 (90);
    // recognisable and no circle: never.
    const Id ada = n.person("Ada", day(2020, 1, 1), Tier::Inner);
    n.log(InteractionKind::Coffee, Date{today.days - 14}, {ada});  // 14 days: not beyond the max
    const Id bob = n.person("Bob", day(2020, 1, 1), Tier::Inner);
    n.log(InteractionKind::Call, Date{today.days - 15}, {bob});    // 15 days: going dormant
    n.log(InteractionKind::Call, Date{today.days + 3}, {bob});     // planned: not a touch
    n.person("Cleo", Date{today.days - 36}, Tier::Close);          // never touched, met 36 days ago
    n.person("Dan", std::nullopt, Tier::Friends, Date{today.days - 10});  // never touched, added 10 days ago
    n.person("Eve", day(2001, 1, 1), Tier::Recognisable);          // never: not dormant
    n.person("Fay", day(2001, 1, 1));                              // no circle: never
    n.edit(n.person("Gus", day(2020, 1, 1), Tier::Friends), [](Contact& c) {
        c.cadence_days = 10;
        c.cadence_max_days = 15;
    });
    n.edit(n.person("Archived", day(2001, 1, 1), Tier::Inner), [](Contact& c) { c.archived = true; });
    n.remove(n.person("Deleted", day(2001, 1, 1), Tier::Inner));

    const CategoryChart circles = ties_by_circle(n.store, NetworkStats::build(n.store, today));
    CHECK(circles.labels == std::vector<std::string>{"Inner", "Close", "Friends", "Meaningful", "Acquaintances",
                                                     "Recognisable", "No circle"});
    REQUIRE(circles.series.size() == 2);
    CHECK(circles.series[0].name == "In touch");
    CHECK(circles.series[0].values == Values{1, 0, 1, 0, 0, 1, 1});
    CHECK(circles.series[1].name == "Going dormant");
    CHECK(circles.series[1].values == Values{1, 1, 1, 0, 0, 0, 0});
}

TEST_CASE("opportunities by circle and over time, weak and strong") {
    const Date today = day(2024, 6, 30);
    const std::vector<OpportunityOrigin> origins{
        origin(day(2023, 12, 31), Tier::Inner, true),   // before the range
        origin(day(2024, 1, 5), Tier::Friends, true),
        origin(day(2024, 1, 20), Tier::Friends, false),
        origin(day(2024, 3, 1), Tier::Acquaintances, true),
        origin(day(2024, 3, 2), Tier::None, true),
        origin(day(2024, 5, 9), Tier::Inner, false),
        origin(day(2024, 7, 1), Tier::Inner, true),      // after today
    };
    const TimeBuckets buckets = make_buckets(day(2024, 1, 1), day(2024, 8, 31));
    const CategoryChart by_circle = opportunities_by_circle(origins, buckets, today);
    CHECK(by_circle.series[0].name == "Weak ties");
    CHECK(by_circle.series[0].values == Values{0, 0, 1, 0, 1, 0, 1});
    CHECK(by_circle.series[1].name == "Strong ties");
    CHECK(by_circle.series[1].values == Values{1, 0, 1, 0, 0, 0, 0});
    const TimeChart over_time = opportunities_over_time(origins, buckets, today);
    CHECK(over_time.series[0].values == Values{1, 0, 2, 0, 0, 0, 0, 0});
    CHECK(over_time.series[1].values == Values{1, 0, 0, 0, 1, 0, 0, 0});
}

TEST_CASE("build_insights counts the opportunities of the range and how many came through weak ties") {
    Network n;
    const Date today = day(2024, 6, 30);
    const Id stranger = n.person("Stranger", std::nullopt, Tier::Acquaintances, day(2024, 1, 1));
    const Id other = n.person("Other", std::nullopt, Tier::None, day(2024, 1, 1));
    n.opportunity(day(2024, 2, 1), {stranger});
    n.opportunity(day(2024, 4, 1), {other});
    n.opportunity(day(2022, 4, 1), {other});      // outside one year
    n.opportunity(day(2024, 9, 1), {other});      // planned
    n.remove(n.opportunity(day(2024, 5, 1), {other}));

    const Insights year = build_insights(n.store, range_for(RangePreset::OneYear, n.store, today), today);
    CHECK(year.opportunities == 2);
    CHECK(year.weak_opportunities == 2);  // nobody with any history then is a weak tie
    CHECK(year.opportunities_by_circle.series[0].values == Values{0, 0, 0, 0, 1, 0, 1});
    CHECK(year.ledger.received == 3);  // the ledger is all time
    CHECK(weak_tie_sentence(year.weak_opportunities, year.opportunities) ==
          "All 2 of your opportunities came through weak ties");
}

TEST_CASE("the weak-tie sentence") {
    CHECK(weak_tie_sentence(3, 5) == "3 of your 5 opportunities came through weak ties");
    CHECK(weak_tie_sentence(0, 4) == "None of your 4 opportunities came through weak ties");
    CHECK(weak_tie_sentence(1, 1) == "Your one opportunity came through a weak tie");
    CHECK(weak_tie_sentence(0, 1) == "Your one opportunity came through a strong tie");
}
