// Small widgets every panel uses, so they look and behave the same everywhere: a focus ring on
// active fields, muted text, the accent (primary) button, buttons named for the test probe, rows
// of buttons that wrap on a narrow screen, and tooltips that stay inside the window.
#pragma once

#include "ui/theme.hpp"

#include <string>

namespace ties::ui {

void focus_ring(const Palette& p);  // around the last item while it is being edited
void muted_text(const Palette& p, const char* text);  // wrapped
bool primary_button(const Palette& p, const char* text, const std::string& probe_name);
bool button(const char* text, const std::string& probe_name);

// Puts the next item on the same line, `spacing` after the last one, when `width` more fits;
// else it starts the next line.
void same_line_if_fits(float width, float spacing = -1.0f);

// The width a button with this label takes ("##id" suffixes do not count).
float button_width(const char* text);

// `text` cut with "…" so that it fits in `width` (a long link on a phone); whole when it fits.
std::string fitted(const std::string& text, float width);

// Buttons side by side that wrap to the next line when the next one does not fit (phones):
//     ButtonRow row;
//     if (row.primary(p, "Log", "x.log")) ...;
//     if (row.button("Snooze a week", "x.snooze")) ...;
// place(width) puts any other item of that width on the row (call it just before the item).
class ButtonRow {
public:
    bool button(const char* text, const std::string& probe_name);
    bool primary(const Palette& p, const char* text, const std::string& probe_name);
    void place(float width);

private:
    bool first_ = true;
};

// A tooltip for the last item while it is hovered: wrapped so it fits inside the window, where
// Dear ImGui then keeps it. Every hover tooltip goes through here.
void tooltip(const std::string& text);
void tooltip_always_when_disabled(const std::string& text);  // also over disabled items
void tooltip_now(const std::string& text);  // this frame, whatever is hovered (a dot on a picture)

}  // namespace ties::ui
