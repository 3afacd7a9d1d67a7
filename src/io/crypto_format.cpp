#include "io/crypto_format.hpp"

namespace ties::io {

std::optional<EncryptedParts> split_encrypted(std::string_view payload, std::string& error) {
    if (payload.size() < 4 + kSaltSize + kIvSize + kTagSize) {
        error = "the encrypted backup is too short to hold any data";
        return std::nullopt;
    }
    EncryptedParts parts;
    for (int i = 3; i >= 0; --i) parts.iterations = (parts.iterations << 8) | static_cast<unsigned char>(payload[i]);
    if (parts.iterations < kMinPbkdf2Iterations || parts.iterations > kMaxPbkdf2Iterations) {
        error = "the encrypted backup asks for " + std::to_string(parts.iterations) +
                " key derivation rounds (Ties accepts " + std::to_string(kMinPbkdf2Iterations) + " to " +
                std::to_string(kMaxPbkdf2Iterations) + ")";
        return std::nullopt;
    }
    parts.salt = payload.substr(4, kSaltSize);
    parts.iv = payload.substr(4 + kSaltSize, kIvSize);
    parts.ciphertext = payload.substr(4 + kSaltSize + kIvSize);
    return parts;
}

std::string join_encrypted(std::uint32_t iterations, std::string_view salt, std::string_view iv,
                           std::string_view ciphertext) {
    std::string out;
    out.reserve(4 + salt.size() + iv.size() + ciphertext.size());
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((iterations >> (8 * i)) & 0xFF));
    out.append(salt);
    out.append(iv);
    out.append(ciphertext);
    return out;
}

}  // namespace ties::io
