#include "ui/app_ui.hpp"

#include "core/sample_data.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ShadeVertsLinearColorGradientKeepAlpha, for the logo
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace ties::ui {
namespace {

constexpr float kSidebarWidth = 236.0f;
constexpr float kSidebarNarrow = 64.0f;
constexpr float kNarrowWindow = 640.0f;

const char* section_icon(Section s) {
    switch (s) {
        case Section::Today: return icons::kToday;
        case Section::Contacts: return icons::kContacts;
        case Section::Timeline: return icons::kTimeline;
        case Section::Events: return icons::kEvents;
        case Section::Opportunities: return icons::kOpportunities;
        case Section::Map: return icons::kMap;
        case Section::Ask: return icons::kAsk;
        case Section::Insights: return icons::kInsights;
        case Section::Settings: return icons::kSettings;
    }
    return icons::kInfo;
}

// Our logo: two overlapping rings, a tie between two people (the same drawing as assets/icon.py).
void draw_logo(ImVec2 origin, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(origin.x + size, origin.y + size);
    const int first_vertex = dl->VtxBuffer.Size;
    dl->AddRectFilled(origin, max, IM_COL32_WHITE, size * 0.22f);
    ImGui::ShadeVertsLinearColorGradientKeepAlpha(dl, first_vertex, dl->VtxBuffer.Size, origin, max,
                                                  IM_COL32(99, 102, 241, 255), IM_COL32(139, 92, 246, 255));
    const float ring = size * 0.195f;
    const float thickness = size * 0.07f;
    const float cy = origin.y + size * 0.5f;
    dl->AddCircle(ImVec2(origin.x + size * 0.39f, cy), ring, IM_COL32_WHITE, 40, thickness);
    dl->AddCircle(ImVec2(origin.x + size * 0.61f, cy), ring, IM_COL32(255, 255, 255, 190), 40, thickness);
}

// Looks like a search field; opens the command palette.
void draw_search_button(UiState& state, const UiView& view, const Palette& p) {
    const std::string text = std::string(icons::kSearch) + "   Search or jump to";
    const std::string keys = view.mac ? "\xe2\x8c\x98K" : "Ctrl+K";
    ImGui::PushStyleColor(ImGuiCol_Button, p.card);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.card);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    if (ImGui::Button((text + "##search").c_str(), ImVec2(-1.0f, 0))) {
        state.palette.open = true;
        state.palette.focus = true;
    }
    const ImVec2 size = ImGui::GetItemRectSize();
    const float key_width = ImGui::CalcTextSize(keys.c_str()).x;
    ImGui::GetWindowDrawList()->AddText(ImVec2(start.x + size.x - key_width - 10.0f, start.y + ImGui::GetStyle().FramePadding.y),
                                        p.muted, keys.c_str());
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);
    probe::item("sidebar.search");
}

// Always visible: whether what the person typed is safe.
void draw_save_status(const UiView& view, const Palette& p, bool narrow) {
    using State = SaveIndicator::State;
    const char* icon = icons::kCheck;
    const char* text = "Saved";
    ImU32 colour = p.muted;
    switch (view.save.state) {
        case State::Saved: break;
        case State::Saving: icon = icons::kSync; text = "Saving\xe2\x80\xa6"; break;
        case State::NotSaved:
        case State::Cleared: icon = icons::kWarning; text = "Not saved"; colour = p.warning; break;
        case State::InMemory: icon = icons::kWarning; text = "Not kept"; colour = p.warning; break;
        case State::ReadOnly: icon = icons::kLock; text = "Read-only"; break;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 4.0f);
    if (narrow) ImGui::TextUnformatted(icon);
    else ImGui::Text("%s   %s", icon, text);
    ImGui::PopStyleColor();
    if (!view.save.detail.empty()) tooltip(view.save.detail);
    probe::item("save.status");
    probe::value("save.status", text);
    ImGui::Dummy(ImVec2(0, 2));
}

