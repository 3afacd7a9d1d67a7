// The `ties` commands, run as the tool runs them (cli::run with arguments and streams), on the
// sample files in tests/fixtures and on generated stores, in a temporary folder.
#include "app/cli.hpp"

#include "app/encryption.hpp"
#include "core/contact_keys.hpp"
#include "core/sample_data.hpp"
#include "io/backup.hpp"
#include "io/codec.hpp"
#include "io/envelope.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <sstream>

using namespace ties;
using ties::test::read_bytes;
using ties::test::same_store;
using ties::test::TempFolder;
using ties::test::write_bytes;

namespace {

const std::string kFixtures = std::string(TIES_TEST_DATA) + "/fixtures";
constexpr Millis kNow = 1'730'000'000'000;  // 2024-10-27

struct Result {
    int code = -1;
    std::string out, err;
};

Result ties_cli(std::vector<std::string> args, std::uint64_t seed = 1) {
    cli::Environment env;
    env.now = kNow;
    env.today = date_of(kNow);
    env.seed_hi = seed;
    env.seed_lo = 0x5EED;
    std::ostringstream out, err;
    Result result;
    result.code = cli::run(args, out, err, env);
    result.out = out.str();
    result.err = err.str();
    return result;
}

Store load(const std::filesystem::path& path) {
    io::BackupRead read = io::read_backup(read_bytes(path));
    REQUIRE_MESSAGE(read.ok(), to_string(read.error));
    return std::move(read.store);
}

std::size_t live_contacts(const Store& store) {
    return static_cast<std::size_t>(std::count_if(store.contacts().begin(), store.contacts().end(),
                                                  [](const auto& entry) { return !entry.second.meta.deleted; }));
}

std::vector<std::string> fixture_files() {
    return {kFixtures + "/vcard/gmail.vcf",           kFixtures + "/vcard/iphone.vcf",
            kFixtures + "/google/contacts.csv",       kFixtures + "/linkedin/Connections.csv",
            kFixtures + "/x-archive/data/account.js", kFixtures + "/x-archive/data/follower.js",
            kFixtures + "/x-archive/data/following.js", kFixtures + "/x-archive/data/tweets.js"};
}

// What an export keeps of a person, comparable across ids: names, work, places, emails, phones,
// handles (normalised), tags, birthday, notes.
std::string portrait(const Contact& c) {
    std::vector<std::string> emails, phones, handles, tags;
    for (const auto& e : c.emails) emails.push_back(normalise_email(e.value));
    for (const auto& p : c.phones) phones.push_back(p.value);
    for (const auto& h : c.handles) handles.push_back(handle_key(h));
    for (const auto& t : c.tags) tags.push_back(t);
    for (auto* list : {&emails, &phones, &handles, &tags}) std::sort(list->begin(), list->end());
    std::ostringstream s;
    s << contact_label(c) << '|' << c.given_name << '|' << c.family_name << '|' << c.nickname << '|' << c.company << '|'
      << c.title << '|' << c.city << '|' << c.region << '|' << c.country << '|' << (c.birthday ? c.birthday->iso() : "")
      << '|' << c.notes;
    for (auto* list : {&emails, &phones, &handles, &tags}) {
        s << '|';
        for (const auto& item : *list) s << item << ';';
    }
    return s.str();
}

std::vector<std::string> portraits(const Store& store) {
    std::vector<std::string> out;
    for (const auto& [id, c] : store.contacts())
        if (!c.meta.deleted) out.push_back(portrait(c));
    std::sort(out.begin(), out.end());
    return out;
}

// A store of sample data, then random edits, creations and deletions from `seed`, with times
// that overlap another store made from the same base.
Store edited_sample(std::uint64_t base_seed, unsigned edit_seed) {
    Store store;
    const Change sample = make_sample_data(base_seed, 1'700'000'000'000, Date::from_ymd(2023, 11, 14),
                                           SampleSize{40, 120, 4, 5});
    for (const Record& record : sample.records) store.load(record);
    std::mt19937 rng(edit_seed);
    IdGenerator ids(edit_seed, 99);
    const auto below = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    std::vector<Id> contacts, interactions;
    for (const auto& [id, c] : store.contacts()) contacts.push_back(id);
    for (const auto& [id, i] : store.interactions()) interactions.push_back(id);
    std::sort(contacts.begin(), contacts.end());
    std::sort(interactions.begin(), interactions.end());
    for (int n = 0; n < 40; ++n) {
        const Millis now = 1'710'000'000'000 + static_cast<Millis>(below(20)) * 1000;  // clocks collide on purpose
        switch (below(4)) {
            case 0: {
                const Contact* c = store.contact(contacts[below(contacts.size())]);
                if (!c) break;
                Contact edited = *c;
                edited.notes = "Edit " + std::to_string(edit_seed) + "." + std::to_string(n);
                store.apply(save_contact(edited), now);
                break;
            }
            case 1: {
                const Id id = contacts[below(contacts.size())];
                if (store.contact(id)) store.apply(delete_contact(store, id), now);
                break;
            }
            case 2: {
                const Id id = interactions[below(interactions.size())];
                if (store.interaction(id)) store.apply(delete_interaction(store, id), now);
                break;
            }
            default: {
                Contact c;
                c.meta.id = ids.next();
                c.display_name = "New " + std::to_string(edit_seed) + "." + std::to_string(n);
                store.apply(save_contact(c), now);
            }
        }
    }
    return store;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("ties: usage, help and usage errors") {
    CHECK(ties_cli({}).code == cli::kExitUsage);
    const Result help = ties_cli({"--help"});
    CHECK(help.code == cli::kExitOk);
    for (const char* command : {"ties import", "ties export", "ties check", "ties merge", "ties encrypt"})
        CHECK(contains(help.out, command));
    CHECK(ties_cli({"-h"}).code == cli::kExitOk);
    CHECK(ties_cli({"check", "--help"}).code == cli::kExitOk);

    const Result unknown = ties_cli({"frobnicate"});
    CHECK(unknown.code == cli::kExitUsage);
    CHECK(contains(unknown.err, "unknown command 'frobnicate'"));
    CHECK(contains(unknown.err, "ties --help"));
    CHECK(contains(ties_cli({"import", "a.vcf"}).err, "missing --into BACKUP"));
    CHECK(ties_cli({"import", "--into", "b.ties"}).code == cli::kExitUsage);
    CHECK(ties_cli({"import", "a.vcf", "--into"}).code == cli::kExitUsage);
    CHECK(contains(ties_cli({"export", "b.ties", "--format", "pdf"}).err, "unknown format 'pdf'"));
    CHECK(ties_cli({"export", "b.ties"}).code == cli::kExitUsage);
    CHECK(ties_cli({"check"}).code == cli::kExitUsage);
    CHECK(ties_cli({"check", "a", "b"}).code == cli::kExitUsage);
    CHECK(contains(ties_cli({"check", "a", "--frob"}).err, "unknown option --frob"));
    CHECK(ties_cli({"merge", "a", "b"}).code == cli::kExitUsage);
    CHECK(ties_cli({"encrypt", "a", "-o", "b"}).code == cli::kExitUsage);  // no passphrase
}

TEST_CASE("ties import: every sample file into a new backup, then again without duplicates") {
    TempFolder dir;
    const std::string backup = (dir / "people.ties").string();
    std::vector<std::string> args = {"import"};
    for (const std::string& file : fixture_files()) args.push_back(file);
    args.insert(args.end(), {"--into", backup});

    const Result first = ties_cli(args);
    INFO(first.out << first.err);
    REQUIRE(first.code == cli::kExitOk);
    CHECK(contains(first.out, "gmail.vcf: 2 entries: 2 new people"));
    CHECK(contains(first.out, "Connections.csv: 4 entries: "));
    CHECK(contains(first.out, "X archive (4 files): "));
    // Mei Chen is on LinkedIn and in a vCard with nothing else to compare: a question, left apart.
    CHECK(contains(first.out, "1 possible match left apart (--merge-weak merges them)"));
    CHECK(contains(first.out, "Created " + backup));
    const Store once = load(backup);
    const std::size_t people = live_contacts(once);
    CHECK(people >= 10);
    CHECK(std::count_if(once.contacts().begin(), once.contacts().end(),
                        [](const auto& e) { return e.second.display_name == "Mei Chen"; }) == 2);
    CHECK(once.interactions().size() == 2);
    for (const auto& [id, i] : once.interactions())
        for (const Id p : i.participants) CHECK(once.contact(p) != nullptr);
    CHECK(std::filesystem::directory_iterator(dir.path()) != std::filesystem::directory_iterator());
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))  // no temporary file left behind
        CHECK(entry.path().filename() == "people.ties");

