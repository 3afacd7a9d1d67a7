// A backup: every record of a store (tombstones included, so merges stay correct) in one
// enveloped, checksummed file with readable JSON inside. The browser downloads and imports them,
// and the command-line tool reads and writes the very same files.
#pragma once

#include "core/store.hpp"

#include <string>
#include <string_view>

namespace ties::io {

std::vector<Record> all_records(const Store& store);  // settings first, then every map, by id
std::string backup_bytes(const Store& store);
std::string backup_file_name(Date today);  // "ties-backup-2026-11-26.ties"

struct BackupRead {
    bool ok = false;
    bool encrypted = false;  // an encrypted backup: decrypt it first (see crypto_format.hpp)
    std::string error;       // for people: what is wrong with the file
    Store store;             // every record of the file, loaded (no undo, nothing unsaved)
};

// Reads a backup file (or a snapshot) strictly: the envelope, the checksum, the JSON, every
// record's invariants, and no id twice. Never throws.
BackupRead read_backup(std::string_view bytes);

}  // namespace ties::io
