// Small widgets every panel uses, so they look and behave the same everywhere: a focus ring on
// active fields, muted text, the accent (primary) button, and buttons named for the test probe.
#pragma once

#include "ui/theme.hpp"

#include <string>

namespace ties::ui {

void focus_ring(const Palette& p);  // around the last item while it is being edited
void muted_text(const Palette& p, const char* text);  // wrapped
bool primary_button(const Palette& p, const char* text, const std::string& probe_name);
bool button(const char* text, const std::string& probe_name);

}  // namespace ties::ui
