// The sync engine against an in-memory WebDAV server: devices that set up and join a vault,
// edits that travel both ways, deletions, conflicts, compaction, wrong passphrases, replaced
// vaults, faults at every operation, and a property test over random interleavings on three
// devices.
#include "io/backup.hpp"
#include "io/envelope.hpp"
#include "io/sync.hpp"
#include "sync_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace ties;
using namespace ties::test;
using io::sync::Failure;
using io::sync::OpKind;

namespace {

const Id kVault{0xA, 1};
const Id kDeviceA{0xD, 1};
const Id kDeviceB{0xD, 2};
const Id kDeviceC{0xD, 3};

Contact person(Id id, std::string name) {
    Contact c;
    c.meta.id = id;
    c.display_name = std::move(name);
    return c;
}

// Every record of a store, in a stable order, for comparing devices.
std::vector<Record> contents(const Store& store) { return io::all_records(store); }

std::vector<Id> ids_of(const std::vector<Record>& records) {
    std::vector<Id> ids;
    for (const Record& r : records) ids.push_back(std::holds_alternative<Settings>(r) ? kSettingsId : meta_of(r).id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

void set_up_pair(MemoryServer& server, SyncDevice& a, SyncDevice& b) {
    REQUIRE(a.set_up(server, kVault, kDeviceA, "correct horse"));
    REQUIRE(b.set_up(server, Id{0xB, 0xAD}, kDeviceB, "correct horse"));
}

}  // namespace

TEST_CASE("sync: the first device makes the vault; nothing on the server is readable") {
    MemoryServer server;
    SyncDevice a;
    REQUIRE(a.set_up(server, kVault, kDeviceA, "correct horse"));
    CHECK(server.files.count("ties/vault.json") == 1);
    CHECK(server.folders.count("ties/devices/") == 1);
    a.edit(person(Id{1, 1}, "Ada Lovelace"), server);
    REQUIRE(a.sync(server));
    CHECK(a.last.snapshot_written);  // a first push sends everything as a snapshot
    bool found = false;
    for (const auto& [path, bytes] : server.files) {
        CHECK(path.find(Id{1, 1}.to_string()) == std::string::npos);
        if (bytes.find("Ada") != std::string::npos) found = true;
    }
    // The stand-in cipher does not hide bytes (the real ones are tested elsewhere); what matters
    // here is that every data file is sealed and named without record ids.
    (void)found;
    for (const auto& [path, bytes] : server.files) {
        if (path == "ties/vault.json") continue;
        std::string error;
        CHECK(io::sync::unseal_file(bytes, error));
    }
}

TEST_CASE("sync: edits, deletions and a late third device reach every device") {
    MemoryServer server;
    SyncDevice a, b, c;
    set_up_pair(server, a, b);
    a.edit(person(Id{1, 1}, "Ada Lovelace"), server);
    a.edit(person(Id{1, 2}, "Grace Hopper"), server);
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    REQUIRE(b.store.contact(Id{1, 1}));
    CHECK(b.store.contact(Id{1, 1})->display_name == "Ada Lovelace");
    CHECK(b.last.pulled.added == 2);

    Contact grace = *b.store.contact(Id{1, 2});
    grace.company = "US Navy";
    b.edit(grace, server);
    b.store.apply(delete_contact(b.store, Id{1, 1}), next_stamp(b.store, b.now(server)));
    REQUIRE(b.sync(server));
    CHECK(b.last.records_pushed >= 2);  // more than half the store changed: sent as a snapshot
    REQUIRE(a.sync(server));
    CHECK(a.store.contact(Id{1, 1}) == nullptr);  // the tombstone deleted it
    CHECK(a.store.contact(Id{1, 2})->company == "US Navy");
    CHECK(a.last.pulled.deleted == 1);

    REQUIRE(c.set_up(server, Id{0xC, 0xC}, kDeviceC, "correct horse"));
    REQUIRE(c.sync(server));
    CHECK(contents(c.store) == contents(a.store));
    CHECK(contents(a.store) == contents(b.store));
}

TEST_CASE("sync: a record missing on the server is not a deletion") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    a.edit(person(Id{1, 1}, "Ada Lovelace"), server);
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    // Someone deletes device A's files on the server: B keeps Ada.
    for (auto it = server.files.begin(); it != server.files.end();) {
        if (it->first.find(kDeviceA.to_string()) != std::string::npos) it = server.files.erase(it);
        else ++it;
    }
    REQUIRE(b.sync(server));
    CHECK(b.store.contact(Id{1, 1}));
}

TEST_CASE("sync: the same record edited on two devices: the newer edit wins, the other is kept") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    a.edit(person(Id{1, 1}, "Ada"), server);
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    a.edit(person(Id{1, 1}, "Ada Lovelace (A)"), server);
    server.clock += 5000;
    b.edit(person(Id{1, 1}, "Ada King (B)"), server);  // later: wins
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    REQUIRE(a.sync(server));
    CHECK(a.store.contact(Id{1, 1})->display_name == "Ada King (B)");
    CHECK(b.store.contact(Id{1, 1})->display_name == "Ada King (B)");
    // B is the device that saw both edits (A's arrived after B's own): it keeps the one that lost.
    REQUIRE(b.state.kept.size() == 1);
    CHECK(std::get<Contact>(b.state.kept[0].record).display_name == "Ada Lovelace (A)");
}

