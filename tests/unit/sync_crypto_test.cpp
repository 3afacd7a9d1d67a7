// Sync's OpenSSL cryptography against fixed vectors made independently (Python's hashlib and the
// `cryptography` package's AESGCM, and `openssl kdf` for the key encryption key), so the
// command-line tool reads what the page's WebCrypto writes; and every way a file must not open.
#include "app/sync_crypto.hpp"

#include "io/crypto_format.hpp"
#include "io/sync_format.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <string>

using namespace ties;
using io::sync::Failure;
using io::sync::Op;
using io::sync::OpKind;
using io::sync::Outcome;

namespace {

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

std::string counting(int from, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += static_cast<char>(from + i);
    return out;
}

const Id kVault{0x0123456789abcdefull, 0xfedcba9876543210ull};
const Id kDevice{0x00000000000000aaull, 0x1111111111111111ull};
constexpr std::uint32_t kFewIterations = 1000;  // the vectors' count; real vaults use 600,000

Op op(OpKind kind, std::string bytes = {}, std::string aad = {}) {
    Op result;
    result.kind = kind;
    result.bytes = std::move(bytes);
    result.aad = std::move(aad);
    return result;
}

Op unlock(std::string passphrase, std::string salt, std::string wrapped, std::string aad,
          std::uint32_t iterations = kFewIterations) {
    Op result = op(OpKind::Unlock, std::move(wrapped), std::move(aad));
    result.path = std::move(salt);
    result.passphrase = std::move(passphrase);
    result.iterations = iterations;
    return result;
}

// The vectors: passphrase "correct horse battery staple", salt 00..0f, 1000 iterations; KEK
// a69b179e...719e (`openssl kdf -keylen 32 -kdfopt digest:SHA256 ... PBKDF2`); data key 20..3f
// wrapped with IV a0..ab; "Ada Lovelace, 1815" sealed with IV b0..bb as log 17 of kDevice.
const std::string kPassphrase = "correct horse battery staple";
const std::string kSalt = counting(0x00, 16);
const std::string kWrapped = from_hex(
    "a0a1a2a3a4a5a6a7a8a9aaabf6fd91f1693e259238969bcb3e8f355349a34929569c28e883a7951be5496b2729954bd3be4098d7399feaf599e81e6f");
const std::string kSealedLog = from_hex(
    "b0b1b2b3b4b5b6b7b8b9babb779e4b67de4cbe6b5e6c7e9f2f1dac0ea70674876cfa7522ce7af05ac84756379f78");

}  // namespace

