#include "ui/probe.hpp"

#include <imgui.h>

#include <cstdio>
#include <map>
#include <utility>

namespace ties::probe {
namespace {

struct Rect {
    float x, y, w, h;
    bool operator==(const Rect&) const = default;
};

std::map<std::string, Rect, std::less<>> g_widgets;
std::map<std::string, Rect, std::less<>> g_last_frame;  // to tell a test whether a widget is still moving
std::map<std::string, std::string, std::less<>> g_values;

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += ch;
        }
    }
    out += '"';
}

}  // namespace

void begin_frame(bool on) {
    detail::g_enabled = on;
    g_last_frame.swap(g_widgets);
    g_widgets.clear();
    g_values.clear();
}

void detail::record_item(std::string name) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    // Only what is on screen and not clipped away by its window can be clicked.
    ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    if (max.x <= clip_min.x || max.y <= clip_min.y || min.x >= clip_max.x || min.y >= clip_max.y) return;
    g_widgets[std::move(name)] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

void detail::record_value(std::string name, std::string text) { g_values[std::move(name)] = std::move(text); }

std::string to_json() {
    std::string out = "{\"widgets\":{";
    bool first = true;
    for (const auto& [name, r] : g_widgets) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        const auto last = g_last_frame.find(name);
        const bool moved = last == g_last_frame.end() || !(last->second == r);
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, ":[%.1f,%.1f,%.1f,%.1f,%d]", double(r.x), double(r.y),
                      double(r.w), double(r.h), moved ? 1 : 0);
        out += numbers;
    }
    out += "},\"values\":{";
    first = true;
    for (const auto& [name, text] : g_values) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ':';
        append_json_string(out, text);
    }
    out += "}}";
    return out;
}

}  // namespace ties::probe
