// Today draws the outlook (src/core/outlook.hpp) and turns clicks into store changes; it computes
// nothing itself. Rows are probed as "today.<list>.<n>" with the person's name as the value, and
// their buttons as "today.<list>.<n>.<action>", so tests act on a row the way a person does.
#include "ui/today_ui.hpp"

#include "core/cadence.hpp"
#include "core/outlook.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/overlays_ui.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <string>

namespace ties::ui {
namespace {

using namespace form;

const char* touch_icon(TouchKind touch) {
    switch (touch) {
        case TouchKind::Message: return icons::kMessage;
        case TouchKind::Call: return icons::kPhone;
        case TouchKind::Meeting: return icons::kCoffee;
    }
    return icons::kMessage;
}

// What the quick log starts with for a planned touch.
InteractionKind kind_for(TouchKind touch) {
    switch (touch) {
        case TouchKind::Message: return InteractionKind::DirectMessage;
        case TouchKind::Call: return InteractionKind::Call;
        case TouchKind::Meeting: return InteractionKind::Coffee;
    }
    return InteractionKind::DirectMessage;
}

// "Show 50 more" under a list cut at `shown` of `total` rows.
void show_more(std::size_t& shown, std::size_t total, const std::string& name) {
    if (total <= shown) return;
    const std::size_t rest = total - shown;
    const std::string label = "Show " + std::to_string(std::min(rest, kTodayRowsMore)) + " more (" +
                              std::to_string(rest) + " not shown)";
    if (button(label.c_str(), name + ".more")) shown += kTodayRowsMore;
}

void section_heading(const UiView& view, const char* icon, const std::string& text, const std::string& name,
                     std::size_t count) {
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::PushFont(view.fonts->heading);
    ImGui::Text("%s  %s", icon, text.c_str());
    ImGui::PopFont();
    probe::value(probe::key(name, ".count"), count);
}

// A meter: "1 of 2" with a thin bar that turns the warning colour when over.
void meter(const Palette& p, const char* caption, std::int32_t used, std::int32_t planned, std::int32_t budget,
           const std::string& name) {
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(caption);
    ImGui::PopStyleColor();
    const std::string text = std::to_string(used) + " of " + std::to_string(budget) +
                             (planned > 0 ? "  (+" + std::to_string(planned) + " planned)" : "");
    const bool over = used > budget;
    if (over) ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextUnformatted(text.c_str());
    if (over) ImGui::PopStyleColor();
    const float width = 200.0f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + 6), p.accent_soft, 3);
    const float total = static_cast<float>(std::max<std::int32_t>(budget, 1));
    const float used_w = width * std::min(1.0f, static_cast<float>(used) / total);
    const float planned_w = width * std::min(1.0f, static_cast<float>(used + planned) / total);
    if (planned_w > used_w)
        dl->AddRectFilled(at, ImVec2(at.x + planned_w, at.y + 6), (p.accent & 0x00FFFFFF) | 0x66000000, 3);
    if (used_w >= 1.0f) dl->AddRectFilled(at, ImVec2(at.x + used_w, at.y + 6), over ? p.warning : p.accent, 3);
    ImGui::Dummy(ImVec2(width, 6));
    ImGui::EndGroup();
    probe::item(name);
    probe::value(name, text);
}

