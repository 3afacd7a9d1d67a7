// Browser storage benchmark, wasm side (not a test): the StorageEngine on the IDBFS mount /data,
// driven step by step from bench.html so that JavaScript can time FS.syncfs between the steps.
// Each step is a plain C function that times only its own C++ work (emscripten_get_now) and
// returns milliseconds, or -1 on failure with the reason in bench_info(). No ImGui, no main:
// the page mounts and loads /data before the runtime starts (see bench.html).
#include "../bench_data.hpp"
#include "core/store.hpp"
#include "io/storage.hpp"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

using namespace ties;
namespace fs = std::filesystem;

namespace {

const fs::path kFolder = "/data";

struct Bench {
    Store store;
    io::StorageEngine engine{kFolder};
    Id target;
    int round = 0;
    io::LoadReport load_report;
};

std::unique_ptr<Bench> state;
std::string last_error;
std::string info;

double fail(std::string reason) {
    last_error = std::move(reason);
    return -1;
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

extern "C" {

// Builds a store of `contacts` contacts and `interactions` interactions in memory, with an engine
// on /data loaded first (as the app does; /data should be empty). Returns the time to build.
EMSCRIPTEN_KEEPALIVE double bench_build(int contacts, int interactions) {
    if (contacts <= 0 || interactions <= 0) return fail("bench_build needs positive sizes");
    const double start = emscripten_get_now();
    state = std::make_unique<Bench>();
    state->engine.load(state->store);
    IdGenerator ids(0x5EED, static_cast<std::uint64_t>(interactions));
    state->store = bench::make_store(static_cast<std::size_t>(contacts), static_cast<std::size_t>(interactions), ids);
    state->target = state->store.interactions().begin()->first;
    return emscripten_get_now() - start;
}

// StorageEngine::compact: writes the whole store as a new snapshot generation.
EMSCRIPTEN_KEEPALIVE double bench_compact() {
    if (!state) return fail("no store: call bench_build or bench_load first");
    const double start = emscripten_get_now();
    const io::SaveResult result = state->engine.compact(state->store);
    const double elapsed = emscripten_get_now() - start;
    return result.ok() ? elapsed : fail(to_string(result.error));
}

// StorageEngine::committed, to call after a sync that covered a compaction. Returns the time;
// bench_info() then tells how many files are left.
EMSCRIPTEN_KEEPALIVE double bench_committed() {
    if (!state) return fail("no store: call bench_build or bench_load first");
    const double start = emscripten_get_now();
    state->engine.committed();
    return emscripten_get_now() - start;
}

// One user edit saved: Store::apply of new notes on one interaction + StorageEngine::save
// (one new journal file under /data). The caller syncs.
EMSCRIPTEN_KEEPALIVE double bench_edit_and_save() {
    if (!state) return fail("no store: call bench_build or bench_load first");
    const double start = emscripten_get_now();
    bench::apply_one_edit(state->store, state->target, ++state->round);
    const io::SaveResult result = state->engine.save(state->store);
    const double elapsed = emscripten_get_now() - start;
    if (!result.ok()) return fail(to_string(result.error));
    if (!result.wrote) return fail("save wrote nothing");
    return elapsed;
}

// StorageEngine::load of /data into a new store (parse only: the page has already copied
// IndexedDB into /data). Edits continue on the loaded store afterwards.
EMSCRIPTEN_KEEPALIVE double bench_load() {
    state.reset();  // free the previous store first: at 100k two stores cost hundreds of MB
    const double start = emscripten_get_now();
    auto loaded = std::make_unique<Bench>();
    loaded->load_report = loaded->engine.load(loaded->store);
    const double elapsed = emscripten_get_now() - start;
    if (loaded->store.interactions().empty()) return fail("load found no interactions");
    loaded->target = loaded->store.interactions().begin()->first;
    loaded->round = 1'000'000;  // later edits differ from the ones saved before the reload
    state = std::move(loaded);
    return elapsed;
}

// Drops the store and deletes every file under /data (the caller syncs the deletions).
EMSCRIPTEN_KEEPALIVE double bench_reset() {
    state.reset();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(kFolder, ec)) {
        std::error_code remove_ec;
        fs::remove_all(entry.path(), remove_ec);
        if (remove_ec) return fail("could not delete " + entry.path().string() + ": " + remove_ec.message());
    }
    if (ec) return fail("could not list " + kFolder.string() + ": " + ec.message());
    return 0;
}

// The state as JSON: records in memory, files under /data and their sizes, the last load's
// report and the last error. The pointer stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* bench_info() {
    std::uintmax_t snapshot_bytes = 0, journal_bytes = 0;
    std::size_t snapshots = 0, journals = 0, files = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(kFolder, ec)) {
        std::error_code size_ec;
        const std::uintmax_t size = entry.is_regular_file(size_ec) ? entry.file_size(size_ec) : 0;
        const std::string name = entry.path().filename().string();
        ++files;
        if (name.rfind("snapshot-", 0) == 0) {
            ++snapshots;
            snapshot_bytes += size;
        } else if (name.rfind("journal-", 0) == 0) {
            ++journals;
            journal_bytes += size;
        }
    }
    info = "{\"records\":" + std::to_string(state ? state->store.record_count() : 0) +
           ",\"interactions\":" + std::to_string(state ? state->store.interactions().size() : 0) +
           ",\"contacts\":" + std::to_string(state ? state->store.contacts().size() : 0) +
           ",\"files\":" + std::to_string(files) + ",\"snapshots\":" + std::to_string(snapshots) +
           ",\"snapshotBytes\":" + std::to_string(snapshot_bytes) + ",\"journals\":" + std::to_string(journals) +
           ",\"journalBytes\":" + std::to_string(journal_bytes);
    if (state) {
        const io::LoadReport& report = state->load_report;
        info += ",\"loadGeneration\":" + std::to_string(report.generation) +
                ",\"loadJournalsApplied\":" + std::to_string(report.journals_applied) +
                ",\"loadWarnings\":" + std::to_string(report.warnings.size());
        if (!report.warnings.empty()) info += ",\"firstLoadWarning\":" + json_string(report.warnings.front());
    }
    info += ",\"error\":" + json_string(last_error) + "}";
    return info.c_str();
}

}  // extern "C"