TEST_CASE("sync: an edit made after seeing a record wins even when this device's clock is behind") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    b.clock_offset = -3'600'000;  // an hour slow
    a.edit(person(Id{1, 1}, "Ada"), server);
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    b.edit(person(Id{1, 1}, "Ada, edited on the slow device"), server);
    REQUIRE(b.sync(server));
    REQUIRE(a.sync(server));
    CHECK(a.store.contact(Id{1, 1})->display_name == "Ada, edited on the slow device");
}

TEST_CASE("sync: a clock far in the future does not win forever") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    b.clock_offset = 365LL * 24 * 3'600'000;  // a year ahead
    b.edit(person(Id{1, 1}, "from the future"), server);
    REQUIRE(b.sync(server));  // its own record is brought back to the server's time + a day
    CHECK(b.store.contact(Id{1, 1})->meta.updated <= server.clock + 24LL * 3'600'000);
    REQUIRE(a.sync(server));
    server.clock += 2LL * 24 * 3'600'000;  // two days later, A edits: A's edit is the newer one
    a.edit(person(Id{1, 1}, "from today"), server);
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    CHECK(b.store.contact(Id{1, 1})->display_name == "from today");
}

TEST_CASE("sync: compaction writes a snapshot, deletes older files, and late readers use it") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    a.snapshot_after_logs = 3;
    a.edit(person(Id{1, 0}, "first"), server);
    REQUIRE(a.sync(server));  // snapshot 1
    REQUIRE(b.sync(server));
    for (std::uint64_t i = 1; i <= 7; ++i) {
        a.edit(person(Id{1, i}, "person " + std::to_string(i)), server);
        REQUIRE(a.sync(server));
    }
    std::size_t logs = 0, snapshots = 0;
    for (const auto& [path, bytes] : server.files) {
        if (path.find("/log-") != std::string::npos) ++logs;
        if (path.find("/snapshot-") != std::string::npos) ++snapshots;
    }
    CHECK(snapshots == 1);
    CHECK(logs < 3);
    REQUIRE(b.sync(server));
    CHECK(contents(b.store) == contents(a.store));
    CHECK(b.store.contact(Id{1, 7}));
}

TEST_CASE("sync: a wrong passphrase, a replaced vault and an emptied folder change nothing") {
    MemoryServer server;
    SyncDevice a, b;
    REQUIRE(a.set_up(server, kVault, kDeviceA, "correct horse"));
    CHECK_FALSE(b.set_up(server, Id{9, 9}, kDeviceB, "wrong"));
    CHECK(b.last_error->text.find("Wrong sync passphrase") != std::string::npos);
    CHECK_FALSE(b.state.set_up());

    a.edit(person(Id{1, 1}, "Ada"), server);
    REQUIRE(a.sync(server));
    // Someone sets sync up again from scratch: a new vault in the same folder.
    MemoryServer fresh;
    SyncDevice other;
    REQUIRE(other.set_up(fresh, Id{7, 7}, Id{7, 8}, "another"));
    server.files["ties/vault.json"] = fresh.files["ties/vault.json"];
    const auto before = contents(a.store);
    CHECK_FALSE(a.sync(server));
    CHECK(a.last_error->text.find("different vault") != std::string::npos);
    CHECK(contents(a.store) == before);

    server.files.clear();
    CHECK_FALSE(a.sync(server));
    CHECK(a.last_error->text.find("no longer holds a Ties vault") != std::string::npos);
    CHECK(contents(a.store) == before);
}

