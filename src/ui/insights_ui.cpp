// The Insights section: see insights_ui.hpp. A range picker, then cards (two columns on a wide
// screen, one on a phone), each with a title, one line on how to read it, and a chart or a note
// on what to log to fill it.
#include "ui/insights_ui.hpp"

#include "ui/app_ui.hpp"
#include "ui/charts.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <functional>
#include <string>

namespace ties::ui {
namespace {

using charts::Chart;
using charts::ChartKind;
using charts::ChartSeries;

// The bucket axis's title: what one bar or point stands for.
const char* bucket_word(const TimeBuckets& buckets) {
    return buckets.granularity == Granularity::Week ? "by week" : "by month";
}
using form::str;

constexpr float kTwoColumnsFrom = 820.0f;  // content width
constexpr std::size_t kListedPeople = 5;   // names in a nudge list before "and N more"

// A category chart without its empty categories, unless all are empty.
CategoryChart without_empty(const CategoryChart& chart) {
    CategoryChart kept;
    for (const Series& s : chart.series) kept.series.push_back(Series{s.name, {}});
    for (std::size_t c = 0; c < chart.labels.size(); ++c) {
        double total = 0.0;
        for (const Series& s : chart.series) total += s.values[c];
        if (total <= 0.0) continue;
        kept.labels.push_back(chart.labels[c]);
        for (std::size_t s = 0; s < chart.series.size(); ++s) kept.series[s].values.push_back(chart.series[s].values[c]);
    }
    return kept.labels.empty() ? chart : kept;
}

std::int32_t whole(double value) { return static_cast<std::int32_t>(value + 0.5); }

void refresh(InsightsUi& ui, const UiView& view) {
    const InsightsUi::Key key{view.store->version(), ui.preset, view.today};
    if (ui.key == key) return;
    const Store& store = *view.store;
    ui.key = key;
    const Outlook& day = outlook(view);  // the day's statistics and ledger, shared with Today
    ui.data = build_insights(store, range_for(ui.preset, store, view.today), day.stats, day.ledger);
    ui.circles = without_empty(ui.data.circles);
    ui.opportunities_by_circle = without_empty(ui.data.opportunities_by_circle);
    ui.people = static_cast<std::size_t>(std::count_if(store.contacts().begin(), store.contacts().end(),
                                                       [](const auto& entry) { return !entry.second.meta.deleted; }));
    ui.dormant = whole(ui.data.circles.series[1].total());
    ui.touches = 0;
    for (const Series& s : ui.data.touches.series) ui.touches += whole(s.total());
    ui.given = whole(ui.data.give_take.series[0].total());
    ui.received = whole(ui.data.give_take.series[1].total());
}

std::string times(std::int32_t n) { return n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times"; }

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// --- Layout -------------------------------------------------------------------------------------

// A card with a title and a line on how to read it; the body follows.
void card(const UiView& view, const Palette& p, const char* id, const std::string& title, const std::string& how,
          const std::function<void()>& body) {
    form::begin_card(p, id);
    form::heading(view, title.c_str());
    muted_text(p, how.c_str());
    ImGui::Dummy(ImVec2(0, 4));
    body();
    form::end_card();
}

// A card's body when there is nothing to chart: what to log to fill it.
void empty_note(const Palette& p, const char* probe_name, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("%s  %s", icons::kInfo, text.c_str());
    ImGui::PopStyleColor();
    probe::value(probe_name, text);
}

void range_picker(InsightsUi& ui, const Palette& p) {
    for (std::size_t i = 0; i < kRangePresets.size(); ++i) {
        const RangePreset preset = kRangePresets[i];
        const std::string text = str(to_string(preset));
        const bool chosen = preset == ui.preset;
        if (i > 0) form::next_on_line(100.0f, 6.0f);
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
        }
        if (ImGui::Button((text + "##insights.range").c_str(), ImVec2(100.0f, 0))) ui.preset = preset;
        if (chosen) ImGui::PopStyleColor(4);
        probe::item("insights.range.", text);
    }
    probe::value("insights.range", [&] { return str(to_string(ui.preset)); });
}

// "1 July 2023 – 30 June 2024, by month"
std::string range_line(const InsightsUi& ui, const UiView& view) {
    const TimeBuckets& buckets = ui.data.growth.buckets;
    return show_date(view, buckets.from) + " \xe2\x80\x93 " + show_date(view, buckets.to) +
           (buckets.granularity == Granularity::Week ? ", by week" : ", by month");
}

std::string per_bucket(const InsightsUi& ui) {
    return ui.data.growth.buckets.granularity == Granularity::Week ? "week" : "month";
}

// --- The cards ----------------------------------------------------------------------------------

void growth_card(const InsightsUi& ui, const UiView& view, const Palette& p) {
    const TimeChart& growth = ui.data.growth;
    const double now = growth.series[0].values.empty() ? 0.0 : growth.series[0].values.back();
    const std::int32_t added = whole(growth.series[1].total());
    card(view, p, "##insights.card.growth", "Your network",
         "People you know at the end of each " + per_bucket(ui) + ", by the day you met them (or added them).", [&] {
             if (now <= 0.0) {
                 empty_note(p, "insights.growth.empty",
                            "Nobody yet in this period. Add people with the day you met them, and the line shows how "
                            "your network grows.");
                 return;
             }
             Chart chart;
             chart.name = "insights.growth";
             chart.value_axis = "people";
             chart.bucket_axis = bucket_word(growth.buckets);
             chart.kind = ChartKind::Line;
             chart.labels = growth.buckets.labels;
             chart.ticks = growth.buckets.ticks;
             chart.series = {ChartSeries{growth.series[0].name, growth.series[0].values, 0, false},
                             ChartSeries{growth.series[1].name, growth.series[1].values, charts::series_colour(1, view.dark), true}};
             charts::draw_chart(chart, p, view.dark);
             const std::string summary = plural(static_cast<std::size_t>(whole(now)), "person", "people") + ", " +
                                         std::to_string(added) + " new in this period.";
             muted_text(p, summary.c_str());
             probe::value("insights.growth.summary", summary);
         });
}

void touches_card(const InsightsUi& ui, const UiView& view, const Palette& p) {
    const TimeChart& touches = ui.data.touches;
    card(view, p, "##insights.card.touches", "Touches per " + per_bucket(ui),
         "Messages, calls, meetings in person and help, each counted once however many people took part.", [&] {
             if (ui.touches == 0) {
                 empty_note(p, "insights.touches.empty",
                            std::string("Nothing logged in this period. Log a message, a call or a coffee from a "
                                        "person's page, or press ") +
                                (view.mac ? "\xe2\x8c\x98L" : "Ctrl+L") + " to log one from anywhere.");
                 return;
             }
             Chart chart;
             chart.name = "insights.touches";
             chart.value_axis = "touches";
             chart.bucket_axis = bucket_word(touches.buckets);
             chart.kind = ChartKind::StackedBars;
             chart.labels = touches.buckets.labels;
             chart.ticks = touches.buckets.ticks;
             for (const Series& s : touches.series) chart.series.push_back(ChartSeries{s.name, s.values, 0, false});
             charts::draw_chart(chart, p, view.dark);
             const std::string summary = plural(static_cast<std::size_t>(ui.touches), "touch", "touches") + " in this period.";
             muted_text(p, summary.c_str());
             probe::value("insights.touches.summary", summary);
         });
}

void circles_card(const InsightsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    card(view, p, "##insights.card.circles", "Circles",
         "People in each circle, and those going dormant: no contact for longer than their rhythm allows.", [&] {
             Chart chart;
             chart.name = "insights.circles";
             chart.value_axis = "ties";
             chart.kind = ChartKind::StackedBars;
             chart.horizontal = true;
             chart.labels = ui.circles.labels;
             chart.series = {ChartSeries{ui.circles.series[0].name, ui.circles.series[0].values, 0, false},
                             ChartSeries{ui.circles.series[1].name, ui.circles.series[1].values, p.warning, false}};
             charts::draw_chart(chart, p, view.dark);
             const bool no_circles = ui.circles.labels.size() == 1 && ui.circles.labels[0] == circle_label(Tier::None);
             std::string summary;
             if (no_circles)
                 summary = "Nobody is in a circle yet. Put people in circles (inner, close, friends...) on their page: "
                           "each circle has its own rhythm, and Ties tells you who is drifting away.";
             else if (ui.dormant == 0)
                 summary = "Nobody is going dormant: every tie is within its rhythm.";
             else
                 summary = (ui.dormant == 1 ? std::string("1 tie is") : std::to_string(ui.dormant) + " ties are") +
                           " going dormant. Today shows whom to reach out to first.";
             muted_text(p, summary.c_str());
             probe::value("insights.circles.summary", summary);
             if (ui.dormant > 0 && button("Open Today##insights", "insights.go.today")) out.go_to = Section::Today;
         });
}

// Names as links that open the person; "and N more" after a few.
void people_links(const UiView& view, const Palette& p, const std::vector<Id>& people, const char* name,
                  UiIntents& out) {
    std::string listed;
    std::size_t shown = 0, live = 0;
    for (Id id : people) {
        const Contact* c = view.store->contact(id);
        if (c == nullptr) continue;
        ++live;
        const std::string label = contact_label(*c);
        listed += (listed.empty() ? "" : ", ") + label;
        if (shown == kListedPeople) continue;
        if (shown > 0) form::next_on_line(ImGui::CalcTextSize(label.c_str()).x + 8.0f, 2.0f);
        if (form::person_link(p, label, std::string(name) + "." + label)) out.open_contact = id;
        ++shown;
    }
    if (live > shown) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::Text("and %d more", static_cast<int>(live - shown));
        ImGui::PopStyleColor();
    }
    probe::value(name, listed);
}

void give_take_card(const InsightsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    const Ledger& ledger = ui.data.ledger;
    card(view, p, "##insights.card.give_take", "Give and take",
         "Help you gave (help, introductions) and received (help, introductions, opportunities) per " +
             per_bucket(ui) + ".",
         [&] {
             if (ledger.given == 0 && ledger.received == 0) {
                 empty_note(p, "insights.give_take.empty",
                            "No help logged yet. When you help someone or make an introduction, log it as \"Help "
                            "given\" or \"Introduction made\"; when someone helps you, as \"Help received\".");
                 return;
             }
             if (ui.given + ui.received > 0) {
                 Chart chart;
                 chart.name = "insights.give_take";
                 chart.value_axis = "times";
                 chart.bucket_axis = bucket_word(ui.data.give_take.buckets);
                 chart.kind = ChartKind::GroupedBars;
                 chart.labels = ui.data.give_take.buckets.labels;
                 chart.ticks = ui.data.give_take.buckets.ticks;
                 for (const Series& s : ui.data.give_take.series)
                     chart.series.push_back(ChartSeries{s.name, s.values, 0, false});
                 charts::draw_chart(chart, p, view.dark);
             } else {
                 muted_text(p, "No help either way in this period.");
             }
             const std::string overall =
                 ledger.received == 0 ? "Overall you gave help " + times(ledger.given) + ", and have not received any yet."
                 : ledger.given == 0  ? "Overall you received help " + times(ledger.received) + ", and have not given any yet."
                                      : "Overall you gave help " + times(ledger.given) + " and received it " +
                                           times(ledger.received) + ".";
             ImGui::TextWrapped("%s", overall.c_str());
             probe::value("insights.give_take.summary", overall);
             if (!ledger.to_repay.empty()) {
                 ImGui::Dummy(ImVec2(0, 2));
                 muted_text(p, "They helped you, and you have not helped back yet:");
                 people_links(view, p, ledger.to_repay, "insights.repay", out);
             }
             if (!ledger.could_ask.empty()) {
                 ImGui::Dummy(ImVec2(0, 2));
                 muted_text(p, "You have helped them several times: do not hesitate to ask them for something.");
                 people_links(view, p, ledger.could_ask, "insights.ask", out);
             }
         });
}

void opportunities_card(const InsightsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    card(view, p, "##insights.card.opportunities", "Where opportunities come from",
         "A weak tie was below half strength when the opportunity came: rarely in touch, or met recently. "
         "Granovetter found that new jobs come more often through weak ties than through close ones.",
         [&] {
             if (ui.data.opportunities == 0) {
                 empty_note(p, "insights.opportunities.empty",
                            "No opportunities in this period. When a job, a client or a partnership comes through "
                            "someone, add it under Opportunities with the people it came through.");
                 if (button("Open Opportunities##insights", "insights.go.opportunities")) out.go_to = Section::Opportunities;
                 return;
             }
             const std::string sentence = weak_tie_sentence(ui.data.weak_opportunities, ui.data.opportunities) + ".";
             ImGui::PushFont(view.fonts->heading);
             ImGui::TextWrapped("%s", sentence.c_str());
             ImGui::PopFont();
             probe::value("insights.weak", sentence);
             // Next to the weak/strong split: those that came through bridges (the Map's).
             if (const NetworkMap* map = view.map ? known_map(*view.map, view, out) : nullptr) {
                 const DateRange range{ui.data.growth.buckets.from, view.today};
                 const std::string bridges =
                     bridges_sentence(*map, *view.store, opportunities_through_bridges(*map, *view.store, range.from, range.to),
                                      ui.data.opportunities) + ".";
                 ImGui::TextWrapped("%s", bridges.c_str());
                 probe::value("insights.bridges", bridges);
             }
             ImGui::Dummy(ImVec2(0, 4));

             Chart by_circle;
             by_circle.name = "insights.opportunities.circles";
             by_circle.value_axis = "opportunities";
             by_circle.kind = ChartKind::StackedBars;
             by_circle.horizontal = true;
             by_circle.labels = ui.opportunities_by_circle.labels;
             for (const Series& s : ui.opportunities_by_circle.series)
                 by_circle.series.push_back(ChartSeries{s.name, s.values, 0, false});
             charts::draw_chart(by_circle, p, view.dark);
             muted_text(p, "By the circle of the person they came through (their circle today).");
             ImGui::Dummy(ImVec2(0, 6));

             const TimeChart& over_time = ui.data.opportunities_over_time;
             Chart chart;
             chart.name = "insights.opportunities.time";
             chart.value_axis = "opportunities";
             chart.bucket_axis = bucket_word(over_time.buckets);
             chart.kind = ChartKind::StackedBars;
             chart.labels = over_time.buckets.labels;
             chart.ticks = over_time.buckets.ticks;
             chart.height = 170.0f;
             for (const Series& s : over_time.series) chart.series.push_back(ChartSeries{s.name, s.values, 0, false});
             charts::draw_chart(chart, p, view.dark);
         });
}

void draw_empty(const UiView& view, const Palette& p, UiIntents& out) {
    form::begin_card(p, "##insights.empty");
    form::heading(view, "Nothing to chart yet");
    ImGui::TextWrapped("Insights draws your own network: how it grows, how often you keep in touch, the help you give "
                       "and receive, and where opportunities come from.");
    muted_text(p, "Add the people you know (with the day you met them), then log conversations, calls, coffees and "
                  "help as they happen. The charts fill in from there.");
    ImGui::Dummy(ImVec2(0, 4));
    if (primary_button(p, "Add people##insights", "insights.go.contacts")) out.go_to = Section::Contacts;
    form::end_card();
    probe::value("insights.empty", "no people");
}

}  // namespace

