// libFuzzer target for the X archive importer. The input is split at each 0x01 byte into files
// named in turn account.js, following.js, follower.js, tweets.js, tweets-part1.js (then again),
// so one input is a whole small archive. Any bytes must give contacts or an error, never a crash,
// a hang or unbounded memory; every interaction's participants must be imported contacts.
// Build: clang++-14 -std=c++20 -fsanitize=fuzzer,address -Isrc -I/usr/include tests/fuzz/x_archive_fuzz.cpp
//        src/io/x_archive.cpp src/io/import.cpp src/core/*.cpp -o x_archive_fuzz
// Run:   ./x_archive_fuzz -max_total_time=60 tests/fuzz/corpus/x_archive
#include "memory_budget.hpp"

#include "io/x_archive.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ties;
using namespace ties::io;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    static constexpr std::array<const char*, 5> kNames = {"account.js", "following.js", "follower.js", "tweets.js",
                                                          "tweets-part1.js"};
    std::vector<NamedFile> files;
    std::string current;
    std::size_t piece = 0;
    for (std::size_t i = 0; i <= size; ++i) {
        if (i == size || data[i] == 0x01) {
            if (!current.empty() || piece == 0)  // empty pieces skip a name; an empty input is one empty file
                files.push_back(NamedFile{kNames[piece % kNames.size()], current});
            ++piece;
            current.clear();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }

    IdGenerator ids(3, 4);
    ImportContext context;
    context.file_name = "fuzz.zip";
    context.ids = &ids;
    const Imported imported = import_x_archive(files, context);
    if (imported.error && (!imported.contacts.empty() || !imported.interactions.empty())) std::abort();
    for (const Interaction& interaction : imported.interactions) {
        if (interaction.participants.empty()) std::abort();
        for (Id person : interaction.participants) {
            if (std::none_of(imported.contacts.begin(), imported.contacts.end(),
                             [&](const Contact& c) { return c.meta.id == person; }))
                std::abort();
        }
    }
    return 0;
}