    const Result second = ties_cli(args, 2);
    INFO(second.out << second.err);
    REQUIRE(second.code == cli::kExitOk);
    CHECK(contains(second.out, "gmail.vcf: 2 entries: 0 new people, 2 merged with people you have"));
    CHECK(contains(second.out, "0 interactions (2 already there)"));
    CHECK(contains(second.out, "is unchanged: nothing new"));
    CHECK(same_store(load(backup), once));

    // The X archive's folder works as well as its files.
    const Result folder = ties_cli({"import", kFixtures + "/x-archive", "--into", backup}, 3);
    CHECK(folder.code == cli::kExitOk);
    CHECK(contains(folder.out, "X archive (4 files): 4 entries: 0 new people"));
}

TEST_CASE("ties import: a bad file changes nothing; --dry-run writes nothing") {
    TempFolder dir;
    const std::string backup = (dir / "b.ties").string();
    REQUIRE(ties_cli({"import", kFixtures + "/vcard/gmail.vcf", "--into", backup}).code == cli::kExitOk);
    const std::string before = read_bytes(backup);

    write_bytes(dir / "notes.txt", "just some text");
    const Result unknown = ties_cli({"import", kFixtures + "/google/contacts.csv", (dir / "notes.txt").string(), "--into", backup});
    CHECK(unknown.code == cli::kExitFailed);
    CHECK(contains(unknown.err, "notes.txt: not a format Ties can import"));
    CHECK(contains(unknown.err, "Nothing was changed."));
    const Result missing = ties_cli({"import", (dir / "nope.vcf").string(), "--into", backup});
    CHECK(missing.code == cli::kExitFailed);
    CHECK(contains(missing.err, "cannot read"));
    write_bytes(dir / "broken.vcf", "Dear Ada,\nthis is a letter, not a card.\n");
    const Result broken = ties_cli({"import", kFixtures + "/google/contacts.csv", (dir / "broken.vcf").string(), "--into", backup});
    INFO(broken.out << broken.err);
    CHECK(broken.code == cli::kExitFailed);
    CHECK(contains(broken.err, "broken.vcf"));
    CHECK(contains(broken.err, "Nothing was changed."));
    CHECK(read_bytes(backup) == before);

    const Result dry = ties_cli({"import", kFixtures + "/google/contacts.csv", "--into", backup, "--dry-run"});
    CHECK(dry.code == cli::kExitOk);
    CHECK(contains(dry.out, "contacts.csv: 2 entries: 2 new people"));
    CHECK(contains(dry.out, "Dry run"));
    CHECK(read_bytes(backup) == before);

    write_bytes(dir / "damaged.ties", before.substr(0, before.size() - 3));
    const Result into_damaged = ties_cli({"import", kFixtures + "/google/contacts.csv", "--into", (dir / "damaged.ties").string()});
    CHECK(into_damaged.code == cli::kExitFailed);
    CHECK(contains(into_damaged.err, "cannot import into"));
    CHECK(read_bytes(dir / "damaged.ties") == before.substr(0, before.size() - 3));

    // What could not be read is listed with the file and the line; the rest is imported.
    write_bytes(dir / "cut.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Cut short\r\n");
    const Result cut = ties_cli({"import", (dir / "cut.vcf").string(), "--into", backup});
    CHECK(cut.code == cli::kExitOk);
    CHECK(contains(cut.out, "cut.vcf: 1 entry: 1 new person, 1 warning\n"));
    CHECK(contains(cut.out, "  " + (dir / "cut.vcf").string() + ", line 5: "));
}

