// Settings → Sync: setting sync up with the person's WebDAV folder, what it did and what went
// wrong, in words; and the sidebar's one line about it. Draws SyncView, returns SyncAsk.
#pragma once

#include "ui/intents.hpp"
#include "ui/theme.hpp"

#include <string>

namespace ties::ui {

struct UiView;

struct SyncUi {
    std::string folder_url, user, password, passphrase, passphrase_again;
    bool remember = true;
    bool show = false;
    bool loaded = false;    // the fields were filled from the saved settings once
    std::string error;      // the form's own checks, before anything is sent
    bool confirm_off = false;
};

void draw_sync_settings(SyncUi& ui, const UiView& view, const Palette& p, UiIntents& out);

// "Synced 3 minutes ago" / "Sync: the server could not be reached": below the save status.
// True when clicked (the caller opens Settings).
bool draw_sync_status(const UiView& view, const Palette& p, bool narrow);

// "just now", "4 minutes ago", "2 hours ago", "3 days ago"
std::string ago_words(Millis then, Millis now);

}  // namespace ties::ui