void draw_sidebar(UiState& state, const UiView& view, const Palette& p, bool narrow, UiIntents& out) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.sidebar);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(narrow ? 10.0f : 16.0f, 18.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    ImGui::BeginChild("##sidebar", ImVec2(narrow ? kSidebarNarrow : kSidebarWidth, 0),
                      ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoScrollbar);

    const float logo = 30.0f;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    draw_logo(ImVec2(top.x + (narrow ? 5.0f : 2.0f), top.y), logo);
    if (!narrow) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + logo + 14.0f, top.y + 4.0f));
        ImGui::PushFont(view.fonts->title);
        ImGui::SetWindowFontScale(0.8f);
        ImGui::TextUnformatted("Ties");
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
    }
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + logo + 22.0f));

    if (!narrow) {
        draw_search_button(state, view, p);
        ImGui::Dummy(ImVec2(0, 6));
    }

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 4));
    for (const SectionInfo& info : all_sections()) {
        const bool selected = info.section == view.section;
        const std::string label = std::string(section_icon(info.section)) +
                                  (narrow ? "" : "   " + std::string(info.title)) + "##nav";
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? p.accent : p.text);
        ImGui::PushID(static_cast<int>(info.section));
        if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, 34))) {
            out.go_to = info.section;
            // Clicking the current section again goes back to its list; for Contacts also from
            // the form (Contacts is where people go to find someone else).
            if (selected && info.section == Section::Contacts) {
                state.contacts.selected.reset();
                state.contacts.editing.reset();
                state.contacts.logging.reset();
                state.contacts.error.clear();
                state.contacts.confirm_delete = false;
                state.contacts.duplicates = false;
            }
            if (selected && info.section == Section::Events && !state.events.editing) state.events.selected.reset();
            if (selected && info.section == Section::Opportunities && !state.opportunities.editing)
                state.opportunities.selected.reset();
        }
        ImGui::PopID();
        ImGui::PopStyleColor();
        if (narrow) tooltip(std::string(info.title));
        probe::item("nav.", info.title);
    }
    ImGui::PopStyleVar();

    // Save status and the theme toggle at the bottom (Settings offers "System" too).
    const bool sync_line = view.sync && view.sync->set_up;
    const float bottom = ImGui::GetWindowHeight() - 18.0f - 34.0f - 30.0f - (sync_line ? 28.0f : 0.0f);
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
    draw_save_status(view, p, narrow);
    if (sync_line) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 4.0f);
        if (draw_sync_status(view, p, narrow)) out.go_to = Section::Settings;
        ImGui::Dummy(ImVec2(0, 2));
    }
    const std::string toggle = view.dark ? std::string(icons::kLight) + (narrow ? "" : "   Light mode")
                                         : std::string(icons::kDark) + (narrow ? "" : "   Dark mode");
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    if (ImGui::Selectable((toggle + "##theme").c_str(), false, 0, ImVec2(0, 34)))
        out.theme = view.dark ? ThemeChoice::Light : ThemeChoice::Dark;
    ImGui::PopStyleColor();
    probe::item("sidebar.theme");

    ImGui::EndChild();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
}

// Whether anyone is there to show (else Today welcomes a new user). Stops at the first live
// contact: counting them all cost 22 ms a frame at 100,000 people.
bool has_live_contact(const Store& store) {
    return std::any_of(store.contacts().begin(), store.contacts().end(),
                       [](const auto& entry) { return !entry.second.meta.deleted; });
}

