// libFuzzer target for the CSV reader and the contact importer: any bytes must give a table or an
// error, never a crash, a hang or unbounded memory. Also checks that what import_csv returns
// survives export_csv -> import_csv with the same number of contacts.
// Build: clang++-14 -std=c++20 -fsanitize=fuzzer,address -Isrc -I/usr/include tests/fuzz/csv_fuzz.cpp
//        src/io/csv.cpp src/io/csv_import.cpp src/io/import.cpp src/core/*.cpp -o csv_fuzz
// Run:   ./csv_fuzz -max_total_time=60 tests/fuzz/corpus/csv
#include "memory_budget.hpp"

#include "io/csv.hpp"
#include "io/csv_import.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace ties;
using namespace ties::io;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    std::string error;
    if (const auto table = read_csv(bytes, error)) {
        (void)detect_flavour(*table);
        (void)guess_mapping(*table);
        if (table->rows.size() != table->row_lines.size()) std::abort();
    } else if (error.empty()) {
        std::abort();
    }
    (void)parse_loose_date(bytes.substr(0, 80));

    IdGenerator ids(1, 2);
    ImportContext context;
    context.file_name = "fuzz.csv";
    context.ids = &ids;
    const Imported imported = import_csv(bytes, context);
    if (imported.error && !imported.contacts.empty()) std::abort();

    // The same bytes through a mapping chosen by the first bytes.
    if (size > 0) {
        CsvMapping mapping;
        const std::size_t columns = std::min<std::size_t>(size, 24);
        for (std::size_t c = 0; c < columns; ++c)
            mapping.columns.push_back(static_cast<ContactField>(data[c] % (static_cast<int>(ContactField::FirstMet) + 1)));
        (void)import_csv(bytes, context, &mapping);
    }

    if (!imported.contacts.empty()) {
        const Imported back = import_csv(export_csv(imported.contacts), context);
        if (back.error || back.contacts.size() != imported.contacts.size()) std::abort();
    }
    return 0;
}
