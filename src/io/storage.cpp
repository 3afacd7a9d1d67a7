// The storage engine: a snapshot per generation plus one journal file per save, so a save writes
// only what changed. Every write goes to a name that did not exist before (Emscripten 3.1.6's
// IDBFS cannot rename over a file safely), every read is checked by the envelope and the codec,
// and a damaged file costs the changes it held, never the whole store: load() falls back to an
// older snapshot and skips damaged journals, saying which and why.
#include "io/storage.hpp"

#include "io/backup.hpp"  // all_records: the snapshot holds what a backup holds
#include "io/codec.hpp"
#include "io/envelope.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace ties::io {
namespace fs = std::filesystem;

namespace {

// Larger files are refused unread: no real store comes near it, and reading one whole could
// exhaust the browser tab's memory.
constexpr std::uintmax_t kMaxFileSize = 512ull * 1024 * 1024;

constexpr std::uintmax_t kCompactAfterBytes = 256 * 1024;

std::string snapshot_name(std::uint64_t generation) {
    char name[64];
    std::snprintf(name, sizeof name, "snapshot-%08llu.ties", static_cast<unsigned long long>(generation));
    return name;
}

std::string journal_name(std::uint64_t generation, std::uint64_t sequence) {
    char name[80];
    std::snprintf(name, sizeof name, "journal-%08llu-%08llu.ties", static_cast<unsigned long long>(generation),
                  static_cast<unsigned long long>(sequence));
    return name;
}

struct FileName {
    bool snapshot = false;
    std::uint64_t generation = 0;
    std::uint64_t sequence = 0;  // journals only
    std::string name;
};

// Reads the digits at `at` up to the next non-digit; nullopt on none or on overflow.
std::optional<std::uint64_t> read_number(const std::string& text, std::size_t& at) {
    std::uint64_t value = 0;
    const std::size_t begin = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        const auto digit = static_cast<std::uint64_t>(text[at] - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
        ++at;
    }
    if (at == begin) return std::nullopt;
    return value;
}

// Strict: the name must be exactly what snapshot_name/journal_name would write for its numbers,
// so "snapshot-1.ties", "journal-00000001-00000001.ties.bak" or "Snapshot-..." are ignored.
std::optional<FileName> parse_name(const std::string& name) {
    FileName parsed;
    parsed.name = name;
    std::size_t at = 0;
    if (name.rfind("snapshot-", 0) == 0) {
        at = 9;
        const auto generation = read_number(name, at);
        if (!generation) return std::nullopt;
        parsed.snapshot = true;
        parsed.generation = *generation;
        if (snapshot_name(*generation) != name) return std::nullopt;
        return parsed;
    }
    if (name.rfind("journal-", 0) == 0) {
        at = 8;
        const auto generation = read_number(name, at);
        if (!generation || at >= name.size() || name[at] != '-') return std::nullopt;
        ++at;
        const auto sequence = read_number(name, at);
        if (!sequence) return std::nullopt;
        parsed.generation = *generation;
        parsed.sequence = *sequence;
        if (journal_name(*generation, *sequence) != name) return std::nullopt;
        return parsed;
    }
    return std::nullopt;
}

// The Ties files in `folder`, in no particular order. Unrelated names and non-files are ignored.
std::vector<FileName> list_files(const fs::path& folder) {
    std::vector<FileName> files;
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    const fs::directory_iterator end;
    while (!ec && it != end) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec)) {
            if (auto parsed = parse_name(it->path().filename().string())) files.push_back(std::move(*parsed));
        }
        it.increment(ec);
    }
    return files;
}

std::string reason_from_errno(int error, const char* fallback) {
    return error != 0 ? std::generic_category().message(error) : std::string(fallback);
}

}  // namespace