TEST_CASE("ties import: merges only on evidence of one person, says so in words, and lists them in a dry run") {
    TempFolder dir;
    const std::string backup = (dir / "people.ties").string();
    const std::string matching = kFixtures + "/matching/";

    // Colleagues with their company's web site: two people, nothing combined.
    const Result colleagues = ties_cli({"import", matching + "colleagues.vcf", "--into", backup});
    INFO(colleagues.out << colleagues.err);
    REQUIRE(colleagues.code == cli::kExitOk);
    CHECK(contains(colleagues.out, "colleagues.vcf: 2 entries: 2 new people\n"));

    // Four phones' cards of John Doe: one person; the dry run lists each merge with its reason.
    const Result dry = ties_cli({"import", matching + "john-doe-phones.vcf", "--into", backup, "--dry-run"});
    INFO(dry.out << dry.err);
    REQUIRE(dry.code == cli::kExitOk);
    CHECK(contains(dry.out, "john-doe-phones.vcf: 5 entries: 2 new people, 4 entries for John Doe combined into one\n"));
    CHECK(contains(dry.out, "  merge       John Doe (entry 2) -> John Doe (entry 1): same phone number 905.555.1234\n"));
    CHECK(contains(dry.out, "  merge       Mr. John Doe (entry 4) -> John Doe (entry 1): same phone number"));
    CHECK(live_contacts(load(backup)) == 2);  // a dry run writes nothing

    // A shared mailbox: left apart, and the summary says how many and how to merge them.
    const Result shop = ties_cli({"import", matching + "shared-mailbox.vcf", "--into", backup, "--dry-run"});
    CHECK(contains(shop.out, "shared-mailbox.vcf: 2 entries: 2 new people, 1 possible match left apart (--merge-weak merges them)\n"));
    CHECK(contains(shop.out, "  keep apart  Sarah Jane Smith (entry 2) -> Tom Baker (entry 1): shares info@smallshop.example, but the names differ\n"));
    const Result kept = ties_cli({"import", matching + "shared-mailbox.vcf", matching + "two-john-does.vcf", "--into", backup}, 2);
    REQUIRE(kept.code == cli::kExitOk);
    CHECK(contains(kept.out, "two-john-does.vcf: 2 entries: 2 new people\n"));
    CHECK(live_contacts(load(backup)) == 6);

    // Asked for, the weak ones are merged too.
    const std::string other = (dir / "other.ties").string();
    const Result weak = ties_cli({"import", matching + "shared-mailbox.vcf", "--into", other, "--merge-weak"});
    INFO(weak.out << weak.err);
    REQUIRE(weak.code == cli::kExitOk);
    CHECK(contains(weak.out, "shared-mailbox.vcf: 2 entries: 1 new person, 2 entries for Tom Baker combined into one\n"));
    CHECK(live_contacts(load(other)) == 1);

    // Every file again: nobody is added, nothing changes.
    const Result again = ties_cli({"import", matching + "colleagues.vcf", matching + "shared-mailbox.vcf",
                                   matching + "two-john-does.vcf", "--into", backup}, 3);
    INFO(again.out);
    CHECK(contains(again.out, "shared-mailbox.vcf: 2 entries: 0 new people, 2 merged with people you have\n"));
    CHECK(contains(again.out, "is unchanged: nothing new"));
}

