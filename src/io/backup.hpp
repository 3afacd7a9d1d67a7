// A backup: every record of a store (tombstones included, so merges stay correct) in one
// enveloped, checksummed file with readable JSON inside. Used for "download a copy" today; the
// import, merge and encryption of backups build on it.
#pragma once

#include "core/store.hpp"

#include <string>

namespace ties::io {

std::vector<Record> all_records(const Store& store);  // settings first, then every map, by id
std::string backup_bytes(const Store& store);
std::string backup_file_name(Date today);  // "ties-backup-2026-11-26.ties"

}  // namespace ties::io
