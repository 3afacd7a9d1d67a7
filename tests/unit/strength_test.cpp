// Tie strength: each factor's value and words, the weights, what no history and future records
// give, that a more recent touch always scores higher, and suggested circles with their floors
// and Dunbar's caps.
#include "core/strength.hpp"

#include "engine_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace ties;

namespace {

using test::days_ago;
using test::id_of;
using test::kToday;
using test::person;

const StrengthFactor& factor(const TieStrength& t, StrengthFactorKind kind) {
    return t.factors[static_cast<int>(kind)];
}

std::uint64_t next_interaction = 100'000;

void log(Store& store, std::uint64_t person, Date date, InteractionKind kind = InteractionKind::Call,
         Initiator initiator = Initiator::Unknown) {
    Interaction i;
    i.meta.id = id_of(next_interaction++);
    i.date = date;
    i.kind = kind;
    i.participants = {id_of(person)};
    i.initiator = initiator;
    store.load(i);
}

// Weekly for three years, both sides starting, favours both ways: a score of about 0.93.
void strong_history(Store& store, std::uint64_t person) {
    for (int week = 0; week < 156; ++week) {
        log(store, person, days_ago(week * 7), InteractionKind::Call, week % 2 ? Initiator::Me : Initiator::Them);
    }
    for (int i = 0; i < 3; ++i) {
        log(store, person, days_ago(10 + i), InteractionKind::HelpGiven);
        log(store, person, days_ago(20 + i), InteractionKind::HelpReceived);
    }
}

}  // namespace

TEST_CASE("tie_strength: the weights add up to 1, the factors come in order") {
    const TieStrength t = tie_strength(person(1), ContactStats{}, kToday);
    double sum = 0;
    for (int i = 0; i < kStrengthFactorCount; ++i) {
        CHECK(t.factors[i].kind == static_cast<StrengthFactorKind>(i));
        sum += t.factors[i].weight;
    }
    CHECK(sum == doctest::Approx(1.0));
    CHECK(factor(t, StrengthFactorKind::Recency).weight == doctest::Approx(0.30));
    CHECK(factor(t, StrengthFactorKind::Frequency).weight == doctest::Approx(0.25));
    CHECK(factor(t, StrengthFactorKind::Reciprocity).weight == doctest::Approx(0.15));
    CHECK(factor(t, StrengthFactorKind::Duration).weight == doctest::Approx(0.10));
    CHECK(factor(t, StrengthFactorKind::Help).weight == doctest::Approx(0.20));
    CHECK(to_string(StrengthFactorKind::Recency) == "Recency");
    CHECK(to_string(StrengthFactorKind::Help) == "Help");
}

TEST_CASE("tie_strength: no history scores 0, in words") {
    const TieStrength t = tie_strength(person(1), ContactStats{}, kToday);
    CHECK(t.score == 0);
    for (const StrengthFactor& f : t.factors) CHECK(f.value == 0);
    CHECK(factor(t, StrengthFactorKind::Recency).explanation == "No touch logged yet");
    CHECK(factor(t, StrengthFactorKind::Frequency).explanation == "Not in touch in the past year");
    CHECK(factor(t, StrengthFactorKind::Reciprocity).explanation == "Not noted who gets in touch first");
    CHECK(factor(t, StrengthFactorKind::Duration).explanation == "Not known when you met");
    CHECK(factor(t, StrengthFactorKind::Help).explanation == "No favours either way yet");
}

TEST_CASE("tie_strength: recency halves every 60 days") {
    ContactStats s;
    s.last_touch = days_ago(60);
    TieStrength t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Recency).value == doctest::Approx(0.5));
    CHECK(factor(t, StrengthFactorKind::Recency).explanation == "Last talked 60 days ago");
    CHECK(t.score == doctest::Approx(0.15));

    s.last_touch = days_ago(120);
    CHECK(factor(tie_strength(person(1), s, kToday), StrengthFactorKind::Recency).value == doctest::Approx(0.25));
    s.last_touch = kToday;
    t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Recency).value == doctest::Approx(1.0));
    CHECK(factor(t, StrengthFactorKind::Recency).explanation == "Last talked today");
    s.last_touch = days_ago(1);
    CHECK(factor(tie_strength(person(1), s, kToday), StrengthFactorKind::Recency).explanation ==
          "Last talked yesterday");
}

TEST_CASE("tie_strength: frequency saturates with days in touch in the past year") {
    ContactStats s;
    s.touch_days_year = 8;
    s.touch_days = 30;
    TieStrength t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Frequency).value == doctest::Approx(1 - std::exp(-1.0)));
    CHECK(factor(t, StrengthFactorKind::Frequency).explanation == "In touch on 8 days in the past year");
    CHECK(t.score == doctest::Approx(0.25 * (1 - std::exp(-1.0))));
    s.touch_days_year = 1;
    t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Frequency).explanation == "In touch on 1 day in the past year");
    s.touch_days_year = 100;
    CHECK(factor(tie_strength(person(1), s, kToday), StrengthFactorKind::Frequency).value > 0.99999);
}

