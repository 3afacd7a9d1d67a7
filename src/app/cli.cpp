// The `ties` commands: import, export, check, merge, encrypt, decrypt, sync. Each reads whole files,
// works on a Store in memory with the same core and io code as the browser, and writes its
// result atomically; a command that fails part-way writes nothing.
// Sections, in order (search for "// --- "): Arguments · Files · Backups · import · export · check ·
//   merge · encrypt, decrypt · sync pull, sync push.
#include "app/cli.hpp"

#include "app/encryption.hpp"
#include "app/sync_curl.hpp"
#include "core/forms.hpp"
#include "core/import_plan.hpp"
#include "core/text.hpp"
#include "io/backup.hpp"
#include "io/codec.hpp"
#include "io/csv_import.hpp"
#include "io/envelope.hpp"
#include "io/exports.hpp"
#include "io/import.hpp"
#include "io/history_import.hpp"
#include "io/import_files.hpp"
#include "io/crypto_format.hpp"
#include "io/sync.hpp"
#include "io/vcard.hpp"
#include "io/x_archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <unordered_map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace ties::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUsage = R"(ties: the command-line tool of Ties, a personal CRM. It reads and writes the very
backup files the browser app downloads and imports (.ties).

Usage:
  ties import FILE... --into BACKUP [--dry-run] [--merge-weak] [--me ADDRESS,...] [--add-people]
      Adds people from vCard (.vcf), CSV (Google Contacts, LinkedIn Connections.csv, any table
      with a header) and X archive files (the data/*.js files, or the data folder) to BACKUP,
      created when missing. A mailbox (mbox from Gmail Takeout, Thunderbird, Apple Mail; .eml)
      and a calendar (.ics) add history: a touch per mail thread and day (headers only; lists
      and automatic mail left out) and per meeting, with the people you have. Whose mail it is
      comes from --me, else BACKUP's settings, else the address in most messages (then kept in
      the settings). People you write to but don't have are listed, with their counts, and
      only added with --add-people. Cards of one person (in the file, or already in BACKUP) are merged
      when the evidence is strong: the same personal email, profile or phone number with names
      that agree, or the same name with something else agreeing. Weak evidence (a mailbox
      shared by people with different names, the same name and nothing else) is left apart
      unless --merge-weak; --dry-run lists every match and its reason. Importing a file twice
      adds nothing. A .ties backup among the FILEs is merged record by record (the newer edit
      wins, deletions stay deleted).
  ties export BACKUP --format vcf|vcf3|csv|ics|graphml|json [-o FILE]
      vcf: vCard 4.0, vcf3: vCard 3.0, csv: one row per person, ics: today's plan and
      follow-ups as calendar events, json: the backup's readable content. Standard output
      unless -o.
  ties check BACKUP
      Verifies the file (envelope, checksum, every record) and counts what it holds. Exit code
      0 when intact, 1 when damaged.
  ties merge A B -o C
      Every record of A and B, the newer edit winning, deletions respected. C may be A.
  ties encrypt BACKUP -o OUT --passphrase-file FILE
  ties decrypt BACKUP -o OUT --passphrase-file FILE
      Encrypted backups: AES-256-GCM with a key from the passphrase (PBKDF2-SHA-256, 600,000
      rounds), the same files the browser writes and reads.
  ties sync pull URL -o BACKUP --passphrase-file FILE [--user NAME --password-file FILE]
      Reads the sync vault in the WebDAV folder URL (the folder sync was set up with in the
      app) and writes every record it holds to BACKUP, a plain backup. Changes nothing on the
      server and never makes a vault.
  ties sync push URL --from BACKUP --state FILE --passphrase-file FILE
                     [--user NAME --password-file FILE] [--new-vault]
      Sends BACKUP's records to the vault as a device of its own; the other devices get them
      at their next sync (the newer edit wins, as between devices). FILE keeps this device's
      side of the vault between runs: keep it, or the next push joins as another device.
      --new-vault makes a vault when the folder has none. BACKUP is not changed.
      For sync, --passphrase-file is the sync passphrase and --password-file the server's
      password (for Nextcloud an app password); each file's content is used whole, without
      one line end at its end. --timeout SECONDS: give up on a server that does not answer
      for that long (default 60; 20 to connect).

Options:
  --passphrase-file FILE   the passphrase (the file's first line) for encrypted backups: to read
                           them with any command, and to write BACKUP, C or OUT encrypted (an
                           encrypted backup stays encrypted; import creates an encrypted one).
  -o FILE                  where to write; the file is replaced atomically.
  -h, --help               this text.

Exit codes: 0 done, 1 failed (nothing was written), 2 wrong usage.
)";

// --- Arguments -------------------------------------------------------------------------------------

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;  // "--into" -> "backup.ties"
    std::set<std::string> flags;                // "--dry-run"
    bool help = false;

    std::optional<std::string> value(const std::string& name) const {
        const auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

struct UsageError {
    std::string message;
};

// Options of one command: `valued` take a value ("--into X" or "--into=X"), `flags` none.
Args parse(const std::vector<std::string>& args, std::size_t from, std::initializer_list<std::string_view> valued,
           std::initializer_list<std::string_view> flags) {
    Args parsed;
    bool options_done = false;
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_done || arg.size() < 2 || arg[0] != '-') {
            parsed.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_done = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            parsed.help = true;
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(0, equals);
        if (std::find(valued.begin(), valued.end(), name) != valued.end()) {
            std::string value;
            if (equals != std::string::npos) {
                value = arg.substr(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                throw UsageError{name + " needs a value"};
            }
            if (parsed.values.count(name)) throw UsageError{name + " is given twice"};
            parsed.values[name] = value;
        } else if (equals == std::string::npos && std::find(flags.begin(), flags.end(), name) != flags.end()) {
            parsed.flags.insert(name);
        } else {
            throw UsageError{"unknown option " + arg + " for this command"};
        }
    }
    return parsed;
}

std::string required(const Args& args, const std::string& name, const std::string& what) {
    const auto value = args.value(name);
    if (!value) throw UsageError{"missing " + name + " " + what};
    if (value->empty()) throw UsageError{name + " needs a value"};
    return *value;
}

// --- Files -----------------------------------------------------------------------------------------

std::string system_error(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

bool read_file(const std::string& path, std::string& bytes, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        error = path + " is a folder, not a file";
        return false;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        error = system_error("cannot read", path);
        return false;
    }
    bytes.clear();
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed) error = system_error("cannot read", path);
    return !failed;
}

// Writes `bytes` to `path` as a whole or not at all: into a new file beside it
// (path.tmp-<random>), flushed to disk with fsync, then renamed over `path`. Natively rename(2)
// replaces the old file atomically (readers see the old or the new file, never a mix), so this
// is safe here; in the browser it is not (IDBFS in Emscripten 3.1.6 can bring an overwritten
// file back, see TOOLCHAIN.md), which is why the storage engine writes new names there instead.
bool write_atomically(const std::string& path, std::string_view bytes, std::string& error) {
    std::random_device random;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", random(), random());
    const std::string temp = path + ".tmp-" + suffix;
    mode_t mode = 0600;  // a new backup holds personal data: only its owner reads it
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0) mode = existing.st_mode & 07777;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        error = system_error("cannot create", temp);
        return false;
    }
    const auto give_up = [&](const std::string& message) {
        error = message;
        ::close(fd);
        ::unlink(temp.c_str());
        return false;
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return give_up(system_error("cannot write", temp));
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, mode) != 0) return give_up(system_error("cannot set the permissions of", temp));
    if (::fsync(fd) != 0) return give_up(system_error("cannot flush", temp));
    if (::close(fd) != 0) {
        error = system_error("cannot write", temp);
        ::unlink(temp.c_str());
        return false;
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        error = system_error("cannot replace", path);
        ::unlink(temp.c_str());
        return false;
    }
    // The rename is durable once the folder is flushed too.
    const fs::path parent = fs::path(path).parent_path();
    const int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

bool exists(const std::string& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

// The passphrase: the file's first line (without its line end).
std::optional<std::string> read_passphrase(const Args& args) {
    const auto path = args.value("--passphrase-file");
    if (!path) return std::nullopt;
    std::string bytes, error;
    if (!read_file(*path, bytes, error)) throw UsageError{error};
    const std::size_t end = bytes.find_first_of("\r\n");
    if (end != std::string::npos) bytes.resize(end);
    if (bytes.empty()) throw UsageError{"the passphrase file " + *path + " is empty"};
    return bytes;
}

// A password or sync passphrase: the whole file without one trailing line end, so a secret that
// ends in spaces survives. Never taken from the command line, where other users can see it.
std::string read_secret(const Args& args, const std::string& name, const std::string& what) {
    const std::string path = required(args, name, "FILE (" + what + ")");
    std::string bytes, error;
    if (!read_file(path, bytes, error)) throw UsageError{error};
    if (!bytes.empty() && bytes.back() == '\n') bytes.pop_back();
    if (!bytes.empty() && bytes.back() == '\r') bytes.pop_back();
    if (bytes.empty()) throw UsageError{"the file " + path + " is empty (" + what + ")"};
    return bytes;
}

// --- Backups ---------------------------------------------------------------------------------------

struct Loaded {
    Store store;
    bool encrypted = false;
    std::string plain;  // the plain backup file (decrypted when it was encrypted)
};

bool load_backup_bytes(const std::string& name, std::string bytes, const std::optional<std::string>& passphrase,
                       Loaded& loaded, std::string& error) {
    io::BackupRead read = io::read_backup(bytes);
    if (read.encrypted) {
        if (!passphrase) {
            error = name + " is encrypted: give its passphrase with --passphrase-file FILE";
            return false;
        }
        Decrypted decrypted = decrypt_backup(bytes, *passphrase);
        if (!decrypted.ok()) {
            error = name + ": " + to_string(decrypted.error);
            return false;
        }
        loaded.encrypted = true;
        bytes = std::move(decrypted.plaintext);
        read = io::read_backup(bytes);
        if (read.encrypted) read.error = problem("an encrypted backup inside an encrypted backup");
    }
    if (!read.ok()) {
        error = name + ": " + to_string(read.error);
        return false;
    }
    loaded.store = std::move(read.store);
    loaded.plain = std::move(bytes);
    return true;
}

bool load_backup(const std::string& path, const std::optional<std::string>& passphrase, Loaded& loaded,
                 std::string& error) {
    std::string bytes;
    return read_file(path, bytes, error) && load_backup_bytes(path, std::move(bytes), passphrase, loaded, error);
}

// Writes the store as a backup, encrypted with `passphrase` when given.
bool save_backup(const std::string& path, const Store& store, const std::optional<std::string>& passphrase,
                 std::string& error) {
    std::string bytes = io::backup_bytes(store);
    if (passphrase) {
        bytes = encrypt_backup(bytes, *passphrase, error);
        if (bytes.empty()) return false;
    }
    return write_atomically(path, bytes, error);
}

struct Counts {
    std::size_t contacts = 0, archived = 0, interactions = 0, events = 0, opportunities = 0, tombstones = 0;
};

Counts count(const Store& store) {
    Counts c;
    for (const auto& [id, r] : store.contacts()) {
        if (r.meta.deleted) {
            ++c.tombstones;
        } else {
            ++c.contacts;
            if (r.archived) ++c.archived;
        }
    }
    const auto tally = [&c](const auto& map, std::size_t& live) {
        for (const auto& [id, r] : map) ++(r.meta.deleted ? c.tombstones : live);
    };
    tally(store.interactions(), c.interactions);
    tally(store.events(), c.events);
    tally(store.opportunities(), c.opportunities);
    return c;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string describe(const Store& store) {
    const Counts c = count(store);
    return plural(c.contacts, "person", "people") + ", " + plural(c.interactions, "interaction", "interactions");
}

// --- import ----------------------------------------------------------------------------------------

// One import: a file, or all the X archive's files together.
struct Source {
    io::ImportKind kind = io::ImportKind::Unknown;
    std::string name;
    std::vector<io::NamedFile> files;
};

bool starts_like_x_archive(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && bytes.substr(first, 11) == "window.YTD.";
}

std::string summary_line(const std::string& name, const ImportSummary& summary, std::size_t warnings, bool weak_left) {
    std::string line = name + ": " + describe_import(summary);
    if (weak_left) line += " (--merge-weak merges them)";
    if (summary.interactions_added + summary.interactions_known > 0) {
        line += ", " + plural(summary.interactions_added, "interaction", "interactions");
        if (summary.interactions_known > 0) line += " (" + std::to_string(summary.interactions_known) + " already there)";
    }
    if (warnings > 0) line += ", " + plural(warnings, "warning", "warnings");
    return line;
}

// Every match of a dry run, made or not, with its reason:
//   merge  John Doe (entry 2) -> John Doe (entry 1): same phone number +1 555 0100
std::string match_lines(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge) {
    std::string lines;
    for (std::size_t m = 0; m < plan.matches.size(); ++m) {
        const ImportMatch& match = plan.matches[m];
        const Contact& card = plan.contacts[match.incoming];
        const Contact* existing = match.in_file() ? nullptr : store.contact(match.existing);
        const std::string target = match.in_file()
                                       ? contact_label(plan.contacts[match.card]) + " (entry " + std::to_string(match.card + 1) + ")"
                                       : (existing ? contact_label(*existing) : std::string("?")) + " (you have)";
        lines += std::string(merge[m] ? "  merge       " : "  keep apart  ") + contact_label(card) + " (entry " +
                 std::to_string(match.incoming + 1) + ") -> " + target + ": " + match.reason + "\n";
    }
    return lines;
}

// A file on disk, read in slices as the history import asks (a mailbox of several gigabytes).
io::HistorySource file_source(const std::string& path) {
    auto file = std::shared_ptr<std::FILE>(std::fopen(path.c_str(), "rb"), [](std::FILE* f) {
        if (f) std::fclose(f);
    });
    io::HistorySource source;
    source.name = path;
    std::error_code ec;
    source.size = fs::file_size(path, ec);
    source.read = [file](std::uint64_t offset, char* out, std::size_t max) -> std::size_t {
        if (!file || fseeko(file.get(), static_cast<off_t>(offset), SEEK_SET) != 0) return 0;
        return std::fread(out, 1, max, file.get());
    };
    return source;
}

std::string first_bytes(const std::string& path, std::size_t n) {
    std::string bytes(n, '\0');
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return "";
    bytes.resize(std::fread(bytes.data(), 1, n, file));
    std::fclose(file);
    return bytes;
}

// The mailboxes and calendars of an import: touches with the people BACKUP has; the people it
// does not have listed (added with --add-people). Returns false when nothing could be read.
bool import_history_files(const std::vector<std::string>& paths, const Args& args, Store& store, IdGenerator& ids,
                          const Environment& env, bool& changed, std::ostream& out, std::ostream& err) {
    std::vector<io::HistorySource> sources;
    for (const std::string& path : paths) sources.push_back(file_source(path));
    io::HistoryOptions options;
    if (const auto me = args.value("--me")) {
        options.me = read_own_addresses(*me);
    } else {
        options.me = store.settings().own_addresses;
    }
    options.offset_minutes = env.offset_minutes;
    options.offset_at = env.offset_at;
    options.now = env.now;
    options.since = env.now - io::kHistoryWindow;
    const std::string name = paths.size() == 1 ? paths.front() : plural(paths.size(), "mail and calendar file", "mail and calendar files");
    io::ImportContext context{name, &ids, env.now, {}};
    io::HistoryReport report;
    io::Imported imported = io::import_history(sources, context, options, &report);
    if (imported.error) {
        err << "ties: " << name << ": " << imported.error->to_string() << "\n";
        return false;
    }
    if (report.me_guessed && !report.me.empty()) {
        out << name << ": taking " << report.me.front() << " to be you (in " << report.me_seen << " of the first "
            << report.sample << " messages); --me says otherwise\n";
        Settings settings = store.settings();
        if (settings.own_addresses.empty()) {
            settings.own_addresses = report.me;
            store.apply(Change{"Your addresses", {settings}}, env.now);
            changed = true;
        }
    }
    out << name << ": " << report.summary() << "\n";
    ImportPlan plan = plan_import(store, std::move(imported.contacts), std::move(imported.interactions));
    plan.history = true;
    const std::vector<bool> merge = default_merges(plan);
    const std::vector<bool> add(plan.contacts.size(), args.flags.count("--add-people") > 0);
    ImportSummary summary;
    Change change = import_change(store, plan, merge, "Import " + name, &summary, add);
    changed = changed || !change.records.empty();
    store.apply(std::move(change), env.now);
    out << "  " << describe_history_done(summary) << "\n";
    if (summary.offered > 0) {
        // The people you talk to but don't have, as the page lists them: who, how often, when last.
        const std::vector<OfferedPerson> offered = offered_people(plan, summary);
        constexpr std::size_t kListed = 20;
        out << "  People you talk to but don't have (--add-people adds them):\n";
        for (std::size_t k = 0; k < offered.size() && k < kListed; ++k) {
            const Contact& c = plan.contacts[offered[k].card];
            out << "    " << contact_label(c);
            if (!c.display_name.empty()) out << " <" << c.emails.front().value << ">";
            out << ": " << plural(offered[k].touches, "touch", "touches") << ", last " << offered[k].last.iso() << "\n";
        }
        if (offered.size() > kListed) out << "    and " << offered.size() - kListed << " more\n";
    }
    for (const Problem& warning : imported.warnings) out << "  " << warning.to_string() << "\n";
    return true;
}

int cmd_import(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err, const Environment& env) {
    const Args args = parse(argv, 1, {"--into", "--passphrase-file", "--me"}, {"--dry-run", "--merge-weak", "--add-people"});
    if (args.help) return out << kUsage, kExitOk;
    const std::string into = required(args, "--into", "BACKUP");
    if (args.positional.empty()) throw UsageError{"import: name at least one FILE to import"};
    const std::optional<std::string> passphrase = read_passphrase(args);
    const bool dry_run = args.flags.count("--dry-run") > 0;
    const bool merge_weak = args.flags.count("--merge-weak") > 0;

    std::string error;
    Loaded target;
    const bool existed = exists(into);
    if (existed && !load_backup(into, passphrase, target, error)) {
        err << "ties: cannot import into " << error << "\nNothing was changed.\n";
        return kExitFailed;
    }
    // An encrypted backup stays encrypted; a new one is encrypted when a passphrase is given.
    const std::optional<std::string> write_with = (existed ? target.encrypted : passphrase.has_value())
                                                      ? passphrase : std::nullopt;
    Store& store = target.store;

    // Read every file first: a file that cannot be read stops the import before anything changes.
    std::vector<Source> sources;
    std::vector<std::string> history;  // mailboxes and calendars
    std::size_t x_source = static_cast<std::size_t>(-1);
    std::vector<std::string> errors;
    const auto add_x = [&](io::NamedFile file) {
        if (x_source == static_cast<std::size_t>(-1)) {
            x_source = sources.size();
            sources.push_back(Source{io::ImportKind::XArchive, "", {}});
        }
        sources[x_source].files.push_back(std::move(file));
    };
    for (const std::string& path : args.positional) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {  // an X archive's folder: its window.YTD .js files
            std::vector<std::string> found;
            for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".js") found.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            std::size_t used = 0;
            for (const std::string& file : found) {
                std::string bytes;
                if (!read_file(file, bytes, error)) {
                    errors.push_back(error);
                } else if (starts_like_x_archive(bytes)) {
                    add_x(io::NamedFile{file, std::move(bytes)});
                    ++used;
                }
            }
            if (used == 0 && errors.empty()) errors.push_back(path + ": no X archive files (data/*.js) in this folder");
            continue;
        }
        if (!fs::is_directory(path, ec) && io::detect_history(path, first_bytes(path, 64)) != io::HistoryKind::None) {
            if (!fs::is_regular_file(path, ec)) errors.push_back(system_error("cannot read", path));
            else history.push_back(path);  // read in slices, later: a mailbox may be gigabytes
            continue;
        }
        std::string bytes;
        if (!read_file(path, bytes, error)) {
            errors.push_back(error);
            continue;
        }
        const io::ImportKind kind = io::detect_import(path, bytes);
        if (kind == io::ImportKind::Unknown) {
            errors.push_back(path + ": not a format Ties can import (vCard .vcf, CSV, the X archive's .js files, a mailbox "
                                    "(mbox, .eml), a calendar (.ics), a .ties backup)");
        } else if (kind == io::ImportKind::XArchive) {
            add_x(io::NamedFile{path, std::move(bytes)});
        } else {
            sources.push_back(Source{kind, path, {io::NamedFile{path, std::move(bytes)}}});
        }
    }
    if (x_source != static_cast<std::size_t>(-1)) {
        Source& x = sources[x_source];
        x.name = x.files.size() == 1 ? x.files.front().name : "X archive (" + plural(x.files.size(), "file", "files") + ")";
    }
    if (!errors.empty()) {
        for (const std::string& e : errors) err << "ties: " << e << "\n";
        err << "Nothing was changed.\n";
        return kExitFailed;
    }

    IdGenerator ids(env.seed_hi, env.seed_lo);
    bool failed = false, changed = false;
    for (Source& source : sources) {
        if (source.kind == io::ImportKind::Backup) {
            Loaded incoming;
            if (!load_backup_bytes(source.name, std::move(source.files.front().bytes), passphrase, incoming, error)) {
                err << "ties: " << error << "\n";
                failed = true;
                continue;
            }
            const MergePlan plan = plan_merge(store, incoming.store);
            Change change = merge_change(plan, true, "Merge " + source.name);
            changed = changed || !change.records.empty();
            store.apply_as_is(std::move(change));
            out << source.name << ": " << plan.live_added << " new, " << plan.changed.size() << " updated, "
                << plan.deletions.size() << " deleted, " << plan.conflicting << " kept (newer in " << into << ")\n";
            continue;
        }
        io::ImportContext context{source.name, &ids, env.now, {}};
        io::Imported imported = source.kind == io::ImportKind::VCard ? io::import_vcard(source.files.front().bytes, context)
                                : source.kind == io::ImportKind::Csv ? io::import_csv(source.files.front().bytes, context)
                                                                     : io::import_x_archive(source.files, context);
        if (imported.error) {
            err << "ties: " << imported.error->to_string() << "\n";
            failed = true;
            continue;
        }
        const ImportPlan plan = plan_import(store, std::move(imported.contacts), std::move(imported.interactions));
        const std::vector<bool> merge = merge_weak ? std::vector<bool>(plan.matches.size(), true) : default_merges(plan);
        const bool weak_left = std::find(merge.begin(), merge.end(), false) != merge.end();
        const std::string matches = dry_run ? match_lines(store, plan, merge) : std::string();
        ImportSummary summary;
        Change change = import_change(store, plan, merge, "Import " + source.name, &summary);
        changed = changed || !change.records.empty();
        store.apply(std::move(change), env.now);
        out << summary_line(source.name, summary, imported.warnings.size(), weak_left) << "\n" << matches;
        for (const Problem& warning : imported.warnings) out << "  " << warning.to_string() << "\n";
    }
    // History last: its touches go to the people the other files have just added.
    if (!failed && !history.empty()) failed = !import_history_files(history, args, store, ids, env, changed, out, err);
    if (failed) {
        err << "Nothing was changed.\n";
        return kExitFailed;
    }
    if (dry_run) {
        out << "Dry run: " << into << " was not written (it would hold " << describe(store) << ").\n";
        return kExitOk;
    }
    if (existed && !changed) {
        out << into << " is unchanged: nothing new.\n";
        return kExitOk;
    }
    if (!save_backup(into, store, write_with, error)) {
        err << "ties: " << error << "\nNothing was changed.\n";
        return kExitFailed;
    }
    out << (existed ? "Saved " : "Created ") << into << (write_with ? " (encrypted)" : "") << ": " << describe(store)
        << ".\n";
    return kExitOk;
}

// --- export ----------------------------------------------------------------------------------------

int cmd_export(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err, const Environment& env) {
    const Args args = parse(argv, 1, {"--format", "-o", "--passphrase-file"}, {});
    if (args.help) return out << kUsage, kExitOk;
    if (args.positional.size() != 1) throw UsageError{"export: name one BACKUP"};
    const std::string format = required(args, "--format", "vcf|vcf3|csv|ics|graphml|json");
    const std::optional<io::ExportFormat> exported = io::export_format_named(format);
    if (!exported && format != "json") throw UsageError{"unknown format '" + format + "' (vcf, vcf3, csv, ics, graphml or json)"};
    const std::optional<std::string> passphrase = read_passphrase(args);

    Loaded loaded;
    std::string error;
    if (!load_backup(args.positional[0], passphrase, loaded, error)) {
        err << "ties: " << error << "\n";
        return kExitFailed;
    }
    std::string bytes;
    if (!exported) {  // json: the backup's own payload, as stored (a binary snapshot's, as JSON)
        const io::Unwrapped file = io::unwrap(loaded.plain);
        bytes = file.format_version >= io::kBinaryPayload ? io::encode(io::decode_binary(file.payload).payload)
                                                          : std::string(file.payload);
    } else {
        io::ExportFile file = io::export_file(loaded.store, *exported, env.today, env.now);
        if (!file.ok()) {
            err << "ties: " << to_string(file.error) << "\n";
            return kExitFailed;
        }
        bytes = std::move(file.bytes);
        if (!file.summary.empty()) err << file.summary << "\n";
    }
    const auto target = args.value("-o");
    if (!target || *target == "-") {
        out << bytes;
        return kExitOk;
    }
    if (!write_atomically(*target, bytes, error)) {
        err << "ties: " << error << "\n";
        return kExitFailed;
    }
    err << "Wrote " << *target << "\n";
    return kExitOk;
}

// --- check -----------------------------------------------------------------------------------------

int cmd_check(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args = parse(argv, 1, {"--passphrase-file"}, {});
    if (args.help) return out << kUsage, kExitOk;
    if (args.positional.size() != 1) throw UsageError{"check: name one BACKUP"};
    const std::optional<std::string> passphrase = read_passphrase(args);
    const std::string& path = args.positional[0];
    Loaded loaded;
    std::string error;
    if (!load_backup(path, passphrase, loaded, error)) {
        err << "ties: " << error << "\n";
        return kExitFailed;
    }
    const io::Unwrapped file = io::unwrap(loaded.plain);
    const Counts c = count(loaded.store);
    out << path << ": intact (format version " << file.format_version << ", "
        << (file.kind == io::FileKind::Snapshot ? "snapshot" : "backup") << (loaded.encrypted ? ", encrypted" : "") << ")\n"
        << "  contacts       " << c.contacts << (c.archived ? " (" + std::to_string(c.archived) + " archived)" : "") << "\n"
        << "  interactions   " << c.interactions << "\n"
        << "  events         " << c.events << "\n"
        << "  opportunities  " << c.opportunities << "\n"
        << "  tombstones     " << c.tombstones << "\n";
    return kExitOk;
}

// --- merge -----------------------------------------------------------------------------------------

int cmd_merge(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args = parse(argv, 1, {"-o", "--passphrase-file"}, {});
    if (args.help) return out << kUsage, kExitOk;
    if (args.positional.size() != 2) throw UsageError{"merge: name two backups, A and B"};
    const std::string target = required(args, "-o", "C (the merged backup; it may be A)");
    const std::optional<std::string> passphrase = read_passphrase(args);
    Loaded a, b;
    std::string error;
    if (!load_backup(args.positional[0], passphrase, a, error) || !load_backup(args.positional[1], passphrase, b, error)) {
        err << "ties: " << error << "\nNothing was written.\n";
        return kExitFailed;
    }
    const std::size_t changed = merge_into(a.store, b.store);
    const bool encrypted = a.encrypted || b.encrypted;
    if (!save_backup(target, a.store, encrypted ? passphrase : std::nullopt, error)) {
        err << "ties: " << error << "\nNothing was written.\n";
        return kExitFailed;
    }
    out << "Merged " << args.positional[1] << " into " << args.positional[0] << ": "
        << plural(changed, "record", "records") << " from " << args.positional[1] << ". Wrote " << target
        << (encrypted ? " (encrypted)" : "") << ": " << describe(a.store) << ".\n";
    return kExitOk;
}

// --- encrypt, decrypt ------------------------------------------------------------------------------

int cmd_crypt(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err, bool encrypt) {
    const Args args = parse(argv, 1, {"-o", "--passphrase-file"}, {});
    if (args.help) return out << kUsage, kExitOk;
    if (args.positional.size() != 1) throw UsageError{argv[0] + ": name one BACKUP"};
    const std::string target = required(args, "-o", "OUT");
    if (!args.value("--passphrase-file")) throw UsageError{"missing --passphrase-file FILE"};
    const std::optional<std::string> passphrase = read_passphrase(args);
    Loaded loaded;
    std::string error;
    if (!load_backup(args.positional[0], passphrase, loaded, error)) {
        err << "ties: " << error << "\nNothing was written.\n";
        return kExitFailed;
    }
    std::string bytes = loaded.plain;
    if (encrypt) {
        bytes = encrypt_backup(loaded.plain, *passphrase, error);
        if (bytes.empty()) {
            err << "ties: " << error << "\nNothing was written.\n";
            return kExitFailed;
        }
    }
    if (!write_atomically(target, bytes, error)) {
        err << "ties: " << error << "\nNothing was written.\n";
        return kExitFailed;
    }
    out << "Wrote " << target << (encrypt ? " (encrypted): " : " (not encrypted): ") << describe(loaded.store) << ".\n";
    return kExitOk;
}

// --- sync pull, sync push --------------------------------------------------------------------------

// The folder URL and the server's login of a sync command.
SyncServer sync_server(const Args& args) {
    if (args.positional.size() != 1) throw UsageError{"sync: name the sync folder's URL (https://host/path/)"};
    SyncServer server;
    server.folder_url = args.positional[0];
    if (server.folder_url.rfind("http://", 0) != 0 && server.folder_url.rfind("https://", 0) != 0)
        throw UsageError{"sync: the folder's URL starts with https:// (or http://)"};
    if (const auto user = args.value("--user")) {
        server.user = *user;
        server.password = read_secret(args, "--password-file", "the server's password");
    } else if (args.value("--password-file")) {
        throw UsageError{"--password-file needs --user NAME"};
    }
    if (const auto timeout = args.value("--timeout")) {
        long seconds = 0;
        try {
            std::size_t used = 0;
            seconds = std::stol(*timeout, &used);
            if (used != timeout->size()) seconds = 0;
        } catch (const std::exception&) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > 3600) throw UsageError{"--timeout takes a number of seconds from 1 to 3600"};
        server.connect_seconds = seconds;
        server.stall_seconds = seconds;
    }
    return server;
}

std::string short_id(const Id& id) { return id.to_string().substr(0, 8); }

int cmd_sync_pull(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err, const Environment& env) {
    const Args args = parse(argv, 2, {"-o", "--user", "--password-file", "--passphrase-file", "--timeout"}, {});
    if (args.help) return out << kUsage, kExitOk;
    const std::string target = required(args, "-o", "BACKUP (where the pulled records go)");
    SyncServer server = sync_server(args);
    const std::string passphrase = read_secret(args, "--passphrase-file", "the sync passphrase");

    CurlPerformer performer(std::move(server));
    IdGenerator ids(env.seed_hi, env.seed_lo);
    // Reading only: a device id of its own for this run, never written anywhere.
    const Joined joined = join_vault(performer, {passphrase, ids.next(), ids.next(), io::kPbkdf2Iterations, false}, false);
    if (!joined.ok()) {
        err << "ties: " << joined.error->text << "\nNothing was written.\n";
        return kExitFailed;
    }
    Store store;
    io::sync::RunOptions options;
    options.now = env.now;
    options.push = false;
    const Synced synced = sync_store(performer, joined.state, store, options);
    if (!synced.ok()) {
        err << "ties: " << synced.error->text << "\nNothing was written.\n";
        return kExitFailed;
    }
    std::string error;
    if (!save_backup(target, store, std::nullopt, error)) {
        err << "ties: " << error << "\nNothing was written.\n";
        return kExitFailed;
    }
    const io::sync::RunReport& report = synced.report;
    out << "Pulled " << plural(report.records_read, "record", "records") << " from "
        << plural(report.files_read, "file", "files") << " of the vault";
    if (report.files_skipped > 0) out << " (" << plural(report.files_skipped, "file", "files") << " too large, skipped)";
    out << ". Wrote " << target << ": " << describe(store) << ".\n";
    return kExitOk;
}

int cmd_sync_push(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err, const Environment& env) {
    const Args args = parse(argv, 2, {"--from", "--state", "--user", "--password-file", "--passphrase-file", "--timeout"},
                            {"--new-vault"});
    if (args.help) return out << kUsage, kExitOk;
    const std::string from = required(args, "--from", "BACKUP (the records to send)");
    const std::string state_path = required(args, "--state", "FILE (this device's side of the vault, kept between runs)");
    SyncServer server = sync_server(args);
    const std::string passphrase = read_secret(args, "--passphrase-file", "the sync passphrase");
    const bool new_vault = args.flags.count("--new-vault") > 0;

    std::string error;
    Loaded backup;
    std::string bytes;
    if (!read_file(from, bytes, error)) {
        err << "ties: " << error << "\nNothing was sent.\n";
        return kExitFailed;
    }
    if (io::read_backup(bytes).encrypted) {
        err << "ties: " << from << " is encrypted: decrypt it first with 'ties decrypt'.\nNothing was sent.\n";
        return kExitFailed;
    }
    if (!load_backup_bytes(from, std::move(bytes), std::nullopt, backup, error)) {
        err << "ties: " << error << "\nNothing was sent.\n";
        return kExitFailed;
    }

    // This device's side of the vault: read when it exists, else a new device.
    io::sync::SyncState state;
    const bool had_state = exists(state_path);
    IdGenerator ids(env.seed_hi, env.seed_lo);
    if (had_state) {
        std::string state_bytes;
        if (!read_file(state_path, state_bytes, error)) {
            err << "ties: " << error << "\nNothing was sent.\n";
            return kExitFailed;
        }
        io::sync::StateRead read = io::sync::decode_state(state_bytes);
        if (!read.ok() || !read.state.set_up()) {
            err << "ties: " << state_path << " is not a Ties sync state file"
                << (read.ok() ? "" : " (" + read.error->text + ")") << ".\nNothing was sent.\n";
            return kExitFailed;
        }
        state = std::move(read.state);
    } else {
        state.device = ids.next();
    }

    // A device that has a state joined a vault already: it never makes another one.
    const bool may_create = new_vault && !had_state;
    CurlPerformer performer(std::move(server));
    const Joined joined =
        join_vault(performer, {passphrase, ids.next(), state.device, io::kPbkdf2Iterations, may_create}, may_create);
    if (!joined.ok()) {
        err << "ties: " << joined.error->text << "\nNothing was sent.\n";
        return kExitFailed;
    }
    if (had_state && joined.state.vault.id != state.vault.id) {
        err << "ties: the folder holds another vault than the one " << state_path
            << " belongs to (sync was set up again). To join it as a new device, delete " << state_path
            << " or give another --state FILE.\nNothing was sent.\n";
        return kExitFailed;
    }
    if (!had_state) state = joined.state;
    // Saved before the run and after it whatever happened: the device keeps its id and never
    // reuses a number.
    if (!had_state && !write_atomically(state_path, io::sync::encode_state(state), error)) {
        err << "ties: " << error << "\nNothing was sent.\n";
        return kExitFailed;
    }
    if (joined.created) out << "Made a new vault in " << performer.url_of("") << ".\n";

    io::sync::RunOptions options;
    options.now = env.now;
    options.push = true;
    Store& store = backup.store;
    const Synced synced = sync_store(performer, state, store, options);
    const bool state_saved = write_atomically(state_path, io::sync::encode_state(synced.state), error);
    if (!synced.ok()) {
        err << "ties: " << synced.error->text << "\n";
        if (!state_saved) err << "ties: " << error << "\n";
        return kExitFailed;
    }
    if (!state_saved) {
        err << "ties: the records were sent, but " << error << ": the next push sends some of them again.\n";
        return kExitFailed;
    }
    const io::sync::RunReport& report = synced.report;
    out << "Device " << short_id(synced.state.device) << (had_state ? "" : " (new)") << ": read "
        << plural(report.records_read, "record", "records") << " from " << plural(report.files_read, "file", "files")
        << ", sent " << plural(report.records_pushed, "record", "records");
    if (report.records_pushed > 0) out << (report.snapshot_written ? " (a snapshot)" : " (a log)");
    out << ".\n";
    return kExitOk;
}

int cmd_sync(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err, const Environment& env) {
    const std::string what = argv.size() > 1 ? argv[1] : "";
    if (what == "pull") return cmd_sync_pull(argv, out, err, env);
    if (what == "push") return cmd_sync_push(argv, out, err, env);
    if (what == "-h" || what == "--help") return out << kUsage, kExitOk;
    throw UsageError{"sync: say pull or push"};
}

}  // namespace

Environment system_environment() {
    Environment env;
    const auto now = std::chrono::system_clock::now();
    env.now = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&seconds, &local);
    env.today = Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    env.offset_minutes = static_cast<std::int32_t>(local.tm_gmtoff / 60);
    env.offset_at = [](Millis utc) {
        const std::time_t at = static_cast<std::time_t>(utc / 1000);
        std::tm there{};
        localtime_r(&at, &there);
        return static_cast<std::int32_t>(there.tm_gmtoff / 60);
    };
    std::random_device random;
    const auto word = [&random] { return (std::uint64_t{random()} << 32) ^ random(); };
    env.seed_hi = word();
    env.seed_lo = word();
    return env;
}

std::string usage() { return std::string(kUsage); }

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env) {
    if (args.empty()) {
        err << kUsage;
        return kExitUsage;
    }
    const std::string& command = args[0];
    try {
        if (command == "-h" || command == "--help" || command == "help") return out << kUsage, kExitOk;
        if (command == "import") return cmd_import(args, out, err, env);
        if (command == "export") return cmd_export(args, out, err, env);
        if (command == "check") return cmd_check(args, out, err);
        if (command == "merge") return cmd_merge(args, out, err);
        if (command == "encrypt") return cmd_crypt(args, out, err, true);
        if (command == "decrypt") return cmd_crypt(args, out, err, false);
        if (command == "sync") return cmd_sync(args, out, err, env);
        throw UsageError{"unknown command '" + command + "'"};
    } catch (const UsageError& usage_error) {
        err << "ties: " << usage_error.message << "\nRun 'ties --help' for the commands and their options.\n";
        return kExitUsage;
    }
}

}  // namespace ties::cli