TEST_CASE("SyncCipher opens AES-256-GCM's published test case 16 (McGrew and Viega)") {
    cli::SyncCipher cipher;
    REQUIRE(cipher.use_key(from_hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")));
    const std::string sealed = from_hex(
        "cafebabefacedbaddecaf888"
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
        "76fc6ece0f4e1768cddf8853bb2d551b");
    const Outcome opened = cipher.perform(op(OpKind::Open, sealed, from_hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")));
    REQUIRE(opened.ok());
    CHECK(opened.bytes == from_hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532f"
                                   "cf0e2449a6b525b16aedf5aa0de657ba637b39"));
    CHECK(cipher.perform(op(OpKind::Open, sealed, "other")).failure == Failure::Refused);
}

TEST_CASE("Unlock and Open read the fixed vault vector") {
    cli::SyncCipher cipher;
    REQUIRE(cipher.perform(unlock(kPassphrase, kSalt, kWrapped, io::sync::key_aad(kVault))).ok());
    CHECK(cipher.has_key());
    const Outcome opened =
        cipher.perform(op(OpKind::Open, kSealedLog, io::sync::file_aad(kVault, kDevice, io::sync::FileRole::Log, 17)));
    REQUIRE(opened.ok());
    CHECK(opened.bytes == "Ada Lovelace, 1815");
    // The same file under any other name, device, vault or role does not open.
    for (const std::string& aad : {io::sync::file_aad(kVault, kDevice, io::sync::FileRole::Log, 18),
                                   io::sync::file_aad(kVault, kDevice, io::sync::FileRole::Snapshot, 17),
                                   io::sync::file_aad(kVault, kVault, io::sync::FileRole::Log, 17),
                                   io::sync::file_aad(kDevice, kDevice, io::sync::FileRole::Log, 17), std::string()}) {
        const Outcome refused = cipher.perform(op(OpKind::Open, kSealedLog, aad));
        CHECK(refused.failure == Failure::Refused);
        CHECK(refused.bytes.empty());
    }
    CHECK(cipher.has_key());  // a file that does not open leaves the key alone
}

TEST_CASE("Unlock refuses a wrong passphrase, another vault's AAD, other rounds, a changed key") {
    const std::string aad = io::sync::key_aad(kVault);
    const auto refused = [](const Op& attempt) {
        cli::SyncCipher cipher;
        REQUIRE(cipher.use_key(std::string(32, 'k')));  // a key held before is forgotten
        const Outcome outcome = cipher.perform(attempt);
        CHECK_FALSE(cipher.has_key());
        return outcome.failure == Failure::Refused && !outcome.detail.empty();
    };
    CHECK(refused(unlock("correct horse battery stapler", kSalt, kWrapped, aad)));
    CHECK(refused(unlock("", kSalt, kWrapped, aad)));
    CHECK(refused(unlock(kPassphrase, kSalt, kWrapped, io::sync::key_aad(kDevice))));
    CHECK(refused(unlock(kPassphrase, kSalt, kWrapped, aad, kFewIterations + 1)));
    CHECK(refused(unlock(kPassphrase, kSalt, kWrapped, aad, 0)));
    CHECK(refused(unlock(kPassphrase, counting(0x01, 16), kWrapped, aad)));
    CHECK(refused(unlock(kPassphrase, kSalt.substr(1), kWrapped, aad)));
    CHECK(refused(unlock(kPassphrase, kSalt, kWrapped.substr(1), aad)));
    for (std::size_t at : {std::size_t{0}, std::size_t{12}, std::size_t{43}, std::size_t{59}}) {
        std::string changed = kWrapped;
        changed[at] ^= 0x01;
        CHECK(refused(unlock(kPassphrase, kSalt, changed, aad)));
    }
}

TEST_CASE("CreateKey makes a vault that another cipher unlocks with the passphrase") {
    cli::SyncCipher first;
    Op create = op(OpKind::CreateKey, {}, io::sync::key_aad(kVault));
    create.passphrase = "a new passphrase";
    create.iterations = kFewIterations;
    const Outcome created = first.perform(create);
    REQUIRE(created.ok());
    REQUIRE(created.bytes.size() == io::kSaltSize + io::sync::kWrappedKeySize);
    CHECK(first.has_key());
    const std::string salt = created.bytes.substr(0, io::kSaltSize);
    const std::string wrapped = created.bytes.substr(io::kSaltSize);

    cli::SyncCipher second;
    CHECK(second.perform(unlock("another passphrase", salt, wrapped, io::sync::key_aad(kVault))).failure == Failure::Refused);
    REQUIRE(second.perform(unlock("a new passphrase", salt, wrapped, io::sync::key_aad(kVault))).ok());
    const std::string aad = io::sync::file_aad(kVault, kDevice, io::sync::FileRole::Snapshot, 3);
    const Outcome sealed = first.perform(op(OpKind::Seal, "every record", aad));
    REQUIRE(sealed.ok());
    const Outcome opened = second.perform(op(OpKind::Open, sealed.bytes, aad));
    REQUIRE(opened.ok());
    CHECK(opened.bytes == "every record");

    // Two vaults never share a salt or a key.
    cli::SyncCipher third;
    const Outcome other = third.perform(create);
    REQUIRE(other.ok());
    CHECK(other.bytes.substr(0, io::kSaltSize) != salt);
    CHECK(third.perform(op(OpKind::Open, sealed.bytes, aad)).failure == Failure::Refused);
}

TEST_CASE("Seal uses a fresh IV each time and binds the associated data") {
    cli::SyncCipher cipher;
    REQUIRE(cipher.use_key(counting(0x20, 32)));
    const std::string aad = io::sync::file_aad(kVault, kDevice, io::sync::FileRole::Log, 1);
    const Outcome a = cipher.perform(op(OpKind::Seal, "same text", aad));
    const Outcome b = cipher.perform(op(OpKind::Seal, "same text", aad));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.bytes.size() == io::sync::kSyncIvSize + 9 + io::sync::kSyncTagSize);
    CHECK(a.bytes.substr(0, 12) != b.bytes.substr(0, 12));
    CHECK(a.bytes != b.bytes);
    CHECK(cipher.perform(op(OpKind::Open, a.bytes, aad)).bytes == "same text");
    CHECK(cipher.perform(op(OpKind::Open, a.bytes, aad + " ")).failure == Failure::Refused);

    const Outcome empty = cipher.perform(op(OpKind::Seal, "", aad));
    REQUIRE(empty.ok());
    CHECK(empty.bytes.size() == io::sync::kSyncIvSize + io::sync::kSyncTagSize);
    CHECK(cipher.perform(op(OpKind::Open, empty.bytes, aad)).ok());

    // Every changed byte, and every shortened file, is refused.
    for (std::size_t at = 0; at < a.bytes.size(); ++at) {
        std::string changed = a.bytes;
        changed[at] ^= 0x40;
        CHECK(cipher.perform(op(OpKind::Open, changed, aad)).failure == Failure::Refused);
        CHECK(cipher.perform(op(OpKind::Open, a.bytes.substr(0, at), aad)).failure == Failure::Refused);
    }
}

TEST_CASE("Seal and Open need a key; forget drops it; other operations are not the cipher's") {
    cli::SyncCipher cipher;
    CHECK_FALSE(cipher.has_key());
    CHECK(cipher.perform(op(OpKind::Seal, "x")).failure == Failure::NoKey);
    CHECK(cipher.perform(op(OpKind::Open, kSealedLog)).failure == Failure::NoKey);
    CHECK_FALSE(cipher.use_key("short"));
    REQUIRE(cipher.use_key(counting(0x20, 32)));
    CHECK(cipher.perform(op(OpKind::Seal, "x")).ok());
    cipher.forget();
    CHECK_FALSE(cipher.has_key());
    CHECK(cipher.perform(op(OpKind::Seal, "x")).failure == Failure::NoKey);
    CHECK(cipher.perform(op(OpKind::Get)).failure == Failure::Server);
    CHECK(cli::is_cryptography(OpKind::Unlock));
    CHECK_FALSE(cli::is_cryptography(OpKind::List));
}

namespace {

// tests/fixtures/sync/known-answer.txt: "name: value" lines, every value but two in hex.
std::map<std::string, std::string> known_answers() {
    std::ifstream file(std::string(TIES_TEST_DATA) + "/fixtures/sync/known-answer.txt");
    std::map<std::string, std::string> values;
    std::string line;
    while (std::getline(file, line)) {
        const std::size_t colon = line.find(": ");
        if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
        const std::string name = line.substr(0, colon), value = line.substr(colon + 2);
        values[name] = name == "passphrase" || name == "iterations" ? value : from_hex(value);
    }
    return values;
}

}  // namespace

TEST_CASE("The known-answer fixture the page reads opens here, and so does what the page sealed") {
    auto values = known_answers();
    REQUIRE(values.size() >= 10);
    // The fixture is this file's vectors, written out for the browser test.
    CHECK(values["key_aad"] == io::sync::key_aad(kVault));
    CHECK(values["file_aad"] == io::sync::file_aad(kVault, kDevice, io::sync::FileRole::Log, 17));
    CHECK(values["salt"] == kSalt);
    CHECK(values["wrapped_key"] == kWrapped);
    CHECK(values["sealed_natively"] == kSealedLog);

    cli::SyncCipher cipher;
    REQUIRE(cipher.perform(unlock(values["passphrase"], values["salt"], values["wrapped_key"], values["key_aad"],
                                  static_cast<std::uint32_t>(std::stoul(values["iterations"])))).ok());
    for (const char* sealed : {"sealed_natively", "sealed_by_webcrypto"}) {
        CAPTURE(sealed);
        const Outcome opened = cipher.perform(op(OpKind::Open, values[sealed], values["file_aad"]));
        REQUIRE(opened.ok());
        CHECK(opened.bytes == values["plaintext"]);
    }
    cli::SyncCipher by_key;
    REQUIRE(by_key.use_key(values["data_key"]));
    CHECK(by_key.perform(op(OpKind::Open, values["sealed_by_webcrypto"], values["file_aad"])).bytes == values["plaintext"]);
}
