// The sync engine's runs and its rules; see sync.hpp.
//
// Sections: the state file · what to push and how to pull · a sync run · setting up · words.
#include "io/sync.hpp"

#include "core/text.hpp"
#include "io/backup.hpp"
#include "io/binary_archive.hpp"
#include "io/codec.hpp"
#include "io/envelope.hpp"

#include <algorithm>
#include <exception>
#include <unordered_set>

namespace ties::io::sync {
namespace {

constexpr std::uint32_t kStateVersion = 2;  // 2: the folder, user, remember and password
constexpr Millis kDay = 24LL * 60 * 60 * 1000;

void put_id(BinaryWriter& out, Id id) {
    out.put_number(id.hi);
    out.put_number(id.lo);
}
Id get_id(BinaryReader& in) {
    Id id;
    in.get_number(id.hi);
    in.get_number(id.lo);
    return id;
}
void put_text(BinaryWriter& out, std::string_view text) {
    out.put_size(text.size());
    out.put_bytes(text.data(), text.size());
}
std::string get_text(BinaryReader& in) {
    std::string text(static_cast<std::size_t>(in.get_size(1)), '\0');
    in.get_bytes(text.data(), text.size());
    return text;
}

}  // namespace

Stamp stamp_of(const Record& record) {
    const RecordMeta& meta = meta_of(record);
    return Stamp{meta.updated, meta.deleted};
}

// --- The state file ----------------------------------------------------------------------------
// A SyncState envelope (binary payload): a version, the vault, the device, counters, the seen
// numbers, the known stamps, and the kept versions as an embedded binary record payload.

std::string encode_state(const SyncState& state) {
    std::string out;
    BinaryWriter w(out);
    w.put_number(kStateVersion);
    put_id(w, state.vault.id);
    w.put_number(state.vault.iterations);
    put_text(w, state.vault.salt);
    put_text(w, state.vault.wrapped_key);
    put_id(w, state.device);
    w.put_number(state.next_number);
    w.put_number(state.logs_since_snapshot);
    w.put_number(state.last_sync);
    w.put_size(state.seen.size());
    for (const auto& [device, number] : state.seen) {
        put_id(w, device);
        w.put_number(number);
    }
    // Sorted, so that the same state always gives the same bytes.
    std::vector<std::pair<Id, Stamp>> known(state.known.begin(), state.known.end());
    std::sort(known.begin(), known.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    w.put_size(known.size());
    for (const auto& [id, stamp] : known) {
        put_id(w, id);
        w.put_number(stamp.updated);
        w.put_number(stamp.deleted);
    }
    Payload kept;
    for (const KeptVersion& version : state.kept) kept.records.push_back(version.record);
    put_text(w, encode_binary(kept));
    for (const KeptVersion& version : state.kept) w.put_number(version.kept_at);
    put_text(w, state.folder_url);
    put_text(w, state.user);
    w.put_number(std::uint32_t{state.remember ? 1u : 0u});
    put_text(w, state.remember ? state.password : std::string());
    return wrap(FileKind::SyncState, out, kBinaryPayload);
}

StateRead decode_state(std::string_view bytes) {
    StateRead result;
    const Unwrapped envelope = unwrap(bytes);
    if (!envelope.ok()) {
        result.error = envelope.error;
        return result;
    }
    if (envelope.kind != FileKind::SyncState) {
        result.error = problem("not a sync state file");
        return result;
    }
    try {
        BinaryReader r(envelope.payload);
        std::uint32_t version = 0;
        r.get_number(version);
        if (version < 1 || version > kStateVersion) {
            result.error = problem("the sync state was written by a newer Ties (version " + std::to_string(version) + ")");
            return result;
        }
        SyncState& s = result.state;
        s.vault.id = get_id(r);
        r.get_number(s.vault.iterations);
        s.vault.salt = get_text(r);
        s.vault.wrapped_key = get_text(r);
        s.device = get_id(r);
        r.get_number(s.next_number);
        r.get_number(s.logs_since_snapshot);
        r.get_number(s.last_sync);
        for (std::uint64_t n = r.get_size(24); n > 0; --n) {
            const Id device = get_id(r);
            r.get_number(s.seen[device]);
        }
        const std::uint64_t known = r.get_size(25);
        s.known.reserve(static_cast<std::size_t>(known));
        for (std::uint64_t n = known; n > 0; --n) {
            const Id id = get_id(r);
            Stamp& stamp = s.known[id];
            r.get_number(stamp.updated);
            r.get_number(stamp.deleted);
        }
        Decoded kept = decode_binary(get_text(r));
        if (!kept.ok()) {
            result.error = kept.error;
            return result;
        }
        for (Record& record : kept.payload.records) {
            KeptVersion entry{std::move(record), 0};
            r.get_number(entry.kept_at);
            s.kept.push_back(std::move(entry));
        }
        if (version >= 2) {
            s.folder_url = get_text(r);
            s.user = get_text(r);
            std::uint32_t remember = 0;
            r.get_number(remember);
            s.remember = remember == 1;
            s.password = get_text(r);
        }
        if (r.remaining() != 0) result.error = problem("the sync state has " + std::to_string(r.remaining()) + " bytes too many");
    } catch (const std::exception& e) {
        result.error = problem(std::string("the sync state is damaged: ") + e.what());
    }
    return result;
}

// --- What to push and how to pull ---------------------------------------------------------------

namespace {

template <typename Map, typename Visit>
void each_record(const Map& map, Visit&& visit) {
    for (const auto& [id, value] : map) visit(id, value);
}

template <typename Visit>
void each_record(const Store& store, Visit&& visit) {
    each_record(store.contacts(), visit);
    each_record(store.interactions(), visit);
    each_record(store.events(), visit);
    each_record(store.opportunities(), visit);
    visit(kSettingsId, store.settings());
}

bool differs(const SyncState& state, Id id, const RecordMeta& meta) {
    const auto it = state.known.find(id);
    return it == state.known.end() || it->second != Stamp{meta.updated, meta.deleted};
}

void keep(SyncState& state, Record record, Millis now) {
    state.kept.push_back(KeptVersion{std::move(record), now});
    if (state.kept.size() > kKeptLimit) state.kept.erase(state.kept.begin());
}

}  // namespace

std::vector<Record> outgoing(const Store& store, const SyncState& state) {
    std::vector<Record> out;
    std::optional<std::vector<Id>> changed;
    if (state.pushed_lineage == store.lineage()) changed = store.changed_since(state.pushed_version);
    if (!changed) {
        each_record(store, [&](Id id, const auto& value) {
            if (differs(state, id, value.meta)) out.emplace_back(value);
        });
        return out;
    }
    std::vector<Id>& ids = *changed;
    ids.insert(ids.end(), state.recheck.begin(), state.recheck.end());
    std::unordered_set<Id, IdHash> looked;
    for (const Id id : ids) {
        if (!looked.insert(id).second) continue;
        std::optional<Record> record = store.record(id);
        if (record && differs(state, id, meta_of(*record))) out.push_back(std::move(*record));
    }
    return out;
}

PullPlan plan_pull(const Store& current, Store incoming, SyncState& state, Millis limit, Millis now) {
    PullPlan plan;
    // This device's own records stamped beyond the limit (its clock ran ahead) come back to it.
    if (current.newest_stamp() > limit) {
        each_record(current, [&](Id, const auto& value) {
            if (value.meta.updated > limit) {
                auto restamped = value;
                restamped.meta.updated = limit;
                plan.change.records.emplace_back(std::move(restamped));
            }
        });
    }
    std::vector<Record> records = all_records(incoming);
    incoming.clear();
    for (Record& theirs : records) {
        RecordMeta& meta = meta_of(theirs);
        if (meta.updated > limit) meta.updated = limit;
        const Id id = std::holds_alternative<Settings>(theirs) ? kSettingsId : meta.id;
        const auto known = state.known.find(id);
        const bool seen_before = known != state.known.end() && known->second == stamp_of(theirs);
        const std::optional<Record> mine = current.record(id);
        const bool edited_here = mine && differs(state, id, meta_of(*mine));
        const bool settings = std::holds_alternative<Settings>(theirs);
        state.known[id] = stamp_of(theirs);
        if (!mine) {
            if (!meta.deleted) ++plan.added;
            plan.change.records.push_back(std::move(theirs));
            continue;
        }
        const bool same = same_content(theirs, *mine);
        if (record_wins(theirs, *mine)) {
            // An edit here that has not reached the vault loses to a newer one: keep it.
            if (edited_here && !same && !meta_of(*mine).deleted && !settings) {
                keep(state, *mine, now);
                ++plan.kept;
            }
            if (meta.deleted && !meta_of(*mine).deleted) ++plan.deleted;
            else if (!same) ++plan.changed;
            plan.change.records.push_back(std::move(theirs));
            continue;
        }
        state.recheck.push_back(id);  // not applied: the record here may now differ from the vault
        if (!seen_before && !same && !meta.deleted && !settings && !state.known.empty()) {
            // Another device's edit, new to this one, loses to an edit made here: keep it.
            keep(state, std::move(theirs), now);
            ++plan.kept;
        }
    }
    const std::string words = pulled_words(plan, false);
    plan.change.label = words.empty() ? "Sync" : "Sync: " + words;
    return plan;
}

std::string pulled_words(const PullPlan& plan, bool with_kept) {
    std::vector<std::string> parts;
    if (plan.added) parts.push_back(counted(plan.added, "new record", "new records"));
    if (plan.changed) parts.push_back(counted(plan.changed, "change", "changes"));
    if (plan.deleted) parts.push_back(counted(plan.deleted, "deletion", "deletions"));
    if (with_kept && plan.kept) parts.push_back(counted(plan.kept, "conflict kept", "conflicts kept"));
    return join_list(parts);
}

// --- A sync run ---------------------------------------------------------------------------------

SyncRun::SyncRun(SyncState state, RunOptions options) : state_(std::move(state)), options_(options) {
    if (!state_.set_up()) {
        fail(Failure::Missing, "Sync is not set up on this device.");
        return;
    }
    ask(Step::ReadVault, Op{OpKind::Get, kVaultFile, {}, {}, {}, 0});
}

void SyncRun::ask(Step step, Op op) {
    step_ = step;
    op_ = std::move(op);
    need_ = Need::Op;
}

void SyncRun::fail(Failure failure, std::string text) {
    failure_ = failure;
    error_ = problem(std::move(text));
    step_ = Step::Done;
    need_ = Need::Done;
}

void SyncRun::pushed() {
    state_.pushed_lineage = pushing_lineage_;
    state_.pushed_version = pushing_version_;
    state_.recheck.clear();
}

void SyncRun::finish() {
    state_.last_sync = options_.now;
    step_ = Step::Done;
    need_ = Need::Done;
}

Millis SyncRun::clamp_limit() const {
    return (report_.server_time > 0 ? report_.server_time : options_.now) + kDay;
}

void SyncRun::done(Outcome outcome) {
    if (need_ != Need::Op) return;
    if (outcome.server_time > 0) report_.server_time = outcome.server_time;
    switch (step_) {
    case Step::ReadVault: {
        if (outcome.failure == Failure::Missing) {
            return fail(Failure::Missing,
                        "The sync folder no longer holds a Ties vault: it was emptied, moved or replaced. Nothing "
                        "was changed on this device. Set sync up again in Settings to start a new vault.");
        }
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "reading the sync folder"));
        const VaultRead vault = read_vault_json(outcome.bytes);
        if (!vault.ok()) return fail(Failure::Server, "The sync folder's vault.json is not readable: " + vault.error->text);
        if (vault.vault.id != state_.vault.id) {
            return fail(Failure::Refused,
                        "The sync folder holds a different vault now: sync was set up again, from this device or "
                        "another. Nothing was changed on this device. Set sync up again in Settings to join it.");
        }
        return ask(Step::ListDevices, Op{OpKind::List, kDevicesFolder, {}, {}, {}, 0});
    }
    case Step::ListDevices:
        if (!outcome.ok() && outcome.failure != Failure::Missing)
            return fail(outcome.failure, explain(outcome.failure, outcome, "listing the devices"));
        devices_folder_missing_ = outcome.failure == Failure::Missing;
        for (const Entry& entry : outcome.entries) {
            const std::optional<Id> device = Id::parse(entry.name);
            if (entry.folder && device) devices_.push_back(*device);
        }
        std::sort(devices_.begin(), devices_.end());
        return list_next_device();
    case Step::ListDevice:
        if (!outcome.ok() && outcome.failure != Failure::Missing)
            return fail(outcome.failure, explain(outcome.failure, outcome, "listing a device's files"));
        plan_device(devices_[next_device_ - 1], outcome.entries);
        return list_next_device();
    case Step::Fetch: {
        const Wanted& wanted = wanted_[next_wanted_ - 1];
        if (outcome.failure == Failure::Missing) {
            // The device compacted since the listing: its snapshot will be read next time.
            skipped_.push_back(wanted.device);
            return fetch_next();
        }
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "fetching a device's changes"));
        report_.bytes_read += outcome.bytes.size();
        std::string error;
        const std::optional<std::string_view> sealed = unseal_file(outcome.bytes, error);
        if (!sealed) {
            return fail(Failure::Server, "A file from device " + wanted.device.to_string().substr(0, 8) +
                                             " is damaged on the server (" + error +
                                             "). Nothing was changed; the next sync tries again.");
        }
        return ask(Step::OpenFile, Op{OpKind::Open, {}, std::string(*sealed),
                                      file_aad(state_.vault.id, wanted.device, wanted.name.role, wanted.name.number), {}, 0});
    }
    case Step::OpenFile: {
        const Wanted& wanted = wanted_[next_wanted_ - 1];
        if (!outcome.ok()) {
            if (outcome.failure == Failure::Refused) {
                return fail(Failure::Refused,
                            "A file in the sync folder does not open with this vault's key: it was changed, or put "
                            "there by someone else. Nothing was changed on this device.");
            }
            return fail(outcome.failure, explain(outcome.failure, outcome, "opening a device's changes"));
        }
        const Unwrapped inner = unwrap(outcome.bytes);
        Decoded decoded;
        if (inner.ok()) decoded = decode_payload(inner.format_version, inner.payload);
        if (!inner.ok() || !decoded.ok()) {
            return fail(Failure::Server, "A file from device " + wanted.device.to_string().substr(0, 8) +
                                             " opened but is not readable (" +
                                             to_string(inner.ok() ? decoded.error : inner.error) +
                                             "). Nothing was changed.");
        }
        ++report_.files_read;
        report_.records_read += decoded.payload.records.size();
        for (Record& record : decoded.payload.records) {
            const std::optional<Record> have =
                incoming_.record(std::holds_alternative<Settings>(record) ? kSettingsId : meta_of(record).id);
            if (!have || record_wins(record, *have)) incoming_.load(std::move(record));
        }
        std::uint64_t& reached = reached_[wanted.device];
        reached = std::max(reached, wanted.name.number);
        return fetch_next();
    }
    case Step::MakeDevicesFolder:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "creating the devices folder"));
        devices_folder_missing_ = false;
        return ask(Step::MakeOwnFolder, Op{OpKind::MakeFolder, device_folder(state_.device), {}, {}, {}, 0});
    case Step::MakeOwnFolder:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "creating this device's folder"));
        own_folder_exists_ = true;
        return seal_pending();
    case Step::Seal:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "encrypting this device's changes"));
        return ask(Step::Put, Op{OpKind::Put, file_path(state_.device, pushing_role_, pushing_number_),
                                 seal_file(outcome.bytes), {}, {}, 0});
    case Step::Put:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "sending this device's changes"));
        report_.bytes_written += op_.bytes.size();
        for (const Record& record : pushing_) {
            const Id id = std::holds_alternative<Settings>(record) ? kSettingsId : meta_of(record).id;
            state_.known[id] = stamp_of(record);
        }
        pushed();
        if (pushing_role_ == FileRole::Log) {
            report_.records_pushed += pushing_.size();
            ++state_.logs_since_snapshot;
            pushing_.clear();
            if (state_.logs_since_snapshot >= options_.snapshot_after_logs) return start_snapshot();
            return finish();
        }
        report_.snapshot_written = true;
        if (report_.records_pushed == 0) report_.records_pushed = pushing_.size();
        pushing_.clear();
        state_.logs_since_snapshot = 0;
        for (const FileName& name : own_names_) {
            if (name.number < pushing_number_) to_delete_.push_back(file_path(state_.device, name.role, name.number));
        }
        return delete_next();
    case Step::DeleteOld:
        if (outcome.ok() || outcome.failure == Failure::Missing) ++report_.files_deleted;
        else return finish();  // left for the next compaction: a later snapshot covers them
        return delete_next();
    case Step::Apply:
    case Step::Done:
        return;
    }
}

