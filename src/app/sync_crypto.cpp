// OpenSSL's EVP interface for sync's key wrapping and file sealing; see sync_crypto.hpp.
#include "app/sync_crypto.hpp"

#include "io/crypto_format.hpp"
#include "io/sync_format.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <optional>
#include <string>

namespace ties::cli {
namespace {

using io::sync::Failure;
using io::sync::kDataKeySize;
using io::sync::kSyncIvSize;
using io::sync::kSyncTagSize;
using io::sync::OpKind;
using io::sync::Outcome;
using Key = std::array<unsigned char, kDataKeySize>;
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

constexpr std::size_t kLargest = INT_MAX - 64;  // what one EVP call takes

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }
unsigned char* bytes_of(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

// A key that wipes itself, for the key encryption key.
struct WipedKey {
    Key bytes{};
    ~WipedKey() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

Outcome failed(Failure failure, std::string detail) {
    Outcome outcome;
    outcome.failure = failure;
    outcome.detail = std::move(detail);
    return outcome;
}

bool random_bytes(unsigned char* out, std::size_t size) { return RAND_bytes(out, static_cast<int>(size)) == 1; }

bool derive(std::string_view passphrase, std::string_view salt, std::uint32_t iterations, Key& out) {
    if (iterations == 0 || iterations > INT_MAX || passphrase.size() > kLargest) return false;
    return PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), bytes_of(salt),
                             static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                             static_cast<int>(out.size()), out.data()) == 1;
}

// IV | ciphertext | tag of `plaintext` under `key`, with a fresh IV; nullopt when OpenSSL fails.
std::optional<std::string> seal(const Key& key, std::string_view plaintext, std::string_view aad) {
    if (plaintext.size() > kLargest || aad.size() > kLargest) return std::nullopt;
    std::string out(kSyncIvSize + plaintext.size() + kSyncTagSize, '\0');
    unsigned char* iv = bytes_of(out);
    unsigned char* sealed = iv + kSyncIvSize;
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0, final_length = 0, aad_length = 0;
    const bool ok = ctx && random_bytes(iv, kSyncIvSize) &&
                    EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kSyncIvSize), nullptr) == 1 &&
                    EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), iv) == 1 &&
                    EVP_EncryptUpdate(ctx.get(), nullptr, &aad_length, bytes_of(aad), static_cast<int>(aad.size())) == 1 &&
                    EVP_EncryptUpdate(ctx.get(), sealed, &length, bytes_of(plaintext), static_cast<int>(plaintext.size())) == 1 &&
                    EVP_EncryptFinal_ex(ctx.get(), sealed + length, &final_length) == 1 &&
                    static_cast<std::size_t>(length + final_length) == plaintext.size() &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kSyncTagSize),
                                        sealed + plaintext.size()) == 1;
    if (!ok) return std::nullopt;
    return out;
}

// The plaintext of IV | ciphertext | tag under `key`; nullopt when it does not open (wrong key,
// other associated data, a changed byte) or is too short to hold an IV and a tag.
std::optional<std::string> open(const Key& key, std::string_view sealed, std::string_view aad) {
    if (sealed.size() < kSyncIvSize + kSyncTagSize || sealed.size() > kLargest || aad.size() > kLargest)
        return std::nullopt;
    const std::string_view iv = sealed.substr(0, kSyncIvSize);
    const std::string_view ciphertext = sealed.substr(kSyncIvSize, sealed.size() - kSyncIvSize - kSyncTagSize);
    std::string tag(sealed.substr(sealed.size() - kSyncTagSize));
    std::string plaintext(ciphertext.size(), '\0');
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0, final_length = 0, aad_length = 0;
    const bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kSyncIvSize), nullptr) == 1 &&
                    EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), bytes_of(iv)) == 1 &&
                    EVP_DecryptUpdate(ctx.get(), nullptr, &aad_length, bytes_of(aad), static_cast<int>(aad.size())) == 1 &&
                    EVP_DecryptUpdate(ctx.get(), bytes_of(plaintext), &length, bytes_of(ciphertext),
                                      static_cast<int>(ciphertext.size())) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kSyncTagSize), tag.data()) == 1 &&
                    EVP_DecryptFinal_ex(ctx.get(), bytes_of(plaintext) + length, &final_length) == 1;
    if (!ok) {
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        return std::nullopt;
    }
    plaintext.resize(static_cast<std::size_t>(length + final_length));
    return plaintext;
}

}  // namespace