// Reads exactly the file's size, and refuses files too large to be ours.
FileBytes read_file(const fs::path& path) {
    FileBytes result;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) {
        result.error = "could not read: " + ec.message();
        return result;
    }
    if (size > kMaxFileSize) {
        result.error = "too large to be a Ties file (" + std::to_string(size) + " bytes); not read";
        return result;
    }
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.error = "could not read: " + reason_from_errno(errno, "cannot open");
        return result;
    }
    result.bytes.resize(static_cast<std::size_t>(size));
    in.read(result.bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        result.error = "could not read: " + reason_from_errno(errno, "the file ended early");
        result.bytes.clear();
    }
    return result;
}

// Writes a new file; on any failure removes what was written and returns the reason.
std::optional<std::string> write_new_file(const fs::path& path, std::string_view bytes) {
    std::string reason;
    {
        errno = 0;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out) return reason_from_errno(errno, "cannot create the file");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (out) {
            out.close();  // the last buffered bytes reach the file system here
            if (!out.fail()) return std::nullopt;
        }
        reason = reason_from_errno(errno, "write failed");
    }
    std::error_code ignored;
    fs::remove(path, ignored);
    return reason;
}

namespace {

// True when the file exists under that name (as anything: a directory blocks the name too).
bool name_taken(const fs::path& path) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

// True when the file's envelope says it was written by a newer Ties: such files are never
// deleted, so that a newer Ties can still read them.
bool written_by_newer_ties(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string header(kEnvelopeHeaderSize, '\0');
    if (!in.read(header.data(), static_cast<std::streamsize>(header.size()))) return false;
    // unwrap() checks the version right after the magic, before the length: reuse its verdict.
    const Unwrapped probe = unwrap(header);
    return !probe.ok() && probe.error->text.find("newer version") != std::string::npos;
}

// Said of a file whose payload names another generation or sequence than its file name.
std::string belongs_elsewhere(std::uint64_t generation, std::uint64_t sequence) {
    return "its contents belong to another file (generation " + std::to_string(generation) + ", sequence " +
           std::to_string(sequence) + ")";
}

// Reads, unwraps and decodes one journal; checks that it is the kind and numbers its name says.
// (Snapshots are read in steps: StorageEngine::read_snapshot.)
struct ReadPayload {
    Payload payload;
    std::string error;
    std::uintmax_t size = 0;
};

ReadPayload read_payload_unguarded(const fs::path& folder, const FileName& file) {
    ReadPayload result;
    FileBytes bytes = read_file(folder / file.name);
    if (!bytes.error.empty()) {
        result.error = std::move(bytes.error);
        return result;
    }
    result.size = bytes.bytes.size();
    const Unwrapped unwrapped = unwrap(bytes.bytes);
    if (!unwrapped.ok()) {
        result.error = unwrapped.error->text;
        return result;
    }
    const FileKind expected = file.snapshot ? FileKind::Snapshot : FileKind::Journal;
    if (unwrapped.kind != expected) {
        result.error = file.snapshot ? "not a snapshot" : "not a journal";
        return result;
    }
    Decoded decoded = decode_payload(unwrapped.format_version, unwrapped.payload);
    if (!decoded.ok()) {
        result.error = std::move(decoded.error->text);
        return result;
    }
    if (decoded.payload.generation != file.generation || (!file.snapshot && decoded.payload.sequence != file.sequence)) {
        result.error = belongs_elsewhere(decoded.payload.generation, decoded.payload.sequence);
        return result;
    }
    result.payload = std::move(decoded.payload);
    return result;
}

// One file that cannot be read (even for want of memory) costs that file, not the whole load.
ReadPayload read_payload(const fs::path& folder, const FileName& file) {
    try {
        return read_payload_unguarded(folder, file);
    } catch (const std::exception& error) {
        ReadPayload result;
        result.error = std::string("could not read: ") + error.what();
        return result;
    }
}

}  // namespace

StorageEngine::StorageEngine(std::filesystem::path folder) : folder_(std::move(folder)) {}

