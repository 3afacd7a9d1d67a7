// The browser's side of persistence, as the app sees it: where the data folder is, whether this
// tab may write, and whether what the engine wrote has reached IndexedDB. The JavaScript half is
// web/storage.js; natively there is no equivalent (the engine's folder is simply durable).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ties::platform {

inline constexpr const char* kDataFolder = "/data";

enum class StorageMode { Starting, Writer, Reader, Memory };

struct StorageStatus {
    StorageMode mode = StorageMode::Starting;
    std::int64_t written = 0;     // writes reported with storage_written()
    std::int64_t committed = 0;   // the highest of those a finished IndexedDB sync covered
    bool syncing = false;
    bool reload_needed = false;   // /data changed under the app: reload the store from it
};

StorageStatus storage_status();
std::string storage_reason();     // why the tab is read-only or in memory ("" for a writer)
std::string storage_error();      // the last sync error ("" when the last sync succeeded)
std::string storage_persisted();  // navigator.storage.persist(): granted, denied, unsupported, unknown

void storage_written();           // the engine wrote or deleted files: sync them soon
void storage_set_dirty(bool dirty);  // edits not yet written: the page warns before closing
void storage_reload_done();
// A reader asks the writer tab to hand over. The writer's JS side calls the app's exported
// ties_flush() to write pending edits, syncs, and lets go; this tab then reloads and writes.
void storage_take_over();

// Starts a download of `bytes` as a file.
void download(std::string_view filename, std::string_view bytes, std::string_view mime_type);

// 128 bits from the browser's cryptographic RNG, to seed the id generator.
void random_seed(std::uint64_t& hi, std::uint64_t& lo);
std::int64_t now_millis();        // UTC
void local_today(int& year, int& month, int& day);

}  // namespace ties::platform
