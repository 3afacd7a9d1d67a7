// Runs sync for the app's session: keeps this device's SyncState in the data folder, sets sync up
// from Settings, starts a run on start, a few seconds after each save, when the network comes
// back, every few minutes, and on "Sync now", and moves the running one on each tick by handing
// its operations to the Host. Failures wait longer each time before the next try, except those
// only the person can mend (a wrong passphrase, a replaced vault), which wait for them.
#pragma once

#include "core/store.hpp"
#include "io/sync.hpp"
#include "platform/host.hpp"
#include "ui/intents.hpp"

#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ties::app {

class SyncDriver {
public:
    SyncDriver(platform::Host& host, std::filesystem::path folder);

    // Reads this device's sync state and settings; a device that is set up syncs soon.
    void open();

    // Moves sync on (writer tabs only). `apply` applies a pulled change as is (journaled, one
    // undo step). True when what the page shows changed.
    using Apply = std::function<void(Change)>;
    bool tick(const Store& store, const Apply& apply, IdGenerator& ids);

    // What the person asked in Settings. A restored version comes back as a change to apply as
    // a new edit, so that it wins on every device.
    std::optional<Change> act(const ui::SyncAsk& ask);

    void edited();  // a local edit: push it in a few seconds
    double seconds_until_due() const;  // for the sleeping page; infinity when nothing is due
    ui::SyncView view() const;
    const io::sync::SyncState& state() const { return state_; }

    static constexpr double kAfterEditSeconds = 3;
    static constexpr double kPeriodSeconds = 300;
    static constexpr double kFirstRetrySeconds = 10;
    static constexpr double kLastRetrySeconds = 600;
    static constexpr std::uint32_t kIterations = 600'000;

private:
    bool step(const Store& store, const Apply& apply);
    void start_job();
    void finished_run();
    void finished_setup(IdGenerator& ids);
    void save_state();
    void load_state();
    void forget();
    void schedule(double seconds);
    double next_due() const;  // host seconds; < 0: nothing due
    std::string describe(const io::sync::RunReport& report) const;

    platform::Host& host_;
    std::filesystem::path folder_;
    io::sync::SyncState state_;
    std::uint64_t state_file_ = 0;        // the number of the newest state file
    platform::SyncServer server_;
    bool remember_ = false;
    bool locked_ = false;                 // needs the password or passphrase again
    double due_ = -1;                     // host seconds; < 0: nothing due
    double edit_due_ = -1;                // when local edits go up (debounced)
    double first_edit_ = -1;              // the first edit not yet pushed
    bool backing_off_ = false;            // the last run failed and waits to retry
    double retry_ = SyncDriver::kFirstRetrySeconds;
    std::string problem_;
    bool folder_missing_ = false;
    std::optional<io::sync::SyncRun> run_;
    std::optional<io::sync::SetupRun> setup_;
    std::optional<ui::SyncSetup> setup_ask_;
    std::optional<platform::SyncJob> job_;
    std::deque<ui::SyncView::Run> history_;
};

}  // namespace ties::app
