// The command palette, the quick log and the shortcuts help: see overlays_ui.hpp.
#include "ui/overlays_ui.hpp"

#include "core/fuzzy.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <functional>

namespace ties::ui {
namespace {

constexpr std::array kKinds{
    InteractionKind::OnlineConversation, InteractionKind::DirectMessage, InteractionKind::Email,
    InteractionKind::Call, InteractionKind::VideoCall, InteractionKind::Coffee, InteractionKind::MealOrDrinks,
    InteractionKind::Meetup, InteractionKind::IntroductionMade, InteractionKind::HelpGiven,
    InteractionKind::HelpReceived, InteractionKind::Note};

std::string shortcut(const UiView& view, const char* key) {
    return std::string(view.mac ? "\xe2\x8c\x98" : "Ctrl+") + key;
}

// Centres the next modal near the top of the screen, like a launcher.
void place_modal(float width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(width, vp->Size.x - 24.0f);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - w) * 0.5f, vp->Pos.y + std::min(96.0f, vp->Size.y * 0.08f)));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
}

struct PaletteItem {
    std::string label;   // what is shown and matched
    std::string target;  // for the test probe: a section title, a contact label, an action
    int score = 0;
    bool person = false;
    std::function<void()> run;
};

}  // namespace

// --- Command palette ----------------------------------------------------------------------------

void draw_palette(UiState& state, const UiView& view, UiIntents& out) {
    PaletteUi& ui = state.palette;
    probe::value("jump", ui.query);
    if (!ui.open) return;
    if (!ImGui::IsPopupOpen("##palette")) ImGui::OpenPopup("##palette");
    place_modal(600);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 14));
    if (!ImGui::BeginPopupModal("##palette", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                        ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PopStyleVar();
        return;
    }
    const Palette& p = palette(view.dark);
    const Store& store = *view.store;
    auto close = [&] {
        ui.open = false;
        ui.query.clear();
        ImGui::CloseCurrentPopup();
    };

    if (ui.focus) {
        ImGui::SetKeyboardFocusHere();
        ui.focus = false;
    }
    ImGui::SetNextItemWidth(-1.0f);
    const std::string hint = std::string(icons::kSearch) + "  Jump to a person, a section or an action";
    if (ImGui::InputTextWithHint("##jump", hint.c_str(), &ui.query)) ui.highlighted = 0;
    focus_ring(p);
    probe::item("jump");

    // Everything the palette can do, scored against the query.
    std::vector<PaletteItem> items;
    const std::string folded = fold_for_search(trim(ui.query));
    auto add = [&](std::string label, std::string target, std::function<void()> run) {
        const auto score = fuzzy_score(folded, fold_for_search(label));
        if (!score) return;
        items.push_back({std::move(label), std::move(target), *score, false, std::move(run)});
    };
    for (const SectionInfo& info : all_sections())
        add("Go to " + std::string(info.title), std::string(info.title), [&out, s = info.section] { out.go_to = s; });
    const bool writable = view.save.state != SaveIndicator::State::ReadOnly;
    if (writable) {
        add("New contact", "New contact", [&] {
            ContactDraft draft;
            draft.contact.meta.id = view.ids->next();
            state.contacts.editing = draft;
            state.contacts.selected.reset();
            out.go_to = Section::Contacts;
        });
        add("Log an interaction  (" + shortcut(view, "L") + ")", "Log an interaction",
            [&] { open_quick_log(state.quick_log, view); });
        if (store.can_undo()) add("Undo " + store.undo_label(), "Undo", [&] { out.undo = true; });
        if (store.can_redo()) add("Redo " + store.redo_label(), "Redo", [&] { out.redo = true; });
    }
    add("Find duplicate contacts", "Find duplicates", [&] {
        state.contacts.duplicates = true;
        out.go_to = Section::Contacts;
    });
    add(view.dark ? "Switch to the light theme" : "Switch to the dark theme", "Theme",
        [&] { out.theme = view.dark ? ThemeChoice::Light : ThemeChoice::Dark; });
    add("Download a backup", "Download a backup", [&] { out.export_backup = true; });
    add("Keyboard shortcuts  (?)", "Keyboard shortcuts", [&] { state.help_open = true; });
    std::stable_sort(items.begin(), items.end(), [](const PaletteItem& a, const PaletteItem& b) { return a.score > b.score; });
    if (!folded.empty()) items.resize(std::min<size_t>(items.size(), 5));

    // People: fuzzy over names (folded, so "zoe" finds Zoë), merged by the same score.
    const std::string query(trim(ui.query));
    if (query != ui.people_query || store.version() != ui.people_version) {
        ui.people = view.people->pick(query, 6);
        ui.people_query = query;
        ui.people_version = store.version();
    }
    for (Id id : ui.people) {
        const Contact* c = store.contact(id);
        if (c == nullptr) continue;
        const std::string name = contact_label(*c);
        std::string label = name + (c->company.empty() ? "" : "  \xc2\xb7  " + c->company);
        const int score = fuzzy_score(folded, fold_for_search(name)).value_or(0);
        items.push_back({std::move(label), name, score, true, [&state, &out, id] {
                             state.contacts.selected = id;
                             state.contacts.editing.reset();
                             state.contacts.duplicates = false;
                             out.go_to = Section::Contacts;
                         }});
    }
    if (!folded.empty())
        std::stable_sort(items.begin(), items.end(), [](const PaletteItem& a, const PaletteItem& b) { return a.score > b.score; });

    const int count = static_cast<int>(items.size());
    if (count > 0) {
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) ui.highlighted = (ui.highlighted + 1) % count;
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) ui.highlighted = (ui.highlighted + count - 1) % count;
        ui.highlighted = std::clamp(ui.highlighted, 0, count - 1);
    }
    std::function<void()> chosen;
    ImGui::Dummy(ImVec2(0, 2));
    for (int i = 0; i < count; ++i) {
        const PaletteItem& item = items[static_cast<size_t>(i)];
        ImGui::PushID(i);
        const std::string line = std::string(item.person ? icons::kContacts : icons::kReturn) + "   " + item.label;
        if (ImGui::Selectable(line.c_str(), i == ui.highlighted, 0, ImVec2(0, 28))) chosen = item.run;
        ImGui::PopID();
        probe::item("palette.item." + item.target);
    }
    if (count == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("Nothing matches.");
        ImGui::PopStyleColor();
    }
    probe::value("jump.result", count > 0 ? items[static_cast<size_t>(ui.highlighted)].target : "");
    if (count > 0 && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
        chosen = items[static_cast<size_t>(ui.highlighted)].run;
    if (chosen) {
        close();
        chosen();
    } else if (ImGui::IsKeyPressed(ImGuiKey_Escape) ||
               (ImGui::IsMouseClicked(0) && !ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))) {
        close();
    }
    ImGui::EndPopup();
    ImGui::PopStyleVar();
}

