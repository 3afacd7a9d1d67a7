// Logged touches and their events: see touches.hpp.
#include "core/touches.hpp"

#include <algorithm>

namespace ties {
namespace {

bool has(const std::vector<Id>& ids, Id id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

void sort_by_date(const Store& store, std::vector<Id>& interactions) {
    std::sort(interactions.begin(), interactions.end(), [&](Id a, Id b) {
        const Interaction& x = *store.interaction(a);
        const Interaction& y = *store.interaction(b);
        if (x.date != y.date) return x.date < y.date;
        return a < b;
    });
}

}  // namespace

bool covers(const Interaction& interaction, const Event& event, Id person) {
    if (interaction.meta.deleted || !has(interaction.participants, person)) return false;
    if (interaction.event) return *interaction.event == event.meta.id;
    return interaction.kind == InteractionKind::Meetup && interaction.date == event.date;
}

EventCoverage coverage_of(const Store& store, const Event& event) {
    EventCoverage out;
    std::vector<Id> linked, same_day;
    for (const auto& [id, interaction] : store.interactions()) {
        if (interaction.meta.deleted) continue;
        const bool linked_here = interaction.event && *interaction.event == event.meta.id;
        const bool candidate = !interaction.event && interaction.kind == InteractionKind::Meetup &&
                               interaction.date == event.date;
        if (!linked_here && !candidate) continue;
        bool any = linked_here;
        for (const Id& person : event.attendees) any = any || has(interaction.participants, person);
        if (!any) continue;
        (linked_here ? linked : same_day).push_back(id);
    }
    sort_by_date(store, linked);
    sort_by_date(store, same_day);
    out.touches = linked;
    out.touches.insert(out.touches.end(), same_day.begin(), same_day.end());
    out.to_link = same_day;
    for (const Id& person : event.attendees) {
        if (store.contact(person) == nullptr || has(out.covered, person) || has(out.uncovered, person)) continue;
        const bool logged = std::any_of(out.touches.begin(), out.touches.end(), [&](Id touch) {
            return covers(*store.interaction(touch), event, person);
        });
        (logged ? out.covered : out.uncovered).push_back(person);
    }
    return out;
}

Change log_event_meeting(const Store& store, const Event& event, Id new_id) {
    const EventCoverage coverage = coverage_of(store, event);
    Change change;
    change.label = "Log the meeting at " + event.name;
    for (const Id& id : coverage.to_link) {
        Interaction linked = *store.interaction(id);
        linked.event = event.meta.id;
        change.records.push_back(std::move(linked));
    }
    if (!coverage.uncovered.empty()) {
        Interaction meeting;
        meeting.meta.id = new_id;
        meeting.kind = InteractionKind::Meetup;
        meeting.date = event.date;
        meeting.participants = coverage.uncovered;
        meeting.notes = "At " + event.name;
        meeting.event = event.meta.id;
        change.records.push_back(std::move(meeting));
    }
    if (change.records.empty()) return {};
    return change;
}

std::vector<Id> linked_touches(const Store& store, Id event) {
    std::vector<Id> out;
    for (const auto& [id, interaction] : store.interactions())
        if (!interaction.meta.deleted && interaction.event == event) out.push_back(id);
    sort_by_date(store, out);
    return out;
}

std::vector<Id> events_on(const Store& store, Date date) {
    std::vector<const Event*> found;
    for (const auto& [id, event] : store.events())
        if (!event.meta.deleted && event.date == date) found.push_back(&event);
    std::sort(found.begin(), found.end(), [](const Event* a, const Event* b) {
        return a->name != b->name ? a->name < b->name : a->meta.id < b->meta.id;
    });
    std::vector<Id> out;
    for (const Event* event : found) out.push_back(event->meta.id);
    return out;
}

Change attach_to_event(Interaction interaction, const Event& event) {
    interaction.event = event.meta.id;
    Event attended = event;
    for (const Id& person : interaction.participants)
        if (!has(attended.attendees, person)) attended.attendees.push_back(person);
    Change change = save_interaction(interaction);
    if (!(attended == event)) change.records.push_back(std::move(attended));
    return change;
}

}  // namespace ties
