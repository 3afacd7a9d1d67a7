// The Events section: tweetups, meetups and conferences, newest first; an event's page with its
// attendees, the touches logged for it and "Log the meeting for everyone" (those not logged yet);
// the event form, where people met there can be
// picked or created on the spot (saved in the same undoable change as the event).
#pragma once

#include "core/forms.hpp"
#include "core/store.hpp"
#include "core/touches.hpp"
#include "ui/people_picker.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;

// The event form's state: the draft (core/forms.hpp) and the people picker's.
struct EventForm {
    explicit EventForm(EventDraft typed) : draft(std::move(typed)) {}

    EventDraft draft;
    PeoplePicker picker;
};

struct EventsUi {
    std::optional<Id> selected;         // the event whose page is open
    std::optional<EventForm> editing;   // the form is open (a new event when its id is not stored)
    std::string error;                  // the form's validation message
    bool confirm_delete = false;
    std::optional<Id> logged;           // the meeting just logged from the page, while it exists
    EventCoverage coverage;             // who of the open event is logged already, cached
    Id coverage_event;
    std::uint64_t coverage_version = ~std::uint64_t{0};

    // Live events, newest first, cached on the store version.
    std::vector<Id> rows;
    std::uint64_t rows_version = ~std::uint64_t{0};
};

void draw_events(EventsUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
