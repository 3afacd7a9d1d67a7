// Shared widgets: see widgets.hpp.
#include "ui/widgets.hpp"

#include "ui/probe.hpp"

#include <imgui.h>

#include <algorithm>
#include <vector>

namespace ties::ui {

void focus_ring(const Palette& p) {
    if (!ImGui::IsItemActive()) return;
    const float rounding = ImGui::GetStyle().FrameRounding;
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), p.accent, rounding, 0, 1.5f);
}

void muted_text(const Palette& p, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

bool primary_button(const Palette& p, const char* text, const std::string& probe_name) {
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    const bool clicked = ImGui::Button(text);
    ImGui::PopStyleColor(4);
    probe::item(probe_name);
    return clicked;
}

bool button(const char* text, const std::string& probe_name) {
    const bool clicked = ImGui::Button(text);
    probe::item(probe_name);
    return clicked;
}

float button_width(const char* text) {
    return ImGui::CalcTextSize(text, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

std::string fitted(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const std::string ellipsis = "\xe2\x80\xa6";
    std::vector<std::size_t> cuts;  // where a UTF-8 character starts
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
    const auto fits = [&](std::size_t n) { return ImGui::CalcTextSize((text.substr(0, n) + ellipsis).c_str()).x <= width; };
    // The longest prefix that fits with the ellipsis (widths grow with the prefix).
    std::size_t lo = 0, hi = cuts.size() - 1;  // cuts[lo] always fits (it is 0 or tested)
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (fits(cuts[mid])) lo = mid;
        else hi = mid - 1;
    }
    return text.substr(0, cuts[lo]) + ellipsis;
}

void same_line_if_fits(float width, float spacing) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float gap = spacing >= 0.0f ? spacing : ImGui::GetStyle().ItemSpacing.x;
    if (ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0, gap);
}

void ButtonRow::place(float width) {
    if (!first_) same_line_if_fits(width);
    first_ = false;
}

bool ButtonRow::button(const char* text, const std::string& probe_name) {
    place(button_width(text));
    return ui::button(text, probe_name);
}

bool ButtonRow::primary(const Palette& p, const char* text, const std::string& probe_name) {
    place(button_width(text));
    return primary_button(p, text, probe_name);
}

namespace {

// Wrapped to the window's width and placed by the pointer, moved back inside the window where
// it would cross an edge (the one place tooltips are positioned).
void show_tooltip(const std::string& text) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    constexpr float kEdge = 8.0f;
    const float width = std::max(60.0f, std::min(420.0f, io.DisplaySize.x - 2 * (kEdge + style.WindowPadding.x)));
    const float wrap = std::min(ImGui::CalcTextSize(text.c_str()).x + 1.0f, width);
    const ImVec2 size(wrap + 2 * style.WindowPadding.x,
                      ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + 2 * style.WindowPadding.y);
    ImVec2 at(io.MousePos.x + 16.0f, io.MousePos.y + 22.0f);
    if (at.y + size.y > io.DisplaySize.y - kEdge) at.y = io.MousePos.y - 8.0f - size.y;  // above the pointer
    at.x = std::clamp(at.x, kEdge, std::max(kEdge, io.DisplaySize.x - kEdge - size.x));
    at.y = std::clamp(at.y, kEdge, std::max(kEdge, io.DisplaySize.y - kEdge - size.y));
    ImGui::SetNextWindowPos(at);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    probe::item("tooltip");
    probe::value("tooltip", text);
    ImGui::EndTooltip();
}

}  // namespace

void tooltip_now(const std::string& text) { show_tooltip(text); }

void tooltip(const std::string& text) {
    if (ImGui::IsItemHovered()) show_tooltip(text);
}

void tooltip_always_when_disabled(const std::string& text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) show_tooltip(text);
}

}  // namespace ties::ui
