#include "app/session.hpp"

#include "core/sample_data.hpp"
#include "io/backup.hpp"
#include "io/crypto_format.hpp"
#include "io/envelope.hpp"
#include "io/exports.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace ties::app {

using platform::StorageMode;
using State = ui::SaveIndicator::State;

Session::Session(platform::Host& host, std::filesystem::path folder, IdGenerator ids)
    : host_(host), engine_(folder), ids_(ids), sync_(host, folder) {
    last_backup_ = Date::parse_iso(host_.load_preference("last_backup"));
}

// A store that opens within open_seconds_ is there for the first frame. A larger one goes on
// loading in slices (continue_loading), with its progress on the page's loading screen, so the
// page is never frozen for seconds; nothing else runs until it is complete.
void Session::open() {
    refresh_status(true);
    engine_.begin_load(store_);
    load_slice(open_seconds_);
}

void Session::continue_loading() {
    if (engine_.loading()) load_slice(slice_seconds_);
}

void Session::load_slice(double seconds) {
    const double until = host_.seconds() + seconds;
    do {
        if (std::optional<io::LoadReport> report = engine_.load_step(store_, load_step_records_)) {
            loaded(*report);
            return;
        }
    } while (host_.seconds() < until);
}

// One call for the numbers each frame; the texts (why read-only, the sync's error, whether the
// browser keeps the data) only when the numbers move, or once a second: an idle tab then asks
// the browser for no strings.
void Session::refresh_status(bool force) {
    const platform::StorageStatus now = host_.storage_status();
    const bool moved = now.mode != storage_.mode || now.written != storage_.written ||
                       now.committed != storage_.committed || now.syncing != storage_.syncing ||
                       now.reload_needed != storage_.reload_needed || now.cleared != storage_.cleared;
    storage_ = now;
    if (now.mode == StorageMode::Writer) refused_changes_ = 0;
    const double seconds = host_.seconds();
    if (!force && !moved && seconds < texts_read_at_ + 1.0) return;
    texts_read_at_ = seconds;
    reason_ = host_.storage_reason();
    sync_error_ = host_.storage_error();
    persisted_ = host_.storage_persisted();
}

void Session::load() { loaded(engine_.load(store_)); }

void Session::loaded(const io::LoadReport& report) {
    load_warnings_ = report.warnings;
    for (const std::string& warning : report.warnings) std::fprintf(stderr, "Ties: %s\n", warning.c_str());
    // Files left over from a compaction whose clean-up was interrupted: the snapshot that
    // replaces them was just read back, so they can go.
    if (storage_.mode == StorageMode::Writer && engine_.committed()) host_.storage_written();
    // Sync's state sits beside the store and changes with it (another tab may have synced).
    sync_.open();
    sync_seen_version_ = store_.version();
}

void Session::fill_with_sample(std::size_t contacts) {
    if (contacts == 0 || loading() || store_.record_count() > 1) return;
    SampleSize size;
    size.contacts = contacts;
    size.interactions = contacts * 4;
    size.events = contacts / 50;
    size.opportunities = contacts / 40;
    for (Record& record : make_sample_data(7, host_.now_millis(), host_.today(), size).records)
        store_.load(std::move(record));  // loaded, not applied: nothing is journaled or saved
}

// Writes the store's unsaved records as a journal file and asks for a sync. Writers only: a
// reader must never write, and in memory there is nowhere durable to write to.
void Session::persist() {
    if (storage_.mode != StorageMode::Writer) return;
    if (!store_.has_unsaved() && !engine_.has_pending()) return;
    const io::SaveResult result = engine_.save(store_);
    if (!result.ok()) {
        save_error_ = to_string(result.error);
        retry_save_at_ = host_.seconds() + kSaveRetrySeconds;
        return;
    }
    save_error_.clear();
    if (result.wrote) host_.storage_written();
}

void Session::apply_change(Change change, bool as_is) {
    if (change.records.empty()) return;
    if (storage_.mode == StorageMode::Reader) {  // the forms refuse first; this is the last guard
        ++refused_changes_;
        return;
    }
    if (as_is) store_.apply_as_is(std::move(change));
    else store_.apply(std::move(change), next_stamp(store_, host_.now_millis()));  // never older than a synced edit
    persist();
}

