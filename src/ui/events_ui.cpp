// The Events section: see events_ui.hpp.
#include "ui/events_ui.hpp"

#include "core/forms.hpp"
#include "core/touches.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>

namespace ties::ui {
namespace {

using form::str;

constexpr float kNarrowList = 600.0f;  // below this width the list shows fewer columns

constexpr std::array kEventKinds{EventKind::Tweetup, EventKind::Meetup, EventKind::Conference, EventKind::Other};

bool read_only(const UiView& view) { return view.save.state == SaveIndicator::State::ReadOnly; }

std::string people_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

std::string how_met_at(const Event& e) { return "At " + e.name; }

// --- The form -----------------------------------------------------------------------------------

// The event and the people created in its form, as one change: one undo removes them all.
Change change_of(const EventDraft& d) {
    const Event& e = d.event;
    Change change = save_event(e);
    const std::vector<Contact> people = form::chosen_new_people(d.new_people, e.attendees);
    for (Contact c : people) {
        c.met_at = e.meta.id;
        c.how_met = how_met_at(e);
        c.first_met = e.date;
        change.records.insert(change.records.end() - 1, std::move(c));
    }
    if (!people.empty()) change.label += " and " + std::to_string(people.size()) + (people.size() == 1 ? " new person" : " new people");
    return change;
}

void draw_form(EventsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    EventDraft& d = ui.editing->draft;
    Event& e = d.event;
    const bool is_new = view.store->event(e.meta.id) == nullptr;
    form::heading(view, is_new ? "New event" : "Edit event");
    ImGui::Dummy(ImVec2(0, 4));
    form::text_field(p, "Name", "event.name", e.name, "Rust Berlin, March");
    form::enum_combo(p, "Kind", "event.kind", e.kind, kEventKinds);
    form::text_field(p, "Date", "event.date", d.date, "YYYY-MM-DD");
    form::text_field(p, "Place", "event.place", e.place, "c-base, Berlin");

    form::people_field(p, "Who was there", ui.editing->picker, "event.people", e.attendees, d.new_people, view);
    form::notes_field(p, "Notes", "event.notes", e.notes);

    ImGui::Dummy(ImVec2(0, 6));
    form::error_line(p, ui.error);
    form::indent_buttons();
    const bool save = primary_button(p, is_new ? "Add event" : "Save", "event.save");
    if (save && read_only(view)) {
        ui.error = kReadOnlyRefusal;
    } else if (save) {
        const FormResult<Event> read = read_event(d);
        ui.error = read.error;
        if (read.ok()) {
            e = read.value;
            out.change = change_of(d);
            ui.selected = e.meta.id;
            ui.editing.reset();
            ui.logged.reset();
            return;
        }
    }
    ImGui::SameLine();
    if (button("Cancel", "event.cancel")) {
        ui.editing.reset();
        ui.error.clear();
    }
}

// --- The list -----------------------------------------------------------------------------------

void refresh_rows(EventsUi& ui, const Store& store) {
    if (ui.rows_version == store.version()) return;
    ui.rows_version = store.version();
    std::vector<const Event*> events;
    for (const auto& [id, e] : store.events())
        if (!e.meta.deleted) events.push_back(&e);
    std::sort(events.begin(), events.end(), [](const Event* a, const Event* b) {
        if (a->date != b->date) return a->date > b->date;
        if (a->name != b->name) return a->name < b->name;
        return a->meta.id < b->meta.id;
    });
    ui.rows.clear();
    for (const Event* e : events) ui.rows.push_back(e->meta.id);
}

void draw_list(EventsUi& ui, const UiView& view, const Palette& p) {
    const Store& store = *view.store;
    refresh_rows(ui, store);
    if (!read_only(view)) {
        if (primary_button(p, "+  New event", "events.new")) {
            ui.editing = EventForm{new_event(view.ids->next(), view.today)};
            ui.error.clear();
        }
        ImGui::SameLine(0, 16);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::Text("%zu %s", ui.rows.size(), ui.rows.size() == 1 ? "event" : "events");
    ImGui::PopStyleColor();
    probe::value("events.count", ui.rows.size());
    ImGui::Dummy(ImVec2(0, 4));

    if (ui.rows.empty()) {
        ImGui::Dummy(ImVec2(0, 8));
        form::begin_card(p, "##events.empty");
        muted_text(p, "No events yet. Add the meetups, tweetups and conferences you go to, and whom you met "
                      "there: that is where most weak ties begin.");
        form::end_card();
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_NoBordersInBody |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("events.table", 5, flags, ImVec2(0, form::table_height(ui.rows.size())))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const ImGuiTableColumnFlags wide_only = ImGui::GetContentRegionAvail().x < kNarrowList ? ImGuiTableColumnFlags_Disabled : 0;
    ImGui::TableSetupColumn("Name", 0, 2.4f);
    ImGui::TableSetupColumn("Kind", wide_only, 1.0f);
    ImGui::TableSetupColumn("Date", 0, 1.0f);
    ImGui::TableSetupColumn("Place", wide_only, 1.6f);
    ImGui::TableSetupColumn("People", 0, 0.8f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(ui.rows.size()), form::kRowHeight);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Event* e = store.event(ui.rows[static_cast<size_t>(r)]);
            if (e == nullptr) continue;
            ImGui::TableNextRow(0, form::kRowHeight);
            ImGui::TableNextColumn();
            ImGui::PushID(r);
            if (ImGui::Selectable(e->name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, ImGui::GetFrameHeight()))) {
                ui.selected = e->meta.id;
                ui.confirm_delete = false;
                ui.logged.reset();
            }
            ImGui::PopID();
            probe::item("events.row.", e->name);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(str(to_string(e->kind)).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(show_date(view, e->date).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(e->place.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(std::to_string(e->attendees.size()).c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

// --- The event's page ---------------------------------------------------------------------------

std::vector<Id> live_attendees(const Store& store, const Event& e) {
    std::vector<Id> people;
    for (Id id : e.attendees)
        if (store.contact(id) != nullptr) people.push_back(id);
    return people;
}

// Who is already logged for the event, and the touches that say so (a click opens the Timeline).
void draw_logged(const EventCoverage& coverage, const Store& store, const UiView& view, const Palette& p,
                 UiIntents& out) {
    const std::string covered = form::people_labels(store, coverage.covered);
    probe::value("event.covered", covered);
    probe::value("event.touches", coverage.touches.size());
    if (coverage.touches.empty()) return;
    ImGui::Dummy(ImVec2(0, 8));
    const std::string heading = "Logged  (" + std::to_string(coverage.touches.size()) + ")";
    form::heading(view, heading.c_str());
    if (!coverage.covered.empty()) {
        const std::string text = "Already logged: " + covered +
                                 (coverage.uncovered.empty() ? ". Everyone who was there is logged."
                                                             : ". \"Log the meeting\" adds only the others.");
        muted_text(p, text.c_str());
        probe::value("event.already", text);
    }
    for (std::size_t n = 0; n < coverage.touches.size(); ++n) {
        const Interaction* i = store.interaction(coverage.touches[n]);
        if (i == nullptr) continue;
        // The day and kind as a link (to the Timeline); the people and notes wrap under it.
        const std::string when = show_date(view, i->date) + "  \xc2\xb7  " + str(to_string(i->kind));
        std::string who = form::people_labels(store, i->participants);
        if (!i->notes.empty()) who += "  \xc2\xb7  " + i->notes;
        const std::string name = "event.touch." + std::to_string(n);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() - 4.0f);  // the link's text lines up with the heading
        if (form::person_link(p, when, name)) out.go_to = Section::Timeline;
        tooltip("Open the Timeline to edit it");
        ImGui::Indent(12.0f);
        muted_text(p, who.c_str());
        ImGui::Unindent(12.0f);
        probe::value(name, [&] { return when + "  \xc2\xb7  " + who; });
    }
}

void draw_event_page(EventsUi& ui, const Event& e, const UiView& view, const Palette& p, UiIntents& out) {
    const Store& store = *view.store;
    if (button("\xe2\x86\x90  Events", "event.back")) {
        ui.selected.reset();
        ui.confirm_delete = false;
        ui.logged.reset();
        return;
    }
    ImGui::Dummy(ImVec2(0, 4));
    form::title(view, e.name);
    probe::value("event.title", e.name);
    std::string about = str(to_string(e.kind)) + "  \xc2\xb7  " + show_date(view, e.date);
    if (!e.place.empty()) about += "  \xc2\xb7  " + e.place;
    muted_text(p, about.c_str());
    ImGui::Dummy(ImVec2(0, 6));

    const std::vector<Id> people = live_attendees(store, e);
    if (ui.coverage_version != store.version() || ui.coverage_event != e.meta.id) {
        ui.coverage = coverage_of(store, e);
        ui.coverage_version = store.version();
        ui.coverage_event = e.meta.id;
    }
    const EventCoverage& coverage = ui.coverage;
    if (!read_only(view)) {
        const bool some_logged = !coverage.covered.empty();
        ImGui::BeginDisabled(coverage.uncovered.empty());
        const char* log_label = some_logged ? "Log the meeting for the others" : "Log the meeting for everyone";
        if (primary_button(p, log_label, "event.log")) {
            out.change = log_event_meeting(store, e, view.ids->next());
            ui.logged = meta_of(out.change->records.back()).id;
        }
        ImGui::EndDisabled();
        tooltip_always_when_disabled(people.empty()               ? "Add the people who were there first (Edit)."
                                     : coverage.uncovered.empty() ? "Everyone who was there is logged already."
                                                                  : "Logs one meetup with everyone not logged yet; nobody is counted twice.");
        form::next_on_line(ImGui::CalcTextSize("Edit").x + ImGui::GetStyle().FramePadding.x * 2);
        if (button("Edit", "event.edit")) {
            ui.editing = EventForm{draft_of(e)};
            ui.error.clear();
            ui.logged.reset();
        }
        form::next_on_line(ImGui::CalcTextSize("Delete").x + ImGui::GetStyle().FramePadding.x * 2);
        if (button("Delete", "event.delete")) ui.confirm_delete = true;
        if (ui.confirm_delete) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
            ImGui::Text("Delete %s? The people stay; undo brings the event back.", e.name.c_str());
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (button("Delete##confirm", "event.delete.confirm")) {
                out.change = delete_event(store, e.meta.id);
                ui.confirm_delete = false;
                ui.selected.reset();
                return;
            }
            ImGui::SameLine();
            if (button("Keep##confirm", "event.delete.cancel")) ui.confirm_delete = false;
        }
        const Interaction* logged = ui.logged ? store.interaction(*ui.logged) : nullptr;
        if (logged != nullptr && logged->event == e.meta.id) {
            const std::string notice = "Logged the meeting with " + people_count(logged->participants.size()) +
                                       ": it is in the Timeline and on each person's page.";
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
            ImGui::Text("%s  %s", icons::kCheck, notice.c_str());
            ImGui::PopStyleColor();
            probe::value("event.notice", notice);
            ImGui::SameLine();
            if (form::person_link(p, "Open the Timeline", "event.timeline")) out.go_to = Section::Timeline;
        }
        ImGui::Dummy(ImVec2(0, 8));
    }
    form::detail(p, "Notes", e.notes);
    draw_logged(coverage, store, view, p, out);

    ImGui::Dummy(ImVec2(0, 8));
    const std::string heading = "Who was there  (" + std::to_string(people.size()) + ")";
    form::heading(view, heading.c_str());
    probe::value("event.attendees", people.size());
    if (people.empty()) muted_text(p, "Nobody yet. Choose Edit to add the people you met there.");
    for (Id id : people) {
        const Contact& c = *store.contact(id);
        const std::string name = contact_label(c);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() - 4.0f);  // the link's text lines up with the heading
        if (form::person_link(p, name, "event.attendee." + name)) out.open_contact = id;
        std::string more = c.title;
        if (!c.company.empty()) more += (more.empty() ? "" : " at ") + c.company;
        if (!more.empty()) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(more.c_str());
            ImGui::PopStyleColor();
        }
    }
}

}  // namespace

void draw_events(EventsUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    if (ui.editing) {
        draw_form(ui, view, p, out);
        return;
    }
    if (ui.selected) {
        if (const Event* e = view.store->event(*ui.selected)) {
            draw_event_page(ui, *e, view, p, out);
            return;
        }
        ui.selected.reset();  // deleted (or undone) meanwhile
        ui.confirm_delete = false;
        ui.logged.reset();
    }
    draw_list(ui, view, p);
}

}  // namespace ties::ui
