// The Contacts list: a view of the search index (core/search), so it stays smooth at 100,000
// people: the search runs a few milliseconds per frame (the list shows the last result meanwhile)
// and only the visible rows are formatted. A table with sortable columns on a laptop, one row per
// person on a phone, facet filters above both; and the page of likely duplicates
// (core/duplicates) that "Find duplicates" opens.
#include "ui/contacts_parts.hpp"

#include "core/duplicates.hpp"
#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ties::ui::contacts {

using namespace form;  // str, narrow_form, next_on_line, days_from_now

// --- The list ------------------------------------------------------------------------------------

namespace {

// A filter menu over facet values; "All" clears it.
void facet_combo(const char* caption, const char* name, std::optional<std::string>& value,
                 const std::vector<ContactIndex::Facet>& facets) {
    ImGui::SetNextItemWidth(150);
    const std::string shown = value ? *value : std::string(caption);
    if (ImGui::BeginCombo((std::string("##") + name).c_str(), shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable((std::string("All ") + caption).c_str(), !value)) value.reset();
        probe::item(name, ".all");
        for (const ContactIndex::Facet& f : facets) {
            const std::string line = f.value + "  (" + std::to_string(f.count) + ")";
            if (ImGui::Selectable(line.c_str(), value && *value == f.value)) value = f.value;
            probe::item(name, ".", f.value);
        }
        ImGui::EndCombo();
    }
    probe::item(name);
    probe::value(name, [&] { return value.value_or(""); });
}

void draw_filters(ContactsUi& ui, const ContactIndex& index, const Palette& p) {
    ContactQuery& q = ui.query;
    // Next filter on the same line when it fits (phones get several lines).
    const auto next = [](float width) { next_on_line(width); };
    facet_combo("tags", "contacts.filter.tag", q.tag, index.tags());
    next(150);
    ImGui::SetNextItemWidth(150);
    const std::string tier = q.tier ? str(to_string(*q.tier)) : std::string("circles");
    if (ImGui::BeginCombo("##contacts.filter.tier", tier.c_str())) {
        if (ImGui::Selectable("All circles", !q.tier)) q.tier.reset();
        for (Tier t : kTiers) {
            if (ImGui::Selectable(str(to_string(t)).c_str(), q.tier && *q.tier == t)) q.tier = t;
            probe::item("contacts.filter.tier.", [&] { return str(to_string(t)); });
        }
        ImGui::EndCombo();
    }
    probe::item("contacts.filter.tier");
    next(150);
    facet_combo("cities", "contacts.filter.city", q.city, index.cities());
    next(150);
    facet_combo("companies", "contacts.filter.company", q.company, index.companies());
    next(100);
    ImGui::Checkbox("Archived", &q.include_archived);
    probe::item("contacts.archived");
    if (q.tag || q.tier || q.city || q.company) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        if (ImGui::SmallButton("Clear filters")) {
            q.tag.reset();
            q.tier.reset();
            q.city.reset();
            q.company.reset();
        }
        ImGui::PopStyleColor();
        probe::item("contacts.filter.clear");
    }
}

// "3 days ago", "today", or "never" when nobody logged anything with them.
std::string last_contact_text(const UiView& view, const std::optional<Date>& last) {
    return last ? days_from_now(last->days - view.today.days) : std::string("never");
}

// A circle's short name for lists: "Close" for "Close (15)".
std::string circle_name(Tier tier) {
    if (tier == Tier::None) return "";
    const std::string full = str(to_string(tier));
    return full.substr(0, full.find(" ("));
}

constexpr float kTableRow = 34.0f;
constexpr float kRowSelectable = 26.0f;

// Text in a table cell, centred on the row like the name's selectable.
void cell_text(std::string_view text) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (kRowSelectable - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
}

// Time a frame may spend on the search; the rest of the frame takes 2-3 ms at 100,000 people.
constexpr std::chrono::microseconds kSearchShare{4000};
constexpr std::size_t kSearchSlice = 64 * 1024;  // bytes of text between looks at the clock

// Starts a search for the query if it changed and works on it for this frame's share; true when
// the rows are current.
bool refresh_rows(ContactsUi& ui, const ContactIndex& index) {
    ui.search.start(index, ui.query);
    if (ui.search.done()) return true;
    const auto until = std::chrono::steady_clock::now() + kSearchShare;
    while (!ui.search.step(kSearchSlice)) {
        if (std::chrono::steady_clock::now() >= until) return false;
    }
    return true;
}