void draw_insights(InsightsUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    refresh(ui, view);
    if (ui.people == 0) {
        draw_empty(view, p, out);
        return;
    }
    range_picker(ui, p);
    refresh(ui, view);  // a range just picked shows in this frame
    muted_text(p, range_line(ui, view).c_str());
    probe::value("insights.range.dates", [&] { return ui.data.growth.buckets.from.iso() + ".." + ui.data.growth.buckets.to.iso(); });
    ImGui::Dummy(ImVec2(0, 6));

    const std::function<void()> cards[] = {
        [&] { growth_card(ui, view, p); },
        [&] { touches_card(ui, view, p); },
        [&] { circles_card(ui, view, p, out); },
        [&] { give_take_card(ui, view, p, out); },
        [&] { opportunities_card(ui, view, p, out); },
    };
    if (ImGui::GetContentRegionAvail().x >= kTwoColumnsFrom) {
        ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(8, 8));
        if (ImGui::BeginTable("##insights.grid", 2, ImGuiTableFlags_SizingStretchSame)) {
            for (const auto& draw : cards) {
                ImGui::TableNextColumn();
                draw();
            }
            ImGui::EndTable();
        }
        ImGui::PopStyleVar();
    } else {
        for (const auto& draw : cards) {
            draw();
            ImGui::Dummy(ImVec2(0, 8));
        }
    }
}

}  // namespace ties::ui
