// Sync for the command-line tool: performs the sync engine's operations (io/sync_ops.hpp) with
// libcurl against the person's WebDAV folder and with OpenSSL (SyncCipher) for the vault's key,
// and drives a SetupRun or a SyncRun to its end with them. Native only, never in the web build
// (the page performs the same operations with fetch and WebCrypto).
#pragma once

#include "app/sync_crypto.hpp"
#include "core/problem.hpp"
#include "core/store.hpp"
#include "io/sync.hpp"

#include <optional>
#include <string>

namespace ties::cli {

struct SyncServer {
    std::string folder_url;    // "https://host/remote.php/dav/files/ada/Ties/"; a "/" is added when missing
    std::string user;          // empty: no authentication
    std::string password;
    long connect_seconds = 20;  // no connection within this: Timeout
    long stall_seconds = 60;    // an answer that stops flowing for this long: Timeout
};

// One libcurl handle for a run (the connection is reused between operations) and the run's cipher.
class CurlPerformer {
public:
    explicit CurlPerformer(SyncServer server);
    ~CurlPerformer();
    CurlPerformer(const CurlPerformer&) = delete;
    CurlPerformer& operator=(const CurlPerformer&) = delete;

    // A WebDAV operation over HTTP (Probe = OPTIONS, List = PROPFIND Depth 1, Get, Put, Delete,
    // MakeFolder = MKCOL), mapped by io::webdav::outcome_of_http, the Date header in server_time;
    // a cryptographic one by the SyncCipher.
    io::sync::Outcome perform(const io::sync::Op& op);

    std::string url_of(const std::string& path) const;  // the folder URL + the op's relative path

private:
    io::sync::Outcome perform_http(const io::sync::Op& op);

    SyncServer server_;
    void* curl_ = nullptr;  // CURL*, kept out of this header
    SyncCipher cipher_;
};

// Unlocking (or creating) the vault in the folder: a SetupRun driven to its end. With
// `allow_create` false a folder without a vault stops the run before anything is written
// (`no_vault`), so reading never makes a vault.
struct Joined {
    std::optional<Problem> error;
    bool ok() const { return !error; }
    bool no_vault = false;
    bool created = false;  // a new vault was made
    io::sync::SyncState state;
};
Joined join_vault(CurlPerformer& performer, const io::sync::SetupOptions& options, bool allow_create);

// One SyncRun to its end: pulled records are applied to `store` (the newer edit wins, as on every
// device), then, with options.push, what the vault does not hold yet goes up. `state` comes back
// as the run left it, also when it failed (a number used is never reused): save it either way.
struct Synced {
    std::optional<Problem> error;
    bool ok() const { return !error; }
    io::sync::SyncState state;
    io::sync::RunReport report;
};
Synced sync_store(CurlPerformer& performer, io::sync::SyncState state, Store& store, const io::sync::RunOptions& options);

}  // namespace ties::cli
