// The Timeline section: see timeline_ui.hpp. Rows have different heights (notes wrap), so instead
// of ImGuiListClipper the list keeps each row's top offset, computed once per (rows, width), and
// draws only the rows that intersect the visible part of the scrolled child.
#include "ui/timeline_ui.hpp"

#include "core/forms.hpp"
#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_map>

namespace ties::ui {
namespace {

using form::str;

constexpr float kFilterLabelWidth = 64.0f;
constexpr float kCardPadX = 18.0f;
constexpr float kDateWidth = 150.0f;     // the date column of a row
constexpr float kStackedBelow = 440.0f;  // narrower rows put the date on a line of its own
constexpr float kRowPadY = 12.0f;        // above and below a row
constexpr float kLineGap = 4.0f;         // between the lines of one row
constexpr float kLinkPadY = 1.0f;        // form::person_link's vertical frame padding


constexpr std::array<const char*, 7> kWeekdays{"Monday", "Tuesday", "Wednesday", "Thursday",
                                                "Friday", "Saturday", "Sunday"};

std::string clock(std::int32_t minute_of_day) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

// "you reached out  ·  45 min", or "".
std::string circumstances(const Interaction& i) {
    std::string line;
    auto add = [&line](const std::string& part) { line += (line.empty() ? "" : "  \xc2\xb7  ") + part; };
    if (i.initiator == Initiator::Me) add("you reached out");
    if (i.initiator == Initiator::Them) add("they reached out");
    if (i.duration_minutes) add(std::to_string(*i.duration_minutes) + " min");
    return line;
}

std::string follow_up_line(const UiView& view, const FollowUp& f) {
    return std::string(f.done ? "\xe2\x9c\x93  Followed up on " : "\xe2\x86\x92  Follow up on ") +
           show_date(view, f.date) + (f.text.empty() ? "" : ": " + f.text);
}

// --- The filtered, sorted rows ------------------------------------------------------------------

struct DateRange {
    std::optional<Date> from, to;  // set when typed and valid
    std::string error;
};

DateRange parse_range(const TimelineUi& ui, bool from_active, bool to_active) {
    DateRange range;
    auto parse = [&range](const std::string& text, bool active, const char* which, std::optional<Date>& into) {
        const std::string_view typed = trim(text);
        if (typed.empty()) return;
        into = Date::parse_iso(typed);
        // While the date is still being typed, it is simply not applied yet.
        if (!into && range.error.empty() && (!active || typed.size() >= 10))
            range.error = date_error(which);
    };
    parse(ui.from, from_active, "From", range.from);
    parse(ui.to, to_active, "To", range.to);
    if (range.from && range.to && *range.from > *range.to) {
        if (range.error.empty())
            range.error = "The range ends before it starts: \"From\" should be on or before \"To\".";
        range.from.reset();
        range.to.reset();
    }
    return range;
}

void rebuild(TimelineUi& ui, const Store& store, const TimelineUi::Key& key) {
    struct Row {
        Date date;
        std::int32_t minute;
        Id id;
        const Interaction* interaction;
    };
    std::vector<Row> rows;
    std::size_t total = 0;
    for (const auto& [id, i] : store.interactions()) {
        if (i.meta.deleted) continue;
        ++total;
        if (key.kind && i.kind != *key.kind) continue;
        if (key.from && i.date < *key.from) continue;
        if (key.to && i.date > *key.to) continue;
        if (key.person && std::find(i.participants.begin(), i.participants.end(), *key.person) == i.participants.end())
            continue;
        rows.push_back({i.date, i.minute_of_day.value_or(-1), id, &i});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.date != b.date) return a.date > b.date;
        if (a.minute != b.minute) return a.minute > b.minute;
        return a.id > b.id;
    });
    ui.rows.clear();
    ui.rows.reserve(rows.size());
    for (const Row& r : rows) ui.rows.push_back(r.interaction);
    ui.total = total;
    ui.key = key;
    ui.layout_width = -1.0f;
}

// --- Row layout: heights must match draw_row ----------------------------------------------------

// Measures wrapped text, skipping ImGui's measurement for text that provably fits on one line:
// no newline, and even at the widest glyph per byte it is narrower than the wrap width. Most notes
// are short, so laying out 100,000 rows stays cheap.
struct TextHeights {
    float wrap_width = 0.0f;
    float line = 0.0f;
    std::size_t one_line_bytes = 0;  // up to this many bytes always fit

