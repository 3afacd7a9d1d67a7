// Backup files: see backup.hpp.
#include "io/backup.hpp"

#include "io/codec.hpp"
#include "io/envelope.hpp"

#include <algorithm>

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

}  // namespace ties::io
