// The app's frame: sidebar with the sections, a jump box and the save status; banners for
// storage problems; and the current section's page. It draws state and returns intents (a change
// to the store, undo, a theme); the app applies them in one place.
#pragma once

#include "core/outlook.hpp"
#include "core/sections.hpp"
#include "core/store.hpp"
#include "io/exports.hpp"
#include "ui/contacts_ui.hpp"
#include "ui/import_ui.hpp"
#include "ui/events_ui.hpp"
#include "ui/insights_ui.hpp"
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

// A short confirmation at the bottom of the window: "Saved Ada Lovelace · Undo". Any panel can
// raise one by setting UiIntents::notice along with its change; draw_app shows it for a few
// seconds, until the store changes again or the person goes to another page. With `undo`, its Undo button undoes the store's
// latest change, the one the notice is about.
struct Notice {
    std::string text;
    bool undo = true;
};

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
    SettingsUi settings;
    ShownNotice notice;
    std::string page;  // which page was drawn last: a new page starts at the top
};

struct SaveIndicator {
    enum class State { Saved, Saving, NotSaved, InMemory, ReadOnly };
    State state = State::Saved;
    std::string detail;     // why not saved / why read-only / why in memory
    std::string persisted;  // the browser's answer to "keep this data": granted, denied...
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
    const ContactIndex* people = nullptr;  // set by draw_app from UiState::people, kept current
    OutlookCache* outlook_cache = nullptr;  // set by draw_app from UiState::outlook
    Date today;
    Millis now = 0;
    std::string (*format_date)(Date) = nullptr;  // in the user's locale; see show_date()
    IdGenerator* ids = nullptr;  // mints ids for records the UI creates
    SaveIndicator save;
    const std::vector<std::string>* load_warnings = nullptr;
    std::string last_backup;  // when a backup was last downloaded from this browser ("" never), as shown
    bool backup_due = false;  // no backup for a while: Today reminds
};

struct UiIntents {
    std::optional<Section> go_to;
    std::optional<ThemeChoice> theme;
    std::optional<Change> change;
    std::optional<Id> open_contact;  // show this person's page
    std::optional<std::string> open_url;  // a profile link, in a new browser tab
    bool undo = false;
    bool redo = false;
    bool export_backup = false;
    std::optional<std::string> export_encrypted;  // a backup encrypted with this passphrase
    std::optional<io::ExportFormat> export_file;  // contacts or the plan, as `ties export` writes them
    ImportAsk import;          // what the import dialog asked
    bool open_import = false;  // show the import dialog
    bool take_over = false;
    bool dismiss_warnings = false;
    std::optional<Notice> notice;  // confirm what was just done (see Notice)
};

UiIntents draw_app(UiState& state, const UiView& view);

// The day's outlook (queue, scores, ledger), computed on first use after the store changed.
const Outlook& outlook(const UiView& view);

// A date as the user reads dates (ISO when no formatter is set, e.g. natively).
std::string show_date(const UiView& view, Date date);

}  // namespace ties::ui
