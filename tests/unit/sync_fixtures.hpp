// Sync tests' world: a WebDAV server in memory (with faults on demand), a stand-in cipher that
// binds data to its key and associated data like AES-GCM does (without its secrecy: the planner's
// tests need the binding, and the real ciphers have tests of their own), and devices that drive
// SyncRun to the end the way the session does.
#pragma once

#include "io/sync.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace ties::test {

class MemoryServer {
public:
    std::map<std::string, std::string> files;
    std::set<std::string> folders{""};
    Millis clock = 1'764'720'000'000;
    // Called before each operation: a failure to answer instead, and whether the operation
    // happened on the server anyway (an answer lost on the way back).
    struct Fault {
        io::sync::Failure failure = io::sync::Failure::None;
        bool happened = false;
    };
    std::function<Fault(const io::sync::Op&)> fault;
    std::size_t operations = 0;

    io::sync::Outcome perform(const io::sync::Op& op) {
        using io::sync::Failure;
        using io::sync::OpKind;
        ++operations;
        clock += 1000;
        const Fault injected = fault ? fault(op) : Fault{};
        if (injected.failure != Failure::None && !injected.happened) return failed(injected.failure);
        io::sync::Outcome out = apply(op);
        out.server_time = clock;
        if (injected.failure != Failure::None) return failed(injected.failure);
        return out;
    }

private:
    static io::sync::Outcome failed(io::sync::Failure failure) {
        io::sync::Outcome out;
        out.failure = failure;
        out.detail = "injected";
        return out;
    }
    static std::string parent_of(const std::string& path) {
        std::string p = path;
        if (!p.empty() && p.back() == '/') p.pop_back();
        const auto slash = p.rfind('/');
        return slash == std::string::npos ? "" : p.substr(0, slash + 1);
    }
    io::sync::Outcome apply(const io::sync::Op& op) {
        using io::sync::Failure;
        using io::sync::OpKind;
        io::sync::Outcome out;
        switch (op.kind) {
        case OpKind::Probe:
            if (!folders.count("")) out.failure = Failure::Missing;
            break;
        case OpKind::List:
            if (!folders.count(op.path)) {
                out.failure = Failure::Missing;
                break;
            }
            for (const std::string& folder : folders) {
                if (folder != op.path && folder.size() > op.path.size() && folder.rfind(op.path, 0) == 0 &&
                    parent_of(folder) == op.path)
                    out.entries.push_back({folder.substr(op.path.size(), folder.size() - op.path.size() - 1), true, 0});
            }
            for (const auto& [path, bytes] : files) {
                if (parent_of(path) == op.path) out.entries.push_back({path.substr(op.path.size()), false, bytes.size()});
            }
            break;
        case OpKind::Get: {
            const auto it = files.find(op.path);
            if (it == files.end()) out.failure = Failure::Missing;
            else out.bytes = it->second;
            break;
        }
        case OpKind::Put:
            if (!folders.count(parent_of(op.path))) out.failure = Failure::Missing;
            else files[op.path] = op.bytes;
            break;
        case OpKind::Delete:
            if (!files.erase(op.path)) out.failure = Failure::Missing;
            break;
        case OpKind::MakeFolder:
            // "" is the person's folder itself, whose parent is outside the vault.
            if (!op.path.empty() && !folders.count(parent_of(op.path))) out.failure = Failure::Missing;
            else folders.insert(op.path);
            break;
        default:
            out.failure = Failure::Server;
            out.detail = "not a server operation";
        }
        return out;
    }
};

// Binds sealed bytes to the key, the IV and the associated data with a 128-bit FNV tag.
class TestCipher {
public:
    std::optional<std::string> key;
    std::uint64_t counter = 1;

