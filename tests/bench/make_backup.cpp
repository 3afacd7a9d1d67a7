// Writes the benchmark suite's data set (not a test): the app's deterministic sample network
// (core/sample_data.hpp: names in several scripts, companies, cities, tags, handles, notes of
// varied length, events, opportunities) at a chosen size, as
//   OUT.ties  a backup in the app's own format (io/backup.hpp), imported through the page, and
//   OUT.json  the same records as plain JSON objects (the backup's payload), which the baseline
//             page (tests/bench/browser/baseline.html) stores one object per record in IndexedDB.
// Dated relative to today, as the app's ?sample=N is, so Today has work to do.
//
//   build/bench/make_backup PEOPLE INTERACTIONS OUT   (e.g. 10000 100000 test-output/bench/data/p10k)
#include "core/sample_data.hpp"
#include "io/backup.hpp"
#include "io/codec.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace ties;

namespace {

bool write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out.flush());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s PEOPLE INTERACTIONS OUT (writes OUT.ties and OUT.json)\n", argv[0]);
        return 2;
    }
    const long people = std::atol(argv[1]);
    const long interactions = std::atol(argv[2]);
    if (people <= 0 || interactions < 0) {
        std::fprintf(stderr, "PEOPLE must be positive and INTERACTIONS not negative\n");
        return 2;
    }
    const std::string out = argv[3];
    // The same proportions as the app's ?sample=N (Session::fill_with_sample).
    SampleSize size;
    size.contacts = static_cast<std::size_t>(people);
    size.interactions = static_cast<std::size_t>(interactions);
    size.events = size.contacts / 50;
    size.opportunities = size.contacts / 40;
    const Millis now = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
    Store store;
    for (Record& record : make_sample_data(7, now, date_of(now), size).records) store.load(std::move(record));

    io::Payload payload;
    payload.records = io::all_records(store);
    if (!write_file(out + ".ties", io::backup_bytes(store)) || !write_file(out + ".json", io::encode(payload))) {
        std::fprintf(stderr, "could not write %s.ties / %s.json\n", out.c_str(), out.c_str());
        return 1;
    }
    std::printf("{\"people\":%zu,\"interactions\":%zu,\"events\":%zu,\"opportunities\":%zu,\"records\":%zu}\n",
                store.contacts().size(), store.interactions().size(), store.events().size(),
                store.opportunities().size(), payload.records.size());
    return 0;
}
