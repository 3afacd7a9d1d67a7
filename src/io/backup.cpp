// Backup files: see backup.hpp.
#include "io/backup.hpp"

#include "io/codec.hpp"
#include "io/envelope.hpp"

#include <algorithm>
#include <unordered_set>

namespace ties::io {
namespace {

template <typename T>
void append_sorted(std::vector<Record>& out, const RecordMap<T>& map) {
    std::vector<const T*> records;
    records.reserve(map.size());
    for (const auto& [id, record] : map) records.push_back(&record);
    std::sort(records.begin(), records.end(), [](const T* a, const T* b) { return a->meta.id < b->meta.id; });
    for (const T* record : records) out.emplace_back(*record);
}

}  // namespace

std::vector<Record> all_records(const Store& store) {
    std::vector<Record> records;
    records.reserve(store.record_count() + 1);
    records.emplace_back(store.settings());
    append_sorted(records, store.contacts());
    append_sorted(records, store.interactions());
    append_sorted(records, store.events());
    append_sorted(records, store.opportunities());
    return records;
}

std::string backup_bytes(const Store& store) {
    Payload payload;
    payload.records = all_records(store);
    return wrap(FileKind::Backup, encode(payload));
}

std::string backup_file_name(Date today) { return "ties-backup-" + today.iso() + ".ties"; }

BackupRead read_backup(std::string_view bytes) {
    BackupRead result;
    if (bytes.empty()) {
        result.error = problem("the file is empty");
        return result;
    }
    const Unwrapped file = unwrap(bytes);
    if (!file.ok()) {
        result.error = file.error;
        return result;
    }
    if (file.kind == FileKind::EncryptedBackup) {
        result.encrypted = true;
        result.error = problem("the backup is encrypted: it needs its passphrase");
        return result;
    }
    if (file.kind != FileKind::Backup && file.kind != FileKind::Snapshot) {
        result.error = problem("not a backup (a journal holds only part of the data)");
        return result;
    }
    Decoded decoded = decode_payload(file.format_version, file.payload);
    if (!decoded.ok()) {
        result.error = decoded.error;
        return result;
    }
    std::unordered_set<Id, IdHash> seen;
    for (Record& record : decoded.payload.records) {
        const Id id = meta_of(record).id;
        if (!seen.insert(id).second) {
            result.store.clear();
            result.error = problem("invalid data: the id " + id.to_string() + " is used twice");
            return result;
        }
        result.store.load(std::move(record));
    }
    return result;
}

}  // namespace ties::io
