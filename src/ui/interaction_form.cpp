// The interaction form and the delete notice: see interaction_form.hpp.
#include "ui/interaction_form.hpp"

#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

namespace ties::ui {
namespace {

using namespace form;

// "coffee with Ada Lovelace and 2 more", for undo labels.
std::string what_with(const Store& store, const Interaction& i, const std::vector<Contact>& new_people) {
    std::string what(to_string(i.kind));
    if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    if (i.participants.empty()) return what;
    std::string first = "someone";
    for (const Contact& c : new_people)
        if (c.meta.id == i.participants.front()) first = contact_label(c);
    if (const Contact* c = store.contact(i.participants.front())) first = contact_label(*c);
    return what + " with " + first +
           (i.participants.size() > 1 ? " and " + std::to_string(i.participants.size() - 1) + " more" : "");
}

}  // namespace

Change change_of(const InteractionDraft& d, const Store& store) {
    const Interaction& i = d.interaction;
    const bool is_new = store.interaction(i.meta.id) == nullptr;
    Change change = save_interaction(i);
    for (const Contact& c : chosen_new_people(d.new_people, i.participants))
        change.records.insert(change.records.begin(), Record{c});
    change.label = (is_new ? "Log " : "Edit ") + what_with(store, i, d.new_people);
    return change;
}

FormAction draw_interaction_form(InteractionForm& editor, std::string& error, const UiView& view, const Palette& p,
                                 const std::string& name, bool with_people, bool can_delete) {
    InteractionDraft& d = editor.draft;
    Interaction& i = d.interaction;
    const auto id = [&name](const char* part) { return name + "." + part; };
    ImGui::PushID(name.c_str());
    enum_combo(p, "Kind", id("kind").c_str(), i.kind, kInteractionKinds);
    text_field(p, "Date", id("date").c_str(), d.date, "YYYY-MM-DD");
    text_field(p, "Time", id("time").c_str(), d.time, "HH:MM (optional)");
    if (with_people) people_field(p, "With", editor.picker, id("people"), i.participants, d.new_people, view);
    label(p, "Who reached out");
    for (Initiator who : {Initiator::Me, Initiator::Them, Initiator::Unknown}) {
        const std::string text = str(to_string(who));
        if (ImGui::RadioButton(text.c_str(), i.initiator == who)) i.initiator = who;
        probe::item([&] { return id("initiator."); }, text);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    probe::value([&] { return id("initiator"); }, [&] { return str(to_string(i.initiator)); });
    label(p, "Duration");
    ImGui::Checkbox(d.has_duration ? "##duration" : "Note how long it took##duration", &d.has_duration);
    probe::item([&] { return id("duration"); });
    if (d.has_duration) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        ImGui::InputInt("minutes##duration_minutes", &d.duration);
        probe::item([&] { return id("duration.minutes"); });
    }
    notes_field(p, "Notes", id("notes").c_str(), i.notes);
    label(p, "Follow up");
    ImGui::Checkbox("Something to do after this##followup", &d.has_follow_up);
    probe::item([&] { return id("followup"); });
    if (d.has_follow_up) {
        text_field(p, "On", id("followup.date").c_str(), d.follow_up_date, "YYYY-MM-DD");
        text_field(p, "To do", id("followup.text").c_str(), d.follow_up_text, "Send the article we talked about");
        ImGui::Checkbox("Done##followup.done", &d.follow_up_done);
        probe::item([&] { return id("followup.done"); });
    }
    error_line(p, error);
    indent_buttons();
    FormAction action = FormAction::None;
    const bool is_new = view.store->interaction(i.meta.id) == nullptr;
    const bool save = primary_button(p, is_new ? "Log it" : "Save", id("save"));
    if (save && read_only_tab(view)) {
        error = kReadOnlyRefusal;
    } else if (save) {
        const FormResult<Interaction> read = read_interaction(d);
        error = read.error;
        if (read.ok()) {
            i = read.value;
            action = FormAction::Save;
        }
    }
    ImGui::SameLine();
    if (button("Cancel", id("cancel"))) {
        error.clear();
        action = FormAction::Cancel;
    }
    if (can_delete && !is_new) {
        ImGui::SameLine();
        if (button("Delete", id("delete"))) {
            error.clear();
            action = FormAction::Delete;
        }
        tooltip("Undo (Ctrl+Z) brings it back");
    }
    ImGui::PopID();
    return action;
}

Change delete_touch(const Store& store, const Interaction& interaction) {
    Change change = delete_interaction(store, interaction.meta.id);
    change.label = "Delete " + what_with(store, interaction, {});
    return change;
}

void remember_delete(DeletedNotice& notice, const Change& change, const Store& store) {
    notice = DeletedNotice{change.label, store.version()};
}

void deleted_notice(DeletedNotice& notice, const UiView& view, const Palette& p, const std::string& name,
                    UiIntents& out) {
    const std::string& label = notice.label;
    if (label.empty() || view.store->version() == notice.asked_at) return;  // not applied yet
    if (!view.store->can_undo() || view.store->undo_label() != label) {
        notice = {};  // undone, or something else happened since
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::Text("%s  Deleted \xc2\xb7", icons::kCheck);
    ImGui::PopStyleColor();
    probe::value(name, "Deleted");
    ImGui::SameLine();
    if (button("Undo", name + ".undo")) out.undo = true;
    tooltip("Undo " + label + " (Ctrl+Z)");
}

}  // namespace ties::ui
