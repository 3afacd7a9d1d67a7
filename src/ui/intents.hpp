// What the UI hands the app each frame (UiIntents) and the few plain facts it shows about the
// app (the save indicator). Kept free of ImGui so that the app's session, which applies the
// intents, builds and is tested natively.
#pragma once

#include "core/sections.hpp"
#include "core/store.hpp"
#include "io/exports.hpp"
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
    enum class State { Saved, Saving, NotSaved, InMemory, ReadOnly };
    State state = State::Saved;
    std::string detail;     // why not saved / why read-only / why in memory
    std::string persisted;  // the browser's answer to "keep this data": granted, denied...
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
    bool working = false;  // work in progress across frames (a search in slices): draw the next frame too
};

}  // namespace ties::ui
