// The command palette, the quick log and the shortcuts help: see overlays_ui.hpp.
#include "ui/overlays_ui.hpp"

#include "core/fuzzy.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "core/touches.hpp"
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

constexpr std::array kEventKinds{EventKind::Tweetup, EventKind::Meetup, EventKind::Conference, EventKind::Other};

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
            state.contacts.editing = ContactForm{new_contact(view.ids->next())};
            state.contacts.selected.reset();
            out.go_to = Section::Contacts;
        });
        add("Log an interaction  (" + shortcut(view, "L") + ")", "Log an interaction",
            [&] { open_quick_log_here(state, view); });
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
        ui.people = view.people().pick(query, 6);
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
        probe::item("palette.item.", item.target);
    }
    if (count == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("Nothing matches.");
        ImGui::PopStyleColor();
    }
    probe::value("jump.result", [&] { return count > 0 ? items[static_cast<size_t>(ui.highlighted)].target : ""; });
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
    ui.draft.touch = new_interaction(view.ids->next(), std::move(people), view.today);
}

void open_quick_log_here(UiState& state, const UiView& view) {
    const Store& store = *view.store;
    if (view.section == Section::Contacts && state.contacts.selected && !state.contacts.editing &&
        store.contact(*state.contacts.selected)) {
        open_quick_log(state.quick_log, view, {*state.contacts.selected});
        return;
    }
    const Event* event = view.section == Section::Events && state.events.selected && !state.events.editing
                             ? store.event(*state.events.selected)
                             : nullptr;
    if (event == nullptr) {
        open_quick_log(state.quick_log, view);
        return;
    }
    std::vector<Id> people;
    for (Id id : event->attendees)
        if (store.contact(id)) people.push_back(id);
    open_quick_log(state.quick_log, view, std::move(people));
    QuickLogDraft& draft = state.quick_log.draft;
    draft.touch.date = event->date.iso();
    draft.touch.interaction.kind = InteractionKind::Meetup;
    draft.event = event->meta.id;
}

