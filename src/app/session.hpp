// The app's session: the store and where it is kept. It loads the store from the data folder,
// saves every edit as a journal through the storage engine, tells the browser to sync the folder
// to IndexedDB, compacts now and then (deleting the old generation only once the new snapshot is
// durable), retries failed saves, follows another tab's saves as a reader, and hands over to a
// tab that takes over. It applies the UI's intents that concern data (edits, undo, imports,
// backups, downloads) and says what the save indicator shows. It talks to the browser only
// through platform::Host, so every state it goes through is tested natively with a fake host
// (tests/unit/session_test.cpp). The window, input and theme stay in web_main.cpp.
#pragma once

#include "app/import_flow.hpp"
#include "app/sync_driver.hpp"
#include "core/store.hpp"
#include "core/today.hpp"
#include "io/storage.hpp"
#include "platform/host.hpp"
#include "ui/intents.hpp"

#include <filesystem>
#include <optional>
#include <algorithm>
#include <string>
#include <vector>

namespace ties::app {

class Session {
public:
    Session(platform::Host& host, std::filesystem::path folder, IdGenerator ids);

    // Reads the store from the folder (the browser has filled it from IndexedDB before main). A
    // store too large to read within a frame or two goes on loading in continue_loading(), once
    // per frame, until loading() is false; until then the session does nothing else.
    void open();
    bool loading() const { return engine_.loading(); }
    double load_progress() const { return engine_.load_progress(); }
    void continue_loading();
    // Tests: one load step of `records` records per frame, to watch a small store open in slices.
    void set_load_step(std::size_t records) {
        load_step_records_ = std::max<std::size_t>(records, 1);
        open_seconds_ = slice_seconds_ = 0;
    }
    // Tests lower the number of journals that makes a compaction worth it.
    void set_compaction_threshold(std::size_t journals) { engine_.set_compaction_threshold(journals); }
    // Benchmarks: an empty store filled with `contacts` generated people, in memory only.
    void fill_with_sample(std::size_t contacts);

    // Every frame the loop runs, drawn or not: a reload after another tab saved, save retries,
    // compaction, the tab's "unsaved edits" flag, background jobs. True when what the page shows
    // changed (so the frame must be drawn).
    bool tick(ui::ImportUi& import);
    // Seconds until tick() has work of its own (a failed save to retry, the next slice of a
    // compaction): a sleeping page wakes by then. Storage and jobs wake it themselves when they
    // move. Infinity when nothing is due.
    double seconds_until_due() const;

    // The intents about data: an edit, undo and redo, imports, backups, exports, links, taking
    // over from another tab. A reader tab changes nothing. True when the store changed. `plan` is
    // today's queue when the caller has it (for the calendar export; else it is built).
    bool apply(ui::UiIntents intents, ui::ImportUi& import, const TodayQueue* plan = nullptr);

    // The tab may go away (hidden, closed, or another tab takes over): write pending edits now.
    void flush();

    ui::SaveIndicator indicator() const;
    const Store& store() const { return store_; }
    IdGenerator& ids() { return ids_; }
    const std::vector<std::string>& load_warnings() const { return load_warnings_; }
    platform::StorageMode mode() const { return storage_.mode; }
    bool writable() const { return storage_.mode != platform::StorageMode::Reader; }
    std::optional<Date> last_backup() const { return last_backup_; }
    // Sync through the person's WebDAV folder (sync_driver.hpp): runs in the writer tab only.
    ui::SyncView sync_view() const;
    const SyncDriver& sync() const { return sync_; }
    // No backup downloaded from this browser in 30 days (or ever), while there are people to lose.
    bool backup_due() const;

    static constexpr double kSaveRetrySeconds = 2.0;
    static constexpr std::int32_t kBackupReminderDays = 30;

private:
    void load();
    void load_slice(double seconds);
    void loaded(const io::LoadReport& report);
    double open_seconds_ = 0.25;   // loading before the first frame; then the loading screen shows progress
    double slice_seconds_ = 0.03;  // a frame's worth of loading
    std::size_t load_step_records_ = 2000;
    void refresh_status(bool force = false);
    void persist();
    void apply_change(Change change, bool as_is = false);
    void maintain_storage();
    void report_dirty();
    void remember_backup();
    ImportHost import_host();

    platform::Host& host_;
    Store store_;
    io::StorageEngine engine_;
    IdGenerator ids_;
    std::vector<std::string> load_warnings_;
    platform::StorageStatus storage_;
    std::string reason_, sync_error_, persisted_;  // the browser's texts about storage, as of texts_read_at_
    double texts_read_at_ = 0;
    int refused_changes_ = 0;  // changes asked of a read-only tab, refused (said until it writes again)
    std::string save_error_;              // the engine's last write error ("" after a good save)
    double retry_save_at_ = 0;
    void step_compaction();
    static constexpr double kCompactionSliceSeconds = 0.008;
    static constexpr std::size_t kCompactionStepRecords = 256;
    std::int64_t compaction_ticket_ = -1;  // the write that holds the last compaction, until committed
    bool dirty_reported_ = false;
    ui::SaveIndicator last_indicator_;
    std::optional<Date> last_backup_;      // the last backup downloaded from this browser
    std::optional<platform::CryptoJob> encrypting_;  // an encrypted backup being made
    ImportJobs import_jobs_;
    SyncDriver sync_;
    std::uint64_t sync_seen_version_ = 0;  // the store's version sync last knew: newer is a local edit
};

}  // namespace ties::app