// The wide layout: a table with sortable, resizable columns. False when the table is not shown.
bool draw_table(ContactsUi& ui, const UiView& view, const Palette& p, float height, bool& current) {
    const Store& store = *view.store;
    const ContactIndex& index = view.people();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Hideable;
    constexpr int kColumns = 7;
    if (!ImGui::BeginTable("contacts.table", kColumns, flags, ImVec2(0, height))) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 2.0f, static_cast<ImGuiID>(ContactSort::Name));
    ImGui::TableSetupColumn("Company", 0, 1.5f, static_cast<ImGuiID>(ContactSort::Company));
    ImGui::TableSetupColumn("City", 0, 1.0f, static_cast<ImGuiID>(ContactSort::City));
    ImGui::TableSetupColumn("Circle", 0, 0.9f, static_cast<ImGuiID>(ContactSort::Circle));
    ImGui::TableSetupColumn("Last contact", 0, 1.0f, static_cast<ImGuiID>(ContactSort::LastContact));
    ImGui::TableSetupColumn("Tags", ImGuiTableColumnFlags_NoSort, 1.2f);
    ImGui::TableSetupColumn("Added", ImGuiTableColumnFlags_PreferSortDescending, 0.8f,
                            static_cast<ImGuiID>(ContactSort::RecentlyAdded));
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < kColumns; ++column) {
        ImGui::TableSetColumnIndex(column);
        ImGui::TableHeader(ImGui::TableGetColumnName(column));
        probe::item("contacts.column.", [&] { return ImGui::TableGetColumnName(column); });
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
        ui.query.sort = static_cast<ContactSort>(specs->Specs[0].ColumnUserID);
        ui.query.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    }
    current = refresh_rows(ui, index);
    const std::vector<Id>& rows = ui.search.result();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), kTableRow);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Contact* c = store.contact(rows[static_cast<size_t>(r)]);
            if (c == nullptr) continue;
            ImGui::TableNextRow(0, kTableRow);
            ImGui::TableNextColumn();
            const std::string label = contact_label(*c);
            const std::string name = label + (c->archived ? "  (archived)" : "");
            ImGui::PushID(r);
            if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, kRowSelectable)))
                ui.selected = c->meta.id;
            ImGui::PopID();
            probe::item("contacts.row.", label);
            if (r == clipper.DisplayStart) probe::value("contacts.first", label);
            ImGui::TableNextColumn();
            cell_text(c->company);
            probe::item("contacts.cell.company.", label);
            ImGui::TableNextColumn();
            cell_text(c->city);
            ImGui::TableNextColumn();
            cell_text(circle_name(c->tier));
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TableNextColumn();
            const std::string last = last_contact_text(view, index.last_contact(c->meta.id));
            cell_text(last);
            probe::value(probe::key("contacts.last.", label), last);
            ImGui::TableNextColumn();
            cell_text(join_list(c->tags));
            ImGui::TableNextColumn();
            cell_text(show_date(view, date_of(c->meta.created)));
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
    return true;
}

// On a phone the columns have no room: a menu picks the order instead of column headers.
void draw_sort_menu(ContactQuery& q) {
    static constexpr std::pair<ContactSort, const char*> kSorts[] = {
        {ContactSort::Name, "Name"}, {ContactSort::LastContact, "Last contact (longest ago first)"},
        {ContactSort::Circle, "Circle"}, {ContactSort::Company, "Company"}, {ContactSort::City, "City"},
        {ContactSort::RecentlyAdded, "Recently added"}};
    const char* current = "Name";
    for (const auto& [sort, text] : kSorts)
        if (sort == q.sort) current = text;
    ImGui::SetNextItemWidth(std::min(300.0f, ImGui::GetContentRegionAvail().x));
    if (ImGui::BeginCombo("##contacts.sort", (std::string("Sort: ") + current).c_str())) {
        for (const auto& [sort, text] : kSorts) {
            if (ImGui::Selectable(text, sort == q.sort)) {
                q.sort = sort;
                q.descending = false;
            }
            probe::item("contacts.sort.", text);
        }
        ImGui::EndCombo();
    }
    probe::item("contacts.sort");
}

// The narrow layout: one row per person (name; company and last contact below), a tap opens them.
void draw_phone_list(ContactsUi& ui, const UiView& view, const Palette& p, float height) {
    const Store& store = *view.store;
    const ContactIndex& index = view.people();
    const std::vector<Id>& rows = ui.search.result();
    ImGui::BeginChild("contacts.list", ImVec2(0, height), ImGuiChildFlags_None);
    const float row = ImGui::GetTextLineHeight() * 2 + 22.0f;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Contact* c = store.contact(rows[static_cast<size_t>(r)]);
            if (c == nullptr) continue;
            const std::string label = contact_label(*c);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::PushID(r);
            if (ImGui::Selectable("##row", false, 0, ImVec2(0, row - ImGui::GetStyle().ItemSpacing.y)))
                ui.selected = c->meta.id;
            ImGui::PopID();
            probe::item("contacts.row.", label);
            if (r == clipper.DisplayStart) probe::value("contacts.first", label);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const float width = ImGui::GetContentRegionAvail().x;
            const std::string name = label + (c->archived ? "  (archived)" : "");
            dl->PushClipRect(at, ImVec2(at.x + width, at.y + row), true);
            dl->AddText(ImVec2(at.x + 8, at.y + 6), p.text, name.c_str());
            std::string below = c->company;
            const std::string last = last_contact_text(view, index.last_contact(c->meta.id));
            below += (below.empty() ? "" : "  \xc2\xb7  ") + std::string("last contact ") + last;
            dl->AddText(ImVec2(at.x + 8, at.y + 8 + ImGui::GetTextLineHeight()), p.muted, below.c_str());
            dl->PopClipRect();
            probe::value(probe::key("contacts.last.", label), last);
        }
    }
    ImGui::EndChild();
    probe::item("contacts.list");
}

}  // namespace