void Session::report_dirty() {
    const bool dirty = store_.has_unsaved() || engine_.has_pending();
    if (dirty != dirty_reported_) {
        dirty_reported_ = dirty;
        host_.storage_set_dirty(dirty);
    }
}

void Session::maintain_storage() {
    refresh_status();
    if (storage_.reload_needed) {  // another tab saved (we are its reader), or we just took over
        load();
        host_.storage_reload_done();
    }
    if (storage_.mode == StorageMode::Writer) {
        if (host_.seconds() >= retry_save_at_) persist();
        const bool all_committed = storage_.committed >= storage_.written && !storage_.syncing;
        if (compaction_ticket_ >= 0 && storage_.committed >= compaction_ticket_) {
            // The new snapshot is durable: only now may the old generation's files go.
            if (engine_.committed()) host_.storage_written();
            compaction_ticket_ = -1;
        } else {
            if (!engine_.compacting() && compaction_ticket_ < 0 && all_committed && !store_.has_unsaved() &&
                engine_.wants_compaction())
                engine_.begin_compaction(store_);
            if (engine_.compacting()) step_compaction();
        }
    }
    report_dirty();
}

// A slice of the compaction per frame, a few milliseconds' worth, so that the page keeps drawing
// (writing a 100,000-record snapshot at once blocked the tab for seconds). Edits go on meanwhile.
void Session::step_compaction() {
    const double until = host_.seconds() + kCompactionSliceSeconds;
    do {
        const std::optional<io::SaveResult> done = engine_.compaction_step(store_, kCompactionStepRecords);
        if (!done) continue;
        if (done->ok()) {
            host_.storage_written();
            compaction_ticket_ = storage_.written + 1;  // the write just reported
        } else {
            std::fprintf(stderr, "Ties: compaction failed, the journals stay in use: %s\n", to_string(done->error).c_str());
        }
        return;
    } while (host_.seconds() < until);
}

ImportHost Session::import_host() {
    ImportHost host;
    host.platform = &host_;
    host.jobs = &import_jobs_;
    host.store = &store_;
    host.ids = &ids_;
    host.writable = writable();
    host.now = host_.now_millis();
    host.today = host_.today();
    host.apply = [this](Change change, bool as_is) { apply_change(std::move(change), as_is); };
    return host;
}

double Session::seconds_until_due() const {
    if (storage_.mode != StorageMode::Writer) return std::numeric_limits<double>::infinity();
    if (engine_.compacting()) return 0;  // its next slice
    const double sync = sync_.seconds_until_due();
    if (save_error_.empty()) return sync;
    return std::min(sync, std::max(0.0, retry_save_at_ - host_.seconds()));
}

bool Session::tick(ui::ImportUi& import) {
    if (loading()) {
        continue_loading();
        return true;
    }
    const std::uint64_t version = store_.version();
    maintain_storage();
    ImportHost host = import_host();
    bool changed = import_poll(import, host);
    if (encrypting_) {
        platform::CryptoOutput out = host_.take_crypto(*encrypting_);
        if (out.state == platform::JobState::Done) {
            host_.download(io::backup_file_name(host_.today()), io::wrap(io::FileKind::EncryptedBackup, out.bytes),
                           "application/octet-stream");
            remember_backup();
        } else if (out.state == platform::JobState::Failed) {
            std::fprintf(stderr, "Ties: could not encrypt the backup: %s\n", out.error.c_str());
        }
        if (out.state != platform::JobState::Running) {
            encrypting_.reset();
            changed = true;
        }
    }
    if (storage_.mode == StorageMode::Writer) {
        if (store_.version() != sync_seen_version_) sync_.edited();  // an edit, undo or import here
        changed |= sync_.tick(store_, [this](Change pulled) { apply_change(std::move(pulled), true); }, ids_);
        sync_seen_version_ = store_.version();
    }
    refresh_status();  // what this frame's saves and compaction reported
    const ui::SaveIndicator now = indicator();
    if (now.state != last_indicator_.state || now.detail != last_indicator_.detail ||
        now.persisted != last_indicator_.persisted) {
        last_indicator_ = now;
        changed = true;
    }
    return changed || store_.version() != version;
}