    TextHeights(float width, float line_height) : wrap_width(width), line(line_height) {
        const ImFont* font = ImGui::GetFont();
        const float scale = ImGui::GetFontSize() / font->FontSize;
        float ascii = 0.0f, any = 0.0f;  // widest advance among ASCII glyphs, among all glyphs
        for (int c = 0; c < font->IndexAdvanceX.Size; ++c) {
            const float advance = font->IndexAdvanceX[c] * scale;
            if (c < 0x80) ascii = std::max(ascii, advance);
            any = std::max(any, advance);
        }
        // A glyph outside ASCII takes at least two bytes of UTF-8.
        per_byte = std::max({ascii, any / 2.0f, 1.0f}) * 1.05f;
        one_line_bytes = static_cast<std::size_t>(wrap_width / per_byte);
    }

    float operator()(const std::string& text) const {
        if (text.size() <= one_line_bytes && text.find('\n') == std::string::npos) return line;
        return ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap_width).y;
    }

    // follow_up_line()'s height, without building the line when it surely fits: the width of its
    // start ("→  Follow up on <date>: ") is measured once per date.
    float follow_up(const UiView& view, const FollowUp& f) {
        const std::int64_t key = std::int64_t{f.date.days} * 2 + (f.done ? 1 : 0);
        auto found = prefix_widths.find(key);
        if (found == prefix_widths.end())
            found = prefix_widths.emplace(key, ImGui::CalcTextSize(follow_up_line(view, {f.date, "", f.done}).c_str()).x).first;
        const float text_bound = static_cast<float>(f.text.size() + 2) * per_byte;
        if (found->second + text_bound <= wrap_width && f.text.find('\n') == std::string::npos) return line;
        return (*this)(follow_up_line(view, f));
    }

    float per_byte = 1.0f;
    std::unordered_map<std::int64_t, float> prefix_widths;
};

// Where a row's text goes: right of the date column, or under a date line on a narrow screen.
struct RowGeometry {
    bool stacked = false;
    float text_x = kDateWidth;
    float text_width = 0.0f;

    explicit RowGeometry(float width) : stacked(width < kStackedBelow) {
        if (stacked) text_x = 0.0f;
        text_width = std::max(width - text_x, 80.0f);
    }
};

float row_height(const UiView& view, const Interaction& i, const RowGeometry& g, TextHeights& heights) {
    const float line = heights.line;
    float text = line + kLineGap + line + 2 * kLinkPadY;  // kind line, people line
    if (!i.notes.empty()) text += kLineGap + heights(i.notes);
    if (i.follow_up) text += kLineGap + heights.follow_up(view, *i.follow_up);
    const float when = line + kLineGap + line;  // date; weekday and time
    return (g.stacked ? line + kLineGap + text : std::max(when, text)) + 2 * kRowPadY;
}

void layout(TimelineUi& ui, const UiView& view, float width) {
    const float line = ImGui::GetTextLineHeight();
    if (width == ui.layout_width && line == ui.layout_line && ui.offsets.size() == ui.rows.size() + 1) return;
    ui.layout_width = width;
    ui.layout_line = line;
    ui.offsets.assign(ui.rows.size() + 1, 0.0f);
    const RowGeometry geometry(width);
    TextHeights heights(geometry.text_width, line);
    float y = 0.0f;
    for (size_t r = 0; r < ui.rows.size(); ++r) {
        ui.offsets[r] = y;
        y += row_height(view, *ui.rows[r], geometry, heights);
    }
    ui.offsets.back() = y;
}

