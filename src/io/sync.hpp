// The sync engine: keeps this device's store in step with the other devices' through the vault
// on the person's WebDAV server (sync_format.hpp). It does no input or output itself: a run asks
// for one operation at a time (sync_ops.hpp) and is told the outcome, so the page, the
// command-line tool and the unit tests drive the very same logic.
//
// A run: read vault.json (a missing or different vault stops everything: nothing is changed) ·
// list every device folder · fetch, open and decode the files this device has not seen (the
// newest snapshot of a device when it has compacted since, then its later logs) · hand the
// merged records to the session, which applies them as one step (undoable, in the timeline) ·
// push the records whose stamps differ from what the vault is known to hold, as one new log ·
// now and then write a snapshot and delete this device's older files.
//
// Rules that keep devices equal and nothing lost:
// - the newer edit wins per record (merge_into's rule: `updated`, then a tombstone, then the
//   content hash, so every device picks the same winner); edits are stamped after the newest
//   record seen (Store::next_stamp), and no record may be stamped more than a day after the
//   server's clock: such stamps are brought back to that limit on every device that sees them;
// - a record missing on the server is never taken as deleted: only tombstones delete;
// - when a record was edited here and on another device since they last synced, the version
//   that lost is kept (SyncState::kept) for the person to see and restore;
// - numbers are never reused: a push whose outcome is unknown is followed by a higher number,
//   and a device takes its next number above every file its folder holds.
#pragma once

#include "core/store.hpp"
#include "io/sync_format.hpp"
#include "io/sync_ops.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ties::io::sync {

// What the vault holds of a record, as far as this device knows: its stamp.
struct Stamp {
    Millis updated = 0;
    bool deleted = false;
    bool operator==(const Stamp&) const = default;
};
Stamp stamp_of(const Record& record);

// A version of a record that lost to a newer edit on another device, kept for the person.
struct KeptVersion {
    Record record;
    Millis kept_at = 0;  // when this device noticed
};

// This device's side of the vault, kept in its data folder (never synced): encode_state and
// decode_state, versioned like every file Ties writes.
struct SyncState {
    Vault vault;                         // vault.id empty: sync is not set up
    Id device;
    std::uint64_t next_number = 1;       // of this device's next file
    std::map<Id, std::uint64_t> seen;    // other devices: the highest number applied here
    std::unordered_map<Id, Stamp, IdHash> known;
    std::uint64_t logs_since_snapshot = 0;
    std::vector<KeptVersion> kept;       // newest last; at most kKeptLimit
    Millis last_sync = 0;                // the end of the last run that worked
    // Where and as whom this device syncs (state version 2). Kept here, in the store's own storage
    // that is durable once the page says Saved, and not only in the browser's preferences, which
    // a browser killed seconds after the setup had not written yet (tests/e2e/killed.test.mjs).
    // The password only when the person ticked "remember on this device".
    std::string folder_url, user, password;
    bool remember = false;
    // In memory only, so that a one-edit push does not compare every record: the store (its
    // lineage) and version at which every record matched `known` or went up, and the records
    // whose `known` stamp a pull changed since without changing them. Unset (after a load, or
    // in another store), outgoing() compares every record.
    std::uint64_t pushed_lineage = 0, pushed_version = 0;
    std::vector<Id> recheck;

    bool set_up() const { return !vault.id.empty(); }
};
inline constexpr std::size_t kKeptLimit = 200;

std::string encode_state(const SyncState& state);
struct StateRead {
    std::optional<Problem> error;
    bool ok() const { return !error; }
    SyncState state;
};
StateRead decode_state(std::string_view bytes);

// The records whose stamps differ from what the vault is known to hold: what a push sends.
// Looks only at the records changed since the last push when the state can tell which.
std::vector<Record> outgoing(const Store& store, const SyncState& state);

// What applying pulled records does, decided against the store as it is at that moment.
struct PullPlan {
    Change change;               // for Store::apply_as_is: new and newer records, tombstones
    std::size_t added = 0, changed = 0, deleted = 0, kept = 0;
};
// Plans the pull of `incoming` (every record the run fetched, already merged) into `current`,
// and brings `state` up to date: `known` stamps, kept versions. Records stamped after `limit`
// (the server's time plus a day) come back to `limit`, here and in `current`.
PullPlan plan_pull(const Store& current, Store incoming, SyncState& state, Millis limit, Millis now);

// What a pull brought, in words ("2 new records, 1 change"), with the conflicts kept when asked;
// "" when nothing.
std::string pulled_words(const PullPlan& plan, bool with_kept);

struct RunOptions {
    Millis now = 0;                       // this device's clock
    bool push = true;                     // false: only read (the command-line tool's pull)
    std::size_t snapshot_after_logs = 20;  // compaction: a snapshot once this many logs are up
    std::uint64_t max_file_bytes = 512ull << 20;  // a file bigger than this is refused
};

struct RunReport {
    std::size_t files_read = 0, records_read = 0;
    std::uint64_t bytes_read = 0, bytes_written = 0;
    std::size_t records_pushed = 0;
    bool snapshot_written = false;
    std::size_t files_deleted = 0;
    std::size_t files_skipped = 0;  // bigger than max_file_bytes: not read
    PullPlan pulled;             // the counts of the pull (its change is handed over)
    Millis server_time = 0;
};

