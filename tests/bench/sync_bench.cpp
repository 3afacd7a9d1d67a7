// Sync benchmark (not a test): how long a sync takes for the suite's heavy user (10,000 people,
// 100,000 touches), natively, with the real cryptography (OpenSSL's PBKDF2 and AES-256-GCM, as
// the command-line tool does) and an in-memory WebDAV server, so the figures are the engine's
// and the cipher's own, without a network: the first sync (a full snapshot up), a second device
// joining (the snapshot down, opened and merged), and a one-edit sync up and down.
#include "app/sync_crypto.hpp"
#include "bench_data.hpp"
#include "bench_timing.hpp"
#include "../unit/sync_fixtures.hpp"

#include <cstdio>

namespace {

using namespace ties;

struct Device {
    Store store;
    io::sync::SyncState state;
    cli::SyncCipher cipher;
    io::sync::RunReport last;

    io::sync::Outcome perform(test::MemoryServer& server, const io::sync::Op& op) {
        if (cli::is_cryptography(op.kind)) return cipher.perform(op);
        return server.perform(op);
    }
    bool set_up(test::MemoryServer& server, Id vault, Id device) {
        io::sync::SetupRun run({"bench passphrase", vault, device, 600'000, false});
        while (!run.finished()) run.done(perform(server, run.op()));
        if (run.ok()) state = run.state();
        return run.ok();
    }
    bool sync(test::MemoryServer& server) {
        io::sync::SyncRun run(state, {server.clock});
        io::sync::run_to_end(run, store, [&](const io::sync::Op& op) { return perform(server, op); });
        state = run.state();
        last = run.report();
        if (!run.ok()) std::fprintf(stderr, "sync failed: %s\n", to_string(run.error()).c_str());
        return run.ok();
    }
};

void run(std::size_t contacts, std::size_t interactions, int edits) {
    IdGenerator ids(42, 42);
    test::MemoryServer server;
    Device laptop, phone;
    laptop.store = bench::make_store(contacts, interactions, ids);
    phone.store = Store{};

    double setup_ms = bench::time_ms([&] { laptop.set_up(server, ids.next(), ids.next()); });
    double first_ms = bench::time_ms([&] { laptop.sync(server); });
    const std::uint64_t snapshot_bytes = laptop.last.bytes_written;
    double join_ms = bench::time_ms([&] {
        phone.set_up(server, ids.next(), ids.next());
        phone.sync(server);
    });
    const std::size_t joined = phone.store.record_count();

    std::vector<double> up, down;
    Id target;
    for (const auto& [id, interaction] : laptop.store.interactions()) {
        target = id;
        break;
    }
    for (int round = 0; round < edits; ++round) {
        server.clock += 60'000;
        Interaction edited = *laptop.store.interaction(target);  // as the page stamps an edit
        edited.notes = "Edited " + std::to_string(round);
        laptop.store.apply(save_interaction(edited), next_stamp(laptop.store, server.clock));
        up.push_back(bench::time_ms([&] { laptop.sync(server); }));
        down.push_back(bench::time_ms([&] { phone.sync(server); }));
    }
    const bool equal = phone.store.interactions().at(target).notes == laptop.store.interactions().at(target).notes;
    std::printf("%8zu | %12zu | %9.0f | %10.0f | %9.1f | %10.0f | %11.2f | %13.2f | %s\n", contacts, interactions,
                setup_ms, first_ms, static_cast<double>(snapshot_bytes) / 1e6, join_ms, bench::median(up),
                bench::median(down), equal && joined == laptop.store.record_count() ? "equal" : "DIFFER");
    const std::string size = std::to_string(contacts / 1000) + "k";
    bench::emit("sync.first." + size, "First sync up (snapshot), " + size + " people", "ms", {first_ms});
    bench::emit("sync.join." + size, "A second device joins, " + size + " people", "ms", {join_ms});
    bench::emit("sync.edit_up." + size, "One-edit sync up, " + size + " people", "ms", up);
    bench::emit("sync.edit_down." + size, "One-edit sync down, " + size + " people", "ms", down);
}

}  // namespace

int main(int argc, char** argv) {
    ties::bench::parse_options(argc, argv);
    std::printf("Sync benchmark: ms per step, native, OpenSSL, in-memory WebDAV server (no network).\n"
                "setup = PBKDF2 (600,000 rounds) + a new vault; first = the first sync up (a snapshot);\n"
                "join = a second device unlocks and pulls it; edit up/down = the median one-edit sync.\n\n");
    std::printf("%8s | %12s | %9s | %10s | %9s | %10s | %11s | %13s | %s\n", "contacts", "interactions", "setup",
                "first up", "MB sent", "join", "edit up", "edit down", "result");
    std::printf("%s\n", std::string(112, '-').c_str());
    run(1'000, 10'000, 9);
    run(10'000, 100'000, 7);
    return 0;
}
