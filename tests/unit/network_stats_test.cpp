// NetworkStats: what counts as a touch (interactions but notes, events attended, up to today),
// distinct days overall and in the past 365, initiators, help both ways, opportunities, and what
// is skipped (deleted records, unknown or deleted people, the future).
#include "core/network_stats.hpp"

#include "engine_fixtures.hpp"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

using namespace ties;

namespace {

using test::days_ago;
using test::id_of;
using test::kToday;
using test::person;

Interaction talk(std::uint64_t n, Date date, std::vector<Id> people, InteractionKind kind = InteractionKind::Call,
                 Initiator initiator = Initiator::Unknown) {
    Interaction i;
    i.meta.id = id_of(1000 + n);
    i.date = date;
    i.kind = kind;
    i.participants = std::move(people);
    i.initiator = initiator;
    return i;
}

}  // namespace

TEST_CASE("NetworkStats: no history gives zeros, for anyone") {
    Store store;
    store.load(person(1));
    const NetworkStats stats = NetworkStats::build(store, kToday);
    CHECK(stats.today() == kToday);
    for (const Id id : {id_of(1), id_of(99)}) {
        const ContactStats& s = stats.of(id);
        CHECK_FALSE(s.first_touch);
        CHECK_FALSE(s.last_touch);
        CHECK(s.touch_days == 0);
        CHECK(s.touch_days_year == 0);
        CHECK(s.initiated_by_me == 0);
        CHECK(s.help_given == 0);
        CHECK(s.opportunities == 0);
    }
}

TEST_CASE("NetworkStats: distinct touch days, the past 365 days, first and last") {
    Store store;
    store.load(person(1));
    store.load(person(2));
    store.load(talk(1, kToday, {id_of(1)}));  // today counts: dates are used as they are
    store.load(talk(2, kToday, {id_of(1)}, InteractionKind::DirectMessage));  // same day again
    store.load(talk(3, days_ago(364), {id_of(1)}));  // the first of the 365 days ending today
    store.load(talk(4, days_ago(365), {id_of(1), id_of(2)}));  // just outside
    store.load(talk(5, days_ago(800), {id_of(1)}));
    const NetworkStats stats = NetworkStats::build(store, kToday);
    const ContactStats& s = stats.of(id_of(1));
    CHECK(s.touch_days == 4);
    CHECK(s.touch_days_year == 2);
    CHECK(s.first_touch == days_ago(800));
    CHECK(s.last_touch == kToday);
    const ContactStats& t = stats.of(id_of(2));
    CHECK(t.touch_days == 1);
    CHECK(t.touch_days_year == 0);
    CHECK(t.first_touch == days_ago(365));
    CHECK(t.last_touch == days_ago(365));
}

TEST_CASE("NetworkStats: future records, notes, deleted records and unknown people are left out") {
    Store store;
    store.load(person(1));
    Contact gone = person(2);
    gone.meta.deleted = true;
    store.load(gone);
    store.load(talk(1, days_ago(10), {id_of(1), id_of(2), id_of(77)}));
    store.load(talk(2, Date{kToday.days + 1}, {id_of(1)}, InteractionKind::Coffee, Initiator::Them));  // planned
    store.load(talk(3, days_ago(2), {id_of(1)}, InteractionKind::Note, Initiator::Me));  // writing, not talking
    Interaction deleted = talk(4, days_ago(1), {id_of(1)}, InteractionKind::HelpGiven, Initiator::Me);
    deleted.meta.deleted = true;
    store.load(deleted);
    store.load(talk(5, days_ago(20), {id_of(1), id_of(1)}));  // listed twice, counted once
    Event future;
    future.meta.id = id_of(500);
    future.date = Date{kToday.days + 3};
    future.attendees = {id_of(1)};
    store.load(future);
    Event deleted_event;
    deleted_event.meta.id = id_of(501);
    deleted_event.meta.deleted = true;
    deleted_event.date = days_ago(3);
    deleted_event.attendees = {id_of(1)};
    store.load(deleted_event);

    const NetworkStats stats = NetworkStats::build(store, kToday);
    const ContactStats& s = stats.of(id_of(1));
    CHECK(s.touch_days == 2);
    CHECK(s.last_touch == days_ago(10));
    CHECK(s.first_touch == days_ago(20));
    CHECK(s.initiated_by_me == 0);
    CHECK(s.initiated_by_them == 0);
    CHECK(s.help_given == 0);
    CHECK(stats.of(id_of(2)).touch_days == 0);   // deleted contact
    CHECK(stats.of(id_of(77)).touch_days == 0);  // never a contact
}

