// The vault's plain parts (sync_format.hpp): vault.json, the associated data that binds each
// sealed file to its place, file names, the sealed envelope and base64. The page and the
// command-line tool both run this code, so they agree byte for byte.
//
// vault.json (written with two-space indentation; read with any layout and extra fields):
//   {
//     "app": "ties-sync",
//     "format": 1,
//     "vault": "<32 hex digits>",
//     "kdf": "PBKDF2-HMAC-SHA-256",
//     "iterations": 600000,
//     "salt": "<base64 of 16 bytes>",
//     "wrapped_key": "<base64 of IV | sealed data key | tag, 60 bytes>"
//   }
//
// Associated data, UTF-8 text with "\n" between the parts and none at the end:
//   the wrapped key:  "ties-sync/1\n<vault hex>\nkey"
//   a data file:      "ties-sync/1\n<vault hex>\n<device hex>\nlog\n17" (or "snapshot"; the number
//                     in decimal without padding)
// Hex is lowercase, as Id::to_string writes it.
//
// File numbers are written with 12 digits (a push a second would need 31,000 years to run out);
// parse_file_name takes exactly 12, so a name sync did not write is never mistaken for one.
#include "io/sync_format.hpp"

#include "io/crypto_format.hpp"
#include "io/envelope.hpp"
#include "io/json_archive.hpp"

#include <rapidjson/document.h>

#include <array>
#include <cstdio>

namespace ties::io::sync {
namespace {

constexpr const char* kApp = "ties-sync";
constexpr const char* kKdf = "PBKDF2-HMAC-SHA-256";
constexpr const char* kAadPrefix = "ties-sync/1\n";
constexpr std::size_t kNumberDigits = 12;
constexpr std::string_view kFileSuffix = ".ties";

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

const char* role_name(FileRole role) { return role == FileRole::Log ? "log" : "snapshot"; }

VaultRead vault_error(std::string text) {
    VaultRead result;
    result.error = problem(std::move(text));
    return result;
}

}  // namespace

// --- vault.json -----------------------------------------------------------------------------

std::string vault_json(const Vault& vault) {
    std::string out = "{\n";
    out += "  \"app\": \"" + std::string(kApp) + "\",\n";
    out += "  \"format\": " + std::to_string(kVaultFormat) + ",\n";
    out += "  \"vault\": \"" + vault.id.to_string() + "\",\n";
    out += "  \"kdf\": \"" + std::string(kKdf) + "\",\n";
    out += "  \"iterations\": " + std::to_string(vault.iterations) + ",\n";
    out += "  \"salt\": \"" + base64(vault.salt) + "\",\n";
    out += "  \"wrapped_key\": \"" + base64(vault.wrapped_key) + "\"\n";
    out += "}\n";
    return out;
}

VaultRead read_vault_json(std::string_view text) {
    constexpr const char* kNotOurs = "this is not a Ties sync folder (its ties/vault.json was not written by Ties)";
    rapidjson::Document doc;
    try {
        doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
    } catch (const std::exception&) {
        return vault_error(kNotOurs);
    }
    if (doc.HasParseError() || !doc.IsObject()) return vault_error(kNotOurs);
    // Fields are looked up through a const view: clang's C++20 mode finds rapidjson's mixed
    // const/non-const iterator comparison ambiguous.
    const rapidjson::Value& root = doc;
    const auto field = [&](const char* name) -> const rapidjson::Value* {
        const auto it = root.FindMember(name);
        return it == root.MemberEnd() ? nullptr : &it->value;
    };
    const auto string_field = [&](const char* name) -> std::optional<std::string_view> {
        const rapidjson::Value* value = field(name);
        if (!value || !value->IsString()) return std::nullopt;
        return std::string_view(value->GetString(), value->GetStringLength());
    };
    const auto app = string_field("app");
    const rapidjson::Value* format = field("format");
    if (!app || *app != kApp || !format || !format->IsUint() || format->GetUint() == 0)
        return vault_error(kNotOurs);
    if (format->GetUint() > kVaultFormat)
        return vault_error("this sync folder was set up by a newer version of Ties (vault format " +
                           std::to_string(format->GetUint()) + "; this version reads up to " +
                           std::to_string(kVaultFormat) + "). Update Ties to sync with it.");

    const auto damaged = [](const std::string& what) {
        return vault_error("the sync folder's ties/vault.json is damaged: " + what);
    };
    VaultRead result;
    const auto id_text = string_field("vault");
    const auto id = id_text ? Id::parse(*id_text) : std::nullopt;
    if (!id || id->empty()) return damaged("no valid vault id");
    result.vault.id = *id;

    const auto kdf = string_field("kdf");
    if (!kdf || *kdf != kKdf) return damaged("an unknown key derivation (" + std::string(kdf.value_or("none")) + ")");
    const rapidjson::Value* iterations = field("iterations");
    if (!iterations || !iterations->IsUint()) return damaged("no iteration count");
    result.vault.iterations = iterations->GetUint();
    if (result.vault.iterations < kMinPbkdf2Iterations || result.vault.iterations > kMaxPbkdf2Iterations)
        return damaged("it asks for " + std::to_string(result.vault.iterations) + " key derivation rounds (Ties uses " +
                       std::to_string(kMinPbkdf2Iterations) + " to " + std::to_string(kMaxPbkdf2Iterations) + ")");

    const auto salt_text = string_field("salt");
    auto salt = salt_text ? from_base64(*salt_text) : std::nullopt;
    if (!salt || salt->size() != kSaltSize) return damaged("the salt is not " + std::to_string(kSaltSize) + " bytes of base64");
    result.vault.salt = std::move(*salt);

    const auto key_text = string_field("wrapped_key");
    auto key = key_text ? from_base64(*key_text) : std::nullopt;
    if (!key || key->size() != kWrappedKeySize)
        return damaged("the wrapped key is not " + std::to_string(kWrappedKeySize) + " bytes of base64");
    result.vault.wrapped_key = std::move(*key);
    return result;
}

// --- Associated data ------------------------------------------------------------------------

std::string key_aad(Id vault) { return kAadPrefix + vault.to_string() + "\nkey"; }

std::string file_aad(Id vault, Id device, FileRole role, std::uint64_t number) {
    return kAadPrefix + vault.to_string() + "\n" + device.to_string() + "\n" + role_name(role) + "\n" +
           std::to_string(number);
}

// --- Names ----------------------------------------------------------------------------------

std::string device_folder(Id device) { return std::string(kDevicesFolder) + device.to_string() + "/"; }

std::string file_path(Id device, FileRole role, std::uint64_t number) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%012llu", static_cast<unsigned long long>(number));
    return device_folder(device) + role_name(role) + "-" + digits + std::string(kFileSuffix);
}

