// A backup: every record of a store (tombstones included, so merges stay correct) in one
// enveloped, checksummed file with readable JSON inside. The browser downloads and imports them,
// and the command-line tool reads and writes the very same files.
#pragma once

#include "core/problem.hpp"
#include "core/store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ties::io {

std::vector<Record> all_records(const Store& store);  // settings first, then every map, by id
std::string backup_bytes(const Store& store);
std::string backup_file_name(Date today);  // "ties-backup-2026-11-26.ties"

struct BackupRead {
    std::optional<Problem> error;  // for people: what is wrong with the file
    bool encrypted = false;        // an encrypted backup: decrypt it first (see crypto_format.hpp)
    Store store;                   // every record of the file, loaded (no undo, nothing unsaved)
    bool ok() const { return !error; }
};

// Reads a backup file (or a snapshot) strictly: the envelope, the checksum, the JSON, every
// record's invariants, and no id twice. Never throws.
BackupRead read_backup(std::string_view bytes);

}  // namespace ties::io
