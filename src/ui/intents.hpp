// What the UI hands the app each frame (UiIntents) and the few plain facts it shows about the
// app (the save indicator). Kept free of ImGui so that the app's session, which applies the
// intents, builds and is tested natively.
#pragma once

#include "core/sections.hpp"
#include "core/store.hpp"
#include "io/exports.hpp"
#include "io/sync.hpp"
#include "ui/import_ui.hpp"

#include <optional>
#include <string>

namespace ties::ui {

enum class ThemeChoice { System, Light, Dark };

// A short confirmation at the bottom of the window: "Saved Ada Lovelace · Undo". Any panel can
// raise one by setting UiIntents::notice along with its change; draw_app shows it for a few
// seconds, until the store changes again or the person goes to another page. With `undo`, its Undo button undoes the store's
// latest change, the one the notice is about.
struct Notice {
    std::string text;
    bool undo = true;
};

struct SaveIndicator {
    // Cleared: the browser's storage was emptied behind the app (site data cleared); nothing is
    // written until the person chooses to keep the data here again.
    enum class State { Saved, Saving, NotSaved, InMemory, ReadOnly, Cleared };
    State state = State::Saved;
    std::string detail;     // why not saved / why read-only / why in memory
    std::string persisted;  // the browser's answer to "keep this data": granted, denied...
};

// Sync as the page shows it (Settings → Sync, the sidebar), and what the person asks of it.
struct SyncView {
    enum class State {
        Off,      // not set up on this device
        Locked,   // set up, but the password or the passphrase must be typed again
        Idle,     // set up and working; `last_sync` says when it last completed
        Busy,     // a run or the setup in progress
        Problem,  // the last run failed: `problem` says why; it retries by itself unless it cannot
    };
    struct Run {
        Millis at = 0;
        std::string words;  // "2 new records, 1 change in; 3 records out"
    };
    State state = State::Off;
    bool set_up = false;          // this device has joined a vault (a failed setup leaves it false)
    std::string folder_url, user;
    bool remember = false;
    Millis last_sync = 0;
    std::string problem;
    bool folder_missing = false;  // the setup found no folder there: offer to create it
    bool other_tab = false;       // this tab is read-only: sync runs in the tab that writes
    std::vector<Run> history;     // this session's runs, newest first
    const std::vector<io::sync::KeptVersion>* kept = nullptr;  // versions that lost, to restore
};

struct SyncSetup {
    std::string folder_url, user, password, passphrase;
    bool remember = false;       // keep the password and the vault's key in this browser
    bool create_folder = false;  // the person agreed to create the missing folder
};

struct SyncAsk {
    std::optional<SyncSetup> set_up;  // connect: join the vault there, or make one
    bool sync_now = false;
    bool turn_off = false;            // on this device only; the server is left as it is
    std::optional<std::size_t> restore_kept;  // index into SyncView::kept
    std::optional<std::size_t> forget_kept;
};

struct UiIntents {
    std::optional<Section> go_to;
    std::optional<ThemeChoice> theme;
    std::optional<Change> change;
    std::optional<Id> open_contact;  // show this person's page
    std::optional<std::string> open_url;  // a profile link in a new browser tab, or a mail draft (mailto:)
    // A text version of a page whose content the canvas alone shows (the Map), for screen readers:
    // lines, "# " a heading, "- " an item, else a paragraph; "" removes it. Given when it changes.
    std::optional<std::string> page_text;
    bool undo = false;
    bool redo = false;
    bool export_backup = false;
    std::optional<std::string> export_encrypted;  // a backup encrypted with this passphrase
    std::optional<io::ExportFormat> export_file;  // contacts or the plan, as `ties export` writes them
    ImportAsk import;          // what the import dialog asked
    bool open_import = false;  // show the import dialog
    bool take_over = false;
    bool restore_storage = false;  // write everything back into the emptied browser storage
    bool dismiss_warnings = false;
    std::optional<Notice> notice;  // confirm what was just done (see Notice)
    bool working = false;  // work in progress across frames (a search in slices): draw the next frame too
    SyncAsk sync;
};

}  // namespace ties::ui
