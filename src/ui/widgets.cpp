// Shared widgets: see widgets.hpp.
#include "ui/widgets.hpp"

#include "ui/probe.hpp"

#include <imgui.h>

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

}  // namespace ties::ui