TEST_CASE("tie_strength: reciprocity needs both sides and a few known starts") {
    ContactStats s;
    s.initiated_by_me = 2;
    s.initiated_by_them = 3;
    TieStrength t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Reciprocity).value == doctest::Approx(0.8));
    CHECK(factor(t, StrengthFactorKind::Reciprocity).explanation == "They started 3 of 5 conversations");

    s.initiated_by_me = 1;
    s.initiated_by_them = 1;  // balanced, but only two known
    t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Reciprocity).value == doctest::Approx(0.5));
    CHECK(factor(t, StrengthFactorKind::Reciprocity).explanation == "They started 1 of 2 conversations");

    s.initiated_by_me = 4;
    s.initiated_by_them = 0;
    t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Reciprocity).value == 0);
    CHECK(factor(t, StrengthFactorKind::Reciprocity).explanation == "They started 0 of 4 conversations");

    s.initiated_by_me = 0;
    s.initiated_by_them = 1;
    t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Reciprocity).value == 0);
    CHECK(factor(t, StrengthFactorKind::Reciprocity).explanation == "They started 1 of 1 conversation");
}

TEST_CASE("tie_strength: duration from first_met or the first touch, whichever is earlier") {
    Contact c = person(1);
    c.first_met = Date::from_ymd(2021, 6, 12);
    TieStrength t = tie_strength(c, ContactStats{}, kToday);  // no history: only duration counts
    const double years = (kToday.days - c.first_met->days) / 365.25;
    CHECK(factor(t, StrengthFactorKind::Duration).value == doctest::Approx(1 - std::exp(-years / 3)));
    CHECK(factor(t, StrengthFactorKind::Duration).explanation == "Known for 3 years");
    CHECK(t.score == doctest::Approx(0.1 * (1 - std::exp(-years / 3))));

    ContactStats s;
    s.first_touch = Date::from_ymd(2020, 6, 1);
    s.last_touch = s.first_touch;
    t = tie_strength(c, s, kToday);
    CHECK(factor(t, StrengthFactorKind::Duration).explanation == "Known for 4 years");

    c.first_met = Date{kToday.days + 10};  // in the future: ignored
    CHECK(factor(tie_strength(c, ContactStats{}, kToday), StrengthFactorKind::Duration).value == 0);
    CHECK(factor(tie_strength(c, ContactStats{}, kToday), StrengthFactorKind::Duration).explanation ==
          "Not known when you met");

    c.first_met = days_ago(45);
    CHECK(factor(tie_strength(c, ContactStats{}, kToday), StrengthFactorKind::Duration).explanation ==
          "Known for 1 month");
    c.first_met = days_ago(12);
    CHECK(factor(tie_strength(c, ContactStats{}, kToday), StrengthFactorKind::Duration).explanation ==
          "Known for 12 days");
    c.first_met = kToday;
    CHECK(factor(tie_strength(c, ContactStats{}, kToday), StrengthFactorKind::Duration).explanation == "Met today");
}

TEST_CASE("tie_strength: a tie met on 29 February has its anniversary on 28 February") {
    Contact c = person(1);
    c.first_met = Date::from_ymd(2024, 2, 29);
    const auto words = [&](Date today) {
        return factor(tie_strength(c, ContactStats{}, today), StrengthFactorKind::Duration).explanation;
    };
    CHECK(words(Date::from_ymd(2025, 2, 27)) == "Known for 11 months");
    CHECK(words(Date::from_ymd(2025, 2, 28)) == "Known for 1 year");
    CHECK(words(Date::from_ymd(2028, 2, 28)) == "Known for 3 years");
    CHECK(words(Date::from_ymd(2028, 2, 29)) == "Known for 4 years");
    CHECK(words(Date::from_ymd(2024, 3, 1)) == "Known for 1 day");
}

TEST_CASE("tie_strength: help given, received and opportunities") {
    ContactStats s;
    s.help_given = 2;
    s.help_received = 1;
    TieStrength t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Help).value == doctest::Approx(1 - std::exp(-1.0)));
    CHECK(factor(t, StrengthFactorKind::Help).explanation == "2 favours given, 1 received");
    CHECK(t.score == doctest::Approx(0.2 * (1 - std::exp(-1.0))));

    s = ContactStats{};
    s.help_given = 1;
    CHECK(factor(tie_strength(person(1), s, kToday), StrengthFactorKind::Help).explanation == "1 favour given");
    s.opportunities = 2;
    t = tie_strength(person(1), s, kToday);
    CHECK(factor(t, StrengthFactorKind::Help).explanation == "1 favour given; 2 opportunities through them");
    CHECK(factor(t, StrengthFactorKind::Help).value == doctest::Approx(1 - std::exp(-1.0)));

    s = ContactStats{};
    s.help_received = 2;
    CHECK(factor(tie_strength(person(1), s, kToday), StrengthFactorKind::Help).explanation == "2 favours received");
    s = ContactStats{};
    s.opportunities = 1;
    CHECK(factor(tie_strength(person(1), s, kToday), StrengthFactorKind::Help).explanation ==
          "1 opportunity through them");
}

