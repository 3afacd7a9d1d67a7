#include "app/sync_driver.hpp"

#include "core/text.hpp"
#include "io/storage.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace ties::app {
namespace {

namespace fs = std::filesystem;
using io::sync::Failure;

// This device's sync state: sync-NNNNNNNN.state, a new name for every write (IDBFS cannot
// rename over a file safely), older ones deleted once the new one is written.
constexpr const char* kStatePrefix = "sync-";
constexpr const char* kStateSuffix = ".state";

std::optional<std::uint64_t> state_number(const std::string& name) {
    const std::size_t prefix = std::char_traits<char>::length(kStatePrefix);
    const std::size_t suffix = std::char_traits<char>::length(kStateSuffix);
    if (name.size() != prefix + 8 + suffix || name.rfind(kStatePrefix, 0) != 0 ||
        name.compare(prefix + 8, suffix, kStateSuffix) != 0)
        return std::nullopt;
    std::uint64_t number = 0;
    for (std::size_t i = prefix; i < prefix + 8; ++i) {
        if (name[i] < '0' || name[i] > '9') return std::nullopt;
        number = number * 10 + static_cast<std::uint64_t>(name[i] - '0');
    }
    return number;
}

std::string state_name(std::uint64_t number) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%08llu", static_cast<unsigned long long>(number % 100'000'000));
    return std::string(kStatePrefix) + digits + kStateSuffix;
}

