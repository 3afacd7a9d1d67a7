#include "ui/app_ui.hpp"

#include "ui/icons.hpp"
#include "ui/probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ShadeVertsLinearColorGradientKeepAlpha, for the logo
#include <imgui_stdlib.h>

#include <array>
#include <string>

namespace ties::ui {
namespace {

constexpr float kSidebarWidth = 236.0f;
constexpr float kSidebarNarrow = 64.0f;
constexpr float kNarrowWindow = 640.0f;

const char* section_icon(Section s) {
    switch (s) {
        case Section::Today: return icons::kToday;
        case Section::Contacts: return icons::kContacts;
        case Section::Timeline: return icons::kTimeline;
        case Section::Events: return icons::kEvents;
        case Section::Opportunities: return icons::kOpportunities;
        case Section::Insights: return icons::kInsights;
        case Section::Settings: return icons::kSettings;
    }
    return icons::kInfo;
}

const char* theme_name(ThemeChoice t) {
    switch (t) {
        case ThemeChoice::System: return "System";
        case ThemeChoice::Light: return "Light";
        case ThemeChoice::Dark: return "Dark";
    }
    return "System";
}

// Our logo: two overlapping rings, a tie between two people (the same drawing as assets/icon.py).
void draw_logo(ImVec2 origin, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(origin.x + size, origin.y + size);
    const int first_vertex = dl->VtxBuffer.Size;
    dl->AddRectFilled(origin, max, IM_COL32_WHITE, size * 0.22f);
    ImGui::ShadeVertsLinearColorGradientKeepAlpha(dl, first_vertex, dl->VtxBuffer.Size, origin, max,
                                                  IM_COL32(99, 102, 241, 255), IM_COL32(139, 92, 246, 255));
    const float ring = size * 0.195f;
    const float thickness = size * 0.07f;
    const float cy = origin.y + size * 0.5f;
    dl->AddCircle(ImVec2(origin.x + size * 0.39f, cy), ring, IM_COL32_WHITE, 40, thickness);
    dl->AddCircle(ImVec2(origin.x + size * 0.61f, cy), ring, IM_COL32(255, 255, 255, 190), 40, thickness);
}

// A focus ring around the last item while it is being edited (ImGui has no focus border colour).
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

void heading(const UiView& view, const char* text) {
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void draw_jump_box(UiState& state, const UiView& view, const Palette& p, UiIntents& out) {
    if (state.focus_jump) {
        ImGui::SetKeyboardFocusHere();
        state.focus_jump = false;
    }
    ImGui::SetNextItemWidth(-1.0f);
    const std::string hint = std::string(icons::kSearch) + "  Jump to" + (view.mac ? "   \xe2\x8c\x98K" : "   Ctrl+K");
    const bool entered = ImGui::InputTextWithHint(
        "##jump", hint.c_str(), &state.jump_query,
        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_EscapeClearsAll);
    focus_ring(p);
    probe::item("jump");
    probe::value("jump", state.jump_query);
    if (state.jump_query.empty()) return;

    const std::optional<Section> match = find_section(state.jump_query);
    if (match) {
        const std::string label = std::string(icons::kReturn) + "  Go to " + std::string(section_info(*match).title);
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        const bool clicked = ImGui::Selectable(label.c_str());
        ImGui::PopStyleColor();
        probe::item("jump.result");
        probe::value("jump.result", section_info(*match).title);
        if (entered || clicked) {
            out.go_to = *match;
            state.jump_query.clear();
        }
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("No section matches.");
        ImGui::PopStyleColor();
        probe::value("jump.result", "");
    }
}

void draw_sidebar(UiState& state, const UiView& view, const Palette& p, bool narrow, UiIntents& out) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.sidebar);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(narrow ? 10.0f : 16.0f, 18.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    ImGui::BeginChild("##sidebar", ImVec2(narrow ? kSidebarNarrow : kSidebarWidth, 0),
                      ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoScrollbar);

    const float logo = 30.0f;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    draw_logo(ImVec2(top.x + (narrow ? 5.0f : 2.0f), top.y), logo);
    if (!narrow) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + logo + 14.0f, top.y + 4.0f));
        ImGui::PushFont(view.fonts->title);
        ImGui::SetWindowFontScale(0.8f);
        ImGui::TextUnformatted("Ties");
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
    }
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + logo + 22.0f));

    if (!narrow) {
        draw_jump_box(state, view, p, out);
        ImGui::Dummy(ImVec2(0, 6));
    }

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 4));
    for (const SectionInfo& info : all_sections()) {
        const bool selected = info.section == view.section;
        const std::string label = std::string(section_icon(info.section)) +
                                  (narrow ? "" : "   " + std::string(info.title)) + "##nav";
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? p.accent : p.text);
        ImGui::PushID(static_cast<int>(info.section));
        if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, 34))) out.go_to = info.section;
        ImGui::PopID();
        ImGui::PopStyleColor();
        if (narrow && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(info.title).c_str());
        probe::item("nav." + std::string(info.title));
    }
    ImGui::PopStyleVar();

    // Theme toggle at the bottom: flips between light and dark (Settings offers "System" too).
    const float bottom = ImGui::GetWindowHeight() - 18.0f - 34.0f;
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
    const std::string toggle = view.dark ? std::string(icons::kLight) + (narrow ? "" : "   Light mode")
                                         : std::string(icons::kDark) + (narrow ? "" : "   Dark mode");
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    if (ImGui::Selectable((toggle + "##theme").c_str(), false, 0, ImVec2(0, 34)))
        out.theme = view.dark ? ThemeChoice::Light : ThemeChoice::Dark;
    ImGui::PopStyleColor();
    probe::item("sidebar.theme");

    ImGui::EndChild();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
}