TEST_CASE("tie_strength: the score is the sum of the points; tie_score is the same number") {
    ContactStats s;
    s.last_touch = days_ago(30);
    s.first_touch = days_ago(700);
    s.touch_days_year = 5;
    s.initiated_by_me = 3;
    s.initiated_by_them = 2;
    s.help_given = 1;
    const TieStrength t = tie_strength(person(1), s, kToday);
    double sum = 0;
    for (const StrengthFactor& f : t.factors) sum += f.points();
    CHECK(t.score == doctest::Approx(sum));
    CHECK(t.score == doctest::Approx(0.3 * std::pow(0.5, 0.5) + 0.25 * (1 - std::exp(-5.0 / 8)) + 0.15 * 0.8 +
                                     0.1 * (1 - std::exp(-700 / 365.25 / 3)) + 0.2 * (1 - std::exp(-1.0 / 3))));
    CHECK(tie_score(person(1), s, kToday) == t.score);
}

TEST_CASE("tie_strength: more recent means stronger; only future records count for nothing") {
    Contact known = person(1);
    known.first_met = days_ago(3000);  // the same age, so only the last touch differs
    std::vector<double> scores;
    for (const int days : {0, 1, 10, 30, 90, 200, 364, 365, 400, 2000}) {
        Store store;
        store.load(known);
        log(store, 1, days_ago(days), InteractionKind::Coffee, Initiator::Them);
        const NetworkStats stats = NetworkStats::build(store, kToday);
        scores.push_back(tie_strength(known, stats.of(id_of(1)), kToday).score);
    }
    for (std::size_t i = 1; i < scores.size(); ++i) {
        CAPTURE(i);
        CHECK(scores[i] < scores[i - 1]);
    }

    Store store;
    store.load(person(1));
    log(store, 1, Date{kToday.days + 1}, InteractionKind::Coffee, Initiator::Me);
    log(store, 1, Date{kToday.days + 30}, InteractionKind::HelpGiven, Initiator::Me);
    const NetworkStats stats = NetworkStats::build(store, kToday);
    const TieStrength t = tie_strength(person(1), stats.of(id_of(1)), kToday);
    CHECK(t.score == 0);
    CHECK(factor(t, StrengthFactorKind::Recency).explanation == "No touch logged yet");
}

TEST_CASE("suggest_tiers: layers by score, each with its floor; everyone gets at least Recognisable") {
    Store store;
    for (std::uint64_t n = 1; n <= 8; ++n) {
        store.load(person(n));
        strong_history(store, n);
    }
    for (std::uint64_t n = 20; n < 40; ++n) {  // twenty new acquaintances, met today
        store.load(person(n));
        log(store, n, kToday, InteractionKind::Meetup);
    }
    store.load(person(50));  // no history at all
    Contact archived = person(60);
    archived.archived = true;
    store.load(archived);
    strong_history(store, 60);
    Contact deleted = person(61);
    deleted.meta.deleted = true;
    store.load(deleted);

    const NetworkStats stats = NetworkStats::build(store, kToday);
    const std::vector<TierSuggestion> tiers = suggest_tiers(store, stats);
    REQUIRE(tiers.size() == 29);
    for (std::size_t i = 0; i < 8; ++i) {
        CAPTURE(i);
        CHECK(tiers[i].contact == id_of(i + 1));  // equal scores: by id
        CHECK(tiers[i].tier == (i < 5 ? Tier::Inner : Tier::Close));
        CHECK(tiers[i].score > kInnerFloor);
    }
    for (std::size_t i = 8; i < 28; ++i) {
        CAPTURE(i);
        CHECK(tiers[i].tier == Tier::Meaningful);  // not close: a single meeting is below that floor
        CHECK(tiers[i].score == doctest::Approx(0.3 + 0.25 * (1 - std::exp(-1.0 / 8))));
    }
    CHECK(tiers[28].contact == id_of(50));
    CHECK(tiers[28].tier == Tier::Recognisable);
    CHECK(tiers[28].score == 0);
}

TEST_CASE("suggest_tiers: the layers are cumulative, 5 then 15 then 50") {
    Store store;
    for (std::uint64_t n = 1; n <= 20; ++n) {
        store.load(person(n));
        strong_history(store, n);
    }
    const NetworkStats stats = NetworkStats::build(store, kToday);
    const std::vector<TierSuggestion> tiers = suggest_tiers(store, stats);
    REQUIRE(tiers.size() == 20);
    int counts[kTierCount] = {};
    for (const TierSuggestion& t : tiers) ++counts[static_cast<int>(t.tier)];
    CHECK(counts[static_cast<int>(Tier::Inner)] == 5);
    CHECK(counts[static_cast<int>(Tier::Close)] == 10);
    CHECK(counts[static_cast<int>(Tier::Friends)] == 5);
    CHECK(tiers[15].tier == Tier::Friends);
}