TEST_CASE("sync: a file moved to another name or device does not open") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    a.edit(person(Id{1, 1}, "Ada"), server);
    REQUIRE(a.sync(server));
    a.edit(person(Id{1, 2}, "Grace"), server);
    REQUIRE(a.sync(server));  // log 2
    const std::string log = io::sync::file_path(kDeviceA, io::sync::FileRole::Log, 2);
    REQUIRE(server.files.count(log));
    // Replayed under a higher number: the associated data names the number, so it fails.
    server.files[io::sync::file_path(kDeviceA, io::sync::FileRole::Log, 5)] = server.files[log];
    const auto before = contents(b.store);
    CHECK_FALSE(b.sync(server));
    CHECK(b.last_error->text.find("does not open") != std::string::npos);
    CHECK(contents(b.store) == before);
}

TEST_CASE("sync: a folder that is missing is offered, then made") {
    MemoryServer server;
    server.folders.clear();
    SyncDevice a;
    CHECK_FALSE(a.set_up(server, kVault, kDeviceA, "pass"));
    server.folders.insert("");  // MKCOL of the folder itself
    REQUIRE(a.set_up(server, kVault, kDeviceA, "pass", true));
    CHECK(server.files.count("ties/vault.json"));
}

TEST_CASE("sync: a fault at every operation of a run loses nothing, and the next run completes") {
    // Count a clean run's operations, then fail each one in turn (before and after the server
    // acted on it) and check that two later clean runs bring both devices to the same state.
    for (const bool happened : {false, true}) {
        for (std::size_t at = 1;; ++at) {
            MemoryServer server;
            SyncDevice a, b;
            set_up_pair(server, a, b);
            a.snapshot_after_logs = 2;
            a.edit(person(Id{1, 1}, "Ada"), server);
            REQUIRE(a.sync(server));
            REQUIRE(b.sync(server));
            a.edit(person(Id{1, 2}, "Grace"), server);
            b.edit(person(Id{1, 3}, "Linus"), server);
            REQUIRE(b.sync(server));
            const std::size_t start = server.operations;
            server.fault = [&](const io::sync::Op&) {
                MemoryServer::Fault fault;
                if (server.operations - start == at) fault = {Failure::Server, happened};
                return fault;
            };
            const bool ok = a.sync(server);
            const std::size_t used = server.operations - start;
            server.fault = nullptr;
            REQUIRE(a.sync(server));
            REQUIRE(b.sync(server));
            REQUIRE(a.sync(server));
            CAPTURE(at);
            CAPTURE(happened);
            CHECK(contents(a.store) == contents(b.store));
            CHECK(a.store.contact(Id{1, 2}));
            CHECK(b.store.contact(Id{1, 2}));
            CHECK(a.store.contact(Id{1, 3}));
            if (ok && used < at) break;  // the fault point is past the run's end: every point was tried
        }
    }
}

