// Choosing people: the chosen ones as removable chips, a field that fuzzily finds contacts as you
// type (arrows and Enter, or click), and optionally "Add <name> as a new contact". Used by the
// quick log, events and opportunities.
#pragma once

#include "core/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ties::ui {

struct UiView;

struct PeoplePicker {
    std::string query;
    int highlighted = 0;
    bool refocus = false;
    // Cached matches for (query, store version).
    std::vector<Id> matches;
    std::string matched_query;
    std::uint64_t matched_version = ~std::uint64_t{0};
};

struct PickResult {
    std::optional<Id> picked;            // already added to `chosen`
    std::optional<std::string> create;   // the person asked for a new contact with this name
};

// `name` names the widgets for the test probe ("log.people" -> "log.people.field",
// "log.people.match.<label>", "log.people.create", "log.people.chip.<label>").
// `new_people` are contacts created in this form but not saved yet (shown as chips too).
PickResult draw_people_picker(PeoplePicker& picker, const std::string& name, std::vector<Id>& chosen,
                              const std::vector<Contact>& new_people, const UiView& view, bool allow_create);

}  // namespace ties::ui
