// The vault's plain parts must be byte for byte what sync_format.cpp documents (the page and the
// command-line tool share them), and every reader must refuse what Ties did not write.
#include "io/sync_format.hpp"

#include "io/crypto_format.hpp"
#include "io/envelope.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace ties;
using namespace ties::io::sync;

namespace {

const Id kVault{0x0123456789abcdefull, 0xfedcba9876543210ull};
const Id kDevice{0x00000000000000aaull, 0x1111111111111111ull};

Vault sample_vault() {
    Vault vault;
    vault.id = kVault;
    vault.iterations = 600'000;
    vault.salt = std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\xff", 16);
    for (std::size_t i = 0; i < kWrappedKeySize; ++i) vault.wrapped_key += static_cast<char>(i * 7);
    return vault;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("base64 follows RFC 4648's test vectors") {
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
    CHECK(base64("foob") == "Zm9vYg==");
    CHECK(base64("fooba") == "Zm9vYmE=");
    CHECK(base64("foobar") == "Zm9vYmFy");
    CHECK(base64(std::string("\xfb\xff\xbf", 3)) == "+/+/");
    for (const char* text : {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy", "+/+/"})
        CHECK(base64(from_base64(text).value()) == text);
}

TEST_CASE("from_base64 is strict") {
    CHECK(from_base64("Zm9vYmFy") == "foobar");
    CHECK_FALSE(from_base64("Zm9vYmF"));       // not whole groups
    CHECK_FALSE(from_base64("Zm9vYg"));        // padding left out
    CHECK_FALSE(from_base64("Zm9v\nYmFy"));    // line breaks
    CHECK_FALSE(from_base64(" Zm9v"));
    CHECK_FALSE(from_base64("Zg==Zm9v"));      // padding in the middle
    CHECK_FALSE(from_base64("Z==="));
    CHECK_FALSE(from_base64("===="));
    CHECK_FALSE(from_base64("Zm=v"));
    CHECK_FALSE(from_base64("Zm9-"));          // the URL-safe alphabet is another encoding
    CHECK_FALSE(from_base64("Zh=="));          // unused bits set: "Zg==" is the only spelling
    CHECK_FALSE(from_base64("Zm9="));
}

TEST_CASE("base64 round-trips every length and byte") {
    std::mt19937 random(13);
    for (std::size_t length = 0; length < 70; ++length) {
        std::string bytes;
        for (std::size_t i = 0; i < length; ++i) bytes += static_cast<char>(random() & 0xFF);
        const std::string text = base64(bytes);
        CHECK(text.size() == (length + 2) / 3 * 4);
        CHECK(from_base64(text) == bytes);
    }
}

TEST_CASE("vault.json is written as documented and reads back") {
    const Vault vault = sample_vault();
    const std::string json = vault_json(vault);
    CHECK(json == "{\n"
                  "  \"app\": \"ties-sync\",\n"
                  "  \"format\": 1,\n"
                  "  \"vault\": \"0123456789abcdeffedcba9876543210\",\n"
                  "  \"kdf\": \"PBKDF2-HMAC-SHA-256\",\n"
                  "  \"iterations\": 600000,\n"
                  "  \"salt\": \"AAECAwQFBgcICQoLDA0O/w==\",\n"
                  "  \"wrapped_key\": \"" + base64(vault.wrapped_key) + "\"\n"
                  "}\n");
    const VaultRead read = read_vault_json(json);
    REQUIRE(read.ok());
    CHECK(read.vault.id == vault.id);
    CHECK(read.vault.iterations == vault.iterations);
    CHECK(read.vault.salt == vault.salt);
    CHECK(read.vault.wrapped_key == vault.wrapped_key);
}

TEST_CASE("vault.json in another layout, with fields Ties does not know, reads the same") {
    const Vault vault = sample_vault();
    const std::string json = "{\"wrapped_key\":\"" + base64(vault.wrapped_key) +
                             "\",\"salt\":\"AAECAwQFBgcICQoLDA0O/w==\",\"iterations\":600000,"
                             "\"kdf\":\"PBKDF2-HMAC-SHA-256\",\"vault\":\"0123456789ABCDEFFEDCBA9876543210\","
                             "\"format\":1,\"app\":\"ties-sync\",\"note\":{\"later\":[1,2]}}";
    const VaultRead read = read_vault_json(json);
    REQUIRE(read.ok());
    CHECK(read.vault.id == kVault);
    CHECK(read.vault.wrapped_key == vault.wrapped_key);
}

TEST_CASE("read_vault_json says what is wrong") {
    const std::string good = vault_json(sample_vault());
    const std::string not_ours = "this is not a Ties sync folder (its ties/vault.json was not written by Ties)";
    CHECK(to_string(read_vault_json("").error) == not_ours);
    CHECK(to_string(read_vault_json("<html>Welcome to nginx</html>").error) == not_ours);
    CHECK(to_string(read_vault_json("[1, 2]").error) == not_ours);
    CHECK(to_string(read_vault_json(good.substr(0, good.size() / 2)).error) == not_ours);
    CHECK(to_string(read_vault_json(replaced(good, "ties-sync", "other-app")).error) == not_ours);
    CHECK(to_string(read_vault_json(replaced(good, "\"format\": 1", "\"format\": 0")).error) == not_ours);
    CHECK(to_string(read_vault_json(replaced(good, "\"format\": 1", "\"format\": \"1\"")).error) == not_ours);
    CHECK(to_string(read_vault_json(replaced(good, "\"format\": 1", "\"format\": 2")).error) ==
          "this sync folder was set up by a newer version of Ties (vault format 2; this version reads up to 1). "
          "Update Ties to sync with it.");

    const std::string damaged = "the sync folder's ties/vault.json is damaged: ";
    CHECK(to_string(read_vault_json(replaced(good, "0123456789abcdef", "0123456789abcdeg")).error) ==
          damaged + "no valid vault id");
    CHECK(to_string(read_vault_json(replaced(good, "0123456789abcdeffedcba9876543210", std::string(32, '0'))).error) ==
          damaged + "no valid vault id");
    CHECK(to_string(read_vault_json(replaced(good, "PBKDF2-HMAC-SHA-256", "scrypt")).error) ==
          damaged + "an unknown key derivation (scrypt)");
    CHECK(to_string(read_vault_json(replaced(good, "600000", "1000")).error) ==
          damaged + "it asks for 1000 key derivation rounds (Ties uses 600000 to 10000000)");
    CHECK(to_string(read_vault_json(replaced(good, "600000", "4000000000")).error) ==
          damaged + "it asks for 4000000000 key derivation rounds (Ties uses 600000 to 10000000)");
    CHECK(to_string(read_vault_json(replaced(good, "600000", "-1")).error) == damaged + "no iteration count");
    CHECK(to_string(read_vault_json(replaced(good, "AAECAwQFBgcICQoLDA0O/w==", "AAECAwQFBgcICQoLDA0O")).error) ==
          damaged + "the salt is not 16 bytes of base64");
    CHECK(to_string(read_vault_json(replaced(good, "AAECAwQFBgcICQoLDA0O/w==", "AAECAwQFBgcICQoLDA0O/w8=")).error) ==
          damaged + "the salt is not 16 bytes of base64");
    CHECK(to_string(read_vault_json(replaced(good, base64(sample_vault().wrapped_key), "Zm9v")).error) ==
          damaged + "the wrapped key is not 60 bytes of base64");
}

TEST_CASE("associated data binds the vault, the device, the role and the number") {
    CHECK(key_aad(kVault) == "ties-sync/1\n0123456789abcdeffedcba9876543210\nkey");
    CHECK(file_aad(kVault, kDevice, FileRole::Log, 17) ==
          "ties-sync/1\n0123456789abcdeffedcba9876543210\n00000000000000aa1111111111111111\nlog\n17");
    CHECK(file_aad(kVault, kDevice, FileRole::Snapshot, 0) ==
          "ties-sync/1\n0123456789abcdeffedcba9876543210\n00000000000000aa1111111111111111\nsnapshot\n0");
    // Nothing that can differ gives the same text.
    CHECK(file_aad(kVault, kDevice, FileRole::Log, 1) != file_aad(kVault, kDevice, FileRole::Log, 11));
    CHECK(file_aad(kVault, kDevice, FileRole::Log, 1) != file_aad(kVault, kDevice, FileRole::Snapshot, 1));
    CHECK(file_aad(kVault, kDevice, FileRole::Log, 1) != file_aad(kDevice, kVault, FileRole::Log, 1));
    CHECK(key_aad(kVault) != file_aad(kVault, kDevice, FileRole::Log, 1));
}

TEST_CASE("device folders and file names") {
    CHECK(device_folder(kDevice) == "ties/devices/00000000000000aa1111111111111111/");
    CHECK(file_path(kDevice, FileRole::Log, 17) ==
          "ties/devices/00000000000000aa1111111111111111/log-000000000017.ties");
    CHECK(file_path(kDevice, FileRole::Snapshot, 999'999'999'999ull) ==
          "ties/devices/00000000000000aa1111111111111111/snapshot-999999999999.ties");
    for (const FileRole role : {FileRole::Log, FileRole::Snapshot})
        for (const std::uint64_t number : {0ull, 1ull, 17ull, 123'456'789'012ull}) {
            const std::string path = file_path(kDevice, role, number);
            const auto name = parse_file_name(std::string_view(path).substr(path.rfind('/') + 1));
            REQUIRE(name);
            CHECK(name->role == role);
            CHECK(name->number == number);
        }
}

TEST_CASE("parse_file_name takes only the names sync writes") {
    CHECK(parse_file_name("log-000000000017.ties")->number == 17);
    CHECK(parse_file_name("snapshot-000000000000.ties")->role == FileRole::Snapshot);
    for (const char* other : {"", "log-17.ties", "log-0000000000017.ties", "log-00000000017.ties",
                              "log-000000000017.ties.part", "log-000000000017.TIES", "Log-000000000017.ties",
                              "log-00000000001a.ties", "log--00000000017.ties", "log-+00000000017.ties",
                              "log-000000000017", ".log-000000000017.ties", "log-000000000017.ties/",
                              "snapshot-000000000017.tie", "journal-000000000017.ties", "vault.json",
                              "log-000000000017.tiesx", "snapshot-00000000001 .ties"})
        CHECK_MESSAGE(!parse_file_name(other), other);
}

TEST_CASE("seal_file and unseal_file") {
    const std::string sealed(kSyncIvSize + 5 + kSyncTagSize, '\x5a');
    const std::string file = seal_file(sealed);
    const io::Unwrapped outer = io::unwrap(file);
    REQUIRE(outer.ok());
    CHECK(outer.kind == io::FileKind::SyncSealed);
    CHECK(outer.format_version == io::kBinaryPayload);
    std::string error;
    CHECK(unseal_file(file, error) == sealed);
    CHECK(error.empty());

    // The shortest file holds an IV and a tag around nothing.
    CHECK(unseal_file(seal_file(std::string(kSyncIvSize + kSyncTagSize, 'x')), error));
    CHECK_FALSE(unseal_file(seal_file(std::string(kSyncIvSize + kSyncTagSize - 1, 'x')), error));
    CHECK(error == "the sealed sync file is too short to hold its IV and tag");
    CHECK_FALSE(unseal_file(io::wrap(io::FileKind::Journal, sealed, io::kBinaryPayload), error));
    CHECK(error == "not a sealed sync file");
    CHECK_FALSE(unseal_file(file.substr(0, file.size() - 1), error));
    CHECK(error.find("truncated") == 0);
    std::string damaged = file;
    damaged.back() ^= 1;
    CHECK_FALSE(unseal_file(damaged, error));
    CHECK(error == "damaged: checksum mismatch");
    CHECK_FALSE(unseal_file("<html>", error));
    CHECK_FALSE(error.empty());
}