void draw_budget(const Palette& p, const BudgetUse& use, UiIntents& out, const TodayQueue& queue) {
    begin_card(p, "##budget");
    ImGui::TextUnformatted("This week's budget");
    const char* note = "(logged so far, and what the plan adds; change it in Settings)";
    next_on_line(ImGui::CalcTextSize(note).x);
    muted_text(p, note);
    meter(p, "In-person meetings", use.meetings_logged, use.meetings_planned, use.budget.meetings_per_week,
          "today.budget.meetings");
    next_on_line(200);
    meter(p, "Minutes this week", use.minutes_logged, use.minutes_planned, use.budget.minutes_per_week,
          "today.budget.minutes");
    next_on_line(200);
    meter(p, "Messages today", use.messages_logged_today, use.messages_planned_today, use.budget.messages_per_day,
          "today.budget.messages");
    std::string warning;
    if (use.minutes_over())
        warning = "You have spent " + std::to_string(use.minutes_logged) + " minutes on your network this week, over the " +
                  std::to_string(use.budget.minutes_per_week) + " you planned. Time to stop for this week: the rest can wait.";
    else if (use.meetings_over())
        warning = "You have met " + std::to_string(use.meetings_logged) + " people this week, over your " +
                  std::to_string(use.budget.meetings_per_week) + ". Keep the rest of the week for yourself.";
    else if (use.messages_over())
        warning = "You have sent " + std::to_string(use.messages_logged_today) + " messages today, over your " +
                  std::to_string(use.budget.messages_per_day) + ". The others can wait until tomorrow.";
    if (!warning.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("%s  %s", icons::kWarning, warning.c_str());
        ImGui::PopStyleColor();
    }
    probe::value("today.budget.warning", warning);
    const bool any = !queue.plan.touches.empty() || !queue.follow_ups.empty();
    ImGui::BeginDisabled(!any);
    std::string label = std::string(icons::kCalendar) + "  Add the week's plan to your calendar";
    if (button_width(label.c_str()) > ImGui::GetContentRegionAvail().x)  // a phone
        label = std::string(icons::kCalendar) + "  Add the plan to a calendar";
    if (button(label.c_str(), "today.export_ics")) out.export_file = io::ExportFormat::Calendar;
    ImGui::EndDisabled();
    tooltip_always_when_disabled("Downloads an .ics file with this week's planned touches and follow-ups, for Google "
                                 "Calendar, Apple Calendar or Thunderbird.");
    end_card();
}

constexpr float kActionsWidth = 330.0f;

// Starts the right-hand column of a row (its buttons), on the row's first line when the window is
// wide enough, else under it.
void actions_column(float width) {
    const float avail = ImGui::GetContentRegionMax().x;
    if (avail - width > 320.0f) ImGui::SameLine(avail - width);
}

