// The interaction form and the delete notice: see interaction_form.hpp.
#include "ui/interaction_form.hpp"

#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

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

std::string clock_text(std::int32_t minute_of_day) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

}  // namespace

InteractionDraft new_interaction(Id id, std::vector<Id> people, Date today) {
    InteractionDraft d;
    d.interaction.meta.id = id;
    d.interaction.date = today;
    d.interaction.kind = InteractionKind::Coffee;
    d.interaction.initiator = kDefaultInitiator;
    d.interaction.participants = std::move(people);
    d.date = today.iso();
    d.follow_up_date = Date{today.days + 14}.iso();
    return d;
}

InteractionDraft draft_of(const Interaction& i) {
    InteractionDraft d;
    d.interaction = i;
    d.date = i.date.iso();
    if (i.minute_of_day) d.time = clock_text(*i.minute_of_day);
    d.has_duration = i.duration_minutes.has_value();
    d.duration = i.duration_minutes.value_or(30);
    d.has_follow_up = i.follow_up.has_value();
    d.follow_up_date = i.follow_up ? i.follow_up->date.iso() : Date{i.date.days + 14}.iso();
    d.follow_up_text = i.follow_up ? i.follow_up->text : "";
    d.follow_up_done = i.follow_up && i.follow_up->done;
    return d;
}

std::string finish(InteractionDraft& d) {
    Interaction& i = d.interaction;
    if (i.participants.empty()) return "Who was it with? Choose at least one person.";
    const auto date = Date::parse_iso(trim(d.date));
    if (!date) return "Date: write it as YYYY-MM-DD, for example 2024-03-12.";
    i.date = *date;
    i.minute_of_day.reset();
    if (const std::string_view time = trim(d.time); !time.empty()) {
        int h = -1, m = -1;
        char extra = 0;
        if (std::sscanf(std::string(time).c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
            return "Time: write it as HH:MM, for example 18:30, or leave it empty.";
        i.minute_of_day = h * 60 + m;
    }
    if (d.has_duration && (d.duration < 1 || d.duration > 24 * 60)) return "Duration: between 1 and 1440 minutes.";
    i.duration_minutes = d.has_duration ? std::optional<std::int32_t>(d.duration) : std::nullopt;
    i.notes = str(trim(i.notes));
    i.follow_up.reset();
    if (d.has_follow_up) {
        const auto when = Date::parse_iso(trim(d.follow_up_date));
        if (!when) return "Follow-up date: write it as YYYY-MM-DD.";
        i.follow_up = FollowUp{*when, str(trim(d.follow_up_text)), d.follow_up_done};
    }
    return "";
}

Change change_of(const InteractionDraft& d, const Store& store) {
    const Interaction& i = d.interaction;
    const bool is_new = store.interaction(i.meta.id) == nullptr;
    Change change = save_interaction(i);
    for (const Contact& c : chosen_new_people(d.new_people, i.participants))
        change.records.insert(change.records.begin(), Record{c});
    change.label = (is_new ? "Log " : "Edit ") + what_with(store, i, d.new_people);
    return change;
}

FormAction draw_interaction_form(InteractionDraft& d, std::string& error, const UiView& view, const Palette& p,
                                 const std::string& name, bool with_people, bool can_delete) {
    Interaction& i = d.interaction;
    const auto id = [&name](const char* part) { return name + "." + part; };
    ImGui::PushID(name.c_str());
    enum_combo(p, "Kind", id("kind").c_str(), i.kind, kInteractionKinds);
    text_field(p, "Date", id("date").c_str(), d.date, "YYYY-MM-DD");
    text_field(p, "Time", id("time").c_str(), d.time, "HH:MM (optional)");
    if (with_people) people_field(p, "With", d.picker, id("people"), i.participants, d.new_people, view);
    label(p, "Who reached out");
    for (Initiator who : {Initiator::Me, Initiator::Them, Initiator::Unknown}) {
        const std::string text = str(to_string(who));
        if (ImGui::RadioButton(text.c_str(), i.initiator == who)) i.initiator = who;
        probe::item(id("initiator.") + text);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    probe::value(id("initiator"), str(to_string(i.initiator)));
    label(p, "Duration");
    ImGui::Checkbox(d.has_duration ? "##duration" : "Note how long it took##duration", &d.has_duration);
    probe::item(id("duration"));
    if (d.has_duration) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        ImGui::InputInt("minutes##duration_minutes", &d.duration);
        probe::item(id("duration.minutes"));
    }
    notes_field(p, "Notes", id("notes").c_str(), i.notes);
    label(p, "Follow up");
    ImGui::Checkbox("Something to do after this##followup", &d.has_follow_up);
    probe::item(id("followup"));
    if (d.has_follow_up) {
        text_field(p, "On", id("followup.date").c_str(), d.follow_up_date, "YYYY-MM-DD");
        text_field(p, "To do", id("followup.text").c_str(), d.follow_up_text, "Send the article we talked about");
        ImGui::Checkbox("Done##followup.done", &d.follow_up_done);
        probe::item(id("followup.done"));
    }
    error_line(p, error);
    indent_buttons();
    FormAction action = FormAction::None;
    const bool is_new = view.store->interaction(i.meta.id) == nullptr;
    if (primary_button(p, is_new ? "Log it" : "Save", id("save"))) {
        error = finish(d);
        if (error.empty()) action = FormAction::Save;
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
