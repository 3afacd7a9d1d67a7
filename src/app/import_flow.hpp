// The import dialog's work (ui/import_ui.hpp draws it): files chosen or dropped, the import worker
// and its progress, backups opened (and decrypted), and the confirmed result applied to the store
// as one undoable change. App code: it joins the platform layer, the importers and the store.
#pragma once

#include "core/store.hpp"
#include "platform/host.hpp"
#include "ui/import_ui.hpp"

#include <functional>
#include <optional>

namespace ties::app {

// The import's background jobs, kept by the session between frames.
struct ImportJobs {
    std::optional<platform::CryptoJob> decrypt;  // a backup being opened with its passphrase
};

struct ImportHost {
    platform::Host* platform = nullptr;
    ImportJobs* jobs = nullptr;
    Store* store = nullptr;
    IdGenerator* ids = nullptr;
    bool writable = true;
    Millis now = 0;
    Date today;
    std::function<void(Change, bool as_is)> apply;  // store.apply (or apply_as_is), then persist
};

// Each frame: picks up a new choice of files, and the worker's or the decryption's progress.
// Returns true when the dialog changed.
bool import_poll(ui::ImportUi& ui, ImportHost& host);
// What the person asked in the dialog.
void import_act(ui::ImportUi& ui, const ui::ImportAsk& ask, ImportHost& host);

}  // namespace ties::app