// One person's row: name (opens them), circle, reason, and the quick actions.
void draw_tie_row(const UiView& view, const Palette& p, QuickLogUi& quick_log, UiIntents& out, const Contact& c,
                  TouchKind touch, const std::string& reason, const std::string& name, bool read_only) {
    ImGui::PushID(name.c_str());
    const float avail = ImGui::GetContentRegionMax().x;
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::TextUnformatted(touch_icon(touch));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (person_link(p, contact_label(c), name + ".name")) out.open_contact = c.meta.id;
    if (c.tier != Tier::None) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::Text("\xc2\xb7  %s", str(to_string(c.tier)).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::PushTextWrapPos(std::max(ImGui::GetCursorPosX() + 200.0f, avail - kActionsWidth - 16.0f));
    ImGui::TextWrapped("%s", reason.c_str());
    probe::value(probe::key(name, ".reason"), reason);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::EndGroup();
    if (!read_only) {
        actions_column(kActionsWidth);
        // Each button goes on the same line while it fits (a phone wraps them).
        const auto then = [](const std::string& next) {
            next_on_line(ImGui::CalcTextSize(next.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
        };
        const std::string log = touch == TouchKind::Meeting ? "Log meeting\xe2\x80\xa6"
                                : touch == TouchKind::Call  ? "Log call\xe2\x80\xa6"
                                                            : "Log message\xe2\x80\xa6";
        if (primary_button(p, log.c_str(), name + ".log")) {
            open_quick_log(quick_log, view, {c.meta.id});
            quick_log.draft.touch.interaction.kind = kind_for(touch);
        }
        tooltip("Log what you did; it resets the clock for " + contact_label(c));
        const std::string snooze_label = std::string("Snooze  ") + icons::kCaretDown;
        then(snooze_label);
        if (button(snooze_label.c_str(), name + ".snooze")) ImGui::OpenPopup("snooze");
        if (ImGui::BeginPopup("snooze")) {
            if (ImGui::Selectable("For a week")) out.change = snooze(c, view.today, 7);
            probe::item(name, ".snooze.week");
            if (ImGui::Selectable("For a month")) out.change = snooze(c, view.today, 30);
            probe::item(name, ".snooze.month");
            ImGui::EndPopup();
        }
        const EffectiveCadence cadence = cadence_for(c, view.store->settings());
        if (!cadence.cadence.never()) {
            then("Relax");
            if (button("Relax", name + ".relax")) out.change = relax_cadence(c, cadence.cadence);
            tooltip("Reach out " + describe(relaxed(cadence.cadence)) + " instead of " + describe(cadence.cadence));
        }
        then(icons::kArchive);
        if (button(icons::kArchive, name + ".archive")) out.change = set_archived(c, true);
        tooltip("Archive: stop keeping up this tie (Undo brings it back)");
    }
    ImGui::PopID();
    probe::value(name, [&] { return contact_label(c); });
    ImGui::Dummy(ImVec2(0, 6));
}

std::string names_of(const Store& store, const std::vector<Id>& people) {
    std::string names = people_labels(store, people);
    return names.empty() ? "nobody" : names;
}

void draw_follow_ups(TodayUi& ui, const UiView& view, const Palette& p, const TodayQueue& q, UiIntents& out,
                     bool read_only) {
    probe::value("today.follow_ups.count", q.follow_ups.size());
    if (q.follow_ups.empty()) return;
    section_heading(view, icons::kFlag, "Follow-ups", "today.follow_ups", q.follow_ups.size());
    for (std::size_t n = 0; n < std::min(q.follow_ups.size(), ui.follow_ups_shown); ++n) {
        const FollowUpDue& f = q.follow_ups[n];
        const std::string name = "today.follow_ups." + std::to_string(n);
        ImGui::PushID(name.c_str());
        const std::string when = f.overdue ? "Overdue since " + show_date(view, f.date)
                                 : f.date == view.today ? std::string("Today")
                                                        : show_date(view, f.date) + " (" + days_from_now(f.date.days - view.today.days) + ")";
        const float avail = ImGui::GetContentRegionMax().x;
        ImGui::BeginGroup();
        const std::string text = (f.text.empty() ? std::string("Follow up") : f.text) + "  \xc2\xb7  " + names_of(*view.store, f.people);
        ImGui::PushTextWrapPos(std::max(ImGui::GetCursorPosX() + 200.0f, avail - 150.0f));
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, f.overdue ? p.warning : p.muted);
        ImGui::TextWrapped("%s", when.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        probe::value(name, text);
        if (!read_only) {
            actions_column(134.0f);
            if (const Interaction* i = view.store->interaction(f.interaction)) {
                if (button(icons::kCheck, name + ".done")) out.change = set_follow_up_done(*i, true);
                tooltip("Mark as done");
                ImGui::SameLine();
            }
            if (!f.people.empty()) {
                if (button("Open", name + ".open")) out.open_contact = f.people.front();
            }
        }
        ImGui::PopID();
        ImGui::Dummy(ImVec2(0, 4));
    }
    show_more(ui.follow_ups_shown, q.follow_ups.size(), "today.follow_ups");
}

void draw_dates(TodayUi& ui, const UiView& view, const Palette& p, const TodayQueue& q, UiIntents& out) {
    probe::value("today.dates.count", q.dates.size());
    if (q.dates.empty()) return;
    section_heading(view, icons::kGift, "Birthdays and anniversaries", "today.dates", q.dates.size());
    for (std::size_t n = 0; n < std::min(q.dates.size(), ui.dates_shown); ++n) {
        const DateAhead& d = q.dates[n];
        const Contact* c = view.store->contact(d.contact);
        if (c == nullptr) continue;
        const std::string name = "today.dates." + std::to_string(n);
        ImGui::PushID(name.c_str());
        std::string what = d.kind == DateKind::Birthday      ? "Birthday"
                           : d.kind == DateKind::Anniversary ? "Anniversary"
                                                             : "You met";
        if (d.years) {
            if (d.kind == DateKind::Birthday) what += " (" + std::to_string(*d.years) + ")";
            else if (d.kind == DateKind::MetAnniversary) what += " " + std::to_string(*d.years) + (*d.years == 1 ? " year ago" : " years ago");
            else what += " (" + std::to_string(*d.years) + " years)";
        }
        const std::string when = d.in_days == 0 ? "today" : show_date(view, d.date) + ", " + days_from_now(d.in_days);
        if (person_link(p, contact_label(*c), name + ".name")) out.open_contact = c->meta.id;
        ImGui::SameLine();
        muted_text(p, (what + "  \xc2\xb7  " + when).c_str());
        probe::value(name, [&] { return contact_label(*c) + " | " + what + " | " + when; });
        ImGui::PopID();
    }
    show_more(ui.dates_shown, q.dates.size(), "today.dates");
}

void draw_new_ties(TodayUi& ui, const UiView& view, const Palette& p, QuickLogUi& quick_log, const TodayQueue& q,
                   UiIntents& out, bool read_only) {
    probe::value("today.new.count", q.new_ties.size());
    if (q.new_ties.empty()) return;
    section_heading(view, icons::kLeaf, "New ties to follow up", "today.new", q.new_ties.size());
    muted_text(p, "A short note soon after meeting someone is what turns a meeting into a tie.");
    for (std::size_t n = 0; n < std::min(q.new_ties.size(), ui.new_shown); ++n) {
        const NewTie& t = q.new_ties[n];
        if (const Contact* c = view.store->contact(t.contact))
            draw_tie_row(view, p, quick_log, out, *c, TouchKind::Message, t.reason, "today.new." + std::to_string(n),
                         read_only);
    }
    show_more(ui.new_shown, q.new_ties.size(), "today.new");
}

void draw_rest_of_week(TodayUi& ui, const UiView& view, const Palette& p, const TodayQueue& q, UiIntents& out) {
    std::vector<const PlannedTouch*> later;
    for (const PlannedTouch& t : q.plan.touches)
        if (t.day > view.today) later.push_back(&t);
    probe::value("today.later.count", later.size());
    if (later.empty()) return;
    section_heading(view, icons::kCalendar, "Later this week", "today.later", later.size());
    Date day{-1};
    for (std::size_t n = 0; n < std::min(later.size(), ui.later_shown); ++n) {
        const PlannedTouch& t = *later[n];
        const Contact* c = view.store->contact(t.contact);
        if (c == nullptr) continue;
        if (t.day != day) {
            day = t.day;
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(show_date(view, day).c_str());
            ImGui::PopStyleColor();
        }
        const std::string name = "today.later." + std::to_string(n);
        ImGui::Indent(16);
        ImGui::TextUnformatted(touch_icon(t.touch));
        ImGui::SameLine();
        if (person_link(p, contact_label(*c), name + ".name")) out.open_contact = c->meta.id;
        ImGui::Unindent(16);
        probe::value(name, [&] { return contact_label(*c); });
    }
    show_more(ui.later_shown, later.size(), "today.later");
}

// Overdue ties of the closest circles that the budget left out: shown in full, right under the
// day's plan, so the people who matter most are never folded away.
void draw_closest_deferred(TodayUi& ui, const UiView& view, const Palette& p, QuickLogUi& quick_log,
                           const TodayQueue& q, UiIntents& out, bool read_only) {
    std::vector<const DeferredTie*> closest;
    for (const DeferredTie& t : q.plan.over_budget)
        if (t.closest) closest.push_back(&t);
    probe::value("today.closest.count", closest.size());
    if (closest.empty()) return;
    section_heading(view, icons::kWarning, "Overdue in your closest circles", "today.closest", closest.size());
    muted_text(p, "Your budget is spent, but these ties matter most: make room for one, or relax their rhythm.");
    ImGui::Dummy(ImVec2(0, 4));
    for (std::size_t n = 0; n < std::min(closest.size(), ui.closest_shown); ++n) {
        const Contact* c = view.store->contact(closest[n]->contact);
        if (c == nullptr) continue;
        const std::string name = "today.closest." + std::to_string(n);
        draw_tie_row(view, p, quick_log, out, *c, TouchKind::Meeting, closest[n]->reason, name, read_only);
    }
    show_more(ui.closest_shown, closest.size(), "today.closest");
}

// The other deferred ties, ranked, each with why; folded when there are many.
void draw_over_budget(TodayUi& ui, const UiView& view, const Palette& p, const TodayQueue& q, UiIntents& out) {
    probe::value("today.over_budget.count", q.plan.over_budget.size());
    std::vector<const DeferredTie*> rest;
    for (const DeferredTie& t : q.plan.over_budget)
        if (!t.closest) rest.push_back(&t);
    if (rest.empty()) return;
    ImGui::Dummy(ImVec2(0, 10));
    begin_card(p, "##over_budget");
    const std::size_t n = rest.size();
    const std::string text = std::to_string(n) + (n == 1 ? " more tie is" : " more ties are") +
                             " due, beyond what your budget allows this week. That is fine: you cannot keep up with "
                             "everyone. Relax their rhythm, archive the ties you no longer want to keep, or raise "
                             "your budget in Settings.";
    ImGui::TextWrapped("%s", text.c_str());
    constexpr std::size_t kShownFolded = 3;  // the first few are always listed
    const std::size_t shown = ui.show_over_budget ? std::min<std::size_t>(n, 50) : std::min(n, kShownFolded);
    for (std::size_t i = 0; i < shown; ++i) {
        const Contact* c = view.store->contact(rest[i]->contact);
        if (c == nullptr) continue;
        const std::string name = "today.over_budget." + std::to_string(i);
        ImGui::Dummy(ImVec2(0, 2));
        if (person_link(p, contact_label(*c), name)) out.open_contact = c->meta.id;
        if (c->tier != Tier::None) {
            ImGui::SameLine();
            muted_text(p, ("\xc2\xb7  " + str(to_string(c->tier))).c_str());
        }
        muted_text(p, rest[i]->reason.c_str());
        probe::value(probe::key(name, ".reason"), rest[i]->reason);
    }
    if (ui.show_over_budget && n > 50) muted_text(p, ("and " + std::to_string(n - 50) + " more").c_str());
    if (n > kShownFolded) {
        const std::string more = ui.show_over_budget ? "Show fewer" : "Show all " + std::to_string(n);
        if (button(more.c_str(), "today.over_budget.toggle")) ui.show_over_budget = !ui.show_over_budget;
    }
    end_card();
}

void draw_give_back(const UiView& view, const Palette& p, const Ledger& ledger, UiIntents& out) {
    probe::value("today.give_back.count", ledger.to_repay.size());
    if (ledger.to_repay.empty()) return;
    section_heading(view, icons::kGift, "Give first", "today.give_back", ledger.to_repay.size());
    muted_text(p, "They helped you and you have not helped them back yet. An introduction, a recommendation or a "
                  "useful link is often enough.");
    const std::size_t shown = std::min<std::size_t>(ledger.to_repay.size(), 5);
    for (std::size_t n = 0; n < shown; ++n) {
        const Contact* c = view.store->contact(ledger.to_repay[n]);
        if (c == nullptr) continue;
        const std::string name = "today.give_back." + std::to_string(n);
        if (person_link(p, contact_label(*c), name)) out.open_contact = c->meta.id;
        if (n + 1 < shown) {
            ImGui::SameLine();
            muted_text(p, "\xc2\xb7");
            ImGui::SameLine();
        }
    }
}

// People without a circle (and no rhythm of their own or from a tag) get no reminders.
void refresh_unsorted(TodayUi& ui, const UiView& view, const Outlook& o) {
    if (ui.unsorted_version == view.store->version()) return;
    ui.unsorted.clear();
    ui.unsorted_by_tier = {};
    const Settings& settings = view.store->settings();
    for (const auto& [id, suggestion] : o.suggestions) {
        const Contact* c = view.store->contact(id);
        if (c == nullptr || c->archived || c->tier != Tier::None || suggestion.tier == Tier::None) continue;
        if (!cadence_for(*c, settings).cadence.never()) continue;
        ui.unsorted.emplace_back(id, suggestion.tier);
        ++ui.unsorted_by_tier[static_cast<int>(suggestion.tier)];
    }
    std::sort(ui.unsorted.begin(), ui.unsorted.end());
    ui.unsorted_version = view.store->version();
}

// Offers the circles their history suggests, all at once (one undoable change); each can be
// Bridges going cold (network_map.hpp): your only link into a cluster, silent for a while. Not
// in the day's plan already; a few at most, as reasons to reach out beside the plan.
void draw_cold_bridges(const UiView& view, const Palette& p, QuickLogUi& quick_log, const NetworkMap& map,
                       const Outlook& o, const std::vector<const PlannedTouch*>& planned, UiIntents& out, bool read_only) {
    constexpr std::size_t kShown = 3;
    std::vector<Id> cold;
    for (const Id id : cold_bridges(map, *view.store, o.stats, view.today)) {
        if (std::any_of(planned.begin(), planned.end(), [&](const PlannedTouch* t) { return t->contact == id; })) continue;
        cold.push_back(id);
        if (cold.size() == kShown) break;
    }
    probe::value("today.bridges.count", cold.size());
    if (cold.empty()) return;
    section_heading(view, icons::kMap, "Your only links, going cold", "today.bridges", cold.size());
    muted_text(p, "Each is the one person who links you to a whole group: news from there reaches you through them "
                  "or not at all.");
    for (std::size_t n = 0; n < cold.size(); ++n) {
        const Contact& c = *view.store->contact(cold[n]);
        const std::string reason = bridge_reason(map, *map.person(c.meta.id), contact_label(c),
                                                 o.stats.of(c.meta.id).last_touch, view.today);
        draw_tie_row(view, p, quick_log, out, c, TouchKind::Message, reason, "today.bridges." + std::to_string(n),
                     read_only);
    }
}

// changed later on the person's page.
void draw_unsorted(const TodayUi& ui, const UiView& view, const Palette& p, UiIntents& out, bool read_only) {
    const std::size_t n = ui.unsorted.size();
    probe::value("today.unsorted.count", n);
    if (n == 0) return;
    section_heading(view, icons::kContacts, "People without a circle", "today.unsorted", n);
    std::string text = std::to_string(n) + (n == 1 ? " person has" : " people have") +
                       " no circle yet, so Ties does not remind you of them. From what you logged, it suggests: ";
    bool first = true;
    for (int t = 1; t < kTierCount; ++t) {
        if (ui.unsorted_by_tier[t] == 0) continue;
        text += (first ? "" : ", ") + std::to_string(ui.unsorted_by_tier[t]) + " " + str(to_string(static_cast<Tier>(t)));
        first = false;
    }
    text += ". You can change any of them later on their page.";
    ImGui::TextWrapped("%s", text.c_str());
    probe::value("today.unsorted", text);
    if (!read_only && button("Use the suggested circles", "today.unsorted.accept")) {
        Change change;
        change.label = "Sort " + std::to_string(n) + (n == 1 ? " person" : " people") + " into circles";
        for (const auto& [id, tier] : ui.unsorted) {
            if (const Contact* c = view.store->contact(id)) {
                Contact sorted = *c;
                sorted.tier = tier;
                change.records.push_back(std::move(sorted));
            }
        }
        out.change = std::move(change);
    }
    muted_text(p, "Undo puts everyone back as they were.");
}

}  // namespace

void draw_today(TodayUi& ui, QuickLogUi& quick_log, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    const bool read_only = view.save.state == SaveIndicator::State::ReadOnly;
    const Outlook& o = outlook(view);
    const TodayQueue& q = o.today;
    refresh_unsorted(ui, view, o);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(760.0f, ImGui::GetContentRegionAvail().x));

    if (view.backup_due) {
        begin_card(p, "##backup_due");
        const std::string text = view.last_backup.empty()
                                     ? "You have not downloaded a backup of your network yet. Browsers can clear a site's data when space runs low; a backup file keeps it safe."
                                     : "Your last backup is from " + view.last_backup + ". Browsers can clear a site's data when space runs low: download a fresh backup.";
        ImGui::TextWrapped("%s  %s", icons::kWarning, text.c_str());
        probe::value("today.backup_due", text);
        if (button("Download a backup", "today.backup")) out.export_backup = true;
        end_card();
        ImGui::Dummy(ImVec2(0, 6));
    }
    draw_budget(p, q.plan.use, out, q);

    std::vector<const PlannedTouch*> today;
    for (const PlannedTouch& t : q.plan.touches)
        if (t.day == view.today) today.push_back(&t);
    section_heading(view, icons::kToday, "Reach out today", "today.plan", today.size());
    if (today.empty()) {
        std::string why = q.due.empty() ? !ui.unsorted.empty() ? "Nobody is due. Some people have no circle yet, so Ties has nothing to remind you of for them: see below."
                                                   : "Nobody is due: everyone you keep up with has heard from you recently."
                          : q.plan.touches.empty()
                              ? std::any_of(q.plan.over_budget.begin(), q.plan.over_budget.end(),
                                            [](const DeferredTie& t) { return t.closest; })
                                    ? "Your budget for this week is used up. Still, someone close is overdue: see below."
                                    : "Your budget for this week is used up. Well done: the rest can wait until next week."
                              : "Today is planned to be free; the plan continues below.";
        muted_text(p, why.c_str());
        probe::value("today.plan.empty", why);
    }
    const NetworkMap* map = view.map ? known_map(*view.map, view, out) : nullptr;
    for (std::size_t n = 0; n < std::min(today.size(), ui.plan_shown); ++n) {
        const Contact* c = view.store->contact(today[n]->contact);
        if (c == nullptr) continue;
        // A bridge says so first: the reason that matters most for a weak tie.
        const MapPerson* person = map ? map->person(c->meta.id) : nullptr;
        const std::string reason = person && person->bridge ? why_on_map(*map, *person) + ". " + today[n]->reason
                                                            : today[n]->reason;
        draw_tie_row(view, p, quick_log, out, *c, today[n]->touch, reason, "today.plan." + std::to_string(n), read_only);
    }
    show_more(ui.plan_shown, today.size(), "today.plan");

    if (map) draw_cold_bridges(view, p, quick_log, *map, o, today, out, read_only);
    draw_closest_deferred(ui, view, p, quick_log, q, out, read_only);
    draw_follow_ups(ui, view, p, q, out, read_only);
    draw_new_ties(ui, view, p, quick_log, q, out, read_only);
    draw_dates(ui, view, p, q, out);
    draw_rest_of_week(ui, view, p, q, out);
    draw_over_budget(ui, view, p, q, out);
    draw_give_back(view, p, o.ledger, out);
    draw_unsorted(ui, view, p, out, read_only);
    probe::value("today.due.count", q.due.size());
    ImGui::PopTextWrapPos();
}

}  // namespace ties::ui