void SyncRun::list_next_device() {
    if (next_device_ < devices_.size()) {
        const Id device = devices_[next_device_++];
        return ask(Step::ListDevice, Op{OpKind::List, device_folder(device), {}, {}, {}, 0});
    }
    fetch_next();
}

void SyncRun::plan_device(Id device, const std::vector<Entry>& entries) {
    std::vector<FileName> names;
    for (const Entry& entry : entries) {
        if (entry.folder) continue;
        const std::optional<FileName> name = parse_file_name(entry.name);
        if (!name) continue;
        if (entry.size > options_.max_file_bytes && device != state_.device) {
            ++report_.files_skipped;
            continue;
        }
        names.push_back(*name);
    }
    std::sort(names.begin(), names.end(), [](const FileName& a, const FileName& b) { return a.number < b.number; });
    if (device == state_.device) {
        own_folder_exists_ = true;
        own_names_ = names;
        return;
    }
    const auto seen = state_.seen.find(device);
    const std::uint64_t after = seen == state_.seen.end() ? 0 : seen->second;
    std::uint64_t snapshot = 0;
    for (const FileName& name : names) {
        if (name.role == FileRole::Snapshot) snapshot = std::max(snapshot, name.number);
    }
    // A snapshot newer than what was seen covers every log up to it, deleted ones included.
    const std::uint64_t from = snapshot > after ? snapshot : after;
    if (snapshot > after) wanted_.push_back(Wanted{device, FileName{FileRole::Snapshot, snapshot}});
    for (const FileName& name : names) {
        if (name.role == FileRole::Log && name.number > from) wanted_.push_back(Wanted{device, name});
    }
}