// First run: the idea in a few lines, and three ways to begin.
void draw_welcome(UiState& state, const UiView& view, const Palette& p, UiIntents& out) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28, 24));
    ImGui::BeginChild("##welcome", ImVec2(std::min(720.0f, ImGui::GetContentRegionAvail().x), 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushFont(view.fonts->title);
    ImGui::TextUnformatted("Welcome to Ties");
    ImGui::PopFont();
    probe::value("welcome", "shown");
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextWrapped("Most opportunities (jobs, clients, collaborators) come through people you know only a little: "
                       "a former colleague, someone you met at a meetup, people you follow online. Ties helps you keep "
                       "up with them.");
    ImGui::Dummy(ImVec2(0, 6));
    const char* rules[] = {
        "Stay in touch: a short message now and then keeps a tie alive.",
        "Give first: an introduction or a bit of help is remembered.",
        "Don't burn out: you can't keep up with everyone. Ties helps you choose, within the time you want to spend.",
    };
    for (const char* rule : rules) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        ImGui::TextUnformatted("\xe2\x80\xa2");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextWrapped("%s", rule);
    }
    ImGui::Dummy(ImVec2(0, 6));
    muted_text(p, "Everything stays in this browser. Nothing is sent anywhere.");
    ImGui::Dummy(ImVec2(0, 10));
    const bool writable = view.save.state != SaveIndicator::State::ReadOnly;
    ButtonRow buttons;  // wraps on a phone instead of cutting "Import" off
    ImGui::BeginDisabled(!writable);
    if (buttons.primary(p, "+  Add your first contact", "welcome.add")) {
        state.contacts.editing = ContactForm{new_contact(view.ids->next())};
        out.go_to = Section::Contacts;
    }
    if (buttons.button("Explore with sample data", "welcome.sample")) {
        Change sample = make_sample_data(view.ids->next().lo, view.now, view.today);
        out.change = std::move(sample);
        out.go_to = Section::Contacts;
    }
    ImGui::EndDisabled();
    if (buttons.button("Import contacts\xe2\x80\xa6", "welcome.import")) out.open_import = true;
    muted_text(p, "From LinkedIn, Google Contacts, your phone (vCard), the X archive, or a Ties backup.");
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 8));
    muted_text(p, "Sample data can be removed with Undo, or later by deleting the people.");
}

// One banner: an icon, a message, and optionally a button. Returns true when it is clicked.
// A warning across the page with up to two buttons: returns 1 or 2 for the one clicked, else 0.
int banner(const Palette& p, const char* name, const std::string& message, const char* action,
           const char* second = nullptr) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card);
    ImGui::PushStyleColor(ImGuiCol_Border, p.warning);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 10));
    ImGui::BeginChild(name, ImVec2(0, 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleColor();  // the warning colour frames the banner, not its button
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextUnformatted(icons::kWarning);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - (action ? 190.0f : 0.0f));
    ImGui::TextWrapped("%s", message.c_str());
    ImGui::PopTextWrapPos();
    int clicked = 0;
    if (action) {
        const float top = ImGui::GetItemRectMin().y - ImGui::GetWindowPos().y;
        ImGui::SameLine(ImGui::GetContentRegionMax().x - 180.0f);
        if (ImGui::Button(action, ImVec2(180.0f, 0))) clicked = 1;
        probe::item(name, ".action");
        if (second) {  // under the first, at the right
            ImGui::SetCursorPos(ImVec2(ImGui::GetContentRegionMax().x - 180.0f,
                                       top + ImGui::GetFrameHeightWithSpacing()));
            if (ImGui::Button(second, ImVec2(180.0f, 0))) clicked = 2;
            probe::item(name, ".second");
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 8));
    probe::value(name, message);
    return clicked;
}

void draw_banners(const UiView& view, const Palette& p, UiIntents& out) {
    using State = SaveIndicator::State;
    if (view.save.state == State::InMemory) {
        if (banner(p, "banner.memory", view.save.detail + " Nothing you enter will be kept after this tab closes.",
                   "Download a copy"))
            out.export_backup = true;
    } else if (view.save.state == State::ReadOnly) {
        if (banner(p, "banner.readonly", view.save.detail, "Use Ties here")) out.take_over = true;
    } else if (view.save.state == State::Cleared) {
        const int clicked = banner(p, "banner.cleared",
                                   "Nothing is being saved: " + view.save.detail +
                                       ". Everything is still here in this tab, and Ties wrote none of it back. "
                                       "Keep it in this browser again, or download a copy; if you close this tab, "
                                       "the storage stays empty.",
                                   "Keep it here again", "Download a copy");
        if (clicked == 1) out.restore_storage = true;
        if (clicked == 2) out.export_backup = true;
    } else if (view.save.state == State::NotSaved) {
        if (banner(p, "banner.unsaved", "Your latest changes are not saved: " + view.save.detail +
                                            ". Ties keeps trying. To be safe, download a copy.",
                   "Download a copy"))
            out.export_backup = true;
    }
    if (view.load_warnings && !view.load_warnings->empty()) {
        std::string message = "Some stored files were damaged and were skipped; Ties uses the last good copy. ";
        for (const std::string& w : *view.load_warnings) message += "\n" + w;
        if (banner(p, "banner.warnings", message, "Dismiss")) out.dismiss_warnings = true;
    }
}