// The state of a load in steps: the files found, which snapshot is being read and how far.
struct StorageEngine::Loading {
    std::vector<FileName> files;
    std::vector<FileName> snapshots;  // newest first
    std::vector<FileName> journals;   // in the order they were written
    std::size_t next_snapshot = 0;
    std::size_t next_journal = 0;
    bool snapshot_done = false;
    FileName reading;                 // the snapshot being read, with its bytes and reader
    std::string bytes;
    std::optional<PayloadReader> reader;
    std::uintmax_t total_bytes = 0;   // of the newest snapshot and the journals: the progress bar's 100%
    std::uintmax_t done_bytes = 0;
    LoadReport report;
};

LoadReport StorageEngine::load(Store& store) {
    begin_load(store);
    std::optional<LoadReport> report;
    while (!(report = load_step(store, std::numeric_limits<std::size_t>::max()))) {}
    return *report;
}

void StorageEngine::begin_load(Store& store) {
    store.clear();
    generation_ = 0;
    next_sequence_ = 1;
    journal_count_ = 0;
    journal_bytes_ = 0;
    snapshot_bytes_ = 0;
    obsolete_below_ = 0;
    snapshot_generation_ = 0;
    has_snapshot_ = false;
    pending_.clear();
    compaction_.reset();
    loading_ = std::make_shared<Loading>();
    Loading& l = *loading_;
    try {
        std::error_code ec;
        fs::create_directories(folder_, ec);
        if (ec) {
            l.report.warnings.push_back("could not create the folder " + folder_.string() + ": " + ec.message());
            l.snapshot_done = true;
            return;
        }
        l.files = list_files(folder_);
        for (const FileName& file : l.files) {
            generation_ = std::max(generation_, file.generation);
            (file.snapshot ? l.snapshots : l.journals).push_back(file);
        }
        for (const FileName& journal : l.journals)
            if (journal.generation == generation_) next_sequence_ = std::max(next_sequence_, journal.sequence + 1);
        std::sort(l.snapshots.begin(), l.snapshots.end(),
                  [](const FileName& a, const FileName& b) { return a.generation > b.generation; });
        std::sort(l.journals.begin(), l.journals.end(), [](const FileName& a, const FileName& b) {
            return a.generation != b.generation ? a.generation < b.generation : a.sequence < b.sequence;
        });
        const auto size_of = [&](const FileName& file) {
            std::error_code size_ec;
            const auto size = fs::file_size(folder_ / file.name, size_ec);
            return size_ec ? std::uintmax_t{0} : size;
        };
        if (!l.snapshots.empty()) l.total_bytes += size_of(l.snapshots.front());
        for (const FileName& journal : l.journals) l.total_bytes += size_of(journal);
    } catch (const std::exception& error) {
        l.report.warnings.push_back(std::string("could not read the folder: ") + error.what());
        l.snapshots.clear();
        l.journals.clear();
    }
}

double StorageEngine::load_progress() const {
    if (!loading_ || loading_->total_bytes == 0) return loading_ ? 0.0 : 1.0;
    const Loading& l = *loading_;
    double done = static_cast<double>(l.done_bytes);
    if (l.reader) done += l.reader->progress() * static_cast<double>(l.bytes.size());
    return std::min(1.0, done / static_cast<double>(l.total_bytes));
}

// Opens the next snapshot to try; false when there is none left.
bool StorageEngine::open_snapshot(Loading& l) {
    while (l.next_snapshot < l.snapshots.size()) {
        l.reading = l.snapshots[l.next_snapshot++];
        const bool older = l.next_snapshot < l.snapshots.size();
        const auto fail = [&](const std::string& why) {
            l.report.warnings.push_back(l.reading.name + ": " + why + (older ? "; using an older copy" : "; no older copy"));
        };
        FileBytes file;
        try {
            file = read_file(folder_ / l.reading.name);
        } catch (const std::exception& error) {  // even for want of memory: it costs this file only
            fail(std::string("could not read: ") + error.what());
            continue;
        }
        if (!file.error.empty()) {
            fail(file.error);
            continue;
        }
        l.bytes = std::move(file.bytes);
        const Unwrapped unwrapped = unwrap(l.bytes);
        if (!unwrapped.ok()) {
            fail(unwrapped.error->text);
            continue;
        }
        if (unwrapped.kind != FileKind::Snapshot) {
            fail("not a snapshot");
            continue;
        }
        l.reader.emplace(unwrapped.format_version, unwrapped.payload);
        return true;
    }
    return false;
}