void draw_list(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    const ContactIndex& index = view.people();
    ImGui::SetNextItemWidth(std::min(360.0f, ImGui::GetContentRegionAvail().x));
    const std::string hint = std::string(icons::kSearch) + "  Search names, companies, cities, tags, notes…";
    ImGui::InputTextWithHint("##contacts.search", hint.c_str(), &ui.query.text);
    focus_ring(p);
    probe::item("contacts.search");
    probe::value("contacts.search", ui.query.text);
    ButtonRow row;
    row.place(0);  // after the search field when it fits
    if (view.save.state != SaveIndicator::State::ReadOnly && row.primary(p, "+  New contact", "contacts.new")) {
        ui.editing = ContactForm{new_contact(view.ids->next())};
        ui.error.clear();
    }
    if (row.button("Find duplicates", "contacts.duplicates")) ui.duplicates = true;
    draw_filters(ui, index, p);
    ImGui::Dummy(ImVec2(0, 2));

    if (index.size() == 0) {
        ImGui::Dummy(ImVec2(0, 24));
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextWrapped("No one here yet. Add someone you met recently and would like to keep in touch with.");
        ImGui::PopStyleColor();
        probe::value("contacts.count", "0");
        return;
    }

    bool current = true;
    const float height = ImGui::GetContentRegionAvail().y - 28.0f;
    if (narrow_form()) {
        draw_sort_menu(ui.query);
        current = refresh_rows(ui, index);
        draw_phone_list(ui, view, p, ImGui::GetContentRegionAvail().y - 28.0f);
    } else {
        if (!draw_table(ui, view, p, height, current)) return;
    }
    const std::vector<Id>& rows = ui.search.result();
    // The rows and the query they answer: tests wait for the query they typed.
    probe::value("contacts.count", rows.size());
    probe::value("contacts.query", ui.search.result_query().text);
    if (!current) out.working = true;  // draw the next frame: the search goes on there
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::Text("%zu of %zu people", rows.size(), index.size());
    if (!current) {
        ImGui::SameLine();
        ImGui::TextUnformatted("\xe2\x80\x94 searching\xe2\x80\xa6");
    }
    ImGui::PopStyleColor();
    if (current && rows.empty()) {
        ImGui::SameLine();
        ImGui::TextUnformatted("\xe2\x80\x94 nobody matches; try fewer words or clear the filters.");
    }
}

// --- Likely duplicates ---------------------------------------------------------------------------

void draw_duplicates(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    if (button("\xe2\x86\x90  Contacts##dup", "duplicates.back")) {
        ui.duplicates = false;
        return;
    }
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("Likely duplicates");
    ImGui::PopFont();
    if (ui.duplicates_version != view.store->version()) {
        ui.duplicate_pairs = find_duplicates(*view.store);
        ui.duplicates_version = view.store->version();
    }
    const std::vector<DuplicatePair>& pairs = ui.duplicate_pairs;
    probe::value("duplicates.count", pairs.size());
    if (pairs.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("No likely duplicates. Imports will check again.");
        ImGui::PopStyleColor();
        return;
    }
    muted_text(p, "Merging keeps everything: emails, profiles, tags, notes and the whole history. Undo reverses it.");
    const bool read_only = view.save.state == SaveIndicator::State::ReadOnly;
    for (size_t i = 0; i < pairs.size() && i < 200; ++i) {
        const DuplicatePair& pair = pairs[i];
        const Contact* keep = view.store->contact(pair.keep);
        const Contact* remove = view.store->contact(pair.remove);
        if (keep == nullptr || remove == nullptr) continue;
        ImGui::PushID(static_cast<int>(i));
        ImGui::Text("%s  \xe2\x86\x90  %s", contact_label(*keep).c_str(), contact_label(*remove).c_str());
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::Text("(%s)", pair.reason.c_str());
        ImGui::PopStyleColor();
        if (!read_only) {
            ImGui::SameLine();
            if (ImGui::SmallButton("Merge")) out.change = merge_contacts(*view.store, pair.keep, pair.remove);
            probe::item("duplicates.merge.", [&] { return contact_label(*remove); });
        }
        ImGui::PopID();
    }
}

}  // namespace ties::ui::contacts