TEST_CASE("ties import: a backup among the files is merged record by record") {
    TempFolder dir;
    Store mine = test::golden_store();
    write_bytes(dir / "mine.ties", io::backup_bytes(mine));
    Store theirs = mine;
    Contact added;
    added.meta = {Id{7, 7}, 1'800'000'000'000, 1'800'000'000'000, false};
    added.display_name = "From the other laptop";
    theirs.load(added);
    write_bytes(dir / "theirs.ties", io::backup_bytes(theirs));
    const Result merged = ties_cli({"import", (dir / "theirs.ties").string(), "--into", (dir / "mine.ties").string()});
    INFO(merged.out << merged.err);
    REQUIRE(merged.code == cli::kExitOk);
    CHECK(contains(merged.out, "theirs.ties: 1 new, 0 updated, 0 deleted"));
    CHECK(same_store(load(dir / "mine.ties"), theirs));
}

TEST_CASE("ties export: vCard 4 and 3 and CSV come back as the same people; json and ics") {
    TempFolder dir;
    const std::string backup = (dir / "people.ties").string();
    std::vector<std::string> args = {"import"};
    for (const std::string& file : fixture_files()) args.push_back(file);
    args.insert(args.end(), {"--into", backup});
    REQUIRE(ties_cli(args).code == cli::kExitOk);
    const Store original = load(backup);

    for (const std::string format : {"vcf", "vcf3", "csv"}) {
        CAPTURE(format);
        const std::string file = (dir / ("export." + std::string(format == "csv" ? "csv" : "vcf"))).string();
        const Result exported = ties_cli({"export", backup, "--format", format, "-o", file});
        REQUIRE(exported.code == cli::kExitOk);
        CHECK(exported.out.empty());
        const Result to_stdout = ties_cli({"export", backup, "--format", format});
        CHECK(to_stdout.out == read_bytes(file));

        // Into a new backup: the same people.
        const std::string fresh = (dir / ("fresh-" + std::string(format) + ".ties")).string();
        const Result imported = ties_cli({"import", file, "--into", fresh});
        INFO(imported.out << imported.err);
        REQUIRE(imported.code == cli::kExitOk);
        CHECK(portraits(load(fresh)) == portraits(original));
        // Into the backup it came from: everyone matches, nothing changes.
        const Result again = ties_cli({"import", file, "--into", backup});
        const std::string people = std::to_string(live_contacts(original));
        CHECK(contains(again.out, ": " + people + " entries: 0 new people, " + people + " merged with people you have\n"));
        CHECK(contains(again.out, "is unchanged"));
    }

    const Result json = ties_cli({"export", backup, "--format", "json"});
    REQUIRE(json.code == cli::kExitOk);
    CHECK(json.out == std::string(io::unwrap(read_bytes(backup)).payload));
    const io::Decoded decoded = io::decode(json.out);
    REQUIRE(decoded.ok());
    CHECK(decoded.payload.records.size() == original.record_count());

    // No rhythms set in these people: nothing is due, and RFC 5545 wants at least one event.
    const Result empty_ics = ties_cli({"export", backup, "--format", "ics"});
    CHECK(empty_ics.code == cli::kExitFailed);
    CHECK(contains(empty_ics.err, "nothing to put in a calendar"));
    Store sample;
    for (const Record& r : make_sample_data(7, kNow - 1000, date_of(kNow)).records) sample.load(r);
    write_bytes(dir / "sample.ties", io::backup_bytes(sample));
    const Result ics = ties_cli({"export", (dir / "sample.ties").string(), "--format", "ics"});
    REQUIRE(ics.code == cli::kExitOk);
    CHECK(ics.out.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(contains(ics.out, "BEGIN:VEVENT"));
}

TEST_CASE("ties check: counts when intact, the reason and exit 1 when damaged") {
    TempFolder dir;
    const std::string bytes = io::backup_bytes(test::golden_store());
    write_bytes(dir / "good.ties", bytes);
    const Result good = ties_cli({"check", (dir / "good.ties").string()});
    INFO(good.out << good.err);
    REQUIRE(good.code == cli::kExitOk);
    CHECK(contains(good.out, "good.ties: intact (format version 1, backup)"));
    CHECK(contains(good.out, "contacts       3 (1 archived)"));
    CHECK(contains(good.out, "interactions   2"));
    CHECK(contains(good.out, "events         1"));
    CHECK(contains(good.out, "opportunities  2"));
    CHECK(contains(good.out, "tombstones     4"));

    std::string flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x20;
    write_bytes(dir / "flipped.ties", flipped);
    const Result damaged = ties_cli({"check", (dir / "flipped.ties").string()});
    CHECK(damaged.code == cli::kExitFailed);
    CHECK(contains(damaged.err, "flipped.ties: damaged: checksum mismatch"));

    write_bytes(dir / "cut.ties", bytes.substr(0, bytes.size() / 3));
    const Result cut = ties_cli({"check", (dir / "cut.ties").string()});
    CHECK(cut.code == cli::kExitFailed);
    CHECK(contains(cut.err, "cut.ties: "));
    CHECK(contains(cut.err, "truncated"));

    write_bytes(dir / "empty.ties", "");
    CHECK(contains(ties_cli({"check", (dir / "empty.ties").string()}).err, "the file is empty"));
    CHECK(ties_cli({"check", (dir / "missing.ties").string()}).code == cli::kExitFailed);
}

TEST_CASE("ties merge: commutative and idempotent on generated stores; C may be A") {
    TempFolder dir;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        const std::string a = (dir / "a.ties").string(), b = (dir / "b.ties").string();
        write_bytes(a, io::backup_bytes(edited_sample(seed, seed * 2)));
        write_bytes(b, io::backup_bytes(edited_sample(seed, seed * 2 + 1)));
        const std::string ab = (dir / "ab.ties").string(), ba = (dir / "ba.ties").string();
        REQUIRE(ties_cli({"merge", a, b, "-o", ab}).code == cli::kExitOk);
        REQUIRE(ties_cli({"merge", b, a, "-o", ba}).code == cli::kExitOk);
        CHECK(read_bytes(ab) == read_bytes(ba));  // the same records, so the same bytes

        Store expected = load(a);
        merge_into(expected, load(b));
        CHECK(same_store(load(ab), expected));

        const std::string twice = (dir / "abb.ties").string();
        const Result again = ties_cli({"merge", ab, b, "-o", twice});
        CHECK(contains(again.out, ": 0 records from"));
        CHECK(read_bytes(twice) == read_bytes(ab));

        REQUIRE(ties_cli({"merge", a, b, "-o", a}).code == cli::kExitOk);  // in place
        CHECK(read_bytes(a) == read_bytes(ab));
    }
    write_bytes(dir / "bad.ties", "TIES nonsense");
    const Result bad = ties_cli({"merge", (dir / "ab.ties").string(), (dir / "bad.ties").string(), "-o", (dir / "c.ties").string()});
    CHECK(bad.code == cli::kExitFailed);
    CHECK(!std::filesystem::exists(dir / "c.ties"));
}

