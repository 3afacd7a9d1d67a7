// Encrypted backups for the command-line tool, with OpenSSL: the layout of crypto_format.hpp,
// byte for byte what the browser's WebCrypto writes and reads (PBKDF2-HMAC-SHA-256 to a 32-byte
// key, AES-256-GCM with a 12-byte IV, no associated data, the 16-byte tag last). Checked both ways
// against the page in tests/e2e/exports.test.mjs.
#pragma once

#include "core/problem.hpp"
#include "io/crypto_format.hpp"

#include <cstdint>
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

// A whole EncryptedBackup file around `backup_file`, with a fresh random salt and IV
// (RAND_bytes). Empty when OpenSSL fails (no entropy), with `error` set.
std::string encrypt_backup(std::string_view backup_file, std::string_view passphrase, std::string& error,
                           std::uint32_t iterations = io::kPbkdf2Iterations);

}  // namespace ties::cli
