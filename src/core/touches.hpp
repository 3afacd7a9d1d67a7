// Logged touches and the events they were logged for: so that an event and the meeting logged for
// it are one meeting, counted once. A touch covers an attendee of an event when it is linked to the
// event (Interaction::event), or, not linked to any event, it is a meetup on the event's day with
// that person. "Log the meeting for everyone" logs only those not covered yet, and links the
// same-day meetups it found. Deleting an event keeps its touches, unlinked.
#pragma once

#include "core/store.hpp"

#include <vector>

namespace ties {

// Who of an event's live attendees is already logged, and by which touches.
struct EventCoverage {
    std::vector<Id> covered;    // attendees with a covering touch, in attendee order
    std::vector<Id> uncovered;  // the others: what "Log the meeting for everyone" would log
    std::vector<Id> touches;    // the covering interactions (linked, then same-day), oldest first
    std::vector<Id> to_link;    // of those, the same-day meetups not linked yet
};

// True when `interaction` (live) covers `person` at `event`: see the top of this file.
bool covers(const Interaction& interaction, const Event& event, Id person);
EventCoverage coverage_of(const Store& store, const Event& event);

// The Change behind "Log the meeting for everyone": one meetup for the uncovered attendees, linked
// to the event (id `new_id`), and the same-day meetups linked; empty when there is nothing to do.
Change log_event_meeting(const Store& store, const Event& event, Id new_id);

// Live interactions linked to `event`, oldest first.
std::vector<Id> linked_touches(const Store& store, Id event);
// Live events on `date`, by name: the events the quick log offers to attach a touch to.
std::vector<Id> events_on(const Store& store, Date date);

// Logging a touch for `event`: the interaction linked to it, and the event with the touch's people
// added to its attendees when they were not there yet (they were, since they met you there).
Change attach_to_event(Interaction interaction, const Event& event);

}  // namespace ties