TEST_CASE("sync: any interleaving of edits, syncs and faults on three devices ends equal, nothing lost") {
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        std::mt19937 random(seed);
        MemoryServer server;
        SyncDevice devices[3];
        REQUIRE(devices[0].set_up(server, kVault, kDeviceA, "pass"));
        REQUIRE(devices[1].set_up(server, Id{0, 2}, kDeviceB, "pass"));
        devices[1].clock_offset = -120'000;
        devices[2].clock_offset = 90'000;
        bool third_joined = false;
        for (auto& d : devices) d.snapshot_after_logs = 1 + random() % 4;
        // Every edit made: the record id and the stamp it got. At the end each record must hold
        // that edit or a newer one.
        std::vector<std::pair<Id, Millis>> edits;
        server.fault = [&](const io::sync::Op&) {
            MemoryServer::Fault fault;
            if (random() % 12 == 0) fault = {random() % 2 ? Failure::Server : Failure::Timeout, random() % 2 == 0};
            return fault;
        };
        for (int step = 0; step < 60; ++step) {
            const int who = static_cast<int>(random() % (third_joined ? 3 : 2));
            SyncDevice& d = devices[who];
            server.clock += random() % 5000;
            const Id id{1, 1 + random() % 8};
            switch (random() % 4) {
            case 0:
            case 1: {
                d.edit(person(id, "name " + std::to_string(step)), server);
                edits.emplace_back(id, d.store.contact(id)->meta.updated);
                break;
            }
            case 2:
                if (d.store.contact(id)) {
                    d.store.apply(delete_contact(d.store, id), next_stamp(d.store, d.now(server)));
                    edits.emplace_back(id, meta_of(*d.store.record(id)).updated);
                }
                break;
            default:
                d.sync(server, random() % 5 != 0);  // now and then a pull without a push
            }
            // What a push would send, from the changes since the last one, is what comparing
            // every record would send.
            for (const SyncDevice& any : devices) {
                if (!any.state.set_up()) continue;
                io::sync::SyncState compare_all = any.state;
                compare_all.pushed_lineage = 0;
                CHECK(ids_of(io::sync::outgoing(any.store, any.state)) == ids_of(io::sync::outgoing(any.store, compare_all)));
            }
            if (!third_joined && step == 30) {
                server.fault = nullptr;
                REQUIRE(devices[2].set_up(server, Id{0, 3}, kDeviceC, "pass"));
                third_joined = true;
                server.fault = [&](const io::sync::Op&) {
                    MemoryServer::Fault fault;
                    if (random() % 12 == 0) fault = {Failure::Server, random() % 2 == 0};
                    return fault;
                };
            }
        }
        server.fault = nullptr;
        for (int round = 0; round < 2; ++round) {
            for (auto& d : devices) REQUIRE(d.sync(server));
        }
        CHECK(contents(devices[0].store) == contents(devices[1].store));
        CHECK(contents(devices[1].store) == contents(devices[2].store));
        for (const auto& [id, stamp] : edits) {
            const std::optional<Record> final = devices[0].store.record(id);
            REQUIRE(final);
            // Edits may have been brought back from a clock ahead, never dropped for an older one.
            CHECK(meta_of(*final).updated >= std::min(stamp, server.clock));
        }
    }
}