// --- Quick log ----------------------------------------------------------------------------------

void open_quick_log(QuickLogUi& ui, const UiView& view, std::vector<Id> people) {
    ui = QuickLogUi{};
    ui.open = true;
    ui.focus = true;
    ui.people = std::move(people);
    ui.date = view.today.iso();
    ui.follow_up_date = Date{view.today.days + 14}.iso();
}

void draw_quick_log(QuickLogUi& ui, const UiView& view, UiIntents& out) {
    if (!ui.open) return;
    if (!ImGui::IsPopupOpen("Log an interaction")) ImGui::OpenPopup("Log an interaction");
    place_modal(640);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 16));
    if (!ImGui::BeginPopupModal("Log an interaction", nullptr,
                                ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PopStyleVar();
        return;
    }
    const Palette& p = palette(view.dark);
    auto label = [&](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(text);
        ImGui::PopStyleColor();
        ImGui::SameLine(110);
    };

    label("With");
    ImGui::BeginGroup();
    if (ui.focus) {
        ui.picker.refocus = true;
        ui.focus = false;
    }
    const PickResult pick = draw_people_picker(ui.picker, "quicklog.people", ui.people, ui.new_people, view, true);
    if (pick.create) {
        Contact person;
        person.meta.id = view.ids->next();
        person.display_name = *pick.create;
        person.first_met = Date::parse_iso(ui.date);
        ui.new_people.push_back(person);
        ui.people.push_back(person.meta.id);
    }
    ImGui::EndGroup();

    label("Kind");
    ImGui::SetNextItemWidth(240);
    const std::string kind = std::string(to_string(ui.kind));
    if (ImGui::BeginCombo("##quicklog.kind", kind.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (InteractionKind k : kKinds) {
            const std::string text(to_string(k));
            if (ImGui::Selectable(text.c_str(), k == ui.kind)) ui.kind = k;
            probe::item("quicklog.kind." + text);
        }
        ImGui::EndCombo();
    }
    probe::item("quicklog.kind");
    probe::value("quicklog.kind", kind);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    ImGui::InputTextWithHint("##quicklog.date", "YYYY-MM-DD", &ui.date);
    probe::item("quicklog.date");

    label("Reached out");
    for (Initiator who : {Initiator::Me, Initiator::Them, Initiator::Unknown}) {
        const std::string text(to_string(who));
        if (ImGui::RadioButton((text + "##quicklog").c_str(), ui.initiator == who)) ui.initiator = who;
        probe::item("quicklog.initiator." + text);
        ImGui::SameLine();
    }
    ImGui::NewLine();

    label("Notes");
    ImGui::SetNextItemWidth(440);
    ImGui::InputTextWithHint("##quicklog.notes", "What did you talk about? What did you promise?", &ui.notes);
    probe::item("quicklog.notes");
    probe::value("quicklog.notes", ui.notes);

    label("Follow up");
    ImGui::Checkbox("##quicklog.followup", &ui.follow_up);
    probe::item("quicklog.followup");
    if (ui.follow_up) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(130);
        ImGui::InputTextWithHint("##quicklog.followup.date", "YYYY-MM-DD", &ui.follow_up_date);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(290);
        ImGui::InputTextWithHint("##quicklog.followup.text", "Send the article", &ui.follow_up_text);
        probe::item("quicklog.followup.text");
    }

    if (!ui.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("%s  %s", icons::kWarning, ui.error.c_str());
        ImGui::PopStyleColor();
        probe::value("quicklog.error", ui.error);
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::SetCursorPosX(110);
    bool save = primary_button(p, "Log it  (Enter)", "quicklog.save");
    ImGui::SameLine();
    const bool cancel = button("Cancel##quicklog", "quicklog.cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape);

    // Enter saves, except when it just picked a person from the list.
    const bool picked = pick.picked || pick.create;
    if (!picked && ui.picker.query.empty() && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
        save = true;

    if (save) {
        Interaction interaction;
        interaction.meta.id = view.ids->next();
        interaction.kind = ui.kind;
        interaction.initiator = ui.initiator;
        interaction.participants = ui.people;
        interaction.notes = std::string(trim(ui.notes));
        const auto date = Date::parse_iso(trim(ui.date));
        const auto follow = Date::parse_iso(trim(ui.follow_up_date));
        if (ui.people.empty()) {
            ui.error = "Who was it with? Type a name above.";
        } else if (!date) {
            ui.error = "Date: write it as YYYY-MM-DD, for example " + view.today.iso() + ".";
        } else if (ui.follow_up && !follow) {
            ui.error = "Follow-up date: write it as YYYY-MM-DD.";
        } else {
            interaction.date = *date;
            if (ui.follow_up) interaction.follow_up = FollowUp{*follow, std::string(trim(ui.follow_up_text)), false};
            Change change = save_interaction(interaction);
            for (const Contact& person : ui.new_people) {
                // Keep the new people that are still chosen.
                if (std::find(ui.people.begin(), ui.people.end(), person.meta.id) != ui.people.end())
                    change.records.insert(change.records.begin(), Record{person});
            }
            const std::string first = [&] {
                for (const Contact& c : ui.new_people)
                    if (c.meta.id == ui.people.front()) return contact_label(c);
                const Contact* c = view.store->contact(ui.people.front());
                return c ? contact_label(*c) : std::string("someone");
            }();
            std::string what(to_string(ui.kind));
            std::transform(what.begin(), what.begin() + 1, what.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            change.label = "Log " + what + " with " + first +
                           (ui.people.size() > 1 ? " and " + std::to_string(ui.people.size() - 1) + " more" : "");
            out.change = std::move(change);
            ui.open = false;
            ImGui::CloseCurrentPopup();
        }
    } else if (cancel) {
        ui.open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    ImGui::PopStyleVar();
}

// --- Help ---------------------------------------------------------------------------------------

void draw_help(bool& open, const UiView& view) {
    if (!open) return;
    if (!ImGui::IsPopupOpen("Keyboard shortcuts")) ImGui::OpenPopup("Keyboard shortcuts");
    place_modal(460);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 16));
    if (ImGui::BeginPopupModal("Keyboard shortcuts", &open, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize)) {
        const Palette& p = palette(view.dark);
        const std::pair<std::string, const char*> keys[] = {
            {shortcut(view, "K"), "Jump to a person, a section or an action"},
            {shortcut(view, "L"), "Log an interaction"},
            {shortcut(view, "Z"), "Undo"},
            {std::string(view.mac ? "\xe2\x87\xa7\xe2\x8c\x98Z" : "Ctrl+Shift+Z"), "Redo"},
            {"\xe2\x86\x91 \xe2\x86\x93  Enter", "Choose in lists and pickers"},
            {"Esc", "Close a dialog"},
            {"?", "This help"},
        };
        if (ImGui::BeginTable("##keys", 2)) {
            ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, 130);
            for (const auto& [key, what] : keys) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(key.c_str());
                ImGui::TableNextColumn();
                ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
                ImGui::TextUnformatted(what);
                ImGui::PopStyleColor();
            }
            ImGui::EndTable();
        }
        probe::value("help", "open");
        if (ImGui::IsKeyPressed(ImGuiKey_Escape)) open = false;
        if (!open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
}

}  // namespace ties::ui
