// The app's frame: sidebar with the sections and a jump box, and the current section's page.
// It draws state and returns intents (go to a section, change the theme); the app applies them.
#pragma once

#include "core/sections.hpp"
#include "ui/theme.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ties::ui {

// State owned by the UI itself: what is typed, where focus should go.
struct UiState {
    std::string jump_query;
    bool focus_jump = false;
};

// What the UI shows but does not own.
struct UiView {
    Section section = Section::Today;
    ThemeChoice theme_choice = ThemeChoice::System;
    bool dark = false;
    bool system_dark = false;
    bool mac = false;  // shortcuts read Cmd instead of Ctrl
    const Fonts* fonts = nullptr;
    std::string_view build;
};

struct UiIntents {
    std::optional<Section> go_to;
    std::optional<ThemeChoice> theme;
};

UiIntents draw_app(UiState& state, const UiView& view);

}  // namespace ties::ui
