// Touches and their events: who of an event is already logged (linked, or a same-day meetup with
// them), logging only the others, linking, the events of a day, attaching a quick log to an event,
// and deleting an event without losing its touches.
#include "core/touches.hpp"

#include "engine_fixtures.hpp"

#include <doctest/doctest.h>

using namespace ties;
using namespace ties::test;

namespace {

Event tweetup(const std::vector<std::uint64_t>& people, Date date = kToday) {
    Event e;
    e.meta.id = id_of(500);
    e.name = "Tweetup";
    e.kind = EventKind::Tweetup;
    e.date = date;
    for (std::uint64_t n : people) e.attendees.push_back(id_of(n));
    return e;
}

Interaction touch(std::uint64_t n, const std::vector<std::uint64_t>& people, InteractionKind kind, Date date = kToday) {
    Interaction i;
    i.meta.id = id_of(n);
    i.kind = kind;
    i.date = date;
    for (std::uint64_t p : people) i.participants.push_back(id_of(p));
    return i;
}

Store with_people(int count) {
    Store store;
    for (int n = 1; n <= count; ++n) store.load(person(static_cast<std::uint64_t>(n)));
    return store;
}

std::vector<Id> ids(const std::vector<std::uint64_t>& ns) {
    std::vector<Id> out;
    for (std::uint64_t n : ns) out.push_back(id_of(n));
    return out;
}

}  // namespace

TEST_CASE("coverage: linked touches and same-day meetups cover their people; others do not") {
    Store store = with_people(6);
    const Event e = tweetup({1, 2, 3, 4, 5, 6});
    store.load(e);
    store.load(touch(100, {1, 2, 3}, InteractionKind::Meetup));                 // the tweetup, logged first
    Interaction linked = touch(101, {4}, InteractionKind::DirectMessage, days_ago(1));
    linked.event = e.meta.id;                                                     // linked: whatever the kind or day
    store.load(linked);
    store.load(touch(102, {5}, InteractionKind::Coffee));                         // same day, another kind
    store.load(touch(103, {6}, InteractionKind::Meetup, days_ago(1)));           // a meetup the day before
    Interaction other_event = touch(104, {6}, InteractionKind::Meetup);
    other_event.event = id_of(501);                                               // linked to another event
    store.load(other_event);
    Interaction deleted = touch(105, {5}, InteractionKind::Meetup);
    deleted.meta.deleted = true;
    store.load(deleted);

    const EventCoverage c = coverage_of(store, e);
    CHECK(c.covered == ids({1, 2, 3, 4}));
    CHECK(c.uncovered == ids({5, 6}));
    CHECK(c.touches == ids({101, 100}));  // linked first, then the same-day meetups
    CHECK(c.to_link == ids({100}));
    CHECK(covers(*store.interaction(id_of(100)), e, id_of(2)));
    CHECK_FALSE(covers(*store.interaction(id_of(100)), e, id_of(5)));
    CHECK_FALSE(covers(*store.interaction(id_of(104)), e, id_of(6)));
}

TEST_CASE("log the meeting: only the uncovered attendees, linked; the same-day meetup linked too") {
    Store store = with_people(3);
    const Event e = tweetup({1, 2, 3});
    store.load(e);
    store.load(touch(100, {1, 2}, InteractionKind::Meetup));

    Change change = log_event_meeting(store, e, id_of(900));
    CHECK(change.label == "Log the meeting at Tweetup");
    REQUIRE(change.records.size() == 2);
    const auto& relinked = std::get<Interaction>(change.records[0]);
    CHECK(relinked.meta.id == id_of(100));
    CHECK(relinked.event == e.meta.id);
    const auto& logged = std::get<Interaction>(change.records[1]);
    CHECK(logged.meta.id == id_of(900));
    CHECK(logged.participants == ids({3}));
    CHECK(logged.event == e.meta.id);
    CHECK(logged.kind == InteractionKind::Meetup);
    CHECK(logged.date == e.date);
    store.apply(std::move(change), 1000);

    // Everyone is logged now: nothing more to do, and both touches are linked.
    CHECK(log_event_meeting(store, e, id_of(901)).records.empty());
    CHECK(coverage_of(store, e).uncovered.empty());
    CHECK(linked_touches(store, e.meta.id) == ids({100, 900}));
    store.undo(2000);
    CHECK(coverage_of(store, e).uncovered == ids({3}));
    CHECK(linked_touches(store, e.meta.id).empty());
}

TEST_CASE("deleting an event keeps its touches, unlinked; undo links them again") {
    Store store = with_people(2);
    const Event e = tweetup({1, 2});
    store.load(e);
    store.apply(log_event_meeting(store, e, id_of(900)), 1000);
    REQUIRE(linked_touches(store, e.meta.id) == ids({900}));

    store.apply(delete_event(store, e.meta.id), 2000);
    CHECK(store.event(e.meta.id) == nullptr);
    const Interaction* kept = store.interaction(id_of(900));
    REQUIRE(kept != nullptr);
    CHECK_FALSE(kept->event.has_value());
    CHECK(kept->participants == ids({1, 2}));
    store.undo(3000);
    CHECK(store.event(e.meta.id) != nullptr);
    CHECK(store.interaction(id_of(900))->event == e.meta.id);
}

TEST_CASE("events on a day, by name; attaching a touch adds its people to the event") {
    Store store = with_people(3);
    Event b = tweetup({1});
    b.name = "B meetup";
    store.load(b);
    Event a = tweetup({1});
    a.meta.id = id_of(501);
    a.name = "A conference";
    store.load(a);
    Event other_day = tweetup({1}, days_ago(1));
    other_day.meta.id = id_of(502);
    store.load(other_day);
    CHECK(events_on(store, kToday) == ids({501, 500}));
    CHECK(events_on(store, days_ago(2)).empty());

    const Change change = attach_to_event(touch(100, {1, 3}, InteractionKind::Meetup), b);
    REQUIRE(change.records.size() == 2);
    CHECK(std::get<Interaction>(change.records[0]).event == b.meta.id);
    CHECK(std::get<Event>(change.records[1]).attendees == ids({1, 3}));
    // Everyone already there: the event is left as it is.
    CHECK(attach_to_event(touch(101, {1}, InteractionKind::Meetup), b).records.size() == 1);
}
