// The Settings section: appearance, your name, how often to keep in touch with each circle and
// tag, the weekly budget, keyboard shortcuts, where the data lives, and sync (sync_ui.hpp).
#pragma once

#include "core/model.hpp"
#include "ui/sync_ui.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;

struct SettingsUi {
    std::string your_name_draft;
    bool your_name_loaded = false;
    std::string own_addresses_draft;  // "me@home.org, me@work.com"
    bool own_addresses_loaded = false;
    // Numbers as typed, reloaded from the store whenever it changes and nothing is being edited.
    std::array<Cadence, kTierCount> cadences{};
    std::vector<TagCadence> tag_cadences;
    Budget budget;
    std::uint64_t loaded_version = ~std::uint64_t{0};
    std::string new_tag;
    Cadence new_tag_cadence{30, 45};
    std::string error;
    std::string backup_passphrase;  // non-empty: the backup download is encrypted
    std::string backup_passphrase_again;  // must match: a lost passphrase cannot be recovered
    bool show_passphrase = false;
    std::string backup_error;
    SyncUi sync;
};

void draw_settings(SettingsUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
