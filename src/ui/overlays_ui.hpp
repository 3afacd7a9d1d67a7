// Overlays reachable from anywhere: the command palette (Ctrl/Cmd+K) to jump to any section,
// person or action; the quick log (Ctrl/Cmd+L) to record a touch with one or many people in a
// few keystrokes, for an event of that day or a new one; and the keyboard shortcuts help (?).
#pragma once

#include "core/forms.hpp"
#include "core/store.hpp"
#include "ui/interaction_form.hpp"
#include "ui/people_picker.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ties::ui {

struct UiState;
struct UiView;
struct UiIntents;

struct PaletteUi {
    bool open = false;
    bool focus = false;
    std::string query;
    int highlighted = 0;
    std::vector<Id> people;  // cached matches for (query, store version)
    std::string people_query;
    std::uint64_t people_version = ~std::uint64_t{0};
};

struct QuickLogUi {
    bool open = false;
    bool focus = false;
    PeoplePicker picker;
    QuickLogDraft draft;  // the touch, and the event it is for (core/forms.hpp)
    std::string error;
};

void open_quick_log(QuickLogUi& ui, const UiView& view, std::vector<Id> people = {});
// Ctrl+L and the palette: pre-filled with the person whose page is open, or with the open event
// (its day, its people, attached to it).
void open_quick_log_here(UiState& state, const UiView& view);

void draw_palette(UiState& state, const UiView& view, UiIntents& out);
void draw_quick_log(QuickLogUi& ui, const UiView& view, UiIntents& out);
void draw_help(bool& open, const UiView& view);

}  // namespace ties::ui
