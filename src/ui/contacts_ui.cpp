// The Contacts section: see contacts_ui.hpp. Lists are filtered and sorted each frame from the
// store (fine for thousands of contacts; the everyday-CRM issue adds indexes for 100,000).
#include "ui/contacts_ui.hpp"

#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace ties::ui {
namespace {

constexpr float kLabelWidth = 150.0f;
constexpr float kFieldWidth = 440.0f;

constexpr std::array kKinds{
    InteractionKind::OnlineConversation, InteractionKind::DirectMessage, InteractionKind::Email,
    InteractionKind::Call, InteractionKind::VideoCall, InteractionKind::Coffee, InteractionKind::MealOrDrinks,
    InteractionKind::Meetup, InteractionKind::IntroductionMade, InteractionKind::HelpGiven,
    InteractionKind::HelpReceived, InteractionKind::Note};
constexpr std::array kTiers{Tier::None, Tier::Inner, Tier::Close, Tier::Friends, Tier::Meaningful,
                            Tier::Acquaintances, Tier::Recognisable};
constexpr std::array kHandleKinds{HandleKind::X, HandleKind::LinkedIn, HandleKind::Mastodon, HandleKind::Bluesky,
                                  HandleKind::GitHub, HandleKind::Website, HandleKind::Other};

std::string str(std::string_view text) { return std::string(text); }

void label(const Palette& p, const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::SameLine(kLabelWidth);
}

bool text_field(const Palette& p, const char* caption, const char* name, std::string& value, const char* hint = "") {
    label(p, caption);
    ImGui::SetNextItemWidth(kFieldWidth);
    const bool changed = ImGui::InputTextWithHint((std::string("##") + name).c_str(), hint, &value);
    probe::item(name);
    probe::value(name, value);
    return changed;
}

void notes_field(const Palette& p, const char* caption, const char* name, std::string& value) {
    label(p, caption);
    ImGui::InputTextMultiline((std::string("##") + name).c_str(), &value, ImVec2(kFieldWidth, 96));
    probe::item(name);
    probe::value(name, value);
}

template <typename Enum, size_t N>
void enum_combo(const Palette& p, const char* caption, const char* name, Enum& value, const std::array<Enum, N>& options) {
    label(p, caption);
    ImGui::SetNextItemWidth(kFieldWidth);
    const std::string current = str(to_string(value));
    if (ImGui::BeginCombo((std::string("##") + name).c_str(), current.c_str())) {
        for (Enum option : options) {
            const std::string text = str(to_string(option));
            if (ImGui::Selectable(text.c_str(), option == value)) value = option;
            probe::item(std::string(name) + "." + text);
        }
        ImGui::EndCombo();
    }
    probe::item(name);
    probe::value(name, current);
}

bool primary_button(const Palette& p, const char* text, const char* name) {
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    const bool clicked = ImGui::Button(text);
    ImGui::PopStyleColor(4);
    probe::item(name);
    return clicked;
}

bool button(const char* text, const char* name) {
    const bool clicked = ImGui::Button(text);
    probe::item(name);
    return clicked;
}

void error_line(const Palette& p, const std::string& error) {
    if (error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s  %s", icons::kWarning, error.c_str());
    ImGui::PopStyleColor();
    probe::value("form.error", error);
}

// --- Drafts -------------------------------------------------------------------------------------

ContactDraft draft_of(const Contact& c) {
    ContactDraft d;
    d.contact = c;
    d.emails = join_list(c.emails);
    d.phones = join_list(c.phones);
    d.tags = join_list(c.tags);
    d.first_met = c.first_met ? c.first_met->iso() : "";
    d.has_cadence = c.cadence_days.has_value();
    d.cadence_days = c.cadence_days.value_or(30);
    return d;
}

// Fills draft.contact from the typed text; returns an error message, or "" when valid.
std::string finish(ContactDraft& d) {
    Contact& c = d.contact;
    c.display_name = str(trim(c.display_name));
    c.given_name = str(trim(c.given_name));
    c.family_name = str(trim(c.family_name));
    if (c.display_name.empty() && c.given_name.empty() && c.family_name.empty())
        return "Give this person a name.";
    c.emails = split_list(d.emails);
    for (const std::string& email : c.emails)
        if (!looks_like_email(email)) return "\"" + email + "\" does not look like an email address.";
    c.phones = split_list(d.phones);
    c.tags = split_list(d.tags);
    c.first_met.reset();
    if (!trim(d.first_met).empty()) {
        c.first_met = Date::parse_iso(trim(d.first_met));
        if (!c.first_met) return "First met: write the date as YYYY-MM-DD, for example 2024-03-12.";
    }
    if (d.has_cadence && (d.cadence_days < 1 || d.cadence_days > 3650))
        return "Keep in touch: choose between 1 and 3650 days.";
    c.cadence_days = d.has_cadence ? std::optional<std::int32_t>(d.cadence_days) : std::nullopt;
    std::vector<Handle> handles;
    for (Handle h : c.handles) {
        h.value = str(trim(h.value));
        if (h.value.empty()) continue;
        if (h.kind == HandleKind::Website && !looks_like_url(h.value))
            return "Website: \"" + h.value + "\" is not a web address (it should start with https://).";
        handles.push_back(h);
    }
    c.handles = handles;
    return "";
}

InteractionDraft new_interaction(Id id, Id contact, Date today) {
    InteractionDraft d;
    d.interaction.meta.id = id;
    d.interaction.date = today;
    d.interaction.kind = InteractionKind::Coffee;
    d.interaction.participants = {contact};
    d.date = today.iso();
    d.follow_up_date = Date{today.days + 14}.iso();
    return d;
}

std::string finish(InteractionDraft& d) {
    Interaction& i = d.interaction;
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
        i.follow_up = FollowUp{*when, str(trim(d.follow_up_text)), false};
    }
    return "";
}

// --- Views --------------------------------------------------------------------------------------

bool matches(const Contact& c, std::string_view query) {
    if (query.empty()) return true;
    if (contains_folded(contact_label(c), query) || contains_folded(c.company, query) ||
        contains_folded(c.title, query) || contains_folded(c.city, query) || contains_folded(c.notes, query))
        return true;
    for (const auto& list : {&c.emails, &c.tags})
        for (const std::string& item : *list)
            if (contains_folded(item, query)) return true;
    for (const Handle& h : c.handles)
        if (contains_folded(h.value, query)) return true;
    return false;
}

void draw_list(ContactsUi& ui, const UiView& view, const Palette& p) {
    const Store& store = *view.store;
    ImGui::SetNextItemWidth(320);
    const std::string hint = std::string(icons::kSearch) + "  Search name, company, city, tags…";
    ImGui::InputTextWithHint("##contacts.search", hint.c_str(), &ui.search);
    probe::item("contacts.search");
    ImGui::SameLine();
    ImGui::Checkbox("Show archived", &ui.show_archived);
    probe::item("contacts.archived");
    ImGui::SameLine();
    if (view.save.state != SaveIndicator::State::ReadOnly &&
        primary_button(p, "+  New contact", "contacts.new")) {
        ContactDraft draft;
        draft.contact.meta.id = view.fresh_id;
        ui.editing = draft;
        ui.error.clear();
    }
    ImGui::Dummy(ImVec2(0, 4));

    std::vector<const Contact*> rows;
    size_t live = 0;
    const std::string_view query = trim(ui.search);
    for (const auto& [id, c] : store.contacts()) {
        if (c.meta.deleted) continue;
        ++live;
        if (c.archived && !ui.show_archived) continue;
        if (matches(c, query)) rows.push_back(&c);
    }
    std::sort(rows.begin(), rows.end(), [](const Contact* a, const Contact* b) {
        const std::string la = contact_label(*a), lb = contact_label(*b);
        return la != lb ? la < lb : a->meta.id < b->meta.id;
    });
    probe::value("contacts.count", std::to_string(rows.size()));

    if (live == 0) {
        ImGui::Dummy(ImVec2(0, 24));
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextWrapped("No one here yet. Add someone you met recently and would like to keep in touch with.");
        ImGui::PopStyleColor();
        return;
    }
    if (rows.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("Nobody matches that search.");
        ImGui::PopStyleColor();
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("contacts.table", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", 0, 2.0f);
    ImGui::TableSetupColumn("Company", 0, 1.6f);
    ImGui::TableSetupColumn("City", 0, 1.0f);
    ImGui::TableSetupColumn("Tags", 0, 1.4f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), 34.0f);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Contact& c = *rows[static_cast<size_t>(r)];
            ImGui::TableNextRow(0, 34.0f);
            ImGui::TableNextColumn();
            const std::string name = contact_label(c) + (c.archived ? "  (archived)" : "");
            ImGui::PushID(&c);
            if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, 26)))
                ui.selected = c.meta.id;
            ImGui::PopID();
            probe::item("contacts.row." + contact_label(c));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.company.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.city.c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(join_list(c.tags).c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

void draw_form(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    ContactDraft& d = *ui.editing;
    Contact& c = d.contact;
    const bool is_new = view.store->contact(c.meta.id) == nullptr;
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted(is_new ? "New contact" : "Edit contact");
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 4));
    text_field(p, "Name", "contact.display_name", c.display_name, "How you refer to them");
    text_field(p, "Given name", "contact.given_name", c.given_name);
    text_field(p, "Family name", "contact.family_name", c.family_name);
    text_field(p, "Nickname", "contact.nickname", c.nickname);
    text_field(p, "Company", "contact.company", c.company);
    text_field(p, "Title", "contact.title", c.title);
    text_field(p, "City", "contact.city", c.city);
    text_field(p, "Region", "contact.region", c.region);
    text_field(p, "Country", "contact.country", c.country);
    text_field(p, "Emails", "contact.emails", d.emails, "Separate several with commas");
    text_field(p, "Phones", "contact.phones", d.phones, "Separate several with commas");

    label(p, "Profiles");
    ImGui::BeginGroup();
    for (size_t i = 0; i < c.handles.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(120);
        const std::string kind = str(to_string(c.handles[i].kind));
        if (ImGui::BeginCombo("##kind", kind.c_str())) {
            for (HandleKind k : kHandleKinds)
                if (ImGui::Selectable(str(to_string(k)).c_str(), k == c.handles[i].kind)) c.handles[i].kind = k;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(kFieldWidth - 120 - 44);
        ImGui::InputTextWithHint("##value", "@handle or https://…", &c.handles[i].value);
        probe::item("contact.handle." + std::to_string(i));
        ImGui::SameLine();
        const bool remove = ImGui::Button("\xc3\x97");  // ×
        ImGui::PopID();
        if (remove) {
            c.handles.erase(c.handles.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    if (button("+  Add profile", "contact.handle.add")) c.handles.push_back(Handle{HandleKind::X, ""});
    ImGui::EndGroup();

    text_field(p, "Tags", "contact.tags", d.tags, "conference, rust, berlin");
    enum_combo(p, "Tier", "contact.tier", c.tier, kTiers);
    label(p, "Keep in touch");
    ImGui::Checkbox("##cadence", &d.has_cadence);
    probe::item("contact.cadence");
    if (d.has_cadence) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        ImGui::InputInt("days##cadence_days", &d.cadence_days);
    }
    text_field(p, "How we met", "contact.how_met", c.how_met, "At RustConf, via Ana…");
    text_field(p, "First met", "contact.first_met", d.first_met, "YYYY-MM-DD");
    notes_field(p, "Notes", "contact.notes", c.notes);

    ImGui::Dummy(ImVec2(0, 6));
    error_line(p, ui.error);
    ImGui::SetCursorPosX(kLabelWidth);
    if (primary_button(p, is_new ? "Add contact" : "Save", "contact.save")) {
        ui.error = finish(d);
        if (ui.error.empty()) {
            out.change = save_contact(c);
            ui.selected = c.meta.id;
            ui.editing.reset();
            return;
        }
    }
    ImGui::SameLine();
    if (button("Cancel", "contact.cancel")) {
        ui.editing.reset();
        ui.error.clear();
    }
}

void draw_log_form(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    InteractionDraft& d = *ui.logging;
    Interaction& i = d.interaction;
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("Log an interaction");
    ImGui::PopFont();
    enum_combo(p, "Kind", "log.kind", i.kind, kKinds);
    text_field(p, "Date", "log.date", d.date, "YYYY-MM-DD");
    text_field(p, "Time", "log.time", d.time, "HH:MM (optional)");
    label(p, "Who reached out");
    for (Initiator who : {Initiator::Me, Initiator::Them, Initiator::Unknown}) {
        const std::string text = str(to_string(who));
        if (ImGui::RadioButton(text.c_str(), i.initiator == who)) i.initiator = who;
        probe::item("log.initiator." + text);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    label(p, "Duration");
    ImGui::Checkbox("##duration", &d.has_duration);
    if (d.has_duration) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        ImGui::InputInt("minutes##duration_minutes", &d.duration);
    }
    notes_field(p, "Notes", "log.notes", i.notes);
    label(p, "Follow up");
    ImGui::Checkbox("##followup", &d.has_follow_up);
    probe::item("log.followup");
    if (d.has_follow_up) {
        text_field(p, "On", "log.followup.date", d.follow_up_date, "YYYY-MM-DD");
        text_field(p, "To do", "log.followup.text", d.follow_up_text, "Send the article we talked about");
    }
    error_line(p, ui.error);
    ImGui::SetCursorPosX(kLabelWidth);
    if (primary_button(p, "Log it", "log.save")) {
        ui.error = finish(d);
        if (ui.error.empty()) {
            out.change = save_interaction(i);
            ui.logging.reset();
            return;
        }
    }
    ImGui::SameLine();
    if (button("Cancel", "log.cancel")) {
        ui.logging.reset();
        ui.error.clear();
    }
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::Separator();
}

void detail(const Palette& p, const char* caption, const std::string& value) {
    if (value.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(caption);
    ImGui::PopStyleColor();
    ImGui::SameLine(kLabelWidth);
    ImGui::TextWrapped("%s", value.c_str());
}

std::string describe(const Interaction& i) {
    std::string line = i.date.iso();
    if (i.minute_of_day) {
        char time[8];
        std::snprintf(time, sizeof time, " %02d:%02d", *i.minute_of_day / 60, *i.minute_of_day % 60);
        line += time;
    }
    line += "  \xc2\xb7  " + str(to_string(i.kind));
    if (i.initiator == Initiator::Me) line += "  \xc2\xb7  you reached out";
    if (i.initiator == Initiator::Them) line += "  \xc2\xb7  they reached out";
    if (i.duration_minutes) line += "  \xc2\xb7  " + std::to_string(*i.duration_minutes) + " min";
    return line;
}

void draw_contact_page(ContactsUi& ui, const Contact& c, const UiView& view, const Palette& p, UiIntents& out) {
    const bool read_only = view.save.state == SaveIndicator::State::ReadOnly;
    const std::string back = std::string("\xe2\x86\x90  Contacts");
    if (button(back.c_str(), "contact.back")) {
        ui.selected.reset();
        ui.logging.reset();
        ui.confirm_delete = false;
        return;
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PushFont(view.fonts->title);
    ImGui::TextUnformatted(contact_label(c).c_str());
    ImGui::PopFont();
    probe::value("contact.name", contact_label(c));
    probe::value("contact.archived", c.archived ? "yes" : "no");
    std::string role = c.title;
    if (!c.company.empty()) role += (role.empty() ? "" : " at ") + c.company;
    if (!c.city.empty()) role += (role.empty() ? "" : "  \xc2\xb7  ") + c.city;
    if (c.archived) role += (role.empty() ? "" : "  \xc2\xb7  ") + std::string("archived");
    if (!role.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(role.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 6));

    if (!read_only) {
        if (primary_button(p, "+  Log interaction", "contact.log")) {
            ui.logging = new_interaction(view.fresh_id, c.meta.id, view.today);
            ui.error.clear();
        }
        ImGui::SameLine();
        if (button("Edit", "contact.edit")) {
            ui.editing = draft_of(c);
            ui.logging.reset();
            ui.error.clear();
        }
        ImGui::SameLine();
        if (button(c.archived ? "Unarchive" : "Archive", "contact.archive")) out.change = set_archived(c, !c.archived);
        ImGui::SameLine();
        if (button("Delete", "contact.delete")) ui.confirm_delete = true;
        if (ui.confirm_delete) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
            ImGui::Text("Delete %s? Undo brings them back.", contact_label(c).c_str());
            ImGui::PopStyleColor();
            ImGui::SameLine();
            if (button("Delete##confirm", "contact.delete.confirm")) {
                out.change = delete_contact(*view.store, c.meta.id);
                ui.confirm_delete = false;
                ui.selected.reset();
                return;
            }
            ImGui::SameLine();
            if (button("Keep##confirm", "contact.delete.cancel")) ui.confirm_delete = false;
        }
        ImGui::Dummy(ImVec2(0, 8));
    }
    if (ui.logging) draw_log_form(ui, view, p, out);

    detail(p, "Emails", join_list(c.emails));
    detail(p, "Phones", join_list(c.phones));
    for (const Handle& h : c.handles) detail(p, str(to_string(h.kind)).c_str(), h.value);
    detail(p, "Tags", join_list(c.tags));
    if (c.tier != Tier::None) detail(p, "Tier", str(to_string(c.tier)));
    if (c.cadence_days) detail(p, "Keep in touch", "every " + std::to_string(*c.cadence_days) + " days");
    detail(p, "How we met", c.how_met);
    if (c.first_met) detail(p, "First met", c.first_met->iso());
    detail(p, "Notes", c.notes);

    std::vector<const Interaction*> history;
    for (const auto& [id, i] : view.store->interactions())
        if (!i.meta.deleted && std::find(i.participants.begin(), i.participants.end(), c.meta.id) != i.participants.end())
            history.push_back(&i);
    std::sort(history.begin(), history.end(), [](const Interaction* a, const Interaction* b) {
        if (a->date != b->date) return a->date > b->date;
        return a->minute_of_day.value_or(-1) > b->minute_of_day.value_or(-1);
    });
    probe::value("contact.interactions", std::to_string(history.size()));
    ImGui::Dummy(ImVec2(0, 12));
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("History");
    ImGui::PopFont();
    if (history.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("Nothing logged yet.");
        ImGui::PopStyleColor();
    }
    for (size_t n = 0; n < history.size(); ++n) {
        const Interaction& i = *history[n];
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(describe(i).c_str());
        ImGui::PopStyleColor();
        if (!i.notes.empty()) ImGui::TextWrapped("%s", i.notes.c_str());
        if (i.follow_up)
            ImGui::TextWrapped("%s  Follow up on %s%s%s", i.follow_up->done ? "\xe2\x9c\x93" : "\xe2\x86\x92",
                               i.follow_up->date.iso().c_str(), i.follow_up->text.empty() ? "" : ": ",
                               i.follow_up->text.c_str());
        probe::value("contact.history." + std::to_string(n), describe(i) + " | " + i.notes);
        ImGui::Dummy(ImVec2(0, 6));
    }
}

}  // namespace

void draw_contacts(ContactsUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    if (ui.editing && view.save.state == SaveIndicator::State::ReadOnly) ui.editing.reset();
    if (ui.editing) {
        draw_form(ui, view, p, out);
        return;
    }
    if (ui.selected) {
        if (const Contact* c = view.store->contact(*ui.selected)) {
            draw_contact_page(ui, *c, view, p, out);
            return;
        }
        ui.selected.reset();  // deleted (or undone) meanwhile
        ui.logging.reset();
    }
    draw_list(ui, view, p);
}

}  // namespace ties::ui