TEST_CASE("NetworkStats: events attended are touches without an initiator") {
    Store store;
    store.load(person(1));
    store.load(person(2));
    Event meetup;
    meetup.meta.id = id_of(500);
    meetup.date = days_ago(5);
    meetup.attendees = {id_of(1), id_of(2)};
    store.load(meetup);
    store.load(talk(1, days_ago(5), {id_of(1)}, InteractionKind::Coffee, Initiator::Me));  // same day
    const NetworkStats stats = NetworkStats::build(store, kToday);
    CHECK(stats.of(id_of(1)).touch_days == 1);
    CHECK(stats.of(id_of(1)).initiated_by_me == 1);
    CHECK(stats.of(id_of(2)).touch_days == 1);
    CHECK(stats.of(id_of(2)).last_touch == days_ago(5));
    CHECK(stats.of(id_of(2)).initiated_by_me == 0);
}

TEST_CASE("NetworkStats: initiators, help both ways and opportunities") {
    Store store;
    store.load(person(1));
    store.load(person(2));
    store.load(talk(1, days_ago(40), {id_of(1)}, InteractionKind::Call, Initiator::Me));
    store.load(talk(2, days_ago(30), {id_of(1), id_of(2)}, InteractionKind::Coffee, Initiator::Them));
    store.load(talk(3, days_ago(20), {id_of(1)}, InteractionKind::Email, Initiator::Them));
    store.load(talk(4, days_ago(15), {id_of(1)}, InteractionKind::HelpGiven));
    store.load(talk(5, days_ago(12), {id_of(1)}, InteractionKind::IntroductionMade));
    store.load(talk(6, days_ago(50), {id_of(1)}, InteractionKind::HelpGiven));
    store.load(talk(7, days_ago(8), {id_of(1)}, InteractionKind::HelpReceived));
    Opportunity job;
    job.meta.id = id_of(600);
    job.date = Date{kToday.days + 30};  // opportunities count whatever their date
    job.contacts = {id_of(1), id_of(2)};
    store.load(job);
    Opportunity another = job;
    another.meta.id = id_of(601);
    another.contacts = {id_of(1)};
    store.load(another);
    Opportunity deleted = job;
    deleted.meta.id = id_of(602);
    deleted.meta.deleted = true;
    store.load(deleted);

    const NetworkStats stats = NetworkStats::build(store, kToday);
    const ContactStats& s = stats.of(id_of(1));
    CHECK(s.initiated_by_me == 1);
    CHECK(s.initiated_by_them == 2);
    CHECK(s.help_given == 3);
    CHECK(s.last_help_given == days_ago(12));
    CHECK(s.help_received == 1);
    CHECK(s.last_help_received == days_ago(8));
    CHECK(s.opportunities == 2);
    CHECK(s.touch_days == 7);
    const ContactStats& t = stats.of(id_of(2));
    CHECK(t.initiated_by_them == 1);
    CHECK(t.help_given == 0);
    CHECK_FALSE(t.last_help_given);
    CHECK(t.opportunities == 1);
}

TEST_CASE("NetworkStats: the same store seen from an earlier day") {
    Store store;
    store.load(person(1));
    store.load(talk(1, Date::from_ymd(2024, 1, 10), {id_of(1)}));
    store.load(talk(2, Date::from_ymd(2024, 3, 10), {id_of(1)}));
    const NetworkStats then = NetworkStats::build(store, Date::from_ymd(2024, 2, 1));
    CHECK(then.of(id_of(1)).touch_days == 1);
    CHECK(then.of(id_of(1)).last_touch == Date::from_ymd(2024, 1, 10));
    const NetworkStats now = NetworkStats::build(store, kToday);
    CHECK(now.of(id_of(1)).touch_days == 2);
    CHECK(now.of(id_of(1)).last_touch == Date::from_ymd(2024, 3, 10));
}