void draw_row(TimelineUi& ui, const Interaction& i, size_t r, float x0, float top, float height, const RowGeometry& g,
              const UiView& view, const Palette& p, UiIntents& out) {
    const Store& store = *view.store;
    const float line = ImGui::GetTextLineHeight();
    ImGui::PushID(static_cast<int>(r));

    // The whole row opens the editor; the people's links on it still open their pages.
    if (view.save.state != SaveIndicator::State::ReadOnly) {
        ImGui::SetCursorPos(ImVec2(x0, top));
        ImGui::SetNextItemAllowOverlap();
        if (ImGui::InvisibleButton("##edit", ImVec2(std::max(g.text_x + g.text_width, 1.0f), height))) {
            ui.editing = InteractionForm{draft_of(i)};
            ui.error.clear();
        }
        if (ImGui::IsItemHovered()) {
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x - kCardPadX, a.y), ImVec2(b.x + kCardPadX, b.y),
                                                      (p.accent & 0x00FFFFFF) | 0x14000000);
        }
    }

    // When: a column on the left, or a line on top on a narrow screen.
    std::string when = kWeekdays[static_cast<size_t>(i.date.weekday())];
    if (i.minute_of_day) when += "  \xc2\xb7  " + clock(*i.minute_of_day);
    ImGui::SetCursorPos(ImVec2(x0, top + kRowPadY));
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted(show_date(view, i.date).c_str());
    ImGui::PopFont();
    probe::item("timeline.row.", r, ".edit");
    if (g.stacked) ImGui::SameLine(0, 0);
    else ImGui::SetCursorPos(ImVec2(x0, top + kRowPadY + line + kLineGap));
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(((g.stacked ? "  \xc2\xb7  " : "") + when).c_str());
    ImGui::PopStyleColor();

    // What happened: kind and circumstances, the people, notes, follow-up.
    const float x = x0 + g.text_x;
    float y = top + kRowPadY + (g.stacked ? line + kLineGap : 0.0f);
    ImGui::SetCursorPos(ImVec2(x, y));
    ImGui::PushFont(view.fonts->heading);
    const std::string kind = str(to_string(i.kind));
    ImGui::TextUnformatted(kind.c_str());
    ImGui::PopFont();
    if (const std::string more = circumstances(i); !more.empty()) {
        ImGui::SameLine(0, 0);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(("  \xc2\xb7  " + more).c_str());
        ImGui::PopStyleColor();
    }
    y += line + kLineGap;

    // The people, on one line: those that do not fit are summarised as "+N more".
    ImGui::SetCursorPos(ImVec2(x - 4.0f, y));  // links have 4 px of padding: align their text
    const float right = x + g.text_width;
    for (size_t n = 0; n < i.participants.size(); ++n) {
        const Id id = i.participants[n];
        const Contact* c = store.contact(id);
        const std::string name = c ? contact_label(*c) : "(deleted contact)";
        if (n > 0) {
            ImGui::SameLine(0, 2);
            if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(name.c_str()).x + 8.0f > right) {
                ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
                ImGui::Text("+%d more", static_cast<int>(i.participants.size() - n));
                ImGui::PopStyleColor();
                break;
            }
        }
        if (c == nullptr) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(name.c_str());
            ImGui::PopStyleColor();
            continue;
        }
        if (form::person_link(p, name, "timeline.row." + std::to_string(r) + ".person." + name)) out.open_contact = id;
        tooltip("Open " + name);
    }
    y += line + 2 * kLinkPadY;

    ImGui::PushTextWrapPos(right);
    if (!i.notes.empty()) {
        y += kLineGap;
        ImGui::SetCursorPos(ImVec2(x, y));
        ImGui::TextWrapped("%s", i.notes.c_str());
        y += ImGui::CalcTextSize(i.notes.c_str(), nullptr, false, g.text_width).y;
    }
    if (i.follow_up) {
        y += kLineGap;
        ImGui::SetCursorPos(ImVec2(x, y));
        ImGui::PushStyleColor(ImGuiCol_Text, i.follow_up->done ? p.muted : p.accent);
        ImGui::TextWrapped("%s", follow_up_line(view, *i.follow_up).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::PopID();

    if (probe::enabled())
        probe::value(probe::key("timeline.row.", r), [&] { return i.date.iso() + " | " + kind + " | " + form::people_labels(store, i.participants) + " | " + i.notes; });
}

// --- Filters ------------------------------------------------------------------------------------

bool filtered(const TimelineUi& ui) {
    return ui.kind || !ui.person.empty() || !trim(ui.from).empty() || !trim(ui.to).empty();
}

void clear_filters(TimelineUi& ui) {
    ui.kind.reset();
    ui.person.clear();
    ui.person_picker.query.clear();
    ui.from.clear();
    ui.to.clear();
}

// Returns the date range typed so far (with an error message when it cannot be used).
DateRange draw_filters(TimelineUi& ui, const UiView& view, const Palette& p) {
    const float start = ImGui::GetCursorPosX();
    auto caption = [&p, start](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(text);
        ImGui::PopStyleColor();
        ImGui::SameLine(start + kFilterLabelWidth);
    };
    caption("Kind");
    ImGui::SetNextItemWidth(std::min(220.0f, ImGui::GetContentRegionAvail().x));
    const std::string current = ui.kind ? str(to_string(*ui.kind)) : "All kinds";
    if (ImGui::BeginCombo("##timeline.kind", current.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("All kinds", !ui.kind)) ui.kind.reset();
        probe::item("timeline.kind.All kinds");
        const auto option = [&](InteractionKind kind) {
            const std::string text = str(to_string(kind));
            if (ImGui::Selectable(text.c_str(), ui.kind == kind)) ui.kind = kind;
            probe::item("timeline.kind.", text);
        };
        for (InteractionKind kind : kInteractionKinds) option(kind);
        option(InteractionKind::Ask);  // made on the Ask page, not logged by hand, but listed here
        ImGui::EndCombo();
    }
    probe::item("timeline.kind");
    probe::value("timeline.kind", current);

    // The dates follow on the same line when there is room (a phone gets more lines).
    auto date_field = [&p, start](const char* text, const char* name, std::string& value) {
        constexpr float kWidth = 130.0f;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        const bool same_line = ImGui::GetItemRectMax().x + 20.0f + 40.0f + kWidth <= right;
        if (same_line) ImGui::SameLine(0, 20);
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(text);
        ImGui::PopStyleColor();
        if (same_line) ImGui::SameLine();
        else ImGui::SameLine(start + kFilterLabelWidth);
        ImGui::SetNextItemWidth(kWidth);
        ImGui::InputTextWithHint((std::string("##") + name).c_str(), "YYYY-MM-DD", &value);
        focus_ring(p);
        const bool active = ImGui::IsItemActive();
        probe::item(name);
        probe::value(name, value);
        return active;
    };
    const bool from_active = date_field("From", "timeline.from", ui.from);
    const bool to_active = date_field("To", "timeline.to", ui.to);
    if (filtered(ui)) {
        form::next_on_line(ImGui::CalcTextSize("Clear filters").x + 20.0f, 20.0f);
        if (button("Clear filters", "timeline.clear")) clear_filters(ui);
    }

    caption("Person");
    if (const Contact* person = ui.person.empty() ? nullptr : view.store->contact(ui.person[0])) {
        // One person at a time: their chip (× clears it) instead of the search field.
        const std::string name = contact_label(*person);
        ImGui::AlignTextToFramePadding();
        if (ImGui::SmallButton((name + "  \xc3\x97##person").c_str())) ui.person.clear();
        probe::item("timeline.person.chip.", name);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted("only what you did with them");
        ImGui::PopStyleColor();
    } else {
        ImGui::BeginGroup();
        draw_people_picker(ui.person_picker, "timeline.person", ui.person, {}, view, false);
        ImGui::EndGroup();
    }

    DateRange range = parse_range(ui, from_active, to_active);
    form::error_line(p, range.error, start + kFilterLabelWidth);
    return range;
}

void nothing_logged(const Palette& p, UiIntents& out) {
    form::begin_card(p, "##timeline.empty");
    muted_text(p, "Nothing logged yet. Log a coffee, a call or a message from a contact's page, or log a "
                  "meeting for everyone who was at an event: it all shows up here, newest first.");
    probe::value("timeline.empty", "nothing logged");
    ImGui::Dummy(ImVec2(0, 4));
    if (button("Go to Contacts", "timeline.go.contacts")) out.go_to = Section::Contacts;
    ImGui::SameLine();
    if (button("Go to Events", "timeline.go.events")) out.go_to = Section::Events;
    form::end_card();
}

void no_match(TimelineUi& ui, const Palette& p) {
    ImGui::Dummy(ImVec2(0, 8));
    muted_text(p, "No interactions match these filters.");
    probe::value("timeline.empty", "no match");
    ImGui::Dummy(ImVec2(0, 4));
    if (button("Clear filters##empty", "timeline.clear.empty")) clear_filters(ui);
}

// The editor of a clicked row, in place of the list; back to the list on save, cancel or delete.
void draw_editor(TimelineUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    InteractionForm& editor = *ui.editing;
    const InteractionDraft& d = editor.draft;
    form::heading(view, "Edit the interaction");
    const Event* event = d.interaction.event ? view.store->event(*d.interaction.event) : nullptr;
    if (event) muted_text(p, ("Logged for the event " + event->name + ".").c_str());
    probe::value("timeline.edit.event", event ? event->name : "");
    ImGui::Dummy(ImVec2(0, 4));
    switch (draw_interaction_form(editor, ui.error, view, p, "timeline.edit", true, true)) {
        case FormAction::Save: out.change = change_of(d, *view.store); break;
        case FormAction::Delete:
            if (const Interaction* i = view.store->interaction(d.interaction.meta.id)) {
                out.change = delete_touch(*view.store, *i);
                remember_delete(ui.deleted, *out.change, *view.store);
            }
            break;
        case FormAction::Cancel: break;
        case FormAction::None: return;
    }
    ui.editing.reset();
}

}  // namespace

