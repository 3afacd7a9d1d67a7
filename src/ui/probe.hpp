// Test probe: when the page runs with ?test, the UI names its widgets and the app publishes their
// screen rectangles (CSS pixels) and values to JavaScript each frame, so browser tests can click
// and type where a person would instead of calling into C++. Costs nothing when disabled.
#pragma once

#include <string>
#include <string_view>

namespace ties::probe {

void begin_frame(bool enabled);
bool enabled();

// Records the rectangle of the last ImGui item under `name`.
void item(std::string_view name);
// Records a value (a field's text, the current section...) under `name`.
void value(std::string_view name, std::string_view text);

// {"widgets":{"name":[x,y,w,h,moved],...},"values":{"name":"text",...}}, where moved is 1 when the
// rectangle is new or differs from the frame before (a test waits for 0 before aiming at it).
std::string to_json();

}  // namespace ties::probe