bool Session::apply(ui::UiIntents intents, ui::ImportUi& import, const TodayQueue* plan) {
    if (loading()) return false;  // nothing is drawn, so nothing can be asked, until the store is complete
    const std::uint64_t version = store_.version();
    if (intents.change) apply_change(std::move(*intents.change));
    if (intents.undo && writable() && store_.undo(next_stamp(store_, host_.now_millis()))) persist();
    if (intents.redo && writable() && store_.redo(next_stamp(store_, host_.now_millis()))) persist();
    if (intents.export_backup) {
        host_.download(io::backup_file_name(host_.today()), io::backup_bytes(store_), "application/octet-stream");
        remember_backup();
    }
    if (intents.export_encrypted && !encrypting_)
        encrypting_ = host_.start_encrypt(io::backup_bytes(store_), *intents.export_encrypted, io::kPbkdf2Iterations);
    {
        ImportHost host = import_host();
        import_act(import, intents.import, host);
    }
    if (intents.export_file) {  // the same bytes as `ties export`
        const io::ExportFile file = io::export_file(store_, *intents.export_file, host_.today(), host_.now_millis(),
                                                    *intents.export_file == io::ExportFormat::Calendar ? plan : nullptr);
        if (file.ok()) host_.download(file.name, file.bytes, file.mime_type);
        else std::fprintf(stderr, "Ties: %s\n", to_string(file.error).c_str());
    }
    if (writable()) {
        if (std::optional<Change> restore = sync_.act(intents.sync)) apply_change(std::move(*restore));
    }
    if (intents.take_over) host_.storage_take_over();
    if (intents.restore_storage) host_.storage_restore();
    if (intents.open_url) host_.open_url(*intents.open_url);
    if (intents.page_text) host_.set_page_text(*intents.page_text);
    if (intents.dismiss_warnings) load_warnings_.clear();
    return store_.version() != version;
}

void Session::flush() {
    if (loading()) return;  // nothing can have changed yet
    refresh_status(true);
    persist();
    report_dirty();
}

ui::SaveIndicator Session::indicator() const {
    ui::SaveIndicator indicator;
    indicator.persisted = persisted_;
    switch (storage_.mode) {
        case StorageMode::Memory:
            indicator.state = State::InMemory;
            indicator.detail = reason_;
            return indicator;
        case StorageMode::Reader:
            indicator.state = State::ReadOnly;
            indicator.detail = reason_;
            if (refused_changes_ > 0)
                indicator.detail += " A change made in this tab was not saved: choose \"Use Ties here\", then make it again.";
            return indicator;
        case StorageMode::Starting:
        case StorageMode::Writer:
            break;
    }
    if (storage_.cleared) {
        indicator.state = State::Cleared;
        indicator.detail = sync_error_;
    } else if (!save_error_.empty() || !sync_error_.empty()) {
        indicator.state = State::NotSaved;
        indicator.detail = save_error_.empty() ? sync_error_ : save_error_;
    } else if (storage_.written > storage_.committed || storage_.syncing || dirty_reported_) {
        indicator.state = State::Saving;
    } else {
        indicator.state = State::Saved;
    }
    return indicator;
}

ui::SyncView Session::sync_view() const {
    ui::SyncView view = sync_.view();
    view.other_tab = storage_.mode == StorageMode::Reader;
    return view;
}

void Session::remember_backup() {
    last_backup_ = host_.today();
    host_.save_preference("last_backup", last_backup_->iso());
}

bool Session::backup_due() const {
    if (last_backup_ && host_.today().days - last_backup_->days < kBackupReminderDays) return false;
    return std::any_of(store_.contacts().begin(), store_.contacts().end(),
                       [](const auto& entry) { return !entry.second.meta.deleted; });
}

}  // namespace ties::app