void draw_timeline(TimelineUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    const Store& store = *view.store;
    if (ui.editing && store.interaction(ui.editing->draft.interaction.meta.id) == nullptr)
        ui.editing.reset();  // deleted (or undone) meanwhile; read-only now keeps it: Save says why not
    if (ui.editing) {
        draw_editor(ui, view, p, out);
        return;
    }
    deleted_notice(ui.deleted, view, p, "timeline.deleted", out);
    if (ui.person.size() > 1) ui.person.erase(ui.person.begin(), ui.person.end() - 1);
    if (!ui.person.empty() && store.contact(ui.person[0]) == nullptr) ui.person.clear();  // deleted meanwhile

    // Nothing at all yet: no filters, just how to begin. (The cached total answers while the store
    // is unchanged; else the scan stops at the first live interaction.)
    const auto& all = store.interactions();
    const bool any = ui.key.version == store.version()
                         ? ui.total > 0
                         : std::any_of(all.begin(), all.end(), [](const auto& entry) { return !entry.second.meta.deleted; });
    if (!any) {
        probe::value("timeline.count", "0");
        nothing_logged(p, out);
        return;
    }

    const DateRange range = draw_filters(ui, view, p);
    TimelineUi::Key key;
    key.version = store.version();
    key.kind = ui.kind;
    if (!ui.person.empty()) key.person = ui.person[0];
    key.from = range.from;  // only the bounds that can be used
    key.to = range.to;
    if (!(key == ui.key)) rebuild(ui, store, key);

    ImGui::Dummy(ImVec2(0, 6));
    const std::string count = format_amount(static_cast<double>(ui.rows.size())) +
                              (ui.rows.size() == 1 ? " interaction" : " interactions");
    ImGui::PushFont(view.fonts->heading);
    ImGui::TextUnformatted(count.c_str());
    ImGui::PopFont();
    if (ui.rows.size() != ui.total) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::Text("of %s", format_amount(static_cast<double>(ui.total)).c_str());
        ImGui::PopStyleColor();
    }
    probe::value("timeline.count", ui.rows.size());
    if (ui.rows.empty()) {
        no_match(ui, p);
        return;
    }

    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kCardPadX, 0));
    // Rows are laid out for the card's inner width, leaving room for its scrollbar; the card is as
    // tall as its rows, at most the rest of the page (then it scrolls).
    const float width = ImGui::GetContentRegionAvail().x - 2 * kCardPadX - ImGui::GetStyle().ScrollbarSize;
    layout(ui, view, width);
    const RowGeometry geometry(width);
    const float height = std::min(ImGui::GetContentRegionAvail().y, ui.offsets.back() + 2.0f);
    ImGui::BeginChild("##timeline.rows", ImVec2(0, std::max(height, 60.0f)),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    const ImVec2 origin = ImGui::GetCursorPos();

    const float scroll = ImGui::GetScrollY();
    const float visible = ImGui::GetWindowHeight();
    const auto first_after = std::upper_bound(ui.offsets.begin(), ui.offsets.end() - 1, scroll);
    size_t r = static_cast<size_t>(std::max<std::ptrdiff_t>(first_after - ui.offsets.begin() - 1, 0));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 window = ImGui::GetWindowPos();
    const float line_end = window.x + ImGui::GetWindowContentRegionMax().x;
    for (; r < ui.rows.size() && ui.offsets[r] < scroll + visible; ++r) {
        const float top = origin.y + ui.offsets[r];
        draw_row(ui, *ui.rows[r], r, origin.x, top, ui.offsets[r + 1] - ui.offsets[r], geometry, view, p, out);
        if (r + 1 < ui.rows.size()) {
            const float y = window.y + origin.y + ui.offsets[r + 1] - scroll;
            dl->AddLine(ImVec2(window.x + origin.x, y), ImVec2(line_end, y), p.border);
        }
    }
    ImGui::SetCursorPos(ImVec2(origin.x, origin.y + ui.offsets.back() - 1.0f));
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

}  // namespace ties::ui
