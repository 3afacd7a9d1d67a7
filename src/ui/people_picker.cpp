// The people picker: see people_picker.hpp.
#include "ui/people_picker.hpp"

#include "core/search.hpp"
#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace ties::ui {
namespace {

constexpr std::size_t kShown = 7;

std::string label_of(Id id, const std::vector<Contact>& new_people, const Store& store) {
    for (const Contact& c : new_people)
        if (c.meta.id == id) return contact_label(c) + " (new)";
    if (const Contact* c = store.contact(id)) return contact_label(*c);
    return "(deleted contact)";
}

// Empties the field in the frame Enter is pressed, keeping what it held for the pick.
int clear_on_enter(ImGuiInputTextCallbackData* data) {
    if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) {
        static_cast<std::string*>(data->UserData)->assign(data->Buf, static_cast<size_t>(data->BufTextLen));
        data->DeleteChars(0, data->BufTextLen);
    }
    return 0;
}

}  // namespace

PickResult draw_people_picker(PeoplePicker& picker, const std::string& name, std::vector<Id>& chosen,
                              const std::vector<Contact>& new_people, const UiView& view, bool allow_create) {
    const Palette& p = palette(view.dark);
    const Store& store = *view.store;
    PickResult result;

    // Chips of the people chosen so far; × removes one.
    for (size_t i = 0; i < chosen.size(); ++i) {
        const std::string label = label_of(chosen[i], new_people, store);
        ImGui::PushID(static_cast<int>(i));
        const std::string chip = label + "  \xc3\x97";
        if (ImGui::SmallButton(chip.c_str())) {
            probe::item(name, ".chip.", label);
            ImGui::PopID();
            chosen.erase(chosen.begin() + static_cast<std::ptrdiff_t>(i));
            return result;
        }
        probe::item(name, ".chip.", label);
        ImGui::PopID();
        ImGui::SameLine();
    }
    if (!chosen.empty()) ImGui::NewLine();
    probe::value(probe::key(name, ".count"), chosen.size());

    if (picker.refocus) {
        ImGui::SetKeyboardFocusHere();
        picker.refocus = false;
    }
    ImGui::SetNextItemWidth(std::min(440.0f, ImGui::GetContentRegionAvail().x));
    const std::string hint = std::string(icons::kSearch) + "  Type a name…";
    // Enter picks and the field stays active (emptied), so a fast typist's next name loses no
    // letters: ImGui would otherwise deactivate it and refocus it only a frame later.
    ImGuiIO& io = ImGui::GetIO();
    const bool keep_active = io.ConfigInputTextEnterKeepActive;
    io.ConfigInputTextEnterKeepActive = true;
    std::string entered_text;
    const bool entered = ImGui::InputTextWithHint(("##" + name).c_str(), hint.c_str(), &picker.query,
                                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackAlways,
                                                  clear_on_enter, &entered_text);
    io.ConfigInputTextEnterKeepActive = keep_active;
    const bool active = ImGui::IsItemActive();
    focus_ring(p);
    probe::item(name, ".field");
    probe::value(probe::key(name, ".field"), picker.query);

    const std::string query(trim(entered ? entered_text : picker.query));
    if (query.empty()) return result;
    if (query != picker.matched_query || store.version() != picker.matched_version) {
        picker.matches = view.people().pick(query, kShown + chosen.size());
        picker.matched_query = query;
        picker.matched_version = store.version();
        picker.highlighted = 0;
    }
    std::vector<Id> shown;
    for (Id id : picker.matches)
        if (std::find(chosen.begin(), chosen.end(), id) == chosen.end() && shown.size() < kShown) shown.push_back(id);
    const int options = static_cast<int>(shown.size()) + (allow_create ? 1 : 0);
    if (active && options > 0) {
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) picker.highlighted = (picker.highlighted + 1) % options;
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) picker.highlighted = (picker.highlighted + options - 1) % options;
    }
    const bool enter = entered;

    auto take = [&](int index) {
        if (index < static_cast<int>(shown.size())) {
            chosen.push_back(shown[static_cast<size_t>(index)]);
            result.picked = shown[static_cast<size_t>(index)];
        } else {
            result.create = query;
        }
        picker.query.clear();
        picker.refocus = !entered;  // a click took the focus away; Enter kept it
    };

    ImGui::Indent(8);
    for (int i = 0; i < static_cast<int>(shown.size()); ++i) {
        const Contact* c = store.contact(shown[static_cast<size_t>(i)]);
        if (c == nullptr) continue;
        std::string line = contact_label(*c);
        if (!c->company.empty()) line += "  \xc2\xb7  " + c->company;
        ImGui::PushID(i);
        if (ImGui::Selectable(line.c_str(), picker.highlighted == i)) take(i);
        ImGui::PopID();
        probe::item(name, ".match.", [&] { return contact_label(*c); });
    }
    if (allow_create) {
        const std::string create = "+  Add \"" + query + "\" as a new contact";
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        if (ImGui::Selectable(create.c_str(), picker.highlighted == static_cast<int>(shown.size())))
            take(static_cast<int>(shown.size()));
        ImGui::PopStyleColor();
        probe::item(name, ".create");
    }
    ImGui::Unindent(8);
    if (enter && options > 0 && !result.picked && !result.create) take(std::clamp(picker.highlighted, 0, options - 1));
    return result;
}

}  // namespace ties::ui
