// Widgets shared by the section panels: see form_widgets.hpp.
#include "ui/form_widgets.hpp"

#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/icons.hpp"
#include "ui/widgets.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

namespace ties::ui::form {

bool narrow_form() { return ImGui::GetContentRegionAvail().x < kLabelWidth + 320.0f; }

float field_width() { return std::min(kFieldWidth, ImGui::GetContentRegionAvail().x); }

void indent_buttons() {
    if (!narrow_form()) ImGui::SetCursorPosX(kLabelWidth);
}

void next_on_line(float width, float spacing) { same_line_if_fits(width, spacing); }

void label(const Palette& p, const char* caption) {
    const bool narrow = narrow_form();
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(caption);
    ImGui::PopStyleColor();
    probe::item("label.", caption);  // the words a person reads beside (or above) the field
    if (!narrow) ImGui::SameLine(kLabelWidth);
}

bool text_field(const Palette& p, const char* caption, const char* name, std::string& value, const char* hint) {
    label(p, caption);
    ImGui::SetNextItemWidth(field_width());
    const bool changed = ImGui::InputTextWithHint((std::string("##") + name).c_str(), hint, &value);
    focus_ring(p);
    probe::item(name);
    probe::value(name, value);
    return changed;
}

bool entered() {
    return ImGui::IsItemDeactivated() &&
           (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false));
}

void notes_field(const Palette& p, const char* caption, const char* name, std::string& value) {
    label(p, caption);
    ImGui::InputTextMultiline((std::string("##") + name).c_str(), &value, ImVec2(field_width(), 96));
    focus_ring(p);
    probe::item(name);
    probe::value(name, value);
}

void error_line(const Palette& p, const std::string& error, float x) {
    if (error.empty()) return;
    if (!narrow_form()) ImGui::SetCursorPosX(x);
    x = ImGui::GetCursorPosX();
    ImGui::PushTextWrapPos(std::min(x + kFieldWidth + 160.0f, ImGui::GetWindowContentRegionMax().x));
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s  %s", icons::kWarning, error.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    probe::value("form.error", error);
}

void heading(const UiView& view, const char* text) {
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void title(const UiView& view, const std::string& text) {
    ImGui::PushFont(view.fonts->title);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

bool person_link(const Palette& p, const std::string& text, const std::string& name) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent_soft);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent_soft);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 4.0f);
    const bool clicked = ImGui::Button((text + "##" + name).c_str());
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(4);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    probe::item(name);
    return clicked;
}

void detail(const Palette& p, const char* caption, const std::string& value) {
    if (value.empty()) return;
    const bool narrow = narrow_form();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(caption);
    ImGui::PopStyleColor();
    probe::item("label.", caption);  // the words a person reads beside (or above) the field
    if (!narrow) ImGui::SameLine(kLabelWidth);
    ImGui::TextWrapped("%s", value.c_str());
}

void begin_card(const Palette& p, const char* id) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 16));
    ImGui::BeginChild(id, ImVec2(0, 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
}

void end_card() {
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

float table_height(std::size_t rows) {
    const float header = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    const float content = header + static_cast<float>(rows) * (kRowHeight + 1.0f) + 4.0f;
    return std::min(content, ImGui::GetContentRegionAvail().y);
}

namespace {

// A contact created on the spot from the people picker's "Add <name> as a new contact".
Contact new_person(IdGenerator& ids, std::string_view name) {
    Contact contact;
    contact.meta.id = ids.next();
    contact.display_name = str(trim(name));
    return contact;
}

}  // namespace

void people_field(const Palette& p, const char* caption, PeoplePicker& picker, const std::string& name,
                  std::vector<Id>& people, std::vector<Contact>& new_people, const UiView& view) {
    label(p, caption);
    ImGui::BeginGroup();
    const PickResult picked = draw_people_picker(picker, name, people, new_people, view, true);
    if (picked.create) {
        Contact person = new_person(*view.ids, *picked.create);
        people.push_back(person.meta.id);
        new_people.push_back(std::move(person));
    }
    ImGui::EndGroup();
}

std::vector<Contact> chosen_new_people(const std::vector<Contact>& new_people, const std::vector<Id>& chosen) {
    std::vector<Contact> kept;
    for (const Contact& c : new_people)
        if (std::find(chosen.begin(), chosen.end(), c.meta.id) != chosen.end()) kept.push_back(c);
    return kept;
}

std::string people_labels(const Store& store, const std::vector<Id>& people) {
    std::string text;
    for (Id id : people) {
        const Contact* c = store.contact(id);
        if (c == nullptr) continue;
        if (!text.empty()) text += ", ";
        text += contact_label(*c);
    }
    return text;
}

std::string yearly_text(const PartialDate& date) {
    static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};
    std::string text = std::to_string(date.day) + " " + kMonths[(date.month - 1) % 12];
    if (date.year > 0) text += " " + std::to_string(date.year);
    return text;
}

std::string days_from_now(std::int32_t days) {
    if (days == 0) return "today";
    if (days == 1) return "tomorrow";
    if (days == -1) return "yesterday";
    if (days > 0) return "in " + std::to_string(days) + " days";
    return std::to_string(-days) + " days ago";
}

}  // namespace ties::ui::form
