// What the app's session needs from the browser, as one small interface: a clock, the data
// folder's sync to IndexedDB and whether this tab may write, downloads and preferences, and the
// background jobs (files chosen or dropped, imports in a Web Worker, WebCrypto). BrowserHost
// (browser_host.cpp) is the page's implementation; native tests drive the session through a fake
// (tests/unit/fake_host.hpp). Plain C++: no Emscripten here, so the session builds natively.
#pragma once

#include "core/date.hpp"
#include "io/sync_ops.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::platform {

inline constexpr const char* kDataFolder = "/data";

// Who may write the data folder. The numbers cross to and from JavaScript (web/storage.js).
enum class StorageMode { Starting = 0, Writer = 1, Reader = 2, Memory = 3 };

struct StorageStatus {
    StorageMode mode = StorageMode::Starting;
    std::int64_t written = 0;     // writes reported with storage_written()
    std::int64_t committed = 0;   // the highest of those a finished IndexedDB sync covered
    bool syncing = false;
    bool reload_needed = false;   // the folder changed under the app: reload the store from it
    bool cleared = false;         // the browser's storage was emptied behind the app: nothing is written
};

struct ChosenFile {
    std::string name;
    std::size_t size = 0;
    // A mailbox or a calendar (by its name or first bytes): only its first 64 KB are read here;
    // the import worker reads the rest in slices, so a mailbox of gigabytes never sits in memory.
    bool history = false;
};

struct Choice {
    std::vector<ChosenFile> files;
    std::string problem;  // a file too big or unreadable: say so
};

// A background job's progress. The numbers cross from JavaScript (web/files.js).
enum class JobState { None = -1, Running = 0, Done = 1, Failed = 2 };

struct ImportStatus {
    JobState state = JobState::None;
    double share = 0;
};

struct ImportOutput {
    std::string payload;  // the records, in the codec's JSON (io::decode)
    std::string report;   // "error\t..." / "warning\t..." lines; for a failure, the reason
};

struct CryptoOutput {
    JobState state = JobState::None;
    std::string bytes;
    std::string error;
};

using CryptoJob = int;  // each encryption or decryption has its own, so two never share a result

// The person's WebDAV folder for sync, as set up in Settings.
struct SyncServer {
    std::string folder_url;  // ends with "/"; operations' paths are relative to it
    std::string user;
    std::string password;
};
using SyncJob = int;

class Host {
public:
    virtual ~Host() = default;

    // The clock: UTC milliseconds, the person's local date, and seconds for timers.
    virtual std::int64_t now_millis() = 0;
    virtual Date today() = 0;
    virtual double seconds() = 0;

    // The data folder (kDataFolder): this tab's mode, and its sync to IndexedDB.
    virtual StorageStatus storage_status() = 0;
    virtual std::string storage_reason() = 0;     // why read-only or in memory ("" for a writer)
    virtual std::string storage_error() = 0;      // the last sync's error ("" when it succeeded)
    virtual std::string storage_persisted() = 0;  // navigator.storage.persist(): granted, denied...
    virtual void storage_written() = 0;           // files were written or deleted: sync them soon
    virtual void storage_set_dirty(bool dirty) = 0;  // edits not yet written: warn before closing
    virtual void storage_reload_done() = 0;
    virtual void storage_take_over() = 0;         // a reader asks the writer tab to hand over
    virtual void storage_restore() = 0;           // after `cleared`: write everything back, as asked

    // Out of the app.
    virtual void download(std::string_view name, std::string_view bytes, std::string_view mime_type) = 0;
    virtual void open_url(std::string_view url) = 0;
    // A text version of what the canvas shows, for screen readers (see UiIntents::page_text).
    virtual void set_page_text(std::string_view outline) = 0;
    virtual std::string load_preference(std::string_view key) = 0;
    virtual void save_preference(std::string_view key, std::string_view value) = 0;

    // Files chosen (pick_files opens the chooser) or dropped on the page.
    virtual void pick_files() = 0;
    virtual std::optional<Choice> take_choice() = 0;  // a complete new choice, once
    virtual std::string chosen_bytes(std::size_t index, std::size_t max = SIZE_MAX) = 0;
    virtual void forget_choice() = 0;

    // The chosen files imported in a worker. `me`: the person's own addresses, for a history
    // import (mailboxes and calendars); the worker guesses them when there are none.
    virtual void start_import(std::int64_t now, const std::vector<std::string>& me) = 0;
    virtual ImportStatus import_status() = 0;
    virtual ImportOutput take_import_output() = 0;
    virtual void cancel_import() = 0;

    // Backup encryption and decryption (WebCrypto). take_crypto returns Running until the job
    // ends, then Done or Failed once, then None.
    virtual CryptoJob start_encrypt(std::string_view backup, std::string_view passphrase, std::uint32_t iterations) = 0;
    virtual CryptoJob start_decrypt(std::uint32_t iterations, std::string_view salt, std::string_view iv,
                                    std::string_view sealed, std::string_view passphrase) = 0;
    virtual CryptoOutput take_crypto(CryptoJob job) = 0;

    // Sync (web/sync.js): one operation of io/sync_ops.hpp per job, performed with fetch and
    // WebCrypto. The data key stays in JavaScript (a CryptoKey that cannot be read back);
    // take_sync returns nullopt while the job runs, then its outcome once.
    virtual SyncJob start_sync(const SyncServer& server, const io::sync::Op& op) = 0;
    virtual std::optional<io::sync::Outcome> take_sync(SyncJob job) = 0;
    // Keep the data key in this browser's IndexedDB so that sync goes on after a reload, or
    // forget it (and any kept copy) when the person turns sync off or does not tick "remember".
    virtual void sync_remember_key(bool remember) = 0;
    // Sync turned off: drop the data key from memory too, and any kept copy.
    virtual void sync_forget_key() = 0;
    // True once after the browser reports the network back (the 'online' event).
    virtual bool came_online() = 0;
};

}  // namespace ties::platform