void SyncRun::fetch_next() {
    while (next_wanted_ < wanted_.size()) {
        const Wanted& wanted = wanted_[next_wanted_++];
        if (std::find(skipped_.begin(), skipped_.end(), wanted.device) != skipped_.end()) continue;
        return ask(Step::Fetch, Op{OpKind::Get, file_path(wanted.device, wanted.name.role, wanted.name.number), {}, {}, {}, 0});
    }
    step_ = Step::Apply;
    need_ = Need::Apply;
}

void SyncRun::applied(const Store& store) {
    if (need_ != Need::Apply) return;
    for (const auto& [device, number] : reached_) {
        std::uint64_t& seen = state_.seen[device];
        seen = std::max(seen, number);
    }
    if (!options_.push) return finish();
    store_ = &store;
    std::uint64_t number = state_.next_number;
    for (const FileName& name : own_names_) number = std::max(number, name.number + 1);
    pushing_number_ = number;
    pushing_ = outgoing(store, state_);
    pushing_lineage_ = store.lineage();
    pushing_version_ = store.version();
    const bool first = state_.known.size() <= 1;  // at most the settings
    if (pushing_.empty()) {
        pushed();
        if (state_.logs_since_snapshot >= options_.snapshot_after_logs) return start_snapshot();
        return finish();
    }
    if (first || pushing_.size() * 2 > store.record_count()) return start_snapshot();
    pushing_role_ = FileRole::Log;
    state_.next_number = pushing_number_ + 1;  // burnt even if the push fails
    if (!own_folder_exists_) return make_own_folder();
    seal_pending();
}

