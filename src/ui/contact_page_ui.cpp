// A person's page: their fields, edited in place and read through core/forms; their rhythm, tie
// strength and give and take from the day's outlook; and their history, where a row opens the
// interaction form above it to edit or delete it.
#include "ui/contacts_parts.hpp"

#include "core/cadence.hpp"
#include "core/links.hpp"
#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace ties::ui::contacts {

using namespace form;  // label, detail, error_line, str, field_width, kLabelWidth…

namespace {

// Logs a new interaction with this person, or edits one from the history (then it can be deleted).
void draw_log_form(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    InteractionForm& editor = *ui.logging;
    const InteractionDraft& d = editor.draft;
    const bool is_new = view.store->interaction(d.interaction.meta.id) == nullptr;
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted(is_new ? "Log an interaction" : "Edit the interaction");
    ImGui::PopFont();
    if (ui.scroll_to_log) {
        ImGui::SetScrollHereY(0.0f);
        ui.scroll_to_log = false;
    }
    switch (draw_interaction_form(editor, ui.error, view, p, is_new ? "log" : "history.edit", !is_new, true)) {
        case FormAction::Save: out.change = change_of(d, *view.store); ui.logging.reset(); return;
        case FormAction::Cancel: ui.logging.reset(); return;
        case FormAction::Delete:
            if (const Interaction* i = view.store->interaction(d.interaction.meta.id)) {
                out.change = delete_touch(*view.store, *i);
                remember_delete(ui.deleted, *out.change, *view.store);
            }
            ui.logging.reset();
            return;
        case FormAction::None: break;
    }
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::Separator();
}

std::string describe(const UiView& view, const Interaction& i) {
    std::string line = show_date(view, i.date);
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

// Recomputes what the page lists about `c` when the person or the store changed.
void refresh_page(ContactsUi& ui, const Contact& c, const Store& store) {
    ContactsUi::PageCache& page = ui.page;
    if (page.id == c.meta.id && page.version == store.version()) return;
    page = ContactsUi::PageCache{c.meta.id, store.version(), {}, {}, {}, {}};
    auto has = [&](const std::vector<Id>& ids) { return std::find(ids.begin(), ids.end(), c.meta.id) != ids.end(); };
    for (const auto& [id, i] : store.interactions())
        if (!i.meta.deleted && has(i.participants)) page.history.push_back(id);
    std::sort(page.history.begin(), page.history.end(), [&](Id a, Id b) {
        const Interaction& x = store.interactions().at(a);
        const Interaction& y = store.interactions().at(b);
        if (x.date != y.date) return x.date > y.date;
        if (x.minute_of_day != y.minute_of_day) return x.minute_of_day.value_or(-1) > y.minute_of_day.value_or(-1);
        return a < b;
    });
    for (const auto& [id, e] : store.events())
        if (!e.meta.deleted && has(e.attendees)) page.events.push_back(id);
    std::sort(page.events.begin(), page.events.end(),
              [&](Id a, Id b) { return store.events().at(a).date > store.events().at(b).date; });
    for (const auto& [id, o] : store.opportunities())
        if (!o.meta.deleted && has(o.contacts)) page.opportunities.push_back(id);
    for (const auto& [id, other] : store.contacts())
        if (!other.meta.deleted && other.introduced_by == c.meta.id) page.introduced.push_back(id);
    std::sort(page.introduced.begin(), page.introduced.end(), [&](Id a, Id b) {
        return contact_label(store.contacts().at(a)) < contact_label(store.contacts().at(b));
    });
}

// A field shown as text that turns into an input when clicked: Enter (or clicking away) keeps the
// edit, Escape drops it. Returns true with `value` updated when an edit was committed.
// `shown` is what to display instead of the value itself (a date in words), if given.
bool inline_text_field(ContactsUi& ui, const Palette& p, const char* caption, const std::string& name,
                       std::string& value, bool editable, bool multiline, const std::string& shown = "") {
    if (value.empty() && !editable && ui.inline_field != name) return false;
    label(p, caption);
    if (ui.inline_field != name) {
        const bool empty = value.empty();
        ImGui::PushStyleColor(ImGuiCol_Text, empty ? p.muted : p.text);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + field_width());
        ImGui::TextWrapped("%s", empty ? "Add\xe2\x80\xa6" : shown.empty() ? value.c_str() : shown.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        probe::item(name);
        probe::value(name, value);
        if (editable && ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
            tooltip("Click to edit");
        }
        if (editable && ImGui::IsItemClicked()) {
            ui.inline_field = name;
            ui.inline_text = value;
            ui.inline_error.clear();
            ui.inline_focus = true;
        }
        return false;
    }
    if (ui.inline_focus) {
        ImGui::SetKeyboardFocusHere();
        ui.inline_focus = false;
    }
    const std::string id = "##" + name;
    bool enter = false;
    if (multiline) {
        enter = ImGui::InputTextMultiline(id.c_str(), &ui.inline_text, ImVec2(field_width(), 96),
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
    } else {
        ImGui::SetNextItemWidth(field_width());
        enter = ImGui::InputText(id.c_str(), &ui.inline_text, ImGuiInputTextFlags_EnterReturnsTrue);
    }
    focus_ring(p);
    probe::item(name);
    probe::value(name, ui.inline_text);
    if (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        ui.inline_field.clear();
        ui.inline_error.clear();
        return false;
    }
    if ((enter || ImGui::IsItemDeactivated()) && !editable) {  // read-only since it was opened
        if (ui.inline_text != value) ui.inline_error = kReadOnlyRefusal;  // kept open, as typed
        else ui.inline_field.clear();
        return false;
    }
    if (enter || ImGui::IsItemDeactivated()) {
        ui.inline_field.clear();
        if (ui.inline_text == value) return false;
        value = std::string(trim(ui.inline_text));
        return true;
    }
    return false;
}

// The person's rhythm, where it comes from, and when they are due; relax, snooze or unsnooze.
void draw_keep_in_touch(const Contact& c, const UiView& view, const Palette& p, bool read_only, UiIntents& out) {
    const EffectiveCadence effective = cadence_for(c, view.store->settings());
    const ContactStats& stats = outlook(view).stats.of(c.meta.id);
    label(p, "Keep in touch");
    ImGui::BeginGroup();
    std::string rhythm;
    if (effective.cadence.never()) {
        rhythm = c.tier == Tier::None ? "No reminders: choose a circle, or set a rhythm in Edit" : "No reminders";
    } else {
        rhythm = uppercase_first(describe(effective.cadence));
        rhythm += effective.source == CadenceSource::Contact ? ", set for them"
                  : effective.source == CadenceSource::Tag   ? ", for the tag \"" + effective.tag + "\""
                                                             : ", for the circle " + str(to_string(c.tier));
        rhythm += ", overdue after " + std::to_string(effective.cadence.max_days) + " days";
    }
    ImGui::TextWrapped("%s", rhythm.c_str());
    probe::value("contact.rhythm", rhythm);
    // The clock starts at the last touch, else at the day they were met (or added).
    const Date since = stats.last_touch ? *stats.last_touch : c.first_met ? *c.first_met : date_of(c.meta.created);
    std::string last = stats.last_touch ? "Last in touch " + days_from_now(since.days - view.today.days) + " (" +
                                              show_date(view, since) + ")"
                       : c.first_met ? "Not in touch since you met, " + days_from_now(since.days - view.today.days)
                                     : std::string("Nothing logged yet");
    if (!effective.cadence.never() && since <= view.today) {
        const std::int32_t due_in = since.days + effective.cadence.ideal_days - view.today.days;
        last += due_in > 0 ? "; due " + days_from_now(due_in) : "; due now";
    }
    muted_text(p, last.c_str());
    probe::value("contact.last_touch", last);
    const bool snoozed = c.snoozed_until && *c.snoozed_until > view.today;
    if (snoozed) {
        const std::string text = "Snoozed until " + show_date(view, *c.snoozed_until);
        ImGui::TextUnformatted(text.c_str());
        probe::value("contact.snoozed", text);
    }
    if (!read_only) {
        if (snoozed) {
            if (button("Unsnooze", "contact.unsnooze")) {
                Contact changed = c;
                changed.snoozed_until.reset();
                out.change = save_contact(changed);
                out.change->label = "Unsnooze " + contact_label(c);
            }
        } else if (!effective.cadence.never()) {
            ButtonRow row;
            if (row.button("Snooze a week", "contact.snooze.week")) out.change = snooze(c, view.today, 7);
            if (row.button("Snooze a month", "contact.snooze.month")) out.change = snooze(c, view.today, 30);
            if (row.button("Relax the rhythm", "contact.relax")) out.change = relax_cadence(c, effective.cadence);
            tooltip("Reach out " + describe(relaxed(effective.cadence)) + " instead");
        }
    }
    ImGui::EndGroup();
}

// The tie's strength, what each factor added, the circle it suggests, and the give and take.
void draw_strength(const Contact& c, const UiView& view, const Palette& p, bool read_only, UiIntents& out) {
    const Outlook& o = outlook(view);
    const TieStrength strength = tie_strength(c, o.stats.of(c.meta.id), view.today);
    ImGui::Dummy(ImVec2(0, 12));
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("Tie strength");
    ImGui::PopFont();
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", strength.score);
    probe::value("contact.strength", score);
    // A bar from 0 to 1, then the score, within the window (a phone's too).
    const float score_width = ImGui::CalcTextSize("0.00 of 1").x + ImGui::GetStyle().ItemSpacing.x;
    const float width = std::max(60.0f, std::min(420.0f, ImGui::GetContentRegionAvail().x - score_width));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + 10), p.accent_soft, 5);
    if (strength.score * width >= 1.0)
        dl->AddRectFilled(at, ImVec2(at.x + width * static_cast<float>(strength.score), at.y + 10), p.accent, 5);
    ImGui::Dummy(ImVec2(width, 10));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 5);
    ImGui::Text("%s of 1", score);
    probe::item("contact.strength.score");
    muted_text(p, "A score from what you logged (after Gilbert and Karahalios, 2009). What each factor added:");
    // A table of factor, points and why where it fits; on a phone each factor's why is a wrapped
    // line of its own under its points.
    const ImGuiStyle& style = ImGui::GetStyle();
    float name_width = 0, points_width = 0, why_width = 0;
    std::vector<std::string> points(strength.factors.size());
    for (std::size_t i = 0; i < strength.factors.size(); ++i) {
        const StrengthFactor& f = strength.factors[i];
        char text[32];
        std::snprintf(text, sizeof text, "+%.2f of %.2f", f.points(), f.weight);
        points[i] = text;
        name_width = std::max(name_width, ImGui::CalcTextSize(str(to_string(f.kind)).c_str()).x);
        points_width = std::max(points_width, ImGui::CalcTextSize(text).x);
        why_width = std::max(why_width, ImGui::CalcTextSize(f.explanation.c_str()).x);
    }
    const float cell = 2 * style.CellPadding.x;
    const bool as_table = name_width + points_width + why_width + 3 * cell <= ImGui::GetContentRegionAvail().x;
    const auto publish = [&](const StrengthFactor& f, const std::string& pts) {
        probe::item(probe::key("contact.strength.", [&] { return str(to_string(f.kind)); }, ".why"));
        probe::value(probe::key("contact.strength.", [&] { return str(to_string(f.kind)); }), [&] { return pts + " | " + f.explanation; });
    };
    if (as_table && ImGui::BeginTable("##strength", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) {
        for (std::size_t i = 0; i < strength.factors.size(); ++i) {
            const StrengthFactor& f = strength.factors[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(str(to_string(f.kind)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(points[i].c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(f.explanation.c_str());
            ImGui::PopStyleColor();
            publish(f, points[i]);
        }
        ImGui::EndTable();
    } else if (!as_table) {
        const float points_at = ImGui::GetCursorPosX() + name_width + style.ItemSpacing.x * 2;
        for (std::size_t i = 0; i < strength.factors.size(); ++i) {
            const StrengthFactor& f = strength.factors[i];
            ImGui::TextUnformatted(str(to_string(f.kind)).c_str());
            ImGui::SameLine(points_at);
            ImGui::TextUnformatted(points[i].c_str());
            muted_text(p, f.explanation.c_str());
            publish(f, points[i]);
        }
    }
    if (const auto found = o.suggestions.find(c.meta.id); found != o.suggestions.end() && !c.archived) {
        const Tier suggested = found->second.tier;
        probe::value("contact.suggested_tier", [&] { return to_string(suggested); });
        if (suggested != c.tier) {
            const std::string text = "Suggested circle: " + str(to_string(suggested)) +
                                     (c.tier == Tier::None ? "" : "; now " + str(to_string(c.tier)));
            ImGui::AlignTextToFramePadding();
            ImGui::TextWrapped("%s", text.c_str());
            if (!read_only) {
                same_line_if_fits(button_width("Use it"));
                if (button("Use it", "contact.use_suggested_tier")) {
                    Contact changed = c;
                    changed.tier = suggested;
                    out.change = save_contact(changed);
                    out.change->label = "Move " + contact_label(c) + " to " + str(to_string(suggested));
                }
            }
        } else {
            muted_text(p, ("The scores agree with the circle you chose: " + str(to_string(c.tier)) + ".").c_str());
        }
    }

    ImGui::Dummy(ImVec2(0, 8));
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("Give and take");
    ImGui::PopFont();
    const GiveTake* gt = o.ledger.of(c.meta.id);
    std::string summary;
    if (gt == nullptr) {
        summary = "No help logged either way yet. Log \"Help given\" or an introduction you made: giving first "
                  "is how weak ties grow.";
    } else {
        auto times = [](std::int32_t n) { return n == 1 ? std::string("once") : std::to_string(n) + " times"; };
        summary = gt->given > 0 ? "You helped them " + times(gt->given) : std::string("You have not helped them yet");
        summary += gt->received > 0 ? "; they helped you " + times(gt->received) + "." : "; they have not helped you yet.";
        if (gt->received > 0 && gt->given == 0) summary += " A good moment to give back.";
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(560.0f, ImGui::GetContentRegionAvail().x));
    ImGui::TextWrapped("%s", summary.c_str());
    ImGui::PopTextWrapPos();
    probe::item("contact.give_take");
    probe::value("contact.give_take", summary);
}

// Where they sit in the network (the Map's facts): the clusters they connect you to, whether
// they are your only link into one, and how separate the people linked to them are.
void draw_network_place(const Contact& c, const UiView& view, const Palette& p, UiIntents& out) {
    if (view.map == nullptr || c.archived) return;
    const NetworkMap* map = known_map(*view.map, view, out);
    if (map && !map->person(c.meta.id)) map = known_map(*view.map, view, out, true);  // someone new: place them
    const MapPerson* person = map ? map->person(c.meta.id) : nullptr;
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("In your network");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(560.0f, ImGui::GetContentRegionAvail().x));
    if (person == nullptr) {
        muted_text(p, "Working out where they sit in your network\xe2\x80\xa6");
        ImGui::PopTextWrapPos();
        return;
    }
    if (const std::string bridge = bridge_reason(*map, *person, contact_label(c), outlook(view).stats.of(c.meta.id).last_touch, view.today);
        !bridge.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("%s.", bridge.c_str());
        ImGui::PopStyleColor();
        probe::value("contact.bridge", bridge);
    }
    std::string through;
    for (const ClusterReach& reach : clusters_through(*map, c.meta.id)) {
        const Cluster& cluster = map->clusters[reach.cluster];
        if (!through.empty()) through += "; ";
        through += cluster.label + (reach.own ? " (their group, " + std::to_string(cluster.members.size()) + " people)"
                                              : " (" + std::to_string(reach.links) + (reach.links == 1 ? " link)" : " links)"));
    }
    const std::string reach_line = through.empty() ? "Linked to nobody else you know: log who you meet them with, "
                                                     "or their company, and the map links them."
                                                   : "Connects you to " + through + ".";
    ImGui::TextWrapped("%s", reach_line.c_str());
    probe::value("contact.clusters", reach_line);
    if (const std::string structure = structure_sentence(person->links, person->effective_size); !structure.empty()) {
        muted_text(p, structure.c_str());
        probe::value("contact.structure", structure);
    }
    ImGui::PopTextWrapPos();
    if (button("Show on the map", "contact.show_on_map")) {
        view.map->focus = c.meta.id;
        out.go_to = Section::Map;
    }
}

}  // namespace

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
    probe::value("contact.name", [&] { return contact_label(c); });
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
        ButtonRow actions;
        if (actions.primary(p, "+  Log interaction", "contact.log")) {
            ui.logging = InteractionForm{new_interaction(view.ids->next(), {c.meta.id}, view.today)};
            ui.error.clear();
        }
        if (actions.button("Edit", "contact.edit")) {
            ui.editing = ContactForm{draft_of(c)};
            ui.logging.reset();
            ui.error.clear();
        }
        if (actions.button(c.archived ? "Unarchive" : "Archive", "contact.archive")) {
            out.change = set_archived(c, !c.archived);
            out.notice = Notice{(c.archived ? "Unarchived " : "Archived ") + contact_label(c)};
        }
        if (actions.button("Delete", "contact.delete")) ui.confirm_delete = true;
        if (ui.confirm_delete) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
            ImGui::TextWrapped("Delete %s? Undo brings them back.", contact_label(c).c_str());
            ImGui::PopStyleColor();
            ButtonRow confirm;
            if (confirm.button("Delete##confirm", "contact.delete.confirm")) {
                out.change = delete_contact(*view.store, c.meta.id);
                out.notice = Notice{"Deleted " + contact_label(c)};
                ui.confirm_delete = false;
                ui.selected.reset();
                return;
            }
            if (confirm.button("Keep##confirm", "contact.delete.cancel")) ui.confirm_delete = false;
        }
        ImGui::Dummy(ImVec2(0, 8));
    }
    if (ui.logging) draw_log_form(ui, view, p, out);

