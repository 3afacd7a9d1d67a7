// The sync engine (sync.hpp) does no input or output of its own: it asks for one operation at a
// time, a request to the person's WebDAV server or a step of cryptography with the vault's data
// key, and is told the outcome. The page performs them in web/sync.js (fetch and WebCrypto, which
// keeps the data key), the command-line tool with libcurl and OpenSSL, unit tests with an
// in-memory server. Paths are relative to the sync folder the person set up ("ties/vault.json").
#pragma once

#include "core/date.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ties::io::sync {

enum class OpKind : std::uint8_t {
    Probe,       // OPTIONS on the folder: is the server there, does it let this page in
    List,        // PROPFIND, Depth: 1, on a folder path ending in "/"
    Get,
    Put,         // `bytes` is the body
    Delete,
    MakeFolder,  // MKCOL
    CreateKey,   // a new random data key, kept by the performer, sealed under PBKDF2(passphrase):
                 // `bytes` of the outcome = 16-byte salt | wrapped key (sync_format.hpp), `aad` = key_aad()
    Unlock,      // unseal `bytes` (the wrapped key) under PBKDF2(passphrase, salt = `path`, iterations)
                 // with `aad`, and keep the data key; fails with Refused for a wrong passphrase
    Seal,        // `bytes` sealed with the data key and `aad`: outcome bytes = IV | ciphertext | tag
    Open,        // the reverse; Refused when the tag does not match (wrong key, changed file)
};

struct Op {
    OpKind kind = OpKind::Get;
    std::string path;
    std::string bytes;
    std::string aad;
    std::string passphrase;        // CreateKey, Unlock
    std::uint32_t iterations = 0;  // CreateKey, Unlock
};

enum class Failure : std::uint8_t {
    None,
    Unreachable,   // no answer: offline, wrong address, server down
    Cors,          // the server answered but the browser kept the answer from the page (CORS headers)
    Timeout,
    Unauthorized,  // 401: wrong user name or password
    Forbidden,     // 403
    Missing,       // 404 (or 409 for a PUT into a missing folder)
    Server,        // 5xx, or an answer that makes no sense (a listing that is not WebDAV)
    Refused,       // cryptography: wrong passphrase or key, or a file that was changed
    NoKey,         // Seal or Open before CreateKey or Unlock
};

struct Entry {
    std::string name;  // the last part of the path, without a trailing "/"
    bool folder = false;
    std::uint64_t size = 0;
};

struct Outcome {
    Failure failure = Failure::None;
    bool ok() const { return failure == Failure::None; }
    int status = 0;              // HTTP status; 0 when there was no answer or for cryptography
    std::string detail;          // the performer's own words ("HTTP 507 Insufficient Storage")
    std::string bytes;           // Get: the body; CreateKey, Seal, Open: the result
    std::vector<Entry> entries;  // List: the folder's children (not the folder itself)
    Millis server_time = 0;      // the server's Date header, when it sent one
};

}  // namespace ties::io::sync