TEST_CASE("sync: the state file round-trips and refuses damage") {
    io::sync::SyncState state;
    state.vault = {kVault, 600'000, std::string(16, 's'), std::string(60, 'w')};
    state.device = kDeviceA;
    state.next_number = 17;
    state.seen[kDeviceB] = 4;
    state.known[Id{1, 1}] = {123, false};
    state.known[Id{1, 2}] = {456, true};
    state.kept.push_back({Record{person(Id{1, 1}, "Ada")}, 99});
    const std::string bytes = io::sync::encode_state(state);
    const io::sync::StateRead read = io::sync::decode_state(bytes);
    REQUIRE(read.ok());
    CHECK(read.state.vault.id == kVault);
    CHECK(read.state.vault.salt == state.vault.salt);
    CHECK(read.state.next_number == 17);
    CHECK(read.state.seen.at(kDeviceB) == 4);
    CHECK(read.state.known.at(Id{1, 2}) == io::sync::Stamp{456, true});
    REQUIRE(read.state.kept.size() == 1);
    CHECK(read.state.kept[0].kept_at == 99);
    CHECK(io::sync::encode_state(read.state) == bytes);
    for (std::size_t cut = 0; cut < bytes.size(); cut += 7) CHECK_FALSE(io::sync::decode_state(bytes.substr(0, cut)).ok());
    CHECK(read.state.folder_url.empty());

    // Version 2 keeps where and as whom the device syncs; the password only with "remember".
    state.folder_url = "https://dav.example/ties/";
    state.user = "ada";
    state.password = "app-password";
    state.remember = true;
    const io::sync::StateRead kept = io::sync::decode_state(io::sync::encode_state(state));
    REQUIRE(kept.ok());
    CHECK(kept.state.folder_url == "https://dav.example/ties/");
    CHECK(kept.state.user == "ada");
    CHECK(kept.state.remember);
    CHECK(kept.state.password == "app-password");
    state.remember = false;
    const io::sync::StateRead forgotten = io::sync::decode_state(io::sync::encode_state(state));
    REQUIRE(forgotten.ok());
    CHECK(forgotten.state.user == "ada");
    CHECK(forgotten.state.password.empty());

    // A version 1 file (before the settings were kept in it) still reads, without them.
    const io::Unwrapped inner = io::unwrap(bytes);
    REQUIRE(inner.ok());
    std::string v1(inner.payload.substr(0, inner.payload.size() - 7));  // no url, user, remember (4), password
    v1[0] = 1;
    const io::sync::StateRead old = io::sync::decode_state(io::wrap(io::FileKind::SyncState, v1, io::kBinaryPayload));
    REQUIRE(old.ok());
    CHECK(old.state.next_number == 17);
    CHECK(old.state.folder_url.empty());
    v1[0] = 3;
    CHECK_FALSE(io::sync::decode_state(io::wrap(io::FileKind::SyncState, v1, io::kBinaryPayload)).ok());
}

TEST_CASE("sync: an edit not yet sent that loses to a newer one is kept on its device") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    a.edit(person(Id{1, 1}, "Ada"), server);
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    a.edit(person(Id{1, 1}, "Ada, offline edit on A"), server);  // not synced yet
    server.clock += 5000;
    b.edit(person(Id{1, 1}, "Ada, later edit on B"), server);
    REQUIRE(b.sync(server));
    REQUIRE(a.sync(server));
    CHECK(a.store.contact(Id{1, 1})->display_name == "Ada, later edit on B");
    REQUIRE(a.state.kept.size() == 1);
    CHECK(std::get<Contact>(a.state.kept[0].record).display_name == "Ada, offline edit on A");
    CHECK(a.last.pulled.kept == 1);
    REQUIRE(b.sync(server));
    CHECK(b.state.kept.empty());  // B never held A's edit: nothing of B's lost
}

TEST_CASE("sync: after a push, the next one looks only at what changed since") {
    MemoryServer server;
    SyncDevice a, b;
    set_up_pair(server, a, b);
    for (std::uint64_t n = 1; n <= 50; ++n) a.edit(person(Id{1, n}, "person " + std::to_string(n)), server);
    REQUIRE(a.sync(server));
    CHECK(a.state.pushed_lineage == a.store.lineage());
    CHECK(a.state.pushed_version == a.store.version());
    CHECK(io::sync::outgoing(a.store, a.state).empty());

    server.clock += 1000;
    a.edit(person(Id{1, 7}, "seven, renamed"), server);
    const std::vector<Record> up = io::sync::outgoing(a.store, a.state);
    REQUIRE(up.size() == 1);
    CHECK(std::get<Contact>(up[0]).display_name == "seven, renamed");

    // A record this device edited loses nothing when another device's older edit arrives: the
    // pull does not change it here, but the vault now holds the other stamp, so it goes up again.
    REQUIRE(a.sync(server));
    REQUIRE(b.sync(server));
    b.clock_offset = -600'000;  // b's edit is stamped before a's
    b.store.apply(Change{"edit", {person(Id{1, 9}, "nine on b")}}, b.now(server));
    server.clock += 1000;
    a.edit(person(Id{1, 9}, "nine on a"), server);
    REQUIRE(b.sync(server));
    REQUIRE(a.sync(server, false));  // a pull only: a's own edit waits
    io::sync::SyncState compare_all = a.state;
    compare_all.pushed_lineage = 0;
    CHECK(ids_of(io::sync::outgoing(a.store, a.state)) == ids_of(io::sync::outgoing(a.store, compare_all)));
    CHECK(ids_of(io::sync::outgoing(a.store, a.state)) == std::vector<Id>{Id{1, 9}});

    // Another store (a copy, a reloaded one) has its own history: everything is compared.
    Store copy = a.store;
    CHECK(copy.lineage() != a.store.lineage());
    Store moved = std::move(copy);
    CHECK(moved.lineage() != copy.lineage());
}