// Reads up to `budget` records of the snapshot into the store; marks it done when it has been
// read whole (or when none reads back intact).
void StorageEngine::read_snapshot(Store& store, Loading& l, std::size_t& budget) {
    if (!l.reader && !open_snapshot(l)) {
        l.snapshot_done = true;
        return;
    }
    const std::size_t before = l.reader->records_read();
    l.reader->read(budget, [&store](Record&& record) { store.load(std::move(record)); });
    budget -= std::min(budget, l.reader->records_read() - before + 1);
    std::string error = l.reader->error() ? l.reader->error()->text : std::string();
    if (error.empty() && !l.reader->done()) return;  // more next step
    if (error.empty() && l.reader->generation() != l.reading.generation)
        error = belongs_elsewhere(l.reader->generation(), l.reader->sequence());
    l.reader.reset();
    if (!error.empty()) {
        store.clear();  // the records read before the damage
        const bool older = l.next_snapshot < l.snapshots.size();
        l.report.warnings.push_back(l.reading.name + ": " + error + (older ? "; using an older copy" : "; no older copy"));
        l.bytes = std::string();
        return;
    }
    has_snapshot_ = true;
    snapshot_generation_ = l.reading.generation;
    snapshot_bytes_ = l.bytes.size();
    l.report.generation = snapshot_generation_;
    l.done_bytes += l.bytes.size();
    l.bytes = std::string();
    l.snapshot_done = true;
}

std::optional<LoadReport> StorageEngine::load_step(Store& store, std::size_t records) {
    if (!loading_) return std::nullopt;
    Loading& l = *loading_;
    std::size_t budget = std::max<std::size_t>(records, 1);
    try {
        // The newest snapshot that reads back intact, then every journal of that generation or
        // later, in the order they were written.
        while (budget > 0 && !l.snapshot_done) read_snapshot(store, l, budget);
        while (budget > 0 && l.snapshot_done && l.next_journal < l.journals.size()) {
            const FileName& journal = l.journals[l.next_journal++];
            if (has_snapshot_ && journal.generation < snapshot_generation_) continue;  // in the snapshot
            ++journal_count_;
            ReadPayload read = read_payload(folder_, journal);
            if (!read.error.empty()) {
                l.report.warnings.push_back(journal.name + ": " + read.error + "; its changes are skipped");
                std::error_code size_ec;
                const auto size = fs::file_size(folder_ / journal.name, size_ec);
                if (!size_ec) journal_bytes_ += size;
                continue;
            }
            budget -= std::min(budget, read.payload.records.size() + 1);
            for (Record& record : read.payload.records) store.load(std::move(record));
            journal_bytes_ += read.size;
            l.done_bytes += read.size;
            ++l.report.journals_applied;
        }
        if (!l.snapshot_done || l.next_journal < l.journals.size()) return std::nullopt;
    } catch (const std::exception& error) {
        l.report.warnings.push_back(std::string("could not read the folder: ") + error.what());
    }

    // Files older than the snapshot in use are leftovers of an earlier compaction whose clean-up
    // did not happen: the next committed() removes them.
    if (has_snapshot_) {
        const bool leftovers = std::any_of(l.files.begin(), l.files.end(), [&](const FileName& file) {
            return file.generation < snapshot_generation_;
        });
        if (leftovers) obsolete_below_ = snapshot_generation_;
    }
    LoadReport report = std::move(l.report);
    report.records = store.record_count();
    loading_.reset();
    return report;
}