void apply_pulled(SyncRun& run, const Store& store, Millis now, const std::function<void(Change)>& apply) {
    PullPlan plan = plan_pull(store, std::move(run.pulled()), run.state(), run.clamp_limit(), now);
    Change change = std::move(plan.change);
    plan.change = {};
    run.report().pulled = std::move(plan);
    if (!change.records.empty()) apply(std::move(change));
    run.applied(store);
}

void run_to_end(SyncRun& run, Store& store, const std::function<Outcome(const Op&)>& perform) {
    for (;;) {
        switch (run.need()) {
        case SyncRun::Need::Op: run.done(perform(run.op())); break;
        case SyncRun::Need::Apply:
            apply_pulled(run, store, run.options().now, [&store](Change change) { store.apply_as_is(std::move(change)); });
            break;
        case SyncRun::Need::Done: return;
        }
    }
}

void SyncRun::start_snapshot() {
    std::uint64_t number = state_.next_number;
    for (const FileName& name : own_names_) number = std::max(number, name.number + 1);
    pushing_number_ = number;
    state_.next_number = number + 1;
    pushing_role_ = FileRole::Snapshot;
    pushing_ = all_records(*store_);
    if (!own_folder_exists_) return make_own_folder();
    seal_pending();
}

void SyncRun::make_own_folder() {
    if (devices_folder_missing_) return ask(Step::MakeDevicesFolder, Op{OpKind::MakeFolder, kDevicesFolder, {}, {}, {}, 0});
    ask(Step::MakeOwnFolder, Op{OpKind::MakeFolder, device_folder(state_.device), {}, {}, {}, 0});
}

