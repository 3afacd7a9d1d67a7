// The layout of an encrypted backup, without the cryptography itself (the browser uses WebCrypto,
// the command-line tool OpenSSL): an envelope of kind EncryptedBackup whose payload is
//   u32 PBKDF2 iterations | 16-byte salt | 12-byte IV | AES-256-GCM ciphertext with its 16-byte tag
// (little-endian). The key is PBKDF2-HMAC-SHA-256(passphrase as UTF-8, salt, iterations, 32
// bytes); the plaintext is a whole Backup file, envelope and checksum included, so a decrypted
// backup is checked exactly like a plain one. GCM's tag makes a wrong passphrase and a tampered
// file fail the same way: "wrong passphrase, or the file was changed".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ties::io {

inline constexpr std::uint32_t kPbkdf2Iterations = 600'000;  // OWASP's 2023 advice for PBKDF2-SHA-256
inline constexpr std::uint32_t kMinPbkdf2Iterations = 600'000;  // files with fewer are refused
inline constexpr std::uint32_t kMaxPbkdf2Iterations = 10'000'000;  // bounds the time a file can cost
inline constexpr std::size_t kSaltSize = 16;
inline constexpr std::size_t kIvSize = 12;
inline constexpr std::size_t kTagSize = 16;

struct EncryptedParts {
    std::uint32_t iterations = 0;
    std::string_view salt;
    std::string_view iv;
    std::string_view ciphertext;  // with the tag at its end
};

// Splits an EncryptedBackup payload; nullopt with `error` set when it is malformed.
std::optional<EncryptedParts> split_encrypted(std::string_view payload, std::string& error);
// The payload for an EncryptedBackup envelope.
std::string join_encrypted(std::uint32_t iterations, std::string_view salt, std::string_view iv,
                           std::string_view ciphertext);

}  // namespace ties::io
