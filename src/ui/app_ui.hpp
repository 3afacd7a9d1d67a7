// The app's frame: sidebar with the sections, a jump box and the save status; banners for
// storage problems; and the current section's page. It draws state and returns intents (a change
// to the store, undo, a theme); the app applies them in one place.
#pragma once

#include "core/outlook.hpp"
#include "core/sections.hpp"
#include "core/store.hpp"
#include "ui/contacts_ui.hpp"
#include "ui/intents.hpp"
#include "ui/import_ui.hpp"
#include "ui/events_ui.hpp"
#include "ui/insights_ui.hpp"
#include "ui/ask_ui.hpp"
#include "ui/map_ui.hpp"
#include "ui/opportunities_ui.hpp"
#include "ui/overlays_ui.hpp"
#include "ui/settings_ui.hpp"
#include "ui/theme.hpp"
#include "ui/timeline_ui.hpp"
#include "ui/today_ui.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::ui {

struct ShownNotice {
    Notice notice;
    Millis until = 0;               // hidden from then on
    std::uint64_t version = 0;      // the store's version once the change was applied
    std::string page;               // the page it belongs to: leaving that page hides it
    bool waiting = false;           // the change is applied after this frame: take its version next
};

// State owned by the UI itself: what is typed, what is selected, where focus should go.
struct UiState {
    ContactIndex people;  // search index shared by the list, the palette and pickers
    OutlookCache outlook;  // the day's queue, scores and ledger; computed when a page asks for it
    PaletteUi palette;
    QuickLogUi quick_log;
    bool help_open = false;
    TodayUi today;
    ImportUi import;
    ContactsUi contacts;
    TimelineUi timeline;
    EventsUi events;
    OpportunitiesUi opportunities;
    InsightsUi insights;
    MapUi map;
    AskUi ask;
    SettingsUi settings;
    ShownNotice notice;
    std::string page;  // which page was drawn last: a new page starts at the top
};

// What the UI shows but does not own.
struct UiView {
    Section section = Section::Today;
    ThemeChoice theme_choice = ThemeChoice::System;
    bool dark = false;
    bool system_dark = false;
    bool mac = false;  // shortcuts read Cmd instead of Ctrl
    const Fonts* fonts = nullptr;
    std::string_view build;
    const Store* store = nullptr;
    // The search index shared by the list, the palette and pickers, brought up to date the first
    // time a frame asks for it: a frame that shows no search (Today after an edit) does not pay
    // for rebuilding it, half a second at 100,000 people in the browser.
    ContactIndex* people_index = nullptr;  // set by draw_app: UiState::people
    const ContactIndex& people() const {
        people_index->update(*store, today);  // a no-op unless the store or the day changed
        return *people_index;
    }
    OutlookCache* outlook_cache = nullptr;  // set by draw_app from UiState::outlook
    Date today;
    Millis now = 0;
    std::string (*format_date)(Date) = nullptr;  // in the user's locale; see show_date()
    IdGenerator* ids = nullptr;  // mints ids for records the UI creates
    SaveIndicator save;
    const std::vector<std::string>* load_warnings = nullptr;
    std::string last_backup;  // when a backup was last downloaded from this browser ("" never), as shown
    bool backup_due = false;  // no backup for a while: Today reminds
    const SyncView* sync = nullptr;  // Settings → Sync and the sidebar's line
    // Touch gestures this frame (CSS pixels), for pictures that pan and zoom (the Map): a
    // one-finger drag (also given to ImGui as scrolling) and a two-finger pinch (1: none).
    float touch_drag_x = 0, touch_drag_y = 0;
    float pinch = 1.0f, pinch_x = 0, pinch_y = 0;
    MapUi* map = nullptr;  // set by draw_app from UiState::map: the network map, for Today and person pages
};

// A tab that turned read-only (another tab took over) refuses to save a form with these words;
// the form keeps everything typed and saves once the person has chosen "Use Ties here".
inline constexpr const char* kReadOnlyRefusal =
    "Not saved: this tab is read-only now, because Ties is in use in another tab. Choose \"Use Ties here\" "
    "at the top, then save again; what you typed stays here.";
inline bool read_only_tab(const UiView& view) { return view.save.state == SaveIndicator::State::ReadOnly; }

UiIntents draw_app(UiState& state, const UiView& view);

// The day's outlook (queue, scores, ledger), computed on first use after the store changed.
const Outlook& outlook(const UiView& view);

// A date as the user reads dates (ISO when no formatter is set, e.g. natively).
std::string show_date(const UiView& view, Date date);

}  // namespace ties::ui