void SyncRun::seal_pending() {
    const Payload payload{0, pushing_number_, pushing_};
    const FileKind kind = pushing_role_ == FileRole::Log ? FileKind::Journal : FileKind::Snapshot;
    ask(Step::Seal, Op{OpKind::Seal, {}, wrap(kind, encode_binary(payload), kBinaryPayload),
                       file_aad(state_.vault.id, state_.device, pushing_role_, pushing_number_), {}, 0});
}

void SyncRun::delete_next() {
    if (next_delete_ < to_delete_.size()) {
        return ask(Step::DeleteOld, Op{OpKind::Delete, to_delete_[next_delete_++], {}, {}, {}, 0});
    }
    finish();
}

// --- Setting up ---------------------------------------------------------------------------------

SetupRun::SetupRun(SetupOptions options) : options_(std::move(options)) {
    if (options_.create_folder) ask(Step::MakeFolder, Op{OpKind::MakeFolder, "", {}, {}, {}, 0});
    else ask(Step::Probe, Op{OpKind::Probe, "", {}, {}, {}, 0});
}

void SetupRun::ask(Step step, Op op) {
    step_ = step;
    op_ = std::move(op);
}

void SetupRun::fail(Failure failure, std::string text) {
    failure_ = failure;
    error_ = problem(std::move(text));
    step_ = Step::Done;
}