class SyncRun {
public:
    SyncRun(SyncState state, RunOptions options);

    enum class Need { Op, Apply, Done };
    Need need() const { return need_; }

    // Need::Op: perform op() and report its outcome.
    const Op& op() const { return op_; }
    void done(Outcome outcome);

    // Need::Apply: the records pulled, merged into one store. The caller plans them against its
    // store (plan_pull with state()), applies the change, then calls applied() with the store
    // as it now is; the push is computed from it.
    Store& pulled() { return incoming_; }
    Millis clamp_limit() const;
    SyncState& state() { return state_; }
    void applied(const Store& store);

    const RunOptions& options() const { return options_; }

    // Need::Done:
    bool ok() const { return !error_; }
    const std::optional<Problem>& error() const { return error_; }
    Failure failure() const { return failure_; }  // what stopped the run (None when it worked)
    const RunReport& report() const { return report_; }
    RunReport& report() { return report_; }

private:
    enum class Step {
        ReadVault, ListDevices, ListDevice, Fetch, OpenFile, Apply, MakeDevicesFolder, MakeOwnFolder, Seal, Put,
        DeleteOld, Done
    };
    struct Wanted {
        Id device;
        FileName name;
    };

    void ask(Step step, Op op);
    void fail(Failure failure, std::string text);
    void finish();
    void list_next_device();
    void plan_device(Id device, const std::vector<Entry>& entries);
    void fetch_next();
    void start_snapshot();
    void make_own_folder();
    void seal_pending();
    void delete_next();
    void pushed();  // what applied() read has reached the vault

    SyncState state_;
    RunOptions options_;
    Need need_ = Need::Op;
    Step step_ = Step::ReadVault;
    Op op_;
    std::optional<Problem> error_;
    Failure failure_ = Failure::None;
    RunReport report_;

    std::vector<Id> devices_;               // folders to list, this device's included
    std::size_t next_device_ = 0;
    bool devices_folder_missing_ = false;
    std::vector<Wanted> wanted_;            // files to fetch, in order
    std::size_t next_wanted_ = 0;
    std::vector<Id> skipped_;               // devices whose files changed while this run read them
    std::map<Id, std::uint64_t> reached_;   // the highest number read per device
    std::vector<FileName> own_names_;       // this device's files on the server
    bool own_folder_exists_ = false;
    Store incoming_;
    const Store* store_ = nullptr;          // from applied() to the end of the push
    std::vector<Record> pushing_;
    std::uint64_t pushing_lineage_ = 0, pushing_version_ = 0;  // the store outgoing() read
    FileRole pushing_role_ = FileRole::Log;
    std::uint64_t pushing_number_ = 0;
    std::vector<std::string> to_delete_;
    std::size_t next_delete_ = 0;
};

// Need::Apply, done for the caller: plans the pulled records against `store` (plan_pull, at
// `now`), hands the change to `apply` when there is one (the page applies it as one undoable
// step), then lets the run go on from the store as it is afterwards. The report keeps the counts.
void apply_pulled(SyncRun& run, const Store& store, Millis now, const std::function<void(Change)>& apply);

// A whole run at once (the command-line tool, the tests, the benchmark): `perform` answers each
// operation, and pulled records are applied to `store` as they are.
void run_to_end(SyncRun& run, Store& store, const std::function<Outcome(const Op&)>& perform);

// Setting sync up on this device: probe the folder, then open the vault that is there with the
// passphrase, or make a new one. The finished state (vault, a new device id) starts sync.
struct SetupOptions {
    std::string passphrase;
    Id new_vault;                 // the id a new vault gets
    Id device;                    // this device's id
    std::uint32_t iterations = 0;  // PBKDF2 for a new vault
    bool create_folder = false;   // the person agreed to create a missing folder
};

class SetupRun {
public:
    explicit SetupRun(SetupOptions options);
    bool finished() const { return step_ == Step::Done; }
    const Op& op() const { return op_; }
    void done(Outcome outcome);

    bool ok() const { return !error_; }
    const std::optional<Problem>& error() const { return error_; }
    Failure failure() const { return failure_; }
    bool folder_missing() const { return folder_missing_; }  // offer to create it
    bool created() const { return created_; }                 // a new vault was made
    SyncState state() const;

private:
    enum class Step { Probe, MakeFolder, ReadVault, Unlock, MakeRoot, MakeDevices, CreateKey, PutVault, Done };
    void ask(Step step, Op op);
    void fail(Failure failure, std::string text);

    SetupOptions options_;
    Step step_ = Step::Probe;
    Op op_;
    std::optional<Problem> error_;
    Failure failure_ = Failure::None;
    bool folder_missing_ = false;
    bool created_ = false;
    Vault vault_;
};

// The sentence a person reads for an operation that failed: what happened and what to do.
std::string explain(Failure failure, const Outcome& outcome, std::string_view doing);

}  // namespace ties::io::sync
