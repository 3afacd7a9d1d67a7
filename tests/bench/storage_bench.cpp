// Storage benchmark (not a test): shows that saving one edit costs about the same with 1,000 or
// 100,000 interactions (the journal writes only what changed), and what compaction and a load of
// snapshot + 50 journals cost at that size. Medians of several runs, std::chrono::steady_clock.
// Portable C++ only, so the same file also builds with Emscripten and runs under node. The store
// and the edit come from bench_data.hpp, shared with the browser version (browser/run.mjs).
// The suite's rows (tests/bench/run, --json) use the app's sample network instead (sample_store()):
// names in several scripts and notes of varied length weigh what a real store weighs.
#include "bench_data.hpp"
#include "core/sample_data.hpp"
#include "core/store.hpp"
#include "io/storage.hpp"
#include "bench_timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace ties;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

using bench::make_store;

using bench::median_ms;
fs::path bench_root() {
    try {
        return fs::temp_directory_path() / "ties-bench";
    } catch (const std::exception&) {
        return "/tmp/ties-bench";
    }
}

struct Sizes {
    std::uintmax_t snapshot = 0;
    std::uintmax_t journals = 0;
    std::size_t journal_count = 0;
};

Sizes sizes_in(const fs::path& folder) {
    Sizes sizes;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("snapshot-", 0) == 0) sizes.snapshot = std::max(sizes.snapshot, entry.file_size());
        if (name.rfind("journal-", 0) == 0) {
            sizes.journals += entry.file_size();
            ++sizes.journal_count;
        }
    }
    return sizes;
}

struct Row {
    std::string label;
    double save_one_ms = 0;
    double compact_ms = 0;
    double load_ms = 0;  // snapshot + 50 journals; only for the large store
    Sizes sizes;
};

// Saves one edited interaction: the change (apply) and the journal write (save) together.
void save_one_edit(Store& store, io::StorageEngine& engine, const Id& target, int round) {
    bench::apply_one_edit(store, target, round);
    const io::SaveResult result = engine.save(store);
    if (!result.ok()) std::fprintf(stderr, "save failed: %s\n", to_string(result.error).c_str());
}

Row run(const std::string& label, std::size_t contacts, std::size_t interactions, bool measure_load, int compact_runs) {
    Row row;
    row.label = label;
    const fs::path folder = bench_root() / label;
    fs::remove_all(folder);

    IdGenerator ids(0x5EED, interactions);
    Store store;
    io::StorageEngine engine(folder);
    engine.load(store);
    store = make_store(contacts, interactions, ids);
    const Id target = store.interactions().begin()->first;

    row.compact_ms = median_ms(compact_runs, [&] {
        const io::SaveResult result = engine.compact(store);
        if (!result.ok()) std::fprintf(stderr, "compact failed: %s\n", to_string(result.error).c_str());
    });
    engine.committed();  // keep only the newest snapshot

    int round = 0;
    row.save_one_ms = median_ms(31, [&] { save_one_edit(store, engine, target, ++round); });

    if (measure_load) {
        // 50 journals in all, each a small edit, on top of the snapshot.
        const Sizes before = sizes_in(folder);
        for (std::size_t j = before.journal_count; j < 50; ++j) save_one_edit(store, engine, target, ++round);
        std::size_t loaded_records = 0;
        row.load_ms = median_ms(3, [&] {
            Store loaded;
            io::StorageEngine reader(folder);
            loaded_records = reader.load(loaded).records;
        });
        if (loaded_records != store.record_count()) std::fprintf(stderr, "load gave %zu records, expected %zu\n",
                                                                 loaded_records, store.record_count());
    }
    row.sizes = sizes_in(folder);
    fs::remove_all(folder);
    return row;
}