    io::sync::Outcome perform(const io::sync::Op& op) {
        using io::sync::Failure;
        using io::sync::OpKind;
        io::sync::Outcome out;
        switch (op.kind) {
        case OpKind::CreateKey: {
            const std::string salt = bytes(16, 's');
            key = bytes(32, 'k');
            out.bytes = salt + seal(kek(op.passphrase, salt, op.iterations), op.aad, *key);
            break;
        }
        case OpKind::Unlock: {
            const std::optional<std::string> opened = open(kek(op.passphrase, op.path, op.iterations), op.aad, op.bytes);
            if (!opened) out.failure = Failure::Refused;
            else key = *opened;
            break;
        }
        case OpKind::Seal:
            if (!key) out.failure = Failure::NoKey;
            else out.bytes = seal(*key, op.aad, op.bytes);
            break;
        case OpKind::Open: {
            if (!key) {
                out.failure = Failure::NoKey;
                break;
            }
            const std::optional<std::string> opened = open(*key, op.aad, op.bytes);
            if (!opened) out.failure = Failure::Refused;
            else out.bytes = *opened;
            break;
        }
        default:
            out.failure = Failure::Server;
        }
        return out;
    }

private:
    std::string bytes(std::size_t n, char tag) {
        std::string out(n, tag);
        for (std::size_t i = 0; i < n && i < 8; ++i) out[i] = static_cast<char>((counter >> (8 * i)) & 0xFF);
        ++counter;
        return out;
    }
    static std::string kek(const std::string& passphrase, const std::string& salt, std::uint32_t iterations) {
        return tag_of(passphrase + "|" + salt + "|" + std::to_string(iterations), "kek") + std::string(16, 'x');
    }
    static std::string tag_of(const std::string& data, const std::string& salt) {
        std::uint64_t a = 0xCBF29CE484222325ull, b = 0x84222325CBF29CE4ull;
        for (const char c : salt + '\0' + data) {
            a = (a ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
            b = (b ^ static_cast<unsigned char>(c)) * 0x100000001B3ull + 7;
        }
        std::string out;
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((a >> (8 * i)) & 0xFF));
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((b >> (8 * i)) & 0xFF));
        return out;
    }
    std::string seal(const std::string& k, const std::string& aad, const std::string& plain) {
        const std::string iv = bytes(12, 'i');
        return iv + plain + tag_of(k + "|" + aad + "|" + iv + "|" + plain, "gcm");
    }
    static std::optional<std::string> open(const std::string& k, const std::string& aad, const std::string& sealed) {
        if (sealed.size() < 28) return std::nullopt;
        const std::string iv = sealed.substr(0, 12);
        const std::string plain = sealed.substr(12, sealed.size() - 28);
        if (tag_of(k + "|" + aad + "|" + iv + "|" + plain, "gcm") != sealed.substr(sealed.size() - 16)) return std::nullopt;
        return plain;
    }
};

// A device: its store, its side of the vault, its cipher and its clock.
struct SyncDevice {
    Store store;
    io::sync::SyncState state;
    TestCipher cipher;
    Millis clock_offset = 0;  // a device whose clock is wrong
    std::size_t snapshot_after_logs = 20;
    io::sync::RunReport last;
    std::optional<Problem> last_error;

    Millis now(const MemoryServer& server) const { return server.clock + clock_offset; }

    io::sync::Outcome perform(MemoryServer& server, const io::sync::Op& op) {
        using io::sync::OpKind;
        if (op.kind == OpKind::CreateKey || op.kind == OpKind::Unlock || op.kind == OpKind::Seal ||
            op.kind == OpKind::Open)
            return cipher.perform(op);
        return server.perform(op);
    }

    bool set_up(MemoryServer& server, Id vault, Id device, const std::string& passphrase, bool create_folder = false) {
        io::sync::SetupRun run({passphrase, vault, device, 600'000, create_folder});
        while (!run.finished()) run.done(perform(server, run.op()));
        last_error = run.error();
        if (run.ok()) state = run.state();
        return run.ok();
    }

    // One run to its end, as the session does it; the state is kept whatever happened.
    bool sync(MemoryServer& server, bool push = true) {
        io::sync::SyncRun run(state, {now(server), push, snapshot_after_logs});
        io::sync::run_to_end(run, store, [&](const io::sync::Op& op) { return perform(server, op); });
        state = run.state();
        last = run.report();
        last_error = run.error();
        return run.ok();
    }

    void edit(Record record, const MemoryServer& server) {
        store.apply(Change{"edit", {std::move(record)}}, next_stamp(store, now(server)));
    }
};

}  // namespace ties::test