// At the right of the page title: undo and redo; on a phone also the search (the palette), since
// the narrow sidebar has no room for the search box.
void draw_top_buttons(UiState& state, const UiView& view, bool narrow, UiIntents& out) {
    const Store& store = *view.store;
    const float buttons = narrow ? 3.0f : 2.0f;
    const float width = buttons * 40.0f + (buttons - 1.0f) * ImGui::GetStyle().ItemSpacing.x;
    const float x = ImGui::GetContentRegionMax().x - width;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x <= ImGui::GetWindowPos().x + x)
        ImGui::SameLine(x);
    else
        ImGui::SetCursorPosX(x);  // a long title on a phone: the buttons go below it
    if (narrow) {
        if (ImGui::Button(icons::kSearch, ImVec2(40, 0))) {
            state.palette.open = true;
            state.palette.focus = true;
        }
        tooltip(view.mac ? "Search or jump to (\xe2\x8c\x98K)" : "Search or jump to (Ctrl+K)");
        probe::item("topbar.search");
        ImGui::SameLine();
    }
    ImGui::BeginDisabled(!store.can_undo() || view.save.state == SaveIndicator::State::ReadOnly);
    if (ImGui::Button(icons::kUndo, ImVec2(40, 0))) out.undo = true;
    if (store.can_undo()) tooltip_always_when_disabled("Undo " + store.undo_label());
    probe::item("undo");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!store.can_redo() || view.save.state == SaveIndicator::State::ReadOnly);
    if (ImGui::Button(icons::kRedo, ImVec2(40, 0))) out.redo = true;
    if (store.can_redo()) tooltip_always_when_disabled("Redo " + store.redo_label());
    probe::item("redo");
    ImGui::EndDisabled();
    probe::value("undo.label", [&] { return store.undo_label(); });
}

// Which page is showing: a section, and in it a person, a form or a record.
std::string page_of(const UiState& state, const UiView& view) {
    std::string page = std::to_string(static_cast<int>(view.section));
    const auto id = [](const std::optional<Id>& id) { return id ? std::to_string(id->hi) + ":" + std::to_string(id->lo) : "-"; };
    if (view.section == Section::Contacts)
        page += "/" + id(state.contacts.selected) + (state.contacts.editing ? "/form" : "") +
                (state.contacts.duplicates ? "/duplicates" : "");
    if (view.section == Section::Events) page += "/" + id(state.events.selected);
    if (view.section == Section::Opportunities) page += "/" + id(state.opportunities.selected);
    return page;
}