// The event row of the quick log: that day's events to attach the touch to, or a new event.
static void draw_event_choice(QuickLogDraft& d, const UiView& view, const std::optional<Date>& date) {
    const Store& store = *view.store;
    const std::vector<Id> that_day = date ? events_on(store, *date) : std::vector<Id>{};
    if (d.event && std::find(that_day.begin(), that_day.end(), *d.event) == that_day.end()) d.event.reset();
    const Event* chosen = d.event ? store.event(*d.event) : nullptr;
    const std::string current = chosen ? chosen->name : d.new_event ? "New event\xe2\x80\xa6" : "None";
    ImGui::SetNextItemWidth(240);
    if (ImGui::BeginCombo("##quicklog.event", current.c_str())) {
        if (ImGui::Selectable("None", !chosen && !d.new_event)) {
            d.event.reset();
            d.new_event = false;
        }
        probe::item("quicklog.event.None");
        for (std::size_t n = 0; n < that_day.size(); ++n) {
            const Event& e = *store.event(that_day[n]);
            ImGui::PushID(static_cast<int>(n));
            if (ImGui::Selectable(e.name.c_str(), chosen == &e)) {
                d.event = e.meta.id;
                d.new_event = false;
            }
            ImGui::PopID();
            probe::item("quicklog.event.", e.name);
        }
        if (ImGui::Selectable("New event\xe2\x80\xa6", d.new_event)) {
            d.event.reset();
            d.new_event = true;
        }
        probe::item("quicklog.event.new");
        ImGui::EndCombo();
    }
    probe::item("quicklog.event");
    probe::value("quicklog.event", current);
    probe::value("quicklog.events", that_day.size());
    tooltip(that_day.empty() ? "No event on this day: choose \"New event\" to add one from this log."
                             : "The events of this day: the touch is counted once with the event.");
    if (d.new_event) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(190);
        ImGui::InputTextWithHint("##quicklog.event.name", "Rust Berlin, March", &d.event_name);
        probe::item("quicklog.event.name");
        probe::value("quicklog.event.name", d.event_name);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        const std::string kind(to_string(d.event_kind));
        if (ImGui::BeginCombo("##quicklog.event.kind", kind.c_str())) {
            for (EventKind k : kEventKinds) {
                const std::string text(to_string(k));
                if (ImGui::Selectable(text.c_str(), k == d.event_kind)) d.event_kind = k;
                probe::item("quicklog.event.kind.", text);
            }
            ImGui::EndCombo();
        }
        probe::item("quicklog.event.kind");
    } else if (that_day.size() > 0 && !chosen) {
        ImGui::SameLine();
        ImGui::TextDisabled("%zu on this day", that_day.size());
    }
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
    InteractionDraft& touch = ui.draft.touch;
    Interaction& i = touch.interaction;
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
    const PickResult pick = draw_people_picker(ui.picker, "quicklog.people", i.participants, touch.new_people, view, true);
    if (pick.create) {
        Contact person;
        person.meta.id = view.ids->next();
        person.display_name = *pick.create;
        person.first_met = Date::parse_iso(touch.date);
        touch.new_people.push_back(person);
        i.participants.push_back(person.meta.id);
    }
    ImGui::EndGroup();

    label("Kind");
    ImGui::SetNextItemWidth(240);
    const std::string kind = std::string(to_string(i.kind));
    if (ImGui::BeginCombo("##quicklog.kind", kind.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (InteractionKind k : kInteractionKinds) {
            const std::string text(to_string(k));
            if (ImGui::Selectable(text.c_str(), k == i.kind)) i.kind = k;
            probe::item("quicklog.kind.", text);
        }
        ImGui::EndCombo();
    }
    probe::item("quicklog.kind");
    probe::value("quicklog.kind", kind);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    ImGui::InputTextWithHint("##quicklog.date", "YYYY-MM-DD", &touch.date);
    probe::item("quicklog.date");
    probe::value("quicklog.date", touch.date);

    label("Event");
    draw_event_choice(ui.draft, view, Date::parse_iso(trim(touch.date)));

    label("Reached out");
    for (Initiator who : {Initiator::Me, Initiator::Them, Initiator::Unknown}) {
        const std::string text(to_string(who));
        if (ImGui::RadioButton((text + "##quicklog").c_str(), i.initiator == who)) i.initiator = who;
        probe::item("quicklog.initiator.", text);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    probe::value("quicklog.initiator", [&] { return std::string(to_string(i.initiator)); });

    label("Notes");
    ImGui::SetNextItemWidth(440);
    ImGui::InputTextWithHint("##quicklog.notes", "What did you talk about? What did you promise?", &i.notes);
    probe::item("quicklog.notes");
    probe::value("quicklog.notes", i.notes);

    label("Follow up");
    ImGui::Checkbox(touch.has_follow_up ? "##quicklog.followup" : "Remind me##quicklog.followup", &touch.has_follow_up);
    probe::item("quicklog.followup");
    if (touch.has_follow_up) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(130);
        ImGui::InputTextWithHint("##quicklog.followup.date", "YYYY-MM-DD", &touch.follow_up_date);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(290);
        ImGui::InputTextWithHint("##quicklog.followup.text", "Send the article", &touch.follow_up_text);
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

    if (save && read_only_tab(view)) {
        ui.error = kReadOnlyRefusal;
    } else if (save) {
        const FormResult<Interaction> read = read_quick_log(ui.draft);
        ui.error = read.error;
        if (read.ok()) {
            i = read.value;
            Change change = change_of(touch, *view.store);
            const QuickLogDraft& d = ui.draft;
            const Event* event = d.event ? view.store->event(*d.event) : nullptr;
            if (event || d.new_event) {
                Event made;
                if (!event) {
                    made.meta.id = view.ids->next();
                    made.name = std::string(trim(d.event_name));
                    made.kind = d.event_kind;
                    made.date = i.date;
                    event = &made;
                }
                // The touch linked to the event, and its people among the event's attendees.
                Change attached = attach_to_event(i, *event);
                change.records.pop_back();  // the unlinked interaction, replaced by the linked one
                for (Record& record : attached.records) change.records.push_back(std::move(record));
                change.label += (d.new_event ? " and add the event " : " at ") + event->name;
            }
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
