// The storage engine: keeps a Store in a folder as a snapshot plus journal files of edits, so a
// save costs about the same whatever the store's size. Used on a plain folder natively and on the
// IDBFS mount in the browser (src/platform decides when that folder is synced to IndexedDB).
//
// Files: snapshot-GGGGGGGG.ties holds every record at generation G; journal-GGGGGGGG-SSSSSSSS.ties
// holds the records changed by one save. Every save writes a new file name (Emscripten 3.1.6's
// IDBFS cannot rename over a file safely). Compaction writes snapshot G+1; the files of
// generation G are deleted only after the platform reports that G+1 is durable (committed()).
// Load takes the newest snapshot that reads back intact, then every intact journal of that
// generation or later in order; damaged files are skipped and reported, never fatal.
#pragma once

#include "core/problem.hpp"
#include "core/store.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

struct LoadReport {
    std::vector<std::string> warnings;  // one line per skipped file: "journal-…: checksum mismatch"
    std::uint64_t generation = 0;       // the snapshot generation used (0: none found)
    std::size_t journals_applied = 0;
    std::size_t records = 0;
};

struct SaveResult {
    std::optional<Problem> error;  // "could not write journal-…: No space left on device"
    bool wrote = false;            // false when there was nothing to save
    bool ok() const { return !error; }
};

// One whole file, read or written the engine's way: a file larger than any Ties file is refused
// unread; a write that fails removes what it wrote. Errors are the system's words.
struct FileBytes {
    std::string bytes;
    std::string error;  // empty when read
};
FileBytes read_file(const std::filesystem::path& path);
std::optional<std::string> write_new_file(const std::filesystem::path& path, std::string_view bytes);

class StorageEngine {
public:
    explicit StorageEngine(std::filesystem::path folder);

    const std::filesystem::path& folder() const { return folder_; }

    // Clears `store` and fills it with the newest intact state in the folder (creating the folder
    // if missing). Never throws.
    LoadReport load(Store& store);

    // The same load in steps, so that the page can show its progress while a large store opens:
    // begin_load() clears the store and finds the files; each load_step() reads about `records`
    // records (a journal is never split); the step that finishes returns load()'s report. The
    // store is only complete, and the engine only ready to save, after that.
    void begin_load(Store& store);
    bool loading() const { return loading_ != nullptr; }
    std::optional<LoadReport> load_step(Store& store, std::size_t records);
    double load_progress() const;  // 0 to 1, by bytes read

    // Writes the store's unsaved records (Store::take_unsaved), after any pending ones from a
    // failed save, as a new journal file. On failure the records stay pending in the engine (see
    // has_pending()) so nothing is lost, and the error says why.
    SaveResult save(Store& store);

    // True when the journals have grown enough that a compaction pays off (by count or by bytes
    // relative to the snapshot).
    bool wants_compaction() const;
    // Compaction rewrites the whole store (about 3 s at 100,000 interactions in wasm, blocking the
    // tab), so it waits for many journals; IDBFS syncs walk every file, so not for too many.
    static constexpr std::size_t kCompactAfterJournals = 256;
    // Tests lower it to exercise compaction through the page.
    void set_compaction_threshold(std::size_t journals) { compact_after_journals_ = journals; }

    // Writes a new snapshot generation holding every record of `store` (which must have no
    // unsaved records: save first). The previous generation's files stay until committed().
    SaveResult compact(const Store& store);

    // The same compaction in steps, so that the page keeps drawing while a large store compacts.
    // begin_compaction() fixes which records the snapshot will hold (every record now, in
    // compact()'s order) and opens generation G+1 at once: journals saved from then on belong to
    // it. Each compaction_step() encodes up to `records` of them with their values at that moment;
    // the step that encodes the last one writes snapshot G+1 and returns the result. Edits made
    // meanwhile are in G+1's journals, which load after the snapshot, so nothing is lost: a tab
    // closed half-way loads snapshot G and then every journal of G and of G+1, in order.
    // load() and compact() abandon a compaction in progress.
    void begin_compaction(const Store& store);
    bool compacting() const { return compaction_ != nullptr; }
    std::optional<SaveResult> compaction_step(const Store& store, std::size_t records);

    // Everything written so far is durable (natively: after save/compact; in the browser: after
    // an IndexedDB sync that started after the writes). Deletes files that a committed newer
    // snapshot made obsolete. Returns true when it deleted anything (the deletion needs syncing).
    bool committed();

    // All files the engine currently considers live, for diagnostics and "download my data".
    std::vector<std::filesystem::path> live_files() const;

    // True when a save() failed: its records wait here, not on disk, and the next save() (or a
    // compact()) writes them first. Store::has_unsaved() does not count them: the app needs both
    // to know whether everything is on disk.
    bool has_pending() const { return !pending_.empty(); }

private:
    std::filesystem::path folder_;
    std::size_t compact_after_journals_ = kCompactAfterJournals;
    std::uint64_t generation_ = 0;       // current snapshot generation
    std::uint64_t next_sequence_ = 1;    // next journal sequence in this generation
    std::size_t journal_count_ = 0;
    std::uintmax_t journal_bytes_ = 0;
    std::uintmax_t snapshot_bytes_ = 0;
    std::uint64_t obsolete_below_ = 0;   // generations below this may be deleted once committed
    std::uint64_t snapshot_generation_ = 0;  // generation of the snapshot loaded or written
    bool has_snapshot_ = false;              // false: no intact snapshot (journals only)
    std::vector<Record> pending_;            // records of a failed save, written by the next one
    struct Compaction;
    std::shared_ptr<Compaction> compaction_;  // a compaction in steps, while one runs
    struct Loading;
    std::shared_ptr<Loading> loading_;        // a load in steps, while one runs
    bool open_snapshot(Loading& loading);
    void read_snapshot(Store& store, Loading& loading, std::size_t& budget);
};

}  // namespace ties::io