// The notice raised by the last action, at the bottom of the window, with Undo.
void draw_notice(UiState& state, const UiView& view, const Palette& p, UiIntents& out) {
    ShownNotice& shown = state.notice;
    if (shown.waiting) {
        shown.version = view.store->version();
        shown.page = state.page;
        shown.waiting = false;
    }
    if (shown.notice.text.empty() || view.now >= shown.until || view.store->version() != shown.version ||
        state.page != shown.page) {
        shown.notice.text.clear();
        return;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y - 24.0f),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(viewport->Size.x - 24.0f, FLT_MAX));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.text);
    ImGui::PushStyleColor(ImGuiCol_Text, p.card);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 10));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f);
    ImGui::Begin("##notice", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.notice.text.c_str());
    probe::value("notice", shown.notice.text);
    if (shown.notice.undo && view.save.state != SaveIndicator::State::ReadOnly) {
        ImGui::SameLine(0, 14);
        if (primary_button(p, "Undo##notice", "notice.undo")) {
            out.undo = true;
            shown.notice.text.clear();
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

void draw_main(UiState& state, const UiView& view, const Palette& p, bool narrow, UiIntents& out) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, narrow ? ImVec2(18, 20) : ImVec2(40, 32));
    if (std::string page = page_of(state, view); page != state.page) {
        ImGui::SetNextWindowScroll(ImVec2(0, 0));  // a new page starts at its top
        state.page = std::move(page);
    }
    ImGui::BeginChild("##main", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    const SectionInfo& info = section_info(view.section);
    draw_banners(view, p, out);

    ImGui::PushFont(view.fonts->title);
    ImGui::Text("%s  %s", section_icon(info.section), std::string(info.title).c_str());
    ImGui::PopFont();
    probe::item("section.title");
    draw_top_buttons(state, view, narrow, out);
    probe::value("section", info.title);
    muted_text(p, std::string(info.summary).c_str());
    ImGui::Dummy(ImVec2(0, 12));

    if (info.section != Section::Map && state.map.mirrored) {  // the Map's text leaves with it
        out.page_text = "";
        state.map.mirrored.reset();
    }
    if (info.section == Section::Today && !has_live_contact(*view.store)) {
        draw_welcome(state, view, p, out);
    } else if (info.section == Section::Today) {
        draw_today(state.today, state.quick_log, view, out);
    } else if (info.section == Section::Contacts) {
        draw_contacts(state.contacts, view, out);
    } else if (info.section == Section::Timeline) {
        draw_timeline(state.timeline, view, out);
    } else if (info.section == Section::Events) {
        draw_events(state.events, view, out);
    } else if (info.section == Section::Opportunities) {
        draw_opportunities(state.opportunities, view, out);
    } else if (info.section == Section::Map) {
        draw_map(state.map, view, out);
    } else if (info.section == Section::Ask) {
        if (state.map.ask_cluster) {  // "Ask them" on a cluster of the Map
            state.ask.kind = AudienceKind::Cluster;
            state.ask.cluster = *std::exchange(state.map.ask_cluster, std::nullopt);
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(760.0f, ImGui::GetContentRegionAvail().x));
        draw_ask(state.ask, view, out);
        ImGui::PopTextWrapPos();
    } else if (info.section == Section::Insights) {
        draw_insights(state.insights, view, out);
    } else if (info.section == Section::Settings) {
        // Lines of a readable length on a laptop, the window's width on a phone.
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(680.0f, ImGui::GetContentRegionAvail().x));
        draw_settings(state.settings, view, out);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

}  // namespace

const Outlook& outlook(const UiView& view) {
    return view.outlook_cache->get(*view.store, view.today);
}

std::string show_date(const UiView& view, Date date) {
    return view.format_date ? view.format_date(date) : date.iso();
}

UiIntents draw_app(UiState& state, const UiView& app_view) {
    UiIntents out;
    UiView view = app_view;
    view.people_index = &state.people;
    view.outlook_cache = &state.outlook;
    view.map = &state.map;
    const Palette& p = palette(view.dark);
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_K)) {
        state.palette.open = true;
        state.palette.focus = true;
    }
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_L) && view.save.state != SaveIndicator::State::ReadOnly &&
        !state.quick_log.open)
        open_quick_log_here(state, view);
    if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyChordPressed(ImGuiMod_Shift | ImGuiKey_Slash)) state.help_open = true;
    // Undo/redo of store edits; inside a text field Ctrl+Z belongs to the field.
    if (!ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Z)) out.undo = true;
        if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiMod_Shift | ImGuiKey_Z) ||
            ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Y))
            out.redo = true;
    }

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const bool narrow = viewport->Size.x < kNarrowWindow;
    draw_sidebar(state, view, p, narrow, out);
    ImGui::SameLine(0, 0);
    draw_main(state, view, p, narrow, out);
    draw_palette(state, view, out);
    draw_quick_log(state.quick_log, view, out);
    draw_help(state.help_open, view);
    out.import = draw_import(state.import, view);
    ImGui::End();
    if (out.undo || out.redo) state.notice.notice.text.clear();
    draw_notice(state, view, p, out);
    if (out.notice) {
        state.notice = ShownNotice{*out.notice, view.now + 5000, 0, {}, true};
    }
    if (out.open_import && state.import.stage == ImportUi::Stage::Closed) state.import.stage = ImportUi::Stage::Choose;
    if (out.open_contact) {
        state.contacts.selected = *out.open_contact;
        state.contacts.editing.reset();
        state.contacts.duplicates = false;
        out.go_to = Section::Contacts;
    }
    return out;
}

}  // namespace ties::ui
