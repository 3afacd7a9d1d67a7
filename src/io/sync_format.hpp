// What a sync vault on the person's WebDAV server holds, and how each file is sealed, without the
// cryptography or the transport (the page uses WebCrypto and fetch, the command-line tool OpenSSL
// and libcurl; both follow this file byte for byte):
//
//   <folder>/ties/vault.json                              plain JSON: format, vault id, PBKDF2 salt
//                                                         and iterations, the wrapped data key
//   <folder>/ties/devices/<device>/log-<number>.ties      records changed since the device's last push
//   <folder>/ties/devices/<device>/snapshot-<number>.ties every record the device had at `number`
//
// Only a device writes its own folder, so nothing needs locks or If-Match. Numbers are never
// reused (a push that may have half-happened is followed by a higher number), and a snapshot
// covers every log up to its number. Names show no record ids and no counts of people.
//
// The data key is 32 random bytes. vault.json holds it sealed with AES-256-GCM under
// PBKDF2-HMAC-SHA-256(passphrase, salt, iterations), with key_aad() as associated data; a wrong
// passphrase fails GCM's check, which is the vault's key check. Every data file is an envelope
// (envelope.hpp, kind SyncSealed) around IV (12) | ciphertext | tag (16), sealed with the data
// key and file_aad(), which binds the vault, the device, the role and the number: a file copied
// to another name, another device's folder or another vault does not open. The plaintext is a
// Journal envelope with the binary payload (codec.hpp) of the file's records.
#pragma once

#include "core/id.hpp"
#include "core/problem.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ties::io::sync {

inline constexpr std::uint32_t kVaultFormat = 1;
inline constexpr std::size_t kDataKeySize = 32;
inline constexpr std::size_t kWrappedKeySize = 12 + kDataKeySize + 16;  // IV | sealed key | tag
inline constexpr std::size_t kSyncIvSize = 12;
inline constexpr std::size_t kSyncTagSize = 16;

inline constexpr const char* kRootFolder = "ties/";
inline constexpr const char* kVaultFile = "ties/vault.json";
inline constexpr const char* kDevicesFolder = "ties/devices/";

struct Vault {
    Id id;                         // a new vault (set up again elsewhere) has a new id
    std::uint32_t iterations = 0;  // PBKDF2
    std::string salt;              // 16 raw bytes
    std::string wrapped_key;       // kWrappedKeySize raw bytes
};

std::string vault_json(const Vault& vault);

struct VaultRead {
    std::optional<Problem> error;  // "this is not a Ties sync folder", "made by a newer Ties", ...
    bool ok() const { return !error; }
    Vault vault;
};
VaultRead read_vault_json(std::string_view text);

// Associated data for the wrapped key and for each data file.
std::string key_aad(Id vault);
enum class FileRole : std::uint8_t { Log, Snapshot };
std::string file_aad(Id vault, Id device, FileRole role, std::uint64_t number);

// "ties/devices/<device>/" and "ties/devices/<device>/log-000000000017.ties".
std::string device_folder(Id device);
std::string file_path(Id device, FileRole role, std::uint64_t number);
struct FileName {
    FileRole role = FileRole::Log;
    std::uint64_t number = 0;
};
// The role and number of a name in a device folder ("log-000000000017.ties"); nullopt for any
// other name (a server's own files, a half-written upload), which sync leaves alone.
std::optional<FileName> parse_file_name(std::string_view name);

// The sealed file: envelope(SyncSealed, IV | ciphertext | tag), and back (nullopt, with the
// reason, for a truncated or damaged file).
std::string seal_file(std::string_view iv_ciphertext_tag);
std::optional<std::string_view> unseal_file(std::string_view file, std::string& error);

std::string base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

}  // namespace ties::io::sync