std::vector<std::pair<std::uint64_t, fs::path>> state_files(const fs::path& folder) {
    std::vector<std::pair<std::uint64_t, fs::path>> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (const auto number = state_number(it->path().filename().string())) files.emplace_back(*number, it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool retries_by_itself(Failure failure) {
    return failure == Failure::Unreachable || failure == Failure::Timeout || failure == Failure::Server ||
           failure == Failure::Missing;
}

}  // namespace

SyncDriver::SyncDriver(platform::Host& host, fs::path folder) : host_(host), folder_(std::move(folder)) {}

void SyncDriver::open() {
    // Called after every load of the store (the first, and a reload when another tab saved or
    // this one took over): the state on disk is the truth, and any run of before is dropped.
    run_.reset();
    setup_.reset();
    job_.reset();
    state_ = {};
    state_file_ = 0;
    due_ = -1;
    edit_due_ = -1;
    first_edit_ = -1;
    backing_off_ = false;
    server_.folder_url = host_.load_preference("sync.url");
    server_.user = host_.load_preference("sync.user");
    remember_ = host_.load_preference("sync.remember") == "1";
    if (remember_) server_.password = host_.load_preference("sync.password");
    load_state();
    if (!state_.set_up()) return;
    if (!state_.folder_url.empty()) {  // a state of version 2 knows where it syncs, durably
        server_.folder_url = state_.folder_url;
        server_.user = state_.user;
        remember_ = state_.remember;
        server_.password = remember_ ? state_.password : std::string();
    } else {
        // A state of version 1 kept its settings in preferences only: from its next save on, the
        // state keeps them (the preferences' password is cleared at the next setup).
        state_.folder_url = server_.folder_url;
        state_.user = server_.user;
        state_.remember = remember_;
        state_.password = remember_ ? server_.password : std::string();
    }
    // Without "remember", the password and the key live only in the tab that was given them. A
    // folder address the browser lost (killed before it kept its preferences) is asked again too.
    locked_ = (!remember_ && server_.password.empty()) || server_.folder_url.empty();
    if (!locked_) schedule(0);
}

void SyncDriver::load_state() {
    const auto files = state_files(folder_);
    for (auto it = files.rbegin(); it != files.rend(); ++it) {
        const io::FileBytes file = io::read_file(it->second);
        io::sync::StateRead read;
        if (file.error.empty()) read = io::sync::decode_state(file.bytes);
        if (file.error.empty() && read.ok()) {
            state_ = std::move(read.state);
            state_file_ = it->first;
            return;
        }
        std::fprintf(stderr, "Ties: %s: %s; using an older copy\n", it->second.filename().c_str(),
                     file.error.empty() ? to_string(read.error).c_str() : file.error.c_str());
    }
}

void SyncDriver::save_state() {
    const std::uint64_t number = state_file_ + 1;
    const fs::path path = folder_ / state_name(number);
    if (const std::optional<std::string> error = io::write_new_file(path, io::sync::encode_state(state_))) {
        problem_ = "Could not keep the sync state on this device: " + *error;
        return;
    }
    state_file_ = number;
    for (const auto& [older, file] : state_files(folder_)) {
        std::error_code ignored;
        if (older < number) fs::remove(file, ignored);
    }
    host_.storage_written();
}

void SyncDriver::forget() {
    for (const auto& [number, file] : state_files(folder_)) {
        std::error_code ignored;
        fs::remove(file, ignored);
    }
    host_.storage_written();
    state_ = {};
    state_file_ = 0;
    run_.reset();
    setup_.reset();
    job_.reset();
    locked_ = false;
    problem_.clear();
    due_ = -1;
    edit_due_ = -1;
    first_edit_ = -1;
    backing_off_ = false;
    host_.save_preference("sync.password", "");
    host_.save_preference("sync.remember", "");
    host_.sync_forget_key();
}

void SyncDriver::schedule(double seconds) {
    const double at = host_.seconds() + seconds;
    if (due_ < 0 || at < due_) due_ = at;
}

void SyncDriver::edited() {
    if (!state_.set_up() || locked_) return;
    const double now = host_.seconds();
    if (first_edit_ < 0) first_edit_ = now;
    // Debounced: a burst of edits goes up as one log, yet never waits more than 30 s. Kept apart
    // from due_, so that an edit never postpones a sync asked for sooner ("Sync now").
    edit_due_ = std::min(now + kAfterEditSeconds, first_edit_ + 30);
}

double SyncDriver::next_due() const {
    // While the server fails, edits wait for the next retry (or the network's return) instead of
    // each trying again on its own.
    const double edit = backing_off_ ? -1 : edit_due_;
    if (due_ < 0) return edit;
    if (edit < 0) return due_;
    return std::min(due_, edit);
}

double SyncDriver::seconds_until_due() const {
    if (job_) return std::numeric_limits<double>::infinity();  // the job's end wakes the page
    const double due = next_due();
    if (due < 0 || run_ || setup_) return std::numeric_limits<double>::infinity();
    return std::max(0.0, due - host_.seconds());
}

std::optional<Change> SyncDriver::act(const ui::SyncAsk& ask) {
    if (ask.turn_off) {
        forget();
        history_.clear();
        return std::nullopt;
    }
    if (ask.set_up && !setup_ && !run_) {
        setup_ask_ = ask.set_up;
        problem_.clear();
        folder_missing_ = false;
    }
    if (ask.sync_now && state_.set_up() && !locked_) {
        due_ = host_.seconds();
        retry_ = kFirstRetrySeconds;
        backing_off_ = false;
    }
    std::optional<Change> restore;
    if (ask.restore_kept && *ask.restore_kept < state_.kept.size()) {
        const io::sync::KeptVersion kept = state_.kept[*ask.restore_kept];
        state_.kept.erase(state_.kept.begin() + static_cast<std::ptrdiff_t>(*ask.restore_kept));
        save_state();
        Record record = kept.record;
        std::string name = "a record";
        if (const auto* contact = std::get_if<Contact>(&record)) name = contact_label(*contact);
        restore = Change{"Restore the other version of " + name, {std::move(record)}};
    }
    if (ask.forget_kept && *ask.forget_kept < state_.kept.size()) {
        state_.kept.erase(state_.kept.begin() + static_cast<std::ptrdiff_t>(*ask.forget_kept));
        save_state();
    }
    return restore;
}

bool SyncDriver::tick(const Store& store, const Apply& apply, IdGenerator& ids) {
    bool changed = false;
    if (host_.came_online() && state_.set_up() && !locked_ && !run_) {
        due_ = host_.seconds();
        retry_ = kFirstRetrySeconds;
        backing_off_ = false;
    }
    if (setup_ask_ && !setup_ && !run_) {
        const ui::SyncSetup& ask = *setup_ask_;
        server_.folder_url = ask.folder_url;
        if (!server_.folder_url.empty() && server_.folder_url.back() != '/') server_.folder_url += '/';
        server_.user = ask.user;
        server_.password = ask.password;
        remember_ = ask.remember;
        setup_.emplace(io::sync::SetupOptions{ask.passphrase, ids.next(), state_.set_up() ? state_.device : ids.next(),
                                              kIterations, ask.create_folder});
        setup_ask_.reset();
        start_job();
        changed = true;
    }
    const double due = next_due();
    if (!run_ && !setup_ && due >= 0 && host_.seconds() >= due && state_.set_up() && !locked_) {
        due_ = -1;
        edit_due_ = -1;
        first_edit_ = -1;
        run_.emplace(state_, io::sync::RunOptions{host_.now_millis()});
        changed = true;
        if (!step(store, apply)) start_job();
    }
    // Several operations per tick when they finish at once (natively, or small answers), but
    // never more than a few milliseconds of the frame.
    const double until = host_.seconds() + 0.008;
    while (job_) {
        const std::optional<io::sync::Outcome> outcome = host_.take_sync(*job_);
        if (!outcome) break;
        job_.reset();
        changed = true;
        if (setup_) {
            setup_->done(*outcome);
            if (setup_->finished()) finished_setup(ids);
            else start_job();
        } else if (run_) {
            run_->done(*outcome);
            if (!step(store, apply)) start_job();
        }
        if (host_.seconds() >= until) break;
    }
    return changed;
}

// Moves the run past an Apply or to its end; false when it waits for an operation.
bool SyncDriver::step(const Store& store, const Apply& apply) {
    while (run_) {
        switch (run_->need()) {
        case io::sync::SyncRun::Need::Op:
            return false;
        case io::sync::SyncRun::Need::Apply:
            io::sync::apply_pulled(*run_, store, host_.now_millis(), apply);
            state_ = run_->state();  // what was applied is saved with the journal's sync
            save_state();
            break;
        case io::sync::SyncRun::Need::Done:
            finished_run();
            return true;
        }
    }
    return true;
}

void SyncDriver::start_job() {
    const io::sync::Op* op = nullptr;
    if (setup_ && !setup_->finished()) op = &setup_->op();
    else if (run_ && run_->need() == io::sync::SyncRun::Need::Op) op = &run_->op();
    if (op) job_ = host_.start_sync(server_, *op);
}

void SyncDriver::finished_run() {
    io::sync::SyncRun run = std::move(*run_);
    run_.reset();
    state_ = run.state();
    save_state();
    if (run.ok()) {
        problem_.clear();
        retry_ = kFirstRetrySeconds;
        backing_off_ = false;
        history_.push_front({host_.now_millis(), describe(run.report())});
        if (history_.size() > 10) history_.pop_back();
        schedule(kPeriodSeconds);
        return;
    }
    problem_ = to_string(run.error());
    if (run.failure() == Failure::NoKey) {
        locked_ = true;
        problem_ = "Sync needs your password and sync passphrase on this device again.";
    } else if (retries_by_itself(run.failure()) && problem_.find("no longer holds") == std::string::npos) {
        if (run.failure() == Failure::Unreachable) problem_ += " Your edits are kept here and go up at the next sync.";
        schedule(retry_);
        retry_ = std::min(retry_ * 2, kLastRetrySeconds);
        backing_off_ = true;
    }
}

void SyncDriver::finished_setup(IdGenerator&) {
    io::sync::SetupRun setup = std::move(*setup_);
    setup_.reset();
    if (!setup.ok()) {
        problem_ = to_string(setup.error());
        folder_missing_ = setup.folder_missing();
        return;
    }
    const io::sync::SyncState joined = setup.state();
    if (!state_.set_up() || joined.vault.id != state_.vault.id) {
        // A new vault, or another one than this device knew: start afresh with it. The store is
        // left as it is; its records go up with the first push.
        state_ = joined;
    }
    locked_ = false;
    problem_.clear();
    folder_missing_ = false;
    state_.folder_url = server_.folder_url;
    state_.user = server_.user;
    state_.remember = remember_;
    state_.password = remember_ ? server_.password : std::string();
    save_state();
    // The state is where the settings live. The preferences keep only the address and the user,
    // which fill the form again should sync be turned off and on; never a second copy of the
    // password (nor the "remember" of a version 1 state, which would bring that copy back).
    host_.save_preference("sync.url", server_.folder_url);
    host_.save_preference("sync.user", server_.user);
    host_.save_preference("sync.remember", "");
    host_.save_preference("sync.password", "");
    host_.sync_remember_key(remember_);
    history_.push_front({host_.now_millis(), setup.created() ? "Made a new vault in the folder" : "Joined the vault in the folder"});
    retry_ = kFirstRetrySeconds;
    due_ = host_.seconds();
}

std::string SyncDriver::describe(const io::sync::RunReport& report) const {
    const std::string in = io::sync::pulled_words(report.pulled, true);
    const std::string out = report.records_pushed ? counted(report.records_pushed, "record sent", "records sent") : "";
    if (in.empty() && out.empty()) return "Up to date";
    if (in.empty()) return out;
    return out.empty() ? in + " from other devices" : in + " from other devices; " + out;
}

ui::SyncView SyncDriver::view() const {
    using State = ui::SyncView::State;
    ui::SyncView view;
    view.set_up = state_.set_up();
    view.folder_url = server_.folder_url;
    view.user = server_.user;
    view.remember = remember_;
    view.last_sync = state_.last_sync;
    view.problem = problem_;
    view.folder_missing = folder_missing_;
    view.history.assign(history_.begin(), history_.end());
    view.kept = &state_.kept;
    if (setup_ || run_) view.state = State::Busy;
    else if (!state_.set_up()) view.state = problem_.empty() ? State::Off : State::Problem;
    else if (locked_) view.state = State::Locked;
    else if (!problem_.empty()) view.state = State::Problem;
    else view.state = State::Idle;
    return view;
}

}  // namespace ties::app