    refresh_page(ui, c, *view.store);
    const ContactsUi::PageCache& page = ui.page;
    Contact edited = c;
    bool changed = false;
    auto field = [&](const char* caption, const char* name, std::string& value) {
        changed |= inline_text_field(ui, p, caption, name, value, !read_only, false);
    };
    // A field read by `read` (core/forms.hpp): saved when valid, else its message is shown.
    auto commit = [&](auto& value, const auto& read) {
        if (!read.ok()) {
            ui.inline_error = read.error;
            return;
        }
        value = read.value;
        changed = true;
    };
    auto points_field = [&](const char* caption, const char* name, std::vector<ContactPoint>& value,
                            bool emails) {
        std::string text = format_points(value);
        if (!inline_text_field(ui, p, caption, name, text, !read_only, false)) return;
        if (emails) {
            commit(value, read_emails(text));
        } else {
            value = parse_points(text);
            changed = true;
        }
    };
    auto list_field = [&](const char* caption, const char* name, std::vector<std::string>& value) {
        std::string text = join_list(value);
        if (inline_text_field(ui, p, caption, name, text, !read_only, false)) {
            value = split_list(text);
            changed = true;
        }
    };
    points_field("Emails", "contact.inline.emails", edited.emails, true);
    points_field("Phones", "contact.inline.phones", edited.phones, false);
    std::string addresses = format_addresses(edited.addresses);  // one line each, the kind first
    if (inline_text_field(ui, p, "Addresses", "contact.inline.addresses", addresses, !read_only, true)) {
        edited.addresses = parse_addresses(addresses, c.addresses);
        changed = true;
    }
    for (size_t h = 0; h < c.handles.size(); ++h) {
        const Handle& handle = c.handles[h];
        label(p, str(to_string(handle.kind)).c_str());
        if (const auto url = profile_url(handle)) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
            ImGui::TextUnformatted(fitted(handle.value, ImGui::GetContentRegionAvail().x).c_str());
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) {
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, p.accent);
                tooltip("Open " + *url + " in a new tab");
            }
            if (ImGui::IsItemClicked()) out.open_url = *url;
        } else {
            ImGui::TextUnformatted(fitted(handle.value, ImGui::GetContentRegionAvail().x).c_str());
        }
        probe::item("contact.handle.link.", h);
    }
    field("Company", "contact.inline.company", edited.company);
    field("Title", "contact.inline.title", edited.title);
    field("City", "contact.inline.city", edited.city);
    field("Country", "contact.inline.country", edited.country);
    list_field("Tags", "contact.inline.tags", edited.tags);
    if (c.tier != Tier::None) detail(p, "Circle", str(to_string(c.tier)));
    field("How we met", "contact.inline.how_met", edited.how_met);
    std::string first_met = c.first_met ? c.first_met->iso() : "";
    if (inline_text_field(ui, p, "First met", "contact.inline.first_met", first_met, !read_only, false))
        commit(edited.first_met, read_optional_date("First met", first_met));
    auto yearly_field = [&](const char* caption, const char* name, std::optional<PartialDate>& date) {
        std::string text = date ? yearly_input(*date) : "";
        if (inline_text_field(ui, p, caption, name, text, !read_only, false, date ? yearly_text(*date) : ""))
            commit(date, read_yearly(caption, text));
    };
    yearly_field("Birthday", "contact.inline.birthday", edited.birthday);
    yearly_field("Anniversary", "contact.inline.anniversary", edited.anniversary);
    changed |= inline_text_field(ui, p, "Notes", "contact.inline.notes", edited.notes, !read_only, true);
    if (!ui.inline_error.empty()) error_line(p, ui.inline_error);
    if (changed && !(edited == c)) {
        out.change = save_contact(edited);
        out.notice = Notice{"Saved " + contact_label(edited)};
    }

    if (!c.archived) draw_keep_in_touch(c, view, p, read_only, out);
    draw_strength(c, view, p, read_only, out);
    draw_network_place(c, view, p, out);

    // People around them: who introduced them, and whom they introduced.
    auto person_link = [&](Id id, const std::string& probe_name) {
        const Contact* other = view.store->contact(id);
        if (other == nullptr) return;
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        ImGui::TextUnformatted(contact_label(*other).c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemClicked()) out.open_contact = id;
        probe::item(probe_name, ".", [&] { return contact_label(*other); });
    };
    if (c.introduced_by && view.store->contact(*c.introduced_by)) {
        label(p, "Introduced by");
        person_link(*c.introduced_by, "contact.introduced_by");
    }
    if (!page.introduced.empty()) {
        label(p, "Introduced you to");
        ImGui::BeginGroup();
        for (Id id : page.introduced) person_link(id, "contact.introduced");
        ImGui::EndGroup();
    }
    if (!page.events.empty()) {
        label(p, "Events");
        ImGui::BeginGroup();
        for (Id id : page.events)
            if (const Event* e = view.store->event(id))
                ImGui::Text("%s  \xc2\xb7  %s", e->name.c_str(), show_date(view, e->date).c_str());
        ImGui::EndGroup();
    }
    if (!page.opportunities.empty()) {
        label(p, "Opportunities");
        ImGui::BeginGroup();
        for (Id id : page.opportunities)
            if (const Opportunity* o = view.store->opportunity(id))
                ImGui::Text("%s  \xc2\xb7  %s", o->title.c_str(), str(to_string(o->status)).c_str());
        ImGui::EndGroup();
    }
    probe::value("contact.events", page.events.size());
    probe::value("contact.opportunities", page.opportunities.size());

    probe::value("contact.interactions", page.history.size());
    ImGui::Dummy(ImVec2(0, 12));
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted("History");
    ImGui::PopFont();
    deleted_notice(ui.deleted, view, p, "history.deleted", out);
    if (page.history.empty()) muted_text(p, "Nothing logged yet.");
    for (size_t n = 0; n < page.history.size(); ++n) {
        const Interaction* found = view.store->interaction(page.history[n]);
        if (found == nullptr) continue;
        const Interaction& i = *found;
        // The whole row is one button: a click opens it in the form above, to edit or delete.
        const std::string row = "contact.history." + std::to_string(n);
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(describe(view, i).c_str());
        ImGui::PopStyleColor();
        probe::item(row, ".edit");
        if (i.participants.size() > 1) {
            std::string with = "With ";
            for (Id other : i.participants)
                if (other != c.meta.id)
                    if (const Contact* o = view.store->contact(other)) with += contact_label(*o) + ", ";
            with.resize(with.size() - 2);
            muted_text(p, with.c_str());
        }
        if (!i.notes.empty()) ImGui::TextWrapped("%s", i.notes.c_str());
        if (i.follow_up)
            ImGui::TextWrapped("%s  Follow up on %s%s%s", i.follow_up->done ? "\xe2\x9c\x93" : "\xe2\x86\x92",
                               show_date(view, i.follow_up->date).c_str(), i.follow_up->text.empty() ? "" : ": ",
                               i.follow_up->text.c_str());
        ImGui::EndGroup();
        if (!read_only) {
            const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, ImGui::GetItemRectSize().x),
                              ImGui::GetItemRectSize().y);
            ImGui::SetCursorScreenPos(start);
            ImGui::PushID(row.c_str());
            if (ImGui::InvisibleButton("##edit", size)) {
                ui.logging = InteractionForm{draft_of(i)};
                ui.error.clear();
                ui.scroll_to_log = true;
            }
            ImGui::PopID();
            if (ImGui::IsItemHovered()) {
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(start.x - 6, start.y - 3),
                                                          ImVec2(start.x + size.x, start.y + size.y + 3),
                                                          (p.accent & 0x00FFFFFF) | 0x18000000, 4.0f);
                tooltip("Edit or delete");
            }
        }
        probe::value(probe::key("contact.history.", n), [&] { return describe(view, i) + " | " + i.notes; });
        ImGui::Dummy(ImVec2(0, 6));
    }
}

}  // namespace ties::ui::contacts
