// A platform::Host for native tests of the app's session: the clock, IndexedDB's sync, the other
// tab, downloads and the background jobs are plain fields a test sets and reads, and sync()
// plays the part of web/storage.js finishing an IndexedDB sync.
#pragma once

#include "platform/host.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ties::test {

class FakeHost final : public platform::Host {
public:
    struct Download {
        std::string name, bytes, mime_type;
    };

    std::int64_t now = 1'764'720'000'000;  // 2025-12-03
    Date day = Date::from_ymd(2025, 12, 3);
    double clock = 100.0;
    double clock_step = 0;
    platform::StorageStatus status{platform::StorageMode::Writer};
    std::string reason, sync_error, persisted = "granted";
    bool dirty = false;
    int text_reads = 0;  // calls that would each allocate a string in the page
    int reloads_done = 0, take_overs = 0, restores = 0;
    std::vector<Download> downloads;
    std::vector<std::string> urls;
    std::string page_text;  // the last set_page_text
    std::map<std::string, std::string, std::less<>> preferences;
    // Crypto jobs: started ones, and what each returns when taken.
    struct Job {
        std::string input, passphrase;
        platform::CryptoOutput output{platform::JobState::Running, {}, {}};
    };
    std::map<platform::CryptoJob, Job> jobs;

    // web/storage.js: a sync starts and covers every write so far, then ends (well or badly).
    void sync(bool ok = true) {
        status.syncing = false;
        if (!ok) {
            sync_error = "QuotaExceededError: the browser's storage is full";
            return;
        }
        sync_error.clear();
        status.committed = status.written;
    }

    std::int64_t now_millis() override { return now; }
    Date today() override { return day; }
    // Each read moves the clock on by `clock_step` (0: it stands still), as real time passes while
    // the app works.
    double seconds() override { return clock += clock_step; }

    platform::StorageStatus storage_status() override { return status; }
    std::string storage_reason() override { return ++text_reads, reason; }
    std::string storage_error() override { return ++text_reads, sync_error; }
    std::string storage_persisted() override { return ++text_reads, persisted; }
    void storage_written() override { ++status.written; }
    void storage_set_dirty(bool d) override { dirty = d; }
    void storage_reload_done() override {
        status.reload_needed = false;
        ++reloads_done;
    }
    void storage_take_over() override { ++take_overs; }
    void storage_restore() override {
        status.cleared = false;
        ++restores;
    }

    void download(std::string_view name, std::string_view bytes, std::string_view mime) override {
        downloads.push_back({std::string(name), std::string(bytes), std::string(mime)});
    }
    void open_url(std::string_view url) override { urls.emplace_back(url); }
    void set_page_text(std::string_view outline) override { page_text = std::string(outline); }
    std::string load_preference(std::string_view key) override {
        const auto it = preferences.find(key);
        return it == preferences.end() ? std::string() : it->second;
    }
    void save_preference(std::string_view key, std::string_view value) override {
        preferences[std::string(key)] = std::string(value);
    }

    void pick_files() override {}
    std::optional<platform::Choice> take_choice() override { return std::nullopt; }
    std::string chosen_bytes(std::size_t, std::size_t) override { return {}; }
    void forget_choice() override {}
    void start_import(std::int64_t, const std::vector<std::string>&) override {}
    platform::ImportStatus import_status() override { return {}; }
    platform::ImportOutput take_import_output() override { return {}; }
    void cancel_import() override {}

    platform::CryptoJob start_encrypt(std::string_view backup, std::string_view passphrase, std::uint32_t) override {
        const platform::CryptoJob id = next_job_++;
        jobs[id] = Job{std::string(backup), std::string(passphrase)};
        return id;
    }
    platform::CryptoJob start_decrypt(std::uint32_t, std::string_view, std::string_view, std::string_view sealed,
                                      std::string_view passphrase) override {
        const platform::CryptoJob id = next_job_++;
        jobs[id] = Job{std::string(sealed), std::string(passphrase)};
        return id;
    }
    platform::CryptoOutput take_crypto(platform::CryptoJob job) override {
        const auto it = jobs.find(job);
        if (it == jobs.end()) return {};
        platform::CryptoOutput out = it->second.output;
        if (out.state == platform::JobState::Done || out.state == platform::JobState::Failed) jobs.erase(it);
        return out;
    }

    // Sync: each operation is handed to `perform` (a test's in-memory server and cipher) when it
    // starts; its outcome is ready at the next take_sync unless the test holds jobs back.
    std::function<io::sync::Outcome(const platform::SyncServer&, const io::sync::Op&)> perform;
    bool hold_sync = false;
    bool key_remembered = false;
    std::map<platform::SyncJob, io::sync::Outcome> sync_jobs;
    platform::SyncJob start_sync(const platform::SyncServer& server, const io::sync::Op& op) override {
        const platform::SyncJob id = next_job_++;
        io::sync::Outcome outcome;
        if (perform) {
            outcome = perform(server, op);
        } else {
            outcome.failure = io::sync::Failure::Unreachable;
        }
        sync_jobs[id] = std::move(outcome);
        return id;
    }
    std::optional<io::sync::Outcome> take_sync(platform::SyncJob job) override {
        const auto it = sync_jobs.find(job);
        if (hold_sync || it == sync_jobs.end()) return std::nullopt;
        io::sync::Outcome out = std::move(it->second);
        sync_jobs.erase(it);
        return out;
    }
    void sync_remember_key(bool remember) override { key_remembered = remember; }
    bool key_forgotten = false;
    void sync_forget_key() override {
        key_remembered = false;
        key_forgotten = true;
    }
    bool online_again = false;
    bool came_online() override { return std::exchange(online_again, false); }

private:
    platform::CryptoJob next_job_ = 1;
};

}  // namespace ties::test
