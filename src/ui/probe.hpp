// Test probe: when the page runs with ?test, the UI names its widgets and the app publishes their
// screen rectangles (CSS pixels) and values to JavaScript each frame, so browser tests can click
// and type where a person would instead of calling into C++.
// When it is off (every real user's page) it costs one test of a flag: names and values are given
// in parts (strings, numbers, or functions returning a string) and joined only when it is on, so
// `probe::item("today.plan.", n, ".log")` or `probe::value("contacts.count", rows.size())` builds
// nothing in a user's frame.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

namespace ties::probe {

namespace detail {
inline bool g_enabled = false;

inline void append(std::string& out, std::string_view part) { out += part; }
template <class T>
void append(std::string& out, const T& part) {
    if constexpr (std::is_invocable_v<const T&>) append(out, part());
    else if constexpr (std::is_same_v<T, bool>) out += part ? "true" : "false";
    else if constexpr (std::is_arithmetic_v<T>) out += std::to_string(part);
    else out += std::string_view(part);
}
template <class... Parts>
std::string join(const Parts&... parts) {
    std::string out;
    (append(out, parts), ...);
    return out;
}

void record_item(std::string name);
void record_value(std::string name, std::string text);
}  // namespace detail

void begin_frame(bool enabled);
inline bool enabled() { return detail::g_enabled; }

// A name or a text in parts, joined only when the probe is on: probe::value(probe::key("a.", n), text).
template <class... Parts>
auto key(const Parts&... parts) {
    return [&parts...] { return detail::join(parts...); };
}

// Records the rectangle of the last ImGui item under the name its parts make.
template <class... Parts>
void item(const Parts&... name) {
    if (enabled()) detail::record_item(detail::join(name...));
}

// Records a value (a field's text, the current section, a count...) under `name`.
template <class Name, class Text>
void value(const Name& name, const Text& text) {
    if (enabled()) detail::record_value(detail::join(name), detail::join(text));
}

// {"widgets":{"name":[x,y,w,h,moved],...},"values":{"name":"text",...}}, where moved is 1 when the
// rectangle is new or differs from the frame before (a test waits for 0 before aiming at it).
std::string to_json();

}  // namespace ties::probe
