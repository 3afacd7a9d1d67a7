// An encrypted backup detects any changed byte and a wrong passphrase (issue 14). Every byte of a real
// file is changed in turn, twice: once as it is, where the envelope's checksum may catch it first,
// and once with the envelope rebuilt around the changed payload, as someone who knows the format
// would, so that only the file's own layout checks and AES-GCM's tag stand in the way. Keys come
// from real PBKDF2, derived once per salt and iteration count seen (a changed salt byte is a new
// derivation; the rest reuse the key).
#include "app/encryption.hpp"

#include "core/sample_data.hpp"
#include "core/store.hpp"
#include "io/backup.hpp"
#include "io/crypto_format.hpp"
#include "io/envelope.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>

using namespace ties;

namespace {

constexpr std::string_view kPassphrase = "correct horse battery staple";

// PBKDF2 once per (salt, iterations); counts the derivations.
struct KeyMemo {
    std::string passphrase;
    std::map<std::pair<std::string, std::uint32_t>, std::array<unsigned char, 32>> keys;
    int derived = 0;

    cli::KeySource source() {
        return [this](std::string_view salt, std::uint32_t iterations, std::array<unsigned char, 32>& key) {
            const auto name = std::make_pair(std::string(salt), iterations);
            if (const auto found = keys.find(name); found != keys.end()) {
                key = found->second;
                return true;
            }
            if (!cli::derive_backup_key(passphrase, salt, iterations, key)) return false;
            ++derived;
            keys.emplace(name, key);
            return true;
        };
    }
};

std::string small_backup() {
    SampleSize size;
    size.contacts = 4;
    size.interactions = 6;
    size.events = 1;
    size.opportunities = 1;
    Store store;
    for (const Record& record : make_sample_data(3, 1'700'000'000'000, Date::from_ymd(2024, 6, 1), size).records)
        store.load(record);
    return io::backup_bytes(store);
}

}  // namespace

TEST_CASE("an encrypted backup refuses a wrong passphrase and every changed byte, with the same words") {
    const std::string plain = small_backup();
    KeyMemo right;
    right.passphrase = kPassphrase;
    std::string error;
    const std::string file = cli::encrypt_backup(plain, right.source(), error);
    REQUIRE(error.empty());
    REQUIRE(io::read_backup(file).encrypted);

    const cli::Decrypted opened = cli::decrypt_backup(file, right.source());
    REQUIRE(opened.ok());
    CHECK(opened.plaintext == plain);
    // The memo gives what the passphrase overload derives itself.
    CHECK(cli::decrypt_backup(file, kPassphrase).plaintext == plain);

    const cli::Decrypted wrong = cli::decrypt_backup(file, "correct horse battery stapler");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error->to_string() == "wrong passphrase, or the file was changed");
    CHECK(wrong.plaintext.empty());

    const io::Unwrapped outer = io::unwrap(file);
    REQUIRE(outer.ok());
    const std::string payload(outer.payload);

    std::size_t tried = 0, refused = 0, by_tag = 0;
    for (std::size_t at = 0; at < file.size(); ++at) {
        std::string changed = file;
        changed[at] = static_cast<char>(changed[at] ^ 0x01);
        const cli::Decrypted result = cli::decrypt_backup(changed, right.source());
        ++tried;
        if (!result.ok() && result.plaintext.empty()) ++refused;
        else FAIL_CHECK("byte " << at << " of the file changed and it still opened");
    }
    for (std::size_t at = 0; at < payload.size(); ++at) {
        std::string changed = payload;
        changed[at] = static_cast<char>(changed[at] ^ 0x01);
        const cli::Decrypted result =
            cli::decrypt_backup(io::wrap(io::FileKind::EncryptedBackup, changed), right.source());
        ++tried;
        if (!result.ok() && result.plaintext.empty()) {
            ++refused;
            if (result.error->to_string() == "wrong passphrase, or the file was changed") ++by_tag;
        } else {
            FAIL_CHECK("byte " << at << " of the payload changed (envelope rebuilt) and it still opened");
        }
    }
    MESSAGE(tried << " changed files, " << refused << " refused (" << by_tag << " by AES-GCM's tag), "
                  << right.derived << " keys derived");
    CHECK(refused == tried);
    // Behind a rebuilt envelope, changes to the salt, IV, ciphertext and tag are the tag's to catch;
    // only the iteration count can be refused earlier (out of the allowed range).
    CHECK(by_tag + 4 >= payload.size());
    CHECK(by_tag < payload.size() + 1);
}