SyncState SetupRun::state() const {
    SyncState state;
    if (!ok() || step_ != Step::Done) return state;
    state.vault = vault_;
    state.device = options_.device;
    return state;
}

void SetupRun::done(Outcome outcome) {
    switch (step_) {
    case Step::Probe:
    case Step::MakeFolder:
        if (outcome.failure == Failure::Missing && step_ == Step::Probe) {
            folder_missing_ = true;
            return fail(Failure::Missing, "The folder does not exist on the server. Ties can create it.");
        }
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "reaching the folder"));
        return ask(Step::ReadVault, Op{OpKind::Get, kVaultFile, {}, {}, {}, 0});
    case Step::ReadVault: {
        if (outcome.failure == Failure::Missing) {
            created_ = true;
            vault_.id = options_.new_vault;
            vault_.iterations = options_.iterations;
            return ask(Step::MakeRoot, Op{OpKind::MakeFolder, kRootFolder, {}, {}, {}, 0});
        }
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "reading the vault"));
        const VaultRead read = read_vault_json(outcome.bytes);
        if (!read.ok()) return fail(Failure::Server, "The folder's ties/vault.json is not readable: " + read.error->text);
        vault_ = read.vault;
        return ask(Step::Unlock, Op{OpKind::Unlock, vault_.salt, vault_.wrapped_key, key_aad(vault_.id),
                                    options_.passphrase, vault_.iterations});
    }
    case Step::Unlock:
        if (outcome.failure == Failure::Refused) {
            return fail(Failure::Refused,
                        "Wrong sync passphrase: it does not open the vault in this folder. Use the passphrase you "
                        "chose when you set sync up on your first device.");
        }
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "opening the vault"));
        step_ = Step::Done;
        return;
    case Step::MakeRoot:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "creating the ties folder"));
        return ask(Step::MakeDevices, Op{OpKind::MakeFolder, kDevicesFolder, {}, {}, {}, 0});
    case Step::MakeDevices:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "creating the devices folder"));
        return ask(Step::CreateKey, Op{OpKind::CreateKey, {}, {}, key_aad(vault_.id), options_.passphrase,
                                       vault_.iterations});
    case Step::CreateKey:
        if (!outcome.ok() || outcome.bytes.size() != 16 + kWrappedKeySize)
            return fail(outcome.ok() ? Failure::Server : outcome.failure,
                        explain(outcome.ok() ? Failure::Server : outcome.failure, outcome, "making the vault's key"));
        vault_.salt = outcome.bytes.substr(0, 16);
        vault_.wrapped_key = outcome.bytes.substr(16);
        return ask(Step::PutVault, Op{OpKind::Put, kVaultFile, vault_json(vault_), {}, {}, 0});
    case Step::PutVault:
        if (!outcome.ok()) return fail(outcome.failure, explain(outcome.failure, outcome, "writing the vault"));
        step_ = Step::Done;
        return;
    case Step::Done:
        return;
    }
}