SaveResult StorageEngine::save(Store& store) {
    SaveResult result;
    std::vector<Record> records;
    try {
        // Pending records from a failed save first, then the store's; one value per id (the latest).
        records = std::move(pending_);
        pending_.clear();
        std::unordered_map<Id, std::size_t, IdHash> index;
        for (std::size_t i = 0; i < records.size(); ++i) index.emplace(meta_of(records[i]).id, i);
        for (Record& record : store.take_unsaved()) {
            const Id id = meta_of(record).id;
            if (const auto it = index.find(id); it != index.end()) {
                records[it->second] = std::move(record);
            } else {
                index.emplace(id, records.size());
                records.push_back(std::move(record));
            }
        }
        if (records.empty()) return result;

        while (name_taken(folder_ / journal_name(generation_, next_sequence_))) ++next_sequence_;
        const std::string name = journal_name(generation_, next_sequence_);
        const std::string bytes = wrap(FileKind::Journal, encode_binary(Payload{generation_, next_sequence_, records}),
                                       kBinaryPayload);

        if (auto reason = write_new_file(folder_ / name, bytes)) {
            pending_ = std::move(records);
            result.error = problem("could not write " + name + ": " + *reason);
            return result;
        }
        ++next_sequence_;
        ++journal_count_;
        journal_bytes_ += bytes.size();
        result.wrote = true;
    } catch (const std::exception& error) {
        // Keep whatever was taken so the next save can try again.
        for (Record& record : records) pending_.push_back(std::move(record));
        result.error = problem(std::string("could not save: ") + error.what());
    }
    return result;
}

bool StorageEngine::wants_compaction() const {
    return journal_count_ >= compact_after_journals_ ||
           journal_bytes_ > std::max<std::uintmax_t>(kCompactAfterBytes, snapshot_bytes_ / 2);
}

SaveResult StorageEngine::compact(const Store& store) {
    SaveResult result;
    compaction_.reset();
    try {
        std::uint64_t generation = generation_ + 1;
        while (name_taken(folder_ / snapshot_name(generation))) ++generation;
        const std::string name = snapshot_name(generation);
        const std::string bytes = wrap(FileKind::Snapshot, encode_binary(Payload{generation, 0, all_records(store)}),
                                       kBinaryPayload);
        if (auto reason = write_new_file(folder_ / name, bytes)) {
            result.error = problem("could not write " + name + ": " + *reason);
            return result;
        }
        generation_ = generation;
        snapshot_generation_ = generation;
        has_snapshot_ = true;
        next_sequence_ = 1;
        journal_count_ = 0;
        journal_bytes_ = 0;
        snapshot_bytes_ = bytes.size();
        obsolete_below_ = generation;
        pending_.clear();  // the snapshot holds the store's current values, pending ones included
        result.wrote = true;
    } catch (const std::exception& error) {
        result.error = problem(std::string("could not write a snapshot: ") + error.what());
    }
    return result;
}

struct StorageEngine::Compaction {
    std::uint64_t generation = 0;
    std::vector<Id> ids;               // the records to write, in compact()'s order
    std::size_t journals_before = 0;   // the older generation's, counted back if the write fails
    std::uintmax_t journal_bytes_before = 0;
    std::optional<BinaryPayloadWriter> writer;
};

namespace {

template <class Map>
void append_sorted_ids(std::vector<Id>& ids, const Map& map) {
    const std::size_t start = ids.size();
    for (const auto& entry : map) ids.push_back(entry.first);
    std::sort(ids.begin() + static_cast<std::ptrdiff_t>(start), ids.end());
}

}  // namespace

