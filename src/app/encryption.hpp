// Encrypted backups for the command-line tool, with OpenSSL: the layout of crypto_format.hpp,
// byte for byte what the browser's WebCrypto writes and reads (PBKDF2-HMAC-SHA-256 to a 32-byte
// key, AES-256-GCM with a 12-byte IV, no associated data, the 16-byte tag last). Checked both ways
// against the page in tests/e2e/exports.test.mjs.
#pragma once

#include "core/problem.hpp"
#include "io/crypto_format.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ties::cli {

struct Decrypted {
    std::optional<Problem> error;  // "wrong passphrase, or the file was changed", or what is wrong with the file
    bool ok() const { return !error; }
    std::string plaintext;  // the whole Backup file inside
};

// `file` is a whole EncryptedBackup file (envelope included).
Decrypted decrypt_backup(std::string_view file, std::string_view passphrase);

// Where the 32-byte key for a file's salt and iterations comes from: PBKDF2 of the passphrase in the
// overload above. The tamper test (every byte of a file changed in turn) and the fuzz target pass
// their own, so that they do not spend 600,000 iterations on every try. False: no key.
using KeySource = std::function<bool(std::string_view salt, std::uint32_t iterations, std::array<unsigned char, 32>& key)>;
Decrypted decrypt_backup(std::string_view file, const KeySource& key_for);
// The key of `passphrase` for a file's salt and iterations (PBKDF2-HMAC-SHA-256).
bool derive_backup_key(std::string_view passphrase, std::string_view salt, std::uint32_t iterations,
                       std::array<unsigned char, 32>& key);

// A whole EncryptedBackup file around `backup_file`, with a fresh random salt and IV
// (RAND_bytes). Empty when OpenSSL fails (no entropy), with `error` set.
std::string encrypt_backup(std::string_view backup_file, std::string_view passphrase, std::string& error,
                           std::uint32_t iterations = io::kPbkdf2Iterations);
// The same with the key from `key_for` (for tests and the fuzz target; the salt and IV are still random).
std::string encrypt_backup(std::string_view backup_file, const KeySource& key_for, std::string& error,
                           std::uint32_t iterations = io::kPbkdf2Iterations);

}  // namespace ties::cli
