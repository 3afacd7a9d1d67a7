// libFuzzer target for the encrypted-backup reader (the command-line tool's OpenSSL side; the page
// reads the same layout with WebCrypto): any bytes must open or be refused with a message, never
// crash, hang or allocate without bound, and nothing changed may open.
// PBKDF2's 600,000 iterations would make each try take most of a second, so the key comes from a
// fixed key source (cli::KeySource) that ignores the salt: what is fuzzed is everything around the
// key, the envelope, the layout's checks, the iteration bounds and AES-GCM's refusal. The first byte
// of the input picks the way:
//   even: the rest is a file to open; what opens is read as a backup (and must read back the same).
//   odd:  the rest is a backup to seal; it must open to the same bytes, and with the byte chosen by
//         the second input byte changed (envelope rebuilt), it must not.
// Seeds (tests/fuzz/corpus/encrypted_backup/) are sealed under the fixed key, so that the even way
// starts from files that open.
#include "checks.hpp"
#include "memory_budget.hpp"

#include "app/encryption.hpp"
#include "io/backup.hpp"
#include "io/envelope.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace ties;

namespace {

bool fixed_key(std::string_view, std::uint32_t, std::array<unsigned char, 32>& key) {
    key.fill(0x42);
    return true;
}

void check_opened(const cli::Decrypted& opened) {
    if (opened.error && opened.error->text.empty()) std::abort();  // a refusal always says why
    if (!opened.ok()) {
        if (!opened.plaintext.empty()) std::abort();  // nothing of a refused file is handed out
        return;
    }
    fuzz::check_read(io::read_backup(opened.plaintext));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

    if (data[0] % 2 == 0) {
        check_opened(cli::decrypt_backup(rest, fixed_key));
        return 0;
    }

    std::string error;
    const std::string sealed = cli::encrypt_backup(rest, fixed_key, error);
    if (sealed.empty() || !error.empty()) std::abort();
    const cli::Decrypted opened = cli::decrypt_backup(sealed, fixed_key);
    if (!opened.ok() || opened.plaintext != rest) std::abort();

    const io::Unwrapped outer = io::unwrap(sealed);
    if (!outer.ok()) std::abort();
    std::string payload(outer.payload);
    const std::size_t at = size > 1 ? static_cast<std::size_t>(data[1]) * 131 % payload.size() : 0;
    // The fixed key ignores the iteration count and the salt, which only feed the key: PBKDF2 would
    // give another key for either (tests/unit/encryption_test.cpp changes them with real keys).
    const bool in_key_inputs = at < 4 + io::kSaltSize;
    payload[at] = static_cast<char>(payload[at] ^ (size > 2 ? (data[2] | 1) : 1));
    const cli::Decrypted changed = cli::decrypt_backup(io::wrap(io::FileKind::EncryptedBackup, payload), fixed_key);
    if (changed.ok() && !in_key_inputs) std::abort();
    check_opened(changed);
    return 0;
}
