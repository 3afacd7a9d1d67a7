// Checks the fuzz targets share: whatever a reader returns must be an error that says why, or a
// store that writes and reads back to the very same bytes.
#pragma once

#include "io/backup.hpp"

#include <cstdlib>
#include <string>

namespace ties::fuzz {

inline void check_round_trip(const Store& store) {
    const std::string bytes = io::backup_bytes(store);
    const io::BackupRead again = io::read_backup(bytes);
    if (!again.ok()) std::abort();
    if (io::backup_bytes(again.store) != bytes) std::abort();
}

inline void check_read(const io::BackupRead& read) {
    if (read.error && read.error->text.empty()) std::abort();  // an error always comes with a message
    if (read.ok()) check_round_trip(read.store);
}

}  // namespace ties::fuzz
