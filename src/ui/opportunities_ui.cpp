// The Opportunities section: see opportunities_ui.hpp.
#include "ui/opportunities_ui.hpp"

#include "core/forms.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>

namespace ties::ui {
namespace {

using form::str;

constexpr float kNarrowList = 600.0f;  // below this width the list shows fewer columns

constexpr std::array kKinds{OpportunityKind::Job, OpportunityKind::Client, OpportunityKind::Partnership,
                            OpportunityKind::Speaking, OpportunityKind::Investment, OpportunityKind::Other};
constexpr std::array kStatuses{OpportunityStatus::Open, OpportunityStatus::Won, OpportunityStatus::Lost};

bool read_only(const UiView& view) { return view.save.state == SaveIndicator::State::ReadOnly; }

ImU32 status_colour(OpportunityStatus status, const Palette& p, bool dark) {
    switch (status) {
        case OpportunityStatus::Open: return p.accent;
        case OpportunityStatus::Won: return dark ? IM_COL32(74, 222, 128, 255) : IM_COL32(21, 128, 61, 255);
        case OpportunityStatus::Lost: return p.muted;
    }
    return p.muted;
}

// "•  Won", in the status's colour.
void status_text(OpportunityStatus status, const Palette& p, bool dark) {
    ImGui::PushStyleColor(ImGuiCol_Text, status_colour(status, p, dark));
    ImGui::Text("\xe2\x80\xa2  %s", str(to_string(status)).c_str());
    ImGui::PopStyleColor();
}

// --- The form -----------------------------------------------------------------------------------

// The opportunity and the people created in its form, as one change: one undo removes them all.
Change change_of(const OpportunityDraft& d) {
    Change change = save_opportunity(d.opportunity);
    const std::vector<Contact> people = form::chosen_new_people(d.new_people, d.opportunity.contacts);
    for (const Contact& c : people) change.records.insert(change.records.end() - 1, c);
    if (!people.empty()) change.label += " and " + std::to_string(people.size()) + (people.size() == 1 ? " new person" : " new people");
    return change;
}

void draw_form(OpportunitiesUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    OpportunityDraft& d = ui.editing->draft;
    Opportunity& o = d.opportunity;
    const bool is_new = view.store->opportunity(o.meta.id) == nullptr;
    form::heading(view, is_new ? "New opportunity" : "Edit opportunity");
    ImGui::Dummy(ImVec2(0, 4));
    form::text_field(p, "Title", "opportunity.title", o.title, "Backend role at Fjord Labs");
    form::enum_combo(p, "Kind", "opportunity.kind", o.kind, kKinds);
    form::enum_combo(p, "Status", "opportunity.status", o.status, kStatuses);
    form::text_field(p, "Value", "opportunity.value", d.value, "Optional, e.g. 12000");
    form::text_field(p, "Date", "opportunity.date", d.date, "YYYY-MM-DD");

    form::people_field(p, "Came through", ui.editing->picker, "opportunity.people", o.contacts, d.new_people, view);
    form::notes_field(p, "Notes", "opportunity.notes", o.notes);

    ImGui::Dummy(ImVec2(0, 6));
    form::error_line(p, ui.error);
    form::indent_buttons();
    const bool save = primary_button(p, is_new ? "Add opportunity" : "Save", "opportunity.save");
    if (save && read_only(view)) {
        ui.error = kReadOnlyRefusal;
    } else if (save) {
        const FormResult<Opportunity> read = read_opportunity(d);
        ui.error = read.error;
        if (read.ok()) {
            o = read.value;
            out.change = change_of(d);
            ui.selected = o.meta.id;
            ui.editing.reset();
            return;
        }
    }
    ImGui::SameLine();
    if (button("Cancel", "opportunity.cancel")) {
        ui.editing.reset();
        ui.error.clear();
    }
}

// --- The list -----------------------------------------------------------------------------------

void refresh_rows(OpportunitiesUi& ui, const Store& store) {
    if (ui.rows_version == store.version() && ui.rows_status == ui.status) return;
    ui.rows_version = store.version();
    ui.rows_status = ui.status;
    ui.open = ui.won = ui.lost = 0;
    std::vector<const Opportunity*> shown;
    for (const auto& [id, o] : store.opportunities()) {
        if (o.meta.deleted) continue;
        switch (o.status) {
            case OpportunityStatus::Open: ++ui.open; break;
            case OpportunityStatus::Won: ++ui.won; break;
            case OpportunityStatus::Lost: ++ui.lost; break;
        }
        if (!ui.status || o.status == *ui.status) shown.push_back(&o);
    }
    std::sort(shown.begin(), shown.end(), [](const Opportunity* a, const Opportunity* b) {
        if (a->date != b->date) return a->date > b->date;
        if (a->title != b->title) return a->title < b->title;
        return a->meta.id < b->meta.id;
    });
    ui.rows.clear();
    for (const Opportunity* o : shown) ui.rows.push_back(o->meta.id);
}

// All / Open / Won / Lost, with counts, as a segmented control.
// After `beside` (the New button), on its line when there is room.
void draw_status_filter(OpportunitiesUi& ui, const Palette& p, bool beside) {
    const std::array<std::pair<std::optional<OpportunityStatus>, std::size_t>, 4> choices{{
        {std::nullopt, ui.open + ui.won + ui.lost},
        {OpportunityStatus::Open, ui.open},
        {OpportunityStatus::Won, ui.won},
        {OpportunityStatus::Lost, ui.lost},
    }};
    constexpr float kGap = 4.0f;
    const float width = std::min(96.0f, (ImGui::GetContentRegionAvail().x - 3 * kGap) / 4);
    if (beside) form::next_on_line(4 * width + 3 * kGap, 24.0f);
    for (size_t i = 0; i < choices.size(); ++i) {
        const auto& [status, count] = choices[i];
        const std::string name = status ? str(to_string(*status)) : "All";
        const bool chosen = ui.status == status;
        if (i > 0) ImGui::SameLine(0, kGap);
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
        }
        const std::string text = name + "  " + std::to_string(count) + "##filter";
        if (ImGui::Button(text.c_str(), ImVec2(width, 0))) ui.status = status;
        if (chosen) ImGui::PopStyleColor(4);
        probe::item("opportunities.filter.", name);
    }
    probe::value("opportunities.filter", [&] { return ui.status ? str(to_string(*ui.status)) : "All"; });
}

void draw_list(OpportunitiesUi& ui, const UiView& view, const Palette& p) {
    const Store& store = *view.store;
    refresh_rows(ui, store);
    if (!read_only(view) && primary_button(p, "+  New opportunity", "opportunities.new")) {
        ui.editing = OpportunityForm{new_opportunity(view.ids->next(), view.today)};
        ui.error.clear();
    }
    draw_status_filter(ui, p, !read_only(view));
    probe::value("opportunities.count", ui.rows.size());
    ImGui::Dummy(ImVec2(0, 4));

    if (ui.rows.empty()) {
        ImGui::Dummy(ImVec2(0, 8));
        form::begin_card(p, "##opportunities.empty");
        if (ui.open + ui.won + ui.lost == 0)
            muted_text(p, "No opportunities yet. When a job, a client or a talk comes your way, note it here with "
                          "the people it came through: you will see which ties matter.");
        else
            muted_text(p, "None with this status.");
        form::end_card();
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_NoBordersInBody |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("opportunities.table", 6, flags, ImVec2(0, form::table_height(ui.rows.size())))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const ImGuiTableColumnFlags wide_only = ImGui::GetContentRegionAvail().x < kNarrowList ? ImGuiTableColumnFlags_Disabled : 0;
    ImGui::TableSetupColumn("Title", 0, 2.4f);
    ImGui::TableSetupColumn("Kind", wide_only, 1.0f);
    ImGui::TableSetupColumn("Status", 0, 0.8f);
    ImGui::TableSetupColumn("Value", 0, 0.9f);
    ImGui::TableSetupColumn("Date", wide_only, 1.0f);
    ImGui::TableSetupColumn("Came through", wide_only, 2.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(ui.rows.size()), form::kRowHeight);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Opportunity* o = store.opportunity(ui.rows[static_cast<size_t>(r)]);
            if (o == nullptr) continue;
            ImGui::TableNextRow(0, form::kRowHeight);
            ImGui::TableNextColumn();
            ImGui::PushID(r);
            if (ImGui::Selectable(o->title.c_str(), false, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, ImGui::GetFrameHeight()))) {
                ui.selected = o->meta.id;
                ui.confirm_delete = false;
            }
            ImGui::PopID();
            probe::item("opportunities.row.", o->title);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(str(to_string(o->kind)).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            status_text(o->status, p, view.dark);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (o->value) {  // amounts line up on the right
                const std::string amount = format_amount(*o->value);
                const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(amount.c_str()).x;
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(room - 8.0f, 0.0f));
                ImGui::TextUnformatted(amount.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(show_date(view, o->date).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(form::people_labels(store, o->contacts).c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

// --- The opportunity's page ---------------------------------------------------------------------

Change with_status(const Opportunity& o, OpportunityStatus status) {
    Opportunity changed = o;
    changed.status = status;
    Change change = save_opportunity(changed);
    switch (status) {
        case OpportunityStatus::Open: change.label = "Reopen " + o.title; break;
        case OpportunityStatus::Won: change.label = "Mark " + o.title + " as won"; break;
        case OpportunityStatus::Lost: change.label = "Mark " + o.title + " as lost"; break;
    }
    return change;
}

void draw_opportunity_page(OpportunitiesUi& ui, const Opportunity& o, const UiView& view, const Palette& p,
                           UiIntents& out) {
    const Store& store = *view.store;
    if (button("\xe2\x86\x90  Opportunities", "opportunity.back")) {
        ui.selected.reset();
        ui.confirm_delete = false;
        return;
    }
    ImGui::Dummy(ImVec2(0, 4));
    form::title(view, o.title);
    probe::value("opportunity.name", o.title);
    probe::value("opportunity.state", [&] { return str(to_string(o.status)); });
    status_text(o.status, p, view.dark);
    ImGui::SameLine(0, 0);
    std::string about = "  \xc2\xb7  " + str(to_string(o.kind)) + "  \xc2\xb7  " + show_date(view, o.date);
    if (o.value) about += "  \xc2\xb7  " + format_amount(*o.value);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(about.c_str());
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 6));

    if (!read_only(view)) {
        if (o.status == OpportunityStatus::Open) {
            if (primary_button(p, "Mark won", "opportunity.won")) out.change = with_status(o, OpportunityStatus::Won);
            ImGui::SameLine();
            if (button("Mark lost", "opportunity.lost")) out.change = with_status(o, OpportunityStatus::Lost);
        } else {
            if (primary_button(p, "Reopen", "opportunity.reopen")) out.change = with_status(o, OpportunityStatus::Open);
        }
        ImGui::SameLine(0, 24);
        if (button("Edit", "opportunity.edit")) ui.editing = OpportunityForm{draft_of(o)};
        ImGui::SameLine();
        if (button("Delete", "opportunity.delete")) ui.confirm_delete = true;
        if (ui.confirm_delete) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
            ImGui::Text("Delete %s? Undo brings it back.", o.title.c_str());
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (button("Delete##confirm", "opportunity.delete.confirm")) {
                out.change = delete_opportunity(store, o.meta.id);
                ui.confirm_delete = false;
                ui.selected.reset();
                return;
            }
            ImGui::SameLine();
            if (button("Keep##confirm", "opportunity.delete.cancel")) ui.confirm_delete = false;
        }
        ImGui::Dummy(ImVec2(0, 8));
    }

    const bool narrow = form::narrow_form();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted("Came through");
    ImGui::PopStyleColor();
    // The links' text lines up with the values below.
    if (narrow) ImGui::SetCursorPosX(ImGui::GetCursorPosX() - 4.0f);
    else ImGui::SameLine(form::kLabelWidth - 4.0f);
    std::size_t people = 0;
    for (Id id : o.contacts) {
        const Contact* c = store.contact(id);
        if (c == nullptr) continue;
        if (people++ > 0) ImGui::SameLine(0, 2);
        const std::string name = contact_label(*c);
        if (form::person_link(p, name, "opportunity.person." + name)) out.open_contact = id;
    }
    if (people == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("Nobody noted yet.");
        ImGui::PopStyleColor();
    }
    probe::value("opportunity.people", people);
    form::detail(p, "Notes", o.notes);
}

}  // namespace

void draw_opportunities(OpportunitiesUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    if (ui.editing) {
        draw_form(ui, view, p, out);
        return;
    }
    if (ui.selected) {
        if (const Opportunity* o = view.store->opportunity(*ui.selected)) {
            draw_opportunity_page(ui, *o, view, p, out);
            return;
        }
        ui.selected.reset();  // deleted (or undone) meanwhile
        ui.confirm_delete = false;
    }
    draw_list(ui, view, p);
}

}  // namespace ties::ui