std::optional<FileName> parse_file_name(std::string_view name) {
    FileName result;
    for (const FileRole role : {FileRole::Log, FileRole::Snapshot}) {
        const std::string prefix = std::string(role_name(role)) + "-";
        if (name.size() != prefix.size() + kNumberDigits + kFileSuffix.size() || name.substr(0, prefix.size()) != prefix ||
            name.substr(prefix.size() + kNumberDigits) != kFileSuffix)
            continue;
        std::uint64_t number = 0;
        for (const char c : name.substr(prefix.size(), kNumberDigits)) {
            if (c < '0' || c > '9') return std::nullopt;
            number = number * 10 + static_cast<std::uint64_t>(c - '0');
        }
        result.role = role;
        result.number = number;
        return result;
    }
    return std::nullopt;
}

// --- Sealed files ---------------------------------------------------------------------------

std::string seal_file(std::string_view iv_ciphertext_tag) {
    return wrap(FileKind::SyncSealed, iv_ciphertext_tag, kBinaryPayload);
}

std::optional<std::string_view> unseal_file(std::string_view file, std::string& error) {
    const Unwrapped outer = unwrap(file);
    if (!outer.ok()) {
        error = outer.error->text;
        return std::nullopt;
    }
    if (outer.kind != FileKind::SyncSealed) {
        error = "not a sealed sync file";
        return std::nullopt;
    }
    if (outer.payload.size() < kSyncIvSize + kSyncTagSize) {
        error = "the sealed sync file is too short to hold its IV and tag";
        return std::nullopt;
    }
    return outer.payload;
}

// --- Base64 (RFC 4648, standard alphabet, with padding) ---------------------------------------

std::string base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    const auto byte = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(n >> shift) & 63u];
    }
    if (const std::size_t left = bytes.size() - i; left > 0) {
        const std::uint32_t n = byte(i) << 16 | (left == 2 ? byte(i + 1) << 8 : 0u);
        out += kAlphabet[(n >> 18) & 63u];
        out += kAlphabet[(n >> 12) & 63u];
        out += left == 2 ? kAlphabet[(n >> 6) & 63u] : '=';
        out += '=';
    }
    return out;
}

// Strict: whole groups of four, padding only at the end, and the unused bits of the last group
// zero, so every byte string has exactly one accepted text.
std::optional<std::string> from_base64(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const std::size_t padding = last ? (text[i + 3] == '=') + (text[i + 3] == '=' && text[i + 2] == '=') : 0;
        std::array<int, 4> v{};
        for (std::size_t k = 0; k < 4 - padding; ++k)
            if ((v[k] = base64_value(text[i + k])) < 0) return std::nullopt;
        const std::uint32_t n = static_cast<std::uint32_t>(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
        if (padding == 2 && (n & 0xFFFFu) != 0) return std::nullopt;
        if (padding == 1 && (n & 0xFFu) != 0) return std::nullopt;
        out += static_cast<char>((n >> 16) & 0xFFu);
        if (padding < 2) out += static_cast<char>((n >> 8) & 0xFFu);
        if (padding < 1) out += static_cast<char>(n & 0xFFu);
    }
    return out;
}

}  // namespace ties::io::sync
