// The Ask section: see ask_ui.hpp. [SECTION]s: The audience · Sending · Your asks · The page.
#include "ui/ask_ui.hpp"

#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/contacts_parts.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <string>

namespace ties::ui {
namespace {

constexpr std::size_t kAsksListed = 20;  // in "Your asks", newest first

const char* kind_words(AudienceKind kind) {
    switch (kind) {
        case AudienceKind::Cluster: return "A cluster";
        case AudienceKind::Tag: return "A tag";
        case AudienceKind::City: return "A city";
        case AudienceKind::Circle: return "A circle";
        case AudienceKind::Fit: return "Whose work or help fits";
    }
    return "A tag";
}

constexpr std::array kKinds{AudienceKind::Cluster, AudienceKind::Tag, AudienceKind::City, AudienceKind::Circle,
                            AudienceKind::Fit};

std::string value_of(const AskUi& ui) {
    switch (ui.kind) {
        case AudienceKind::Cluster: return ui.cluster;
        case AudienceKind::Tag: return ui.tag;
        case AudienceKind::City: return ui.city;
        case AudienceKind::Circle: return std::to_string(static_cast<int>(ui.circle));
        case AudienceKind::Fit: return ui.fit;
    }
    return {};
}

// --- The audience ------------------------------------------------------------------------------

// "3 by e-mail", "6 on X", "1 only in the copied list".
std::string reached_by(AskChannel channel) {
    switch (channel) {
        case AskChannel::Mail: return "by e-mail";
        case AskChannel::Copy: return "only in the copied list";
        default: return "on " + std::string(to_string(channel));
    }
}

// A combo over strings; true when one was chosen.
bool string_combo(const Palette& p, const char* caption, const char* name, std::string& value,
                  const std::vector<std::string>& options, const char* none) {
    form::label(p, caption);
    ImGui::SetNextItemWidth(form::field_width());
    bool chosen = false;
    if (ImGui::BeginCombo((std::string("##") + name).c_str(), value.empty() ? none : value.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const std::string& option : options) {
            if (ImGui::Selectable(option.c_str(), option == value)) {
                value = option;
                chosen = true;
            }
            probe::item(name, ".", option);
        }
        ImGui::EndCombo();
    }
    probe::item(name);
    probe::value(name, value);
    return chosen;
}

// Recomputes the audience and its plan when what it depends on changed.
void update_audience(AskUi& ui, const UiView& view, const NetworkMap* map) {
    const Store& store = *view.store;
    AskUi::Key key{store.version(), view.today, ui.kind, value_of(ui), ui.include_recent};
    if (ui.kind == AudienceKind::Cluster && map && view.map->key)  // the clusters of which map
        key.value += "#" + std::to_string(view.map->key->version) + "#" + std::to_string(view.map->key->today.days);
    if (ui.key == key) return;
    if (!ui.key || ui.key->kind != key.kind || ui.key->value != key.value) ui.left_out.clear();
    ui.key = key;
    ui.audience.clear();
    const auto add_all = [&](const std::vector<Id>& ids) {
        for (const Id& id : ids) ui.audience.push_back({id, {}});
    };
    switch (ui.kind) {
        case AudienceKind::Cluster:
            if (map)
                for (const Cluster& c : map->clusters)
                    if (c.label == ui.cluster) add_all(c.members);
            break;
        case AudienceKind::Tag:
            if (!trim(ui.tag).empty()) add_all(people_tagged(store, ui.tag));
            break;
        case AudienceKind::City:
            if (!trim(ui.city).empty()) add_all(people_in_city(store, ui.city));
            break;
        case AudienceKind::Circle: add_all(people_in_circle(store, ui.circle)); break;
        case AudienceKind::Fit: ui.audience = people_who_fit(store, ui.fit); break;
    }
    std::vector<Id> ids;
    ids.reserve(ui.audience.size());
    for (const Fit& f : ui.audience) ids.push_back(f.id);
    ui.plan = plan_ask(store, outlook(view).stats, ui.asks, ids, view.today, ui.include_recent);
}

std::vector<Id> chosen_people(const AskUi& ui) {
    std::vector<Id> people;
    for (const Id& id : ui.plan.to_ask)
        if (!ui.left_out.contains(id)) people.push_back(id);
    return people;
}

std::string why_of(const AskUi& ui, Id id) {
    for (const Fit& f : ui.audience)
        if (f.id == id) return f.why;
    return {};
}

void draw_chooser(AskUi& ui, const UiView& view, const Palette& p, const NetworkMap* map, UiIntents& out) {
    form::heading(view, "Whom to ask");
    ButtonRow kinds;
    for (const AudienceKind kind : kKinds) {
        const std::string name = std::string("ask.kind.") + std::to_string(static_cast<int>(kind));
        const bool on = ui.kind == kind;
        if (on ? kinds.primary(p, kind_words(kind), name) : kinds.button(kind_words(kind), name)) ui.kind = kind;
    }
    probe::value("ask.kind", kind_words(ui.kind));
    ImGui::Dummy(ImVec2(0, 4));
    switch (ui.kind) {
        case AudienceKind::Cluster: {
            if (!map) {
                muted_text(p, "Working out the clusters of your network\xe2\x80\xa6");
                probe::value("ask.cluster.state", "working");
                out.working = true;
                break;
            }
            std::vector<std::string> labels;
            for (const Cluster& c : map->clusters) labels.push_back(c.label);
            string_combo(p, "Cluster", "ask.cluster", ui.cluster, labels, "Choose a cluster of the map");
            if (labels.empty()) muted_text(p, "No clusters yet: the Map finds them from who met whom, mail threads, events and companies.");
            break;
        }
        case AudienceKind::Tag:
            if (ui.tags_version != view.store->version()) {
                ui.tags = tags_in_use(*view.store);
                ui.tags_version = view.store->version();
            }
            string_combo(p, "Tag", "ask.tag", ui.tag, ui.tags, "Choose a tag");
            break;
        case AudienceKind::City:
            if (ui.cities_version != view.store->version()) {
                ui.cities = cities_in_use(*view.store);
                ui.cities_version = view.store->version();
            }
            string_combo(p, "City", "ask.city", ui.city, ui.cities, "Choose a city");
            break;
        case AudienceKind::Circle: form::enum_combo(p, "Circle", "ask.circle", ui.circle, contacts::kTiers); break;
        case AudienceKind::Fit:
            form::text_field(p, "Fits", "ask.fit", ui.fit, "a company, a title or what they helped with: \"hiring\", \"Fjord\"");
            break;
    }
}

void draw_question(AskUi& ui, const UiView& view, const Palette& p) {
    ImGui::Dummy(ImVec2(0, 8));
    form::heading(view, "Your question");
    form::text_field(p, "Subject", "ask.subject", ui.subject, "for e-mail: \"A question about Lisbon\"");
    form::notes_field(p, "Question", "ask.question", ui.question);
    muted_text(p, "Written once, sent the way each person can be reached. Be specific and easy to answer in a line.");
}

void draw_audience(AskUi& ui, const UiView& view, const Palette& p) {
    const Store& store = *view.store;
    const AskPlan& plan = ui.plan;
    ImGui::Dummy(ImVec2(0, 8));
    form::heading(view, "Who it reaches");
    const std::string week = counted(static_cast<std::size_t>(plan.asked_this_week), "person", "people") +
                             " asked this week, of the " + std::to_string(plan.budget) +
                             " in your budget (Settings \xe2\x86\x92 Your budget).";
    muted_text(p, week.c_str());
    probe::value("ask.week", week);

    if (!plan.recent.empty()) {
        std::string names;
        for (std::size_t i = 0; i < plan.recent.size() && i < 3; ++i) {
            const Contact* c = store.contact(plan.recent[i].id);
            names += (i ? ", " : "") + (c ? contact_label(*c) : std::string("?")) + " (" + show_date(view, plan.recent[i].asked) + ")";
        }
        if (plan.recent.size() > 3) names += " and " + std::to_string(plan.recent.size() - 3) + " more";
        const std::string line = counted(plan.recent.size(), "person was", "people were") + " asked in the last " +
                                 std::to_string(kAskRestDays) + " days: " + names + ". " +
                                 (ui.include_recent ? "Asked again anyway." : "Left out, so nobody is asked too often.");
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("%s  %s", icons::kWarning, line.c_str());
        ImGui::PopStyleColor();
        probe::value("ask.recent", line);
        ImGui::Checkbox("Ask them again anyway##ask.recent.include", &ui.include_recent);
        probe::item("ask.recent.include");
    }
    if (!plan.over_budget.empty()) {
        const std::string line = counted(plan.over_budget.size(), "more person", "more people") +
                                 " would go over this week's budget: left out, the weakest ties first. "
                                 "Ask them next week, or raise the budget in Settings.";
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("%s  %s", icons::kWarning, line.c_str());
        ImGui::PopStyleColor();
        probe::value("ask.over_budget", line);
    }

    const std::vector<Id> people = chosen_people(ui);
    std::array<std::size_t, 5> by_channel{};
    for (const Id& id : people)
        if (const Contact* c = store.contact(id)) ++by_channel[static_cast<std::size_t>(channel_for(*c))];
    std::string summary = counted(people.size(), "person", "people");
    if (!people.empty()) {
        summary += ":";
        bool first = true;
        for (std::size_t k = 0; k < by_channel.size(); ++k) {
            if (!by_channel[k]) continue;
            summary += std::string(first ? " " : ", ") + std::to_string(by_channel[k]) + " " +
                       reached_by(static_cast<AskChannel>(k));
            first = false;
        }
    }
    ImGui::TextWrapped("%s", summary.c_str());
    probe::value("ask.audience.count", people.size());
    probe::value("ask.audience.summary", summary);
    if (plan.to_ask.empty()) return;

    const float row = ImGui::GetFrameHeightWithSpacing();  // a checkbox's row
    const float height = std::min(static_cast<float>(plan.to_ask.size()), 8.0f) * row + 2 * ImGui::GetStyle().WindowPadding.y;
    ImGui::BeginChild("##ask.audience", ImVec2(0, height), ImGuiChildFlags_Border);
    ImGuiListClipper clipper;  // measures the first row itself
    clipper.Begin(static_cast<int>(plan.to_ask.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Id id = plan.to_ask[static_cast<std::size_t>(i)];
            const Contact* c = store.contact(id);
            if (!c) continue;
            ImGui::PushID(i);
            bool ticked = !ui.left_out.contains(id);
            const std::string name = contact_label(*c);
            if (ImGui::Checkbox((name + "##ask").c_str(), &ticked)) {
                if (ticked) ui.left_out.erase(id);
                else ui.left_out.insert(id);
            }
            probe::item("ask.audience.", i);
            probe::value(probe::key("ask.audience.", i), name);
            ImGui::SameLine();
            std::string about = std::string(to_string(channel_for(*c)));
            if (const std::string why = why_of(ui, id); !why.empty()) about += " \xc2\xb7 " + why;
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(about.c_str());
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

// --- Sending -----------------------------------------------------------------------------------

// How many addresses a mailto batch holds (each has one '@', written %40).
std::size_t addresses_in(const std::string& url) {
    std::size_t n = 0;
    for (std::size_t at = url.find("%40"); at != std::string::npos; at = url.find("%40", at + 1)) ++n;
    return n;
}

void draw_sending(AskUi& ui, const UiView& view, const Palette& p, const Interaction& ask, UiIntents& out) {
    const Store& store = *view.store;
    form::begin_card(p, "##ask.sent");
    ImGui::TextWrapped("%s  Logged on %s. Now send it:", icons::kCheck,
                       counted(ask.participants.size(), "person", "people").c_str());
    std::vector<std::string> addresses;
    std::vector<Id> by_hand;  // X, Mastodon, LinkedIn, or nothing
    for (const Id& id : ask.participants) {
        const Contact* c = store.contact(id);
        if (!c) continue;
        if (channel_for(*c) == AskChannel::Mail) {
            for (const ContactPoint& e : c->emails)
                if (looks_like_email(trim(e.value))) {
                    addresses.emplace_back(trim(e.value));
                    break;
                }
        } else {
            by_hand.push_back(id);
        }
    }
    const std::string subject = trim(ui.subject).empty() ? "A question" : ui.subject;
    const std::vector<std::string> drafts = mailto_batches(addresses, subject, ask.notes);
    probe::value("ask.sent.drafts", drafts.size());
    for (std::size_t d = 0; d < drafts.size(); ++d) {
        const std::size_t in_draft = addresses_in(drafts[d]);
        // Short enough for a phone: "Open e-mail draft 2 of 3 (40 in BCC)".
        std::string text = std::string(icons::kMail) + "  Open e-mail draft" +
                           (drafts.size() > 1 ? " " + std::to_string(d + 1) + " of " + std::to_string(drafts.size()) : "") +
                           " (" + std::to_string(in_draft) + " in BCC)";
        text += "##draft" + std::to_string(d);
        if (button(text.c_str(), "ask.sent.mail." + std::to_string(d))) out.open_url = drafts[d];
        probe::value("ask.sent.mail." + std::to_string(d), drafts[d]);
    }
    if (!by_hand.empty()) {
        ImGui::Dummy(ImVec2(0, 4));
        muted_text(p, "One by one (the question goes to the clipboard too, to paste where needed):");
    }
    for (std::size_t i = 0; i < by_hand.size(); ++i) {
        const Contact* c = store.contact(by_hand[i]);
        const AskChannel channel = channel_for(*c);
        ImGui::PushID(static_cast<int>(i));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(contact_label(*c).c_str());
        ImGui::SameLine();
        const auto url = compose_url(channel, *c, ask.notes);
        if (url) {
            const std::string text = "Open " + std::string(to_string(channel));
            if (button(text.c_str(), "ask.sent.person." + std::to_string(i))) {
                ImGui::SetClipboardText(ask.notes.c_str());
                out.open_url = *url;
            }
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted("no address or handle: in the copied list");
            ImGui::PopStyleColor();
        }
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, 4));
    ButtonRow row;
    if (row.button((std::string(icons::kCopy) + "  Copy the question and the list").c_str(), "ask.sent.copy")) {
        ImGui::SetClipboardText(ask_list_text(store, ask.participants, ask.notes).c_str());
        out.notice = Notice{"Copied the question and " + counted(ask.participants.size(), "name", "names"), false};
    }
    if (row.button("Done", "ask.sent.done")) ui.sent.reset();
    form::end_card();
}

// --- Your asks ---------------------------------------------------------------------------------

void draw_answers(const UiView& view, const Palette& p, const AskRecord& record, std::size_t n, UiIntents& out) {
    const Store& store = *view.store;
    const Interaction& ask = *record.ask;
    ImGui::Indent(14.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("%s", ask.notes.c_str());
    ImGui::PopStyleColor();
    std::size_t shown = 0;
    for (const Id& person : ask.participants) {
        const Contact* c = store.contact(person);
        if (!c) continue;
        const std::string name = "ask.history." + std::to_string(n) + ".person." + std::to_string(shown);
        ImGui::PushID(static_cast<int>(shown));
        if (form::person_link(p, contact_label(*c), name)) out.open_contact = person;
        ImGui::SameLine();
        const std::optional<Id> answer = record.answer_of(person);
        if (!answer) {
            if (button("Answered", name + ".answer")) {
                Interaction a = make_answer(view.ids->next(), ask, person, view.today, channel_for(*c));
                out.change = save_interaction(a);
                out.change->label = contact_label(*c) + " answered";
                out.notice = Notice{contact_label(*c) + " answered: logged on their page"};
            }
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%s answered", icons::kCheck);
            ImGui::PopStyleColor();
            probe::value(name + ".answered", "yes");
            ImGui::SameLine();
            if (const Opportunity* o = opportunity_from(store, *answer)) {
                const std::string text = "Opportunity: " + o->title;
                ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
                ImGui::TextUnformatted(text.c_str());
                ImGui::PopStyleColor();
                probe::value(name + ".opportunity", o->title);
            } else {
                if (button("It led somewhere", name + ".lead")) {
                    const Interaction* answer_record = store.interaction(*answer);
                    if (answer_record) {
                        out.change = save_opportunity(opportunity_from_answer(view.ids->next(), ask, *answer_record, view.today));
                        out.change->label = "Opportunity from " + contact_label(*c);
                        out.notice = Notice{"Added an opportunity with " + contact_label(*c) + " (Opportunities)"};
                    }
                }
                ImGui::SameLine();
                if (button("Not answered", name + ".unmark")) {
                    out.change = delete_interaction(store, *answer);
                    out.change->label = "Unmark " + contact_label(*c);
                }
            }
        }
        ImGui::PopID();
        ++shown;
    }
    ImGui::Unindent(14.0f);
}

void draw_history(AskUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    const std::vector<AskRecord>& asks = ui.asks;
    probe::value("ask.history.count", asks.size());
    if (asks.empty()) return;
    ImGui::Dummy(ImVec2(0, 12));
    form::heading(view, "Your asks");
    for (std::size_t n = 0; n < asks.size() && n < kAsksListed; ++n) {
        const AskRecord& record = asks[n];
        const Interaction& ask = *record.ask;
        const bool open = ui.open_ask == ask.meta.id;
        std::string question = ask.notes;
        if (question.size() > 70) {
            std::size_t cut = 70;
            while (cut > 0 && (static_cast<unsigned char>(question[cut]) & 0xC0) == 0x80) --cut;
            question = question.substr(0, cut) + "\xe2\x80\xa6";
        }
        const std::string title = std::string(open ? icons::kCaretDown : icons::kCaretRight) + "  " + show_date(view, ask.date) +
                                  "  " + question + "  \xc2\xb7  " + answered_words(record);
        ImGui::PushID(static_cast<int>(n));
        if (ImGui::Selectable(title.c_str(), open)) ui.open_ask = open ? std::nullopt : std::optional<Id>(ask.meta.id);
        probe::item("ask.history.", n);
        probe::value(probe::key("ask.history.", n), title);
        probe::value(probe::key("ask.history.", n, ".answered"), answered_words(record));
        if (open) draw_answers(view, p, record, n, out);
        ImGui::PopID();
    }
    if (asks.size() > kAsksListed)
        muted_text(p, ("and " + std::to_string(asks.size() - kAsksListed) + " earlier asks (the Timeline lists them all)").c_str());
}

}  // namespace

// --- The page ----------------------------------------------------------------------------------

void draw_ask(AskUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    const Store& store = *view.store;
    if (ui.lists_version != store.version()) {
        ui.lists_version = store.version();
        ui.asks = asks_in(store);
        ui.tags_version.reset();  // the choosers' lists: when one is shown next
        ui.cities_version.reset();
    }
    const NetworkMap* map = nullptr;
    if (ui.kind == AudienceKind::Cluster && view.map) map = known_map(*view.map, view, out, !view.map->key);

    draw_chooser(ui, view, p, map, out);
    draw_question(ui, view, p);
    update_audience(ui, view, map);
    draw_audience(ui, view, p);

    const std::vector<Id> people = chosen_people(ui);
    const bool has_question = !trim(ui.question).empty();
    ImGui::Dummy(ImVec2(0, 6));
    std::string error;
    if (!has_question) error = "Write the question first.";
    else if (ui.audience.empty()) error = "Choose whom to ask: nobody is in this audience yet.";
    else if (ui.plan.to_ask.empty() && ui.plan.left() == 0)
        error = "This week's budget of " + counted(static_cast<std::size_t>(ui.plan.budget), "person", "people") + " is spent.";
    else if (ui.plan.to_ask.empty()) error = "Everyone here was asked in the last " + std::to_string(kAskRestDays) + " days.";
    else if (people.empty()) error = "Tick at least one person.";
    const std::string label = people.empty() ? std::string("Ask") : "Ask " + counted(people.size(), "person", "people");
    ImGui::BeginDisabled(!error.empty() || read_only_tab(view));
    if (primary_button(p, (label + "##ask.send").c_str(), "ask.send")) {
        const Id id = view.ids->next();
        out.change = save_interaction(make_ask(id, people, ui.question, view.today));
        out.change->label = "Ask " + counted(people.size(), "person", "people");
        out.notice = Notice{"Asked " + counted(people.size(), "person", "people") + ": logged on each"};
        ui.sent = id;
        ui.sent_version = store.version();
        ui.open_ask = id;
        ui.left_out.clear();
    }
    ImGui::EndDisabled();
    if (!error.empty() && (has_question || !ui.audience.empty())) {
        ImGui::SameLine();
        muted_text(p, error.c_str());
    }
    probe::value("ask.error", error);
    if (read_only_tab(view)) muted_text(p, kReadOnlyRefusal);

    if (ui.sent) {
        if (const Interaction* ask = store.interaction(*ui.sent); ask && ask->kind == InteractionKind::Ask) {
            ImGui::Dummy(ImVec2(0, 6));
            draw_sending(ui, view, p, *ask, out);
        } else if (store.version() != ui.sent_version) {
            ui.sent.reset();  // undone (in the frame of the click, the store does not have it yet)
        }
    }

    draw_history(ui, view, p, out);
}

}  // namespace ties::ui