void draw_not_built(const Palette& p) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 16));
    ImGui::BeginChild("##notbuilt", ImVec2(0, 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::Text("%s  This section is not built yet.", icons::kInfo);
    ImGui::PopStyleColor();
    probe::value("section.status", "not built yet");
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

void draw_settings(const UiView& view, const Palette& p, UiIntents& out) {
    heading(view, "Appearance");
    muted_text(p, "Theme");
    constexpr std::array<ThemeChoice, 3> choices{ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark};
    const char* choice_icons[] = {icons::kSystem, icons::kLight, icons::kDark};
    for (size_t i = 0; i < choices.size(); ++i) {
        const bool chosen = choices[i] == view.theme_choice;
        if (i > 0) ImGui::SameLine(0, 6);
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
        }
        const std::string label = std::string(choice_icons[i]) + "  " + theme_name(choices[i]);
        if (ImGui::Button(label.c_str(), ImVec2(112, 0))) out.theme = choices[i];
        if (chosen) ImGui::PopStyleColor(4);
        probe::item(std::string("settings.theme.") + theme_name(choices[i]));
    }
    if (view.theme_choice == ThemeChoice::System)
        muted_text(p, view.system_dark ? "Following your system, which is dark now."
                                       : "Following your system, which is light now.");
    probe::value("settings.theme", theme_name(view.theme_choice));

    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "Keyboard");
    ImGui::Text("%s", view.mac ? "\xe2\x8c\x98K" : "Ctrl+K");
    ImGui::SameLine(96);
    muted_text(p, "Jump to a section");

    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "Your data");
    ImGui::Text("%s  Ties runs entirely in this browser; nothing you enter is sent anywhere.", icons::kLock);
    muted_text(p, "Storage, backups and imports are not built yet.");

    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "About");
    const std::string about = "Ties " + std::string(TIES_VERSION) + ", build " + std::string(view.build);
    muted_text(p, about.c_str());
}

void draw_main(const UiView& view, const Palette& p, bool narrow, UiIntents& out) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, narrow ? ImVec2(18, 20) : ImVec2(40, 32));
    ImGui::BeginChild("##main", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    const SectionInfo& info = section_info(view.section);

    ImGui::PushFont(view.fonts->title);
    ImGui::Text("%s  %s", section_icon(info.section), std::string(info.title).c_str());
    ImGui::PopFont();
    probe::item("section.title");
    probe::value("section", info.title);
    muted_text(p, std::string(info.summary).c_str());
    ImGui::Dummy(ImVec2(0, 12));

    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 680.0f);
    if (info.section == Section::Settings) {
        draw_settings(view, p, out);
    } else {
        draw_not_built(p);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

}  // namespace

UiIntents draw_app(UiState& state, const UiView& view) {
    UiIntents out;
    const Palette& p = palette(view.dark);
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_K)) state.focus_jump = true;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const bool narrow = viewport->Size.x < kNarrowWindow;
    if (narrow && state.focus_jump) state.focus_jump = false;  // the jump box is hidden when narrow
    draw_sidebar(state, view, p, narrow, out);
    ImGui::SameLine(0, 0);
    draw_main(view, p, narrow, out);
    ImGui::End();
    return out;
}

}  // namespace ties::ui
