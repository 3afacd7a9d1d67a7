// libFuzzer target for reading backups (the files the browser imports and `ties` reads): any
// bytes must give a store or an error message, never a crash, a hang or unbounded memory.
// Random bytes rarely pass the envelope's checksum, so each input is read five ways: as a whole
// file, as a JSON payload (decode), as a binary payload (decode_binary), and wrapped in a valid
// envelope of each format, which takes it through the codec and the record checks of read_backup. A store that reads must write and read back to
// the very same bytes.
// Build and run: see README.md ("Fuzzing"); corpus: tests/fuzz/corpus/backup/.
#include "checks.hpp"
#include "memory_budget.hpp"

#include "io/backup.hpp"
#include "io/codec.hpp"
#include "io/crypto_format.hpp"
#include "io/envelope.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace ties;
using ties::fuzz::check_read;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    check_read(io::read_backup(bytes));
    if (const io::Unwrapped outer = io::unwrap(bytes); outer.ok() && outer.kind == io::FileKind::EncryptedBackup) {
        std::string error;
        if (!io::split_encrypted(outer.payload, error) && error.empty()) std::abort();
    }

    const io::Decoded decoded = io::decode(bytes);
    if (decoded.error && decoded.error->text.empty()) std::abort();

    // The same bytes as the binary payload of a snapshot (file format 2): whatever it decodes to
    // must encode back to the same records.
    const io::Decoded binary = io::decode_binary(bytes);
    if (binary.error && binary.error->text.empty()) std::abort();
    if (binary.ok() && io::decode_binary(io::encode_binary(binary.payload)).payload.records != binary.payload.records)
        std::abort();
    check_read(io::read_backup(io::wrap(io::FileKind::Snapshot, bytes, io::kBinaryPayload)));

    check_read(io::read_backup(io::wrap(io::FileKind::Backup, bytes)));
    return 0;
}