bool is_cryptography(OpKind kind) {
    return kind == OpKind::CreateKey || kind == OpKind::Unlock || kind == OpKind::Seal || kind == OpKind::Open;
}

SyncCipher::~SyncCipher() { forget(); }

void SyncCipher::forget() {
    OPENSSL_cleanse(key_.data(), key_.size());
    has_key_ = false;
}

bool SyncCipher::use_key(std::string_view key) {
    if (key.size() != key_.size()) return false;
    std::copy(key.begin(), key.end(), key_.begin());
    has_key_ = true;
    return true;
}

Outcome SyncCipher::perform(const io::sync::Op& op) {
    constexpr const char* kWrongPassphrase = "wrong sync passphrase, or the vault's key was changed";
    switch (op.kind) {
        case OpKind::CreateKey: {
            std::string salt(io::kSaltSize, '\0');
            Key key{};
            WipedKey kek;
            if (!random_bytes(bytes_of(salt), salt.size()) || !random_bytes(key.data(), key.size()))
                return failed(Failure::Server, "no random numbers for a new key (OpenSSL's RAND_bytes failed)");
            std::optional<std::string> wrapped;
            if (derive(op.passphrase, salt, op.iterations, kek.bytes))
                wrapped = seal(kek.bytes, std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), op.aad);
            if (!wrapped) {
                OPENSSL_cleanse(key.data(), key.size());
                return failed(Failure::Server, "the new key could not be sealed (OpenSSL failed)");
            }
            forget();
            key_ = key;
            has_key_ = true;
            OPENSSL_cleanse(key.data(), key.size());
            Outcome outcome;
            outcome.bytes = salt + *wrapped;
            return outcome;
        }
        case OpKind::Unlock: {
            forget();
            if (op.path.size() != io::kSaltSize || op.bytes.size() != io::sync::kWrappedKeySize)
                return failed(Failure::Refused, "the vault's salt or wrapped key has the wrong size");
            WipedKey kek;
            if (!derive(op.passphrase, op.path, op.iterations, kek.bytes))
                return failed(Failure::Refused, "the key could not be derived (OpenSSL failed)");
            std::optional<std::string> key = open(kek.bytes, op.bytes, op.aad);
            if (!key || key->size() != key_.size()) {
                if (key) OPENSSL_cleanse(key->data(), key->size());
                return failed(Failure::Refused, kWrongPassphrase);
            }
            use_key(*key);
            OPENSSL_cleanse(key->data(), key->size());
            return {};
        }
        case OpKind::Seal: {
            if (!has_key_) return failed(Failure::NoKey, "no sync key: set up or unlock the vault first");
            std::optional<std::string> sealed = seal(key_, op.bytes, op.aad);
            if (!sealed) return failed(Failure::Server, "the file could not be sealed (OpenSSL failed, or it is too large)");
            Outcome outcome;
            outcome.bytes = std::move(*sealed);
            return outcome;
        }
        case OpKind::Open: {
            if (!has_key_) return failed(Failure::NoKey, "no sync key: set up or unlock the vault first");
            std::optional<std::string> plaintext = open(key_, op.bytes, op.aad);
            if (!plaintext) return failed(Failure::Refused, "the file does not open with the vault's key: it was changed, "
                                                            "or it belongs to another place or vault");
            Outcome outcome;
            outcome.bytes = std::move(*plaintext);
            return outcome;
        }
        default: return failed(Failure::Server, "not a cryptography operation");
    }
}

}  // namespace ties::cli
