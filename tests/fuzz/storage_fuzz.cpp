// libFuzzer target for the store loader: a whole folder of snapshot and journal files, as the
// browser's IndexedDB or a damaged disk might hold them, must load into some store with warnings,
// never crash, hang or allocate without bound. Checked besides: loading in slices gives the same
// store and warnings as one load, and the engine saves on top of whatever it found and reads that
// save back.
//
// The input is a list of files, each: one byte choosing the name (low 4 bits) and how the bytes
// are stored (high bits: as they are, or wrapped in a valid envelope as a binary snapshot or
// journal, or a JSON one, so that random bytes get past the checksum into the codec); two bytes of
// length (little-endian, cut to what is left); the bytes.
// Build and run: see README.md ("Fuzzing"); corpus: tests/fuzz/corpus/storage/.
#include "memory_budget.hpp"

#include "core/store.hpp"
#include "io/backup.hpp"
#include "io/envelope.hpp"
#include "io/storage.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

using namespace ties;
namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 16> kNames = {
    "snapshot-00000000.ties",          "snapshot-00000001.ties",          "snapshot-00000002.ties",
    "journal-00000000-00000001.ties",  "journal-00000000-00000002.ties",  "journal-00000001-00000001.ties",
    "journal-00000001-00000002.ties",  "journal-00000001-00000003.ties",  "journal-00000002-00000001.ties",
    "journal-00000002-00000002.ties",  "snapshot-99999999.ties",          "journal-00000001-99999999.ties",
    "journal-99999999-00000001.ties",  "snapshot-00000001.ties.tmp",      "notes.txt",
    "journal-00000003-00000001.ties",
};

const fs::path& folder() {
    static const fs::path path = fs::temp_directory_path() / ("ties-storage-fuzz-" + std::to_string(::getpid()));
    return path;
}

void write(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string stored(std::string_view name, unsigned how, std::string_view bytes) {
    const io::FileKind kind = name.rfind("journal", 0) == 0 ? io::FileKind::Journal : io::FileKind::Snapshot;
    switch (how) {
        case 1: return io::wrap(kind, bytes, io::kBinaryPayload);
        case 2: return io::wrap(kind, bytes, io::kJsonPayload);
        default: return std::string(bytes);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    std::error_code ignored;
    fs::remove_all(folder(), ignored);
    fs::create_directories(folder());
    std::size_t at = 0;
    for (int files = 0; files < 12 && at + 3 <= size; ++files) {
        const unsigned choice = data[at];
        const std::size_t wanted = data[at + 1] | (std::size_t{data[at + 2]} << 8);
        at += 3;
        const std::size_t length = std::min(wanted, size - at);
        const std::string_view bytes(reinterpret_cast<const char*>(data + at), length);
        at += length;
        const char* name = kNames[choice & 0x0F];
        write(folder() / name, stored(name, (choice >> 4) % 3, bytes));
    }

    Store whole;
    io::StorageEngine engine(folder());
    const io::LoadReport report = engine.load(whole);
    for (const std::string& warning : report.warnings)
        if (warning.empty()) std::abort();  // a skipped file is always named and explained

    Store sliced;
    io::StorageEngine stepper(folder());
    stepper.begin_load(sliced);
    std::optional<io::LoadReport> done;
    for (int step = 0; !done; ++step) {
        if (step > 100000) std::abort();  // a load that never ends
        done = stepper.load_step(sliced, 3);
    }
    if (io::all_records(sliced) != io::all_records(whole) || done->warnings != report.warnings) std::abort();

    // Whatever was found, the next save lands and reads back with it.
    Settings settings = whole.settings();
    settings.your_name = "after the fuzzer";
    whole.apply(save_settings(settings), 1'725'000'000'000);
    if (!engine.save(whole).ok()) std::abort();
    Store again;
    io::StorageEngine reader(folder());
    reader.load(again);
    if (io::all_records(again) != io::all_records(whole)) std::abort();
    return 0;
}