// --- Words --------------------------------------------------------------------------------------

std::string explain(Failure failure, const Outcome& outcome, std::string_view doing) {
    std::string text;
    switch (failure) {
    case Failure::None: return {};
    case Failure::Unreachable:
        text = "The server did not answer, or the connection broke off: you may be offline, or the address is "
               "wrong.";
        break;
    case Failure::Cors:
        text = "The server answered, but the browser kept its answer from Ties because the server does not allow "
               "this page (CORS). The server must answer OPTIONS without asking for a password and send "
               "Access-Control-Allow-Origin (this page's address), Access-Control-Allow-Methods: OPTIONS, "
               "PROPFIND, GET, PUT, DELETE, MKCOL, Access-Control-Allow-Headers: Authorization, Depth, "
               "Content-Type, and Access-Control-Expose-Headers: ETag, Date. The README has snippets for "
               "Apache, nginx and Nextcloud.";
        break;
    case Failure::Timeout: text = "The server took too long to answer. The next sync tries again."; break;
    case Failure::Unauthorized:
        text = "The server refused the user name or password. Check them (Nextcloud wants an app password).";
        break;
    case Failure::Forbidden: text = "The server does not let this user write the folder."; break;
    case Failure::Missing: text = "The folder is not on the server."; break;
    case Failure::Server:
        if (outcome.status >= 300 && outcome.status <= 399)  // not followed: see web/sync.js and sync_curl.cpp
            text = "The server sends this address elsewhere (a redirect). Set sync up with the address it points to: "
                   "often the same one with https:// or a final /.";
        else
            text = "The server had a problem. The next sync tries again.";
        break;
    case Failure::Refused: text = "The vault's key does not open the data: wrong passphrase, or a changed file."; break;
    case Failure::NoKey: text = "Sync needs your sync passphrase on this device again."; break;
    }
    std::string out = "While " + std::string(doing) + ": " + text;
    if (!outcome.detail.empty()) out += " (" + outcome.detail + ")";
    return out;
}

}  // namespace ties::io::sync