// The suite's storage rows on the sample network: write a snapshot (compaction), save one edit as
// a journal, load the snapshot and that journal, and the load's rate in MB/s of files read.
void run_sample(std::size_t people, std::size_t interactions, const std::string& key, const std::string& size, int runs) {
    const fs::path folder = bench_root() / ("sample-" + key);
    fs::remove_all(folder);
    SampleSize sample;
    sample.contacts = people;
    sample.interactions = interactions;
    sample.events = people / 50;
    sample.opportunities = people / 40;
    Store store;
    for (Record& record : make_sample_data(7, bench::kNow, date_of(bench::kNow), sample).records) store.load(std::move(record));
    io::StorageEngine engine(folder);
    {
        Store empty;
        engine.load(empty);
    }
    const Id target = store.interactions().begin()->first;
    int round = 0;
    median_ms(runs, [&] {
        const io::SaveResult result = engine.compact(store);
        if (!result.ok()) std::fprintf(stderr, "compact failed: %s\n", to_string(result.error).c_str());
        engine.committed();
    });
    bench::emit("native.snapshot_write." + key, "Write the snapshot (compaction), native, " + size, "ms", bench::last_samples());
    median_ms(31, [&] { save_one_edit(store, engine, target, ++round); });
    bench::emit("native.save_journal." + key, "Save one edit as a journal, native, " + size, "ms", bench::last_samples());
    // Snapshot + exactly one journal on disk, then load them as the app's start does.
    engine.compact(store);
    engine.committed();
    save_one_edit(store, engine, target, ++round);
    const Sizes on_disk = sizes_in(folder);
    const double megabytes = static_cast<double>(on_disk.snapshot + on_disk.journals) / 1e6;
    std::size_t loaded_records = 0;
    median_ms(runs, [&] {
        Store loaded;
        io::StorageEngine reader(folder);
        loaded_records = reader.load(loaded).records;
    });
    std::vector<double> load_ms = bench::last_samples();
    std::vector<double> rates;
    for (const double ms : load_ms) rates.push_back(megabytes / (ms / 1000.0));
    if (loaded_records != store.record_count())
        std::fprintf(stderr, "load gave %zu records, expected %zu\n", loaded_records, store.record_count());
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.1f MB", megabytes);
    bench::emit("native.load." + key, "Load snapshot + 1 journal (" + std::string(mb) + "), native, " + size, "ms", load_ms);
    bench::emit("native.load_rate." + key, "Load rate, snapshot + 1 journal, native, " + size, "MB/s", rates);
    std::printf("sample network, %s: snapshot + 1 journal %.1f MB, load median %.0f ms\n", size.c_str(), megabytes,
                bench::median(load_ms));
    fs::remove_all(folder);
}

}  // namespace

int main(int argc, char** argv) {
    bench::parse_options(argc, argv);
    const auto start = Clock::now();
    if (bench::options().json) {  // the suite's rows only
        run_sample(10'000, 100'000, "p10k", "10k people / 100k interactions", 5);
        if (!bench::options().quick) run_sample(100'000, 1'000'000, "p100k", "100k people / 1M interactions", 3);
        std::printf("\ntotal %.1f s\n", std::chrono::duration<double>(Clock::now() - start).count());
        return 0;
    }
    std::vector<Row> rows;
    rows.push_back(run("1k", 100, 1'000, false, 9));
    rows.push_back(run("100k", 10'000, 100'000, true, 3));

    std::printf("Storage benchmark (median of runs; save = apply one edit + StorageEngine::save)\n\n");
    std::printf("%-38s %12s %12s %24s %14s %14s\n", "store", "save 1 edit", "compact", "load snap + 50 journals",
                "snapshot size", "journal size");
    for (const Row& row : rows) {
        const std::string store = row.label == "1k" ? "1,000 interactions, 100 contacts"
                                                    : "100,000 interactions, 10,000 contacts";
        char load[32] = "-";
        if (row.load_ms > 0) std::snprintf(load, sizeof load, "%.1f ms", row.load_ms);
        const double journal_avg =
            row.sizes.journal_count ? static_cast<double>(row.sizes.journals) / static_cast<double>(row.sizes.journal_count) : 0;
        std::printf("%-38s %9.3f ms %9.1f ms %24s %11.1f MB %12.0f B\n", store.c_str(), row.save_one_ms, row.compact_ms,
                    load, static_cast<double>(row.sizes.snapshot) / 1e6, journal_avg);
    }
    std::printf("\ntotal %.1f s\n", std::chrono::duration<double>(Clock::now() - start).count());
    return 0;
}
