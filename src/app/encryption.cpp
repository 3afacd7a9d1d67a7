// OpenSSL's EVP interface for PBKDF2 and AES-256-GCM; see encryption.hpp.
#include "app/encryption.hpp"

#include "io/envelope.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <memory>

namespace ties::cli {
namespace {

constexpr int kKeySize = 32;
constexpr char kWrong[] = "wrong passphrase, or the file was changed";

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }
unsigned char* bytes_of(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

// The key as a local array, wiped however the function returns.
struct Key {
    std::array<unsigned char, kKeySize> bytes{};
    ~Key() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

}  // namespace

bool derive_backup_key(std::string_view passphrase, std::string_view salt, std::uint32_t iterations,
                       std::array<unsigned char, 32>& key) {
    if (passphrase.size() > INT_MAX || salt.size() > INT_MAX || iterations > INT_MAX) return false;
    return PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), bytes_of(salt),
                             static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(), kKeySize,
                             key.data()) == 1;
}

Decrypted decrypt_backup(std::string_view file, std::string_view passphrase) {
    return decrypt_backup(file, [passphrase](std::string_view salt, std::uint32_t iterations,
                                          std::array<unsigned char, 32>& key) {
        return derive_backup_key(passphrase, salt, iterations, key);
    });
}

Decrypted decrypt_backup(std::string_view file, const KeySource& key_for) {
    Decrypted result;
    const io::Unwrapped outer = io::unwrap(file);
    if (!outer.ok()) {
        result.error = outer.error;
        return result;
    }
    if (outer.kind != io::FileKind::EncryptedBackup) {
        result.error = problem("not an encrypted backup");
        return result;
    }
    std::string why;
    const auto parts = io::split_encrypted(outer.payload, why);
    if (!parts) {
        result.error = problem(std::move(why));
        return result;
    }
    if (parts->ciphertext.size() > INT_MAX) {
        result.error = problem("the file is too large");
        return result;
    }
    Key key;
    if (!key_for(parts->salt, parts->iterations, key.bytes)) {
        result.error = problem("the key could not be derived (OpenSSL failed)");
        return result;
    }
    const std::string_view sealed = parts->ciphertext.substr(0, parts->ciphertext.size() - io::kTagSize);
    std::string tag(parts->ciphertext.substr(sealed.size()));
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    result.plaintext.resize(sealed.size());
    int length = 0, final_length = 0;
    const bool ok = ctx &&
                    EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(io::kIvSize), nullptr) == 1 &&
                    EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes.data(), bytes_of(parts->iv)) == 1 &&
                    EVP_DecryptUpdate(ctx.get(), bytes_of(result.plaintext), &length, bytes_of(sealed),
                                      static_cast<int>(sealed.size())) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(io::kTagSize), tag.data()) == 1 &&
                    EVP_DecryptFinal_ex(ctx.get(), bytes_of(result.plaintext) + length, &final_length) == 1;
    if (!ok) {
        OPENSSL_cleanse(result.plaintext.data(), result.plaintext.size());
        result.plaintext.clear();
        result.error = problem(kWrong);
        return result;
    }
    result.plaintext.resize(static_cast<std::size_t>(length + final_length));
    return result;
}

std::string encrypt_backup(std::string_view backup_file, std::string_view passphrase, std::string& error,
                           std::uint32_t iterations) {
    return encrypt_backup(
        backup_file,
        [passphrase](std::string_view salt, std::uint32_t n, std::array<unsigned char, 32>& key) {
            return derive_backup_key(passphrase, salt, n, key);
        },
        error, iterations);
}

std::string encrypt_backup(std::string_view backup_file, const KeySource& key_for, std::string& error,
                           std::uint32_t iterations) {
    if (backup_file.size() > INT_MAX - 64) {
        error = "the backup is too large to encrypt";
        return {};
    }
    std::string salt(io::kSaltSize, '\0'), iv(io::kIvSize, '\0');
    if (RAND_bytes(bytes_of(salt), static_cast<int>(salt.size())) != 1 ||
        RAND_bytes(bytes_of(iv), static_cast<int>(iv.size())) != 1) {
        error = "no random numbers for the salt and IV (OpenSSL's RAND_bytes failed)";
        return {};
    }
    Key key;
    if (!key_for(salt, iterations, key.bytes)) {
        error = "the key could not be derived (OpenSSL failed)";
        return {};
    }
    std::string sealed(backup_file.size() + io::kTagSize, '\0');
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0, final_length = 0;
    const bool ok = ctx &&
                    EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(io::kIvSize), nullptr) == 1 &&
                    EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes.data(), bytes_of(iv)) == 1 &&
                    EVP_EncryptUpdate(ctx.get(), bytes_of(sealed), &length, bytes_of(backup_file),
                                      static_cast<int>(backup_file.size())) == 1 &&
                    EVP_EncryptFinal_ex(ctx.get(), bytes_of(sealed) + length, &final_length) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(io::kTagSize),
                                        bytes_of(sealed) + length + final_length) == 1;
    if (!ok) {
        error = "encryption failed (OpenSSL)";
        return {};
    }
    sealed.resize(static_cast<std::size_t>(length + final_length) + io::kTagSize);
    return io::wrap(io::FileKind::EncryptedBackup, io::join_encrypted(iterations, salt, iv, sealed));
}

}  // namespace ties::cli