TEST_CASE("ties encrypt and decrypt: PBKDF2 + AES-256-GCM, wrong passphrase and tampering refused") {
    TempFolder dir;
    const std::string plain = io::backup_bytes(test::golden_store());
    write_bytes(dir / "plain.ties", plain);
    write_bytes(dir / "pass.txt", "correct horse battery staple\n");
    write_bytes(dir / "wrong.txt", "Correct horse battery staple\n");
    const std::string pass = (dir / "pass.txt").string(), wrong = (dir / "wrong.txt").string();
    const std::string secret = (dir / "secret.ties").string();

    const Result encrypted = ties_cli({"encrypt", (dir / "plain.ties").string(), "-o", secret, "--passphrase-file", pass});
    INFO(encrypted.out << encrypted.err);
    REQUIRE(encrypted.code == cli::kExitOk);
    const std::string sealed = read_bytes(secret);
    const io::Unwrapped outer = io::unwrap(sealed);
    REQUIRE(outer.ok());
    CHECK(outer.kind == io::FileKind::EncryptedBackup);
    CHECK(!contains(sealed, "Ødegaard"));
    std::string error;
    const auto parts = io::split_encrypted(outer.payload, error);
    REQUIRE(parts);
    CHECK(parts->iterations == 600'000);

    const Result locked = ties_cli({"check", secret});
    CHECK(locked.code == cli::kExitFailed);
    CHECK(contains(locked.err, "is encrypted: give its passphrase with --passphrase-file"));
    const Result opened = ties_cli({"check", secret, "--passphrase-file", pass});
    CHECK(opened.code == cli::kExitOk);
    CHECK(contains(opened.out, "intact (format version 1, backup, encrypted)"));
    const Result refused = ties_cli({"check", secret, "--passphrase-file", wrong});
    CHECK(refused.code == cli::kExitFailed);
    CHECK(contains(refused.err, "wrong passphrase, or the file was changed"));

    // A changed byte with the envelope's checksum made to fit: only GCM's tag can tell.
    std::string tampered(outer.payload);
    tampered[tampered.size() - 20] ^= 1;
    write_bytes(dir / "tampered.ties", io::wrap(io::FileKind::EncryptedBackup, tampered));
    const Result changed = ties_cli({"check", (dir / "tampered.ties").string(), "--passphrase-file", pass});
    CHECK(changed.code == cli::kExitFailed);
    CHECK(contains(changed.err, "wrong passphrase, or the file was changed"));

    const std::string back = (dir / "back.ties").string();
    REQUIRE(ties_cli({"decrypt", secret, "-o", back, "--passphrase-file", pass}).code == cli::kExitOk);
    CHECK(read_bytes(back) == plain);
    CHECK(ties_cli({"export", secret, "--format", "json", "--passphrase-file", pass}).out ==
          std::string(io::unwrap(plain).payload));

    // An encrypted backup stays encrypted when people are imported into it.
    const Result imported = ties_cli({"import", kFixtures + "/vcard/gmail.vcf", "--into", secret, "--passphrase-file", pass});
    INFO(imported.out << imported.err);
    REQUIRE(imported.code == cli::kExitOk);
    CHECK(contains(imported.out, "(encrypted)"));
    CHECK(io::read_backup(read_bytes(secret)).encrypted);
    const cli::Decrypted inside = cli::decrypt_backup(read_bytes(secret), "correct horse battery staple");
    REQUIRE(inside.ok());
    CHECK(live_contacts(io::read_backup(inside.plaintext).store) == 5);
    CHECK(ties_cli({"import", kFixtures + "/vcard/gmail.vcf", "--into", secret}).code == cli::kExitFailed);
}

// Against a real server: tests/sync_cli_test.sh (Apache on loopback, a stage of tests/run).
TEST_CASE("ties sync: usage errors, secrets only from files, a server that is not there") {
    TempFolder dir;
    write_bytes(dir / "pass.txt", "sync passphrase\n");
    write_bytes(dir / "empty.txt", "\n");
    const std::string pass = (dir / "pass.txt").string();
    const std::string out = (dir / "out.ties").string();
    CHECK(contains(ties_cli({"--help"}).out, "ties sync pull URL"));
    CHECK(contains(ties_cli({"sync"}).err, "sync: say pull or push"));
    CHECK(contains(ties_cli({"sync", "pull", "https://h/f/", "--passphrase-file", pass}).err, "missing -o BACKUP"));
    CHECK(contains(ties_cli({"sync", "pull", "ftp://h/f/", "-o", out, "--passphrase-file", pass}).err, "https://"));
    CHECK(contains(ties_cli({"sync", "pull", "https://h/f/", "-o", out}).err, "missing --passphrase-file"));
    CHECK(contains(ties_cli({"sync", "pull", "https://h/f/", "-o", out, "--passphrase-file", (dir / "empty.txt").string()}).err,
                   "is empty"));
    CHECK(contains(ties_cli({"sync", "pull", "https://h/f/", "-o", out, "--passphrase-file", pass, "--user", "ada"}).err,
                   "missing --password-file"));
    CHECK(contains(ties_cli({"sync", "push", "https://h/f/", "--from", "a.ties", "--passphrase-file", pass}).err,
                   "missing --state"));
    CHECK(ties_cli({"sync", "pull", "https://h/f/", "-o", out, "--password", "secret"}).code == cli::kExitUsage);

    // Nothing listens on port 1: a plain sentence, exit 1, no file.
    const Result down = ties_cli({"sync", "pull", "http://127.0.0.1:1/dav/", "-o", out, "--passphrase-file", pass});
    CHECK(down.code == cli::kExitFailed);
    CHECK(contains(down.err, "The server did not answer"));
    CHECK(!std::filesystem::exists(dir / "out.ties"));
}

TEST_CASE("ties sync: a server that takes the connection and never answers is a timeout, not a hang") {
    TempFolder dir;
    write_bytes(dir / "pass.txt", "sync passphrase\n");
    // A listening socket that is never read: the kernel completes the connection, nobody answers.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 4) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/dav/";
    const Result silent = ties_cli({"sync", "pull", url, "-o", (dir / "out.ties").string(), "--passphrase-file",
                                    (dir / "pass.txt").string(), "--timeout", "1"});
    ::close(listener);
    CHECK(silent.code == cli::kExitFailed);
    CHECK(contains(silent.err, "took too long to answer"));
    CHECK(contains(silent.err, "no answer within 1 s"));
    CHECK(ties_cli({"sync", "pull", url, "-o", "x", "--passphrase-file", (dir / "pass.txt").string(), "--timeout", "0"})
              .code == cli::kExitUsage);
}

TEST_CASE("ties import: a mailbox and a calendar bring the history of the people you have, and list the others") {
    TempFolder dir;
    const std::string backup = (dir / "people.ties").string();
    const std::string folder = kFixtures + "/history/";
    REQUIRE(ties_cli({"import", folder + "people.vcf", "--into", backup}).code == cli::kExitOk);

    const std::vector<std::string> args = {"import", folder + "mail.mbox", folder + "calendar.ics", "--into", backup};
    const Result first = ties_cli(args);
    INFO(first.out << first.err);
    REQUIRE(first.code == cli::kExitOk);
    CHECK(contains(first.out, "taking sam@example.org to be you (in 8 of the first 9 messages); --me says otherwise"));
    CHECK(contains(first.out, "11 messages: 7 with people, 2 from lists and machines, 1 between others, 1 seen twice; "
                              "4 meetings (2 cancelled, declined or alone skipped). 10 touches with 3 people."));
    CHECK(contains(first.out, "Added 10 touches with 2 people you have; 1 person you don't have left out."));
    CHECK(contains(first.out, "People you talk to but don't have (--add-people adds them):\n"
                              "    Jonas Müller <jonas@example.de>: 1 touch, last 2024-06-10\n"));
    CHECK(contains(first.out, "mail.mbox: 1 message had no sender"));
    const Store once = load(backup);
    CHECK(live_contacts(once) == 2);
    CHECK(once.interactions().size() == 10);
    CHECK(once.settings().own_addresses == std::vector<std::string>{"sam@example.org"});  // kept for the next time

    // Again: nothing new. With --add-people, Jonas comes in, and the introduction gains him.
    const Result second = ties_cli(args, 2);
    INFO(second.out << second.err);
    CHECK(second.code == cli::kExitOk);
    CHECK(!contains(second.out, "taking"));  // Settings say whose mail it is now
    CHECK(contains(second.out, "Added 0 touches with 2 people you have; 10 were there already;"));
    CHECK(same_store(load(backup), once));
    std::vector<std::string> adding = args;
    adding.push_back("--add-people");
    const Result third = ties_cli(adding, 3);
    INFO(third.out << third.err);
    CHECK(third.code == cli::kExitOk);
    CHECK(contains(third.out, "Added 0 touches with 2 people you have and 1 new person; 10 were there already."));
    const Store all = load(backup);
    CHECK(live_contacts(all) == 3);
    CHECK(all.interactions().size() == 10);

    // --me names the person: Maya's mailbox, seen from her side, is mostly Sam.
    const Result maya = ties_cli({"import", folder + "mail.mbox", "--into", (dir / "maya.ties").string(), "--me", "Maya@FjordLabs.no"}, 4);
    INFO(maya.out << maya.err);
    CHECK(maya.code == cli::kExitOk);
    CHECK(contains(maya.out, "Sam Reyes <sam@example.org>: 5 touches"));
}
