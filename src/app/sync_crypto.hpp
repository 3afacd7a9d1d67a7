// Sync's cryptography for the command-line tool and native tests, with OpenSSL: the operations
// CreateKey, Unlock, Seal and Open of io/sync_ops.hpp, byte for byte what web/sync.js does with
// WebCrypto (sync_format.hpp has the layout):
//   key encryption key  PBKDF2-HMAC-SHA-256(passphrase, 16-byte salt, iterations) -> 32 bytes
//   wrapped data key    IV (12) | AES-256-GCM(key encryption key, IV, aad)(data key) | tag (16)
//   a sealed file       IV (12) | AES-256-GCM(data key, IV, aad)(plaintext) | tag (16)
// with a fresh random IV (RAND_bytes) for every seal. The data key lives only in the SyncCipher
// and is wiped (OPENSSL_cleanse) when it is replaced, forgotten or destroyed.
#pragma once

#include "io/sync_ops.hpp"

#include <array>
#include <string_view>

namespace ties::cli {

// CreateKey, Unlock, Seal, Open.
bool is_cryptography(io::sync::OpKind kind);

class SyncCipher {
public:
    SyncCipher() = default;
    ~SyncCipher();
    SyncCipher(const SyncCipher&) = delete;
    SyncCipher& operator=(const SyncCipher&) = delete;

    // One operation. CreateKey: outcome bytes = salt | wrapped key, and the new key is kept.
    // Unlock (op.path = the salt, op.bytes = the wrapped key): Refused for a wrong passphrase or
    // a changed vault, which also forgets any key held before. Seal: outcome bytes = IV | ciphertext
    // | tag. Open: the plaintext; Refused when the tag does not match. Seal and Open without a
    // key: NoKey. An operation that is not cryptography: Server, saying so.
    io::sync::Outcome perform(const io::sync::Op& op);

    bool has_key() const { return has_key_; }
    void forget();
    // Holds `key` (kDataKeySize bytes; false otherwise) as if unlocked: for known-answer tests.
    bool use_key(std::string_view key);

private:
    std::array<unsigned char, 32> key_{};
    bool has_key_ = false;
};

}  // namespace ties::cli