void StorageEngine::begin_compaction(const Store& store) {
    auto compaction = std::make_shared<Compaction>();
    std::uint64_t generation = generation_ + 1;
    while (name_taken(folder_ / snapshot_name(generation))) ++generation;
    compaction->generation = generation;
    compaction->ids.reserve(store.record_count() + 1);
    compaction->ids.push_back(kSettingsId);  // all_records' order: settings, then each kind by id
    append_sorted_ids(compaction->ids, store.contacts());
    append_sorted_ids(compaction->ids, store.interactions());
    append_sorted_ids(compaction->ids, store.events());
    append_sorted_ids(compaction->ids, store.opportunities());
    compaction->journals_before = journal_count_;
    compaction->journal_bytes_before = journal_bytes_;
    compaction->writer.emplace(generation, 0, compaction->ids.size());
    generation_ = generation;  // journals from now on belong to the new generation
    next_sequence_ = 1;
    journal_count_ = 0;
    journal_bytes_ = 0;
    compaction_ = std::move(compaction);
}

std::optional<SaveResult> StorageEngine::compaction_step(const Store& store, std::size_t records) {
    if (!compaction_) return std::nullopt;
    Compaction& c = *compaction_;
    SaveResult result;
    try {
        for (std::size_t n = 0; n < records && c.writer->added() < c.ids.size(); ++n) {
            const Id id = c.ids[c.writer->added()];
            std::optional<Record> record = store.record(id);
            if (!record) throw std::logic_error("a record vanished from the store while it compacted");
            c.writer->add(*record);
        }
        if (c.writer->added() < c.ids.size()) return std::nullopt;
        const std::string name = snapshot_name(c.generation);
        const std::string bytes = wrap(FileKind::Snapshot, c.writer->finish(), kBinaryPayload);
        if (auto reason = write_new_file(folder_ / name, bytes)) {
            result.error = problem("could not write " + name + ": " + *reason);
        } else {
            snapshot_generation_ = c.generation;
            has_snapshot_ = true;
            snapshot_bytes_ = bytes.size();
            obsolete_below_ = c.generation;
            result.wrote = true;
        }
    } catch (const std::exception& error) {
        result.error = problem(std::string("could not write a snapshot: ") + error.what());
    }
    if (!result.ok()) {  // the older snapshot and every journal since stay in use
        journal_count_ += c.journals_before;
        journal_bytes_ += c.journal_bytes_before;
    }
    compaction_.reset();
    return result;
}

bool StorageEngine::committed() {
    // Only a snapshot this engine loaded or wrote can make older files obsolete.
    if (obsolete_below_ == 0 || !has_snapshot_ || snapshot_generation_ < obsolete_below_) return false;
    bool deleted = false;
    bool failed = false;
    try {
        for (const FileName& file : list_files(folder_)) {
            if (file.generation >= obsolete_below_) continue;
            const fs::path path = folder_ / file.name;
            if (written_by_newer_ties(path)) continue;
            std::error_code ec;
            if (fs::remove(path, ec)) deleted = true;
            else if (ec) failed = true;
        }
    } catch (const std::exception&) {
        failed = true;
    }
    if (!failed) obsolete_below_ = 0;  // else try again after the next sync
    return deleted;
}

std::vector<std::filesystem::path> StorageEngine::live_files() const {
    std::vector<std::filesystem::path> live;
    try {
        std::vector<FileName> files = list_files(folder_);
        std::sort(files.begin(), files.end(), [](const FileName& a, const FileName& b) {
            if (a.snapshot != b.snapshot) return a.snapshot;
            return a.generation != b.generation ? a.generation < b.generation : a.sequence < b.sequence;
        });
        for (const FileName& file : files) {
            if (file.snapshot ? (has_snapshot_ && file.generation == snapshot_generation_)
                              : (!has_snapshot_ || file.generation >= snapshot_generation_))
                live.push_back(folder_ / file.name);
        }
    } catch (const std::exception&) {
        // A folder that cannot be listed has no live files to show.
    }
    return live;
}

}  // namespace ties::io
