// The envelope must recognise every truncated, damaged, foreign or too-new file before a parser
// sees it, and say which in words a person can act on.
#include "io/envelope.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace ties::io;

namespace {

std::string patched(std::string bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    return bytes;
}

std::string patched64(std::string bytes, std::size_t at, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    return bytes;
}

const std::string kPayload = "{\"generation\": 1, \"records\": [\"Zo\xc3\xab\"]}";

}  // namespace

TEST_CASE("crc32 is the standard CRC-32 (IEEE)") {
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("") == 0u);
    CHECK(crc32("a") == 0xE8B7BE43u);
    CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
    CHECK(crc32(std::string("\0\0\0\0", 4)) == 0x2144DF1Cu);
}

TEST_CASE("crc32 reads eight bytes a step and agrees with the byte-at-a-time definition") {
    // The textbook bitwise CRC-32, for every length and alignment of a varied buffer.
    const auto reference = [](std::string_view bytes) {
        std::uint32_t crc = 0xFFFFFFFFu;
        for (unsigned char ch : bytes) {
            crc ^= ch;
            for (int bit = 0; bit < 8; ++bit) crc = (crc & 1u) ? (0xEDB88320u ^ (crc >> 1)) : (crc >> 1);
        }
        return crc ^ 0xFFFFFFFFu;
    };
    std::string buffer;
    for (int i = 0; i < 300; ++i) buffer.push_back(static_cast<char>((i * 131 + 17) ^ (i >> 3)));
    for (std::size_t start = 0; start < 9; ++start)
        for (std::size_t length = 0; start + length <= buffer.size(); length += 7)
            REQUIRE(crc32(std::string_view(buffer).substr(start, length)) == reference(std::string_view(buffer).substr(start, length)));
}

TEST_CASE("wrap writes the documented little-endian header") {
    const std::string file = wrap(FileKind::Journal, "abc");
    REQUIRE(file.size() == kEnvelopeHeaderSize + 3);
    CHECK(file.substr(0, 8) == std::string("TIES\x00\x0D\x0A\x1A", 8));
    CHECK(file.substr(8, 4) == std::string("\x01\x00\x00\x00", 4));   // format version 1
    CHECK(file.substr(12, 4) == std::string("\x02\x00\x00\x00", 4));  // kind: journal
    CHECK(file.substr(16, 8) == std::string("\x03\x00\x00\x00\x00\x00\x00\x00", 8));
    const std::uint32_t crc = crc32("abc");  // 0x352441C2
    CHECK(crc == 0x352441C2u);
    CHECK(file.substr(24, 4) == std::string("\xC2\x41\x24\x35", 4));
    CHECK(file.substr(28) == "abc");
}

TEST_CASE("wrap and unwrap round trip every kind, also empty and binary payloads") {
    const std::string binary("\0\x01\xff\x80 TIES\0", 11);
    for (const FileKind kind : {FileKind::Snapshot, FileKind::Journal, FileKind::Backup}) {
        for (const std::string& payload : {kPayload, std::string(), binary}) {
            const std::string file = wrap(kind, payload);
            const Unwrapped result = unwrap(file);
            REQUIRE(result.ok());
            CHECK(result.kind == kind);
            CHECK(result.format_version == kJsonPayload);  // unless the writer says otherwise
            CHECK(unwrap(wrap(kind, payload, kBinaryPayload)).format_version == kBinaryPayload);
            CHECK(result.payload == payload);
            CHECK(result.payload.data() == file.data() + kEnvelopeHeaderSize);  // a view, not a copy
        }
    }
}

TEST_CASE("unwrap explains each way a file can be wrong") {
    const std::string good = wrap(FileKind::Snapshot, kPayload);

    SUBCASE("shorter than the header") {
        CHECK(to_string(unwrap("").error).find("too short to be a Ties file") == 0);
        CHECK(to_string(unwrap(good.substr(0, kEnvelopeHeaderSize - 1)).error).find("too short to be a Ties file") == 0);
        CHECK_FALSE(unwrap("TIES").ok());
    }
    SUBCASE("wrong magic") {
        std::string file = good;
        file[0] = 'X';
        CHECK(to_string(unwrap(file).error) == "not a Ties file");
        CHECK(to_string(unwrap(std::string(100, '{')).error) == "not a Ties file");
        file = good;
        file[5] = '\n';  // the line-ending bytes catch text-mode mangling
        CHECK(to_string(unwrap(file).error) == "not a Ties file");
    }
    SUBCASE("format version newer than this build, naming both versions") {
        const Unwrapped result = unwrap(patched(good, 8, 3));
        CHECK_FALSE(result.ok());
        CHECK(to_string(result.error) ==
              "written by a newer version of Ties (file format 3; this version reads up to 2). Update Ties to open it.");
        CHECK(to_string(unwrap(patched(good, 8, 0xFFFFFFFFu)).error).find("file format 4294967295;") != std::string::npos);
    }
    SUBCASE("format version 0") {
        const Unwrapped result = unwrap(patched(good, 8, 0));
        CHECK_FALSE(result.ok());
        CHECK(to_string(result.error).find("version 0") != std::string::npos);
    }
    SUBCASE("unknown kind") {
        CHECK(to_string(unwrap(patched(good, 12, 0)).error) == "unknown kind of Ties file (0)");
        CHECK(to_string(unwrap(patched(good, 12, 7)).error) == "unknown kind of Ties file (7)");
        CHECK(unwrap(patched(good, 12, 5)).ok());  // SyncSealed
        CHECK(unwrap(patched(good, 12, 6)).ok());  // SyncState
        CHECK(unwrap(patched(good, 12, 4)).ok());  // EncryptedBackup
        CHECK_FALSE(unwrap(patched(good, 12, 0x80000001u)).ok());
    }
    SUBCASE("truncated payload") {
        const std::string file = good.substr(0, good.size() - 5);
        CHECK(to_string(unwrap(file).error) == "truncated: expected " + std::to_string(kPayload.size()) +
                                        " bytes of data, found " + std::to_string(kPayload.size() - 5));
    }
    SUBCASE("extra bytes") {
        CHECK(to_string(unwrap(good + "xy").error) == "has 2 unexpected extra bytes");
    }
    SUBCASE("a huge length field is compared, never allocated") {
        CHECK(to_string(unwrap(patched64(good, 16, ~0ull)).error) ==
              "truncated: expected 18446744073709551615 bytes of data, found " + std::to_string(kPayload.size()));
    }
    SUBCASE("checksum mismatch") {
        std::string file = good;
        file.back() ^= 0x01;
        CHECK(to_string(unwrap(file).error) == "damaged: checksum mismatch");
        CHECK(to_string(unwrap(patched(good, 24, crc32(kPayload) ^ 0x100u)).error) == "damaged: checksum mismatch");
    }
}

TEST_CASE("a file truncated at every byte offset is refused") {
    const std::string file = wrap(FileKind::Journal, kPayload);
    for (std::size_t size = 0; size < file.size(); ++size) {
        INFO("truncated to " << size << " bytes");
        const Unwrapped result = unwrap(std::string_view(file).substr(0, size));
        CHECK_FALSE(result.ok());
        CHECK_FALSE(to_string(result.error).empty());
        CHECK(result.payload.empty());
    }
}

TEST_CASE("every single-bit flip is detected, and random multi-bit damage too") {
    const std::string file = wrap(FileKind::Snapshot, kPayload);
    // Every bit of a small file: a flip is refused, except one that turns the kind into another
    // valid kind (storage then refuses it for not matching its file name).
    for (std::size_t byte = 0; byte < file.size(); ++byte) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = file;
            damaged[byte] = static_cast<char>(damaged[byte] ^ (1 << bit));
            const Unwrapped result = unwrap(damaged);
            INFO("byte " << byte << " bit " << bit);
            CHECK((!result.ok() || result.kind != FileKind::Snapshot));
            if (byte < 12 || byte >= 16) CHECK_FALSE(result.ok());  // all but the kind field
        }
    }
    // Random damage of 1 to 3 bits anywhere in the payload or checksum of a larger file.
    std::mt19937 random(20240312);
    std::string big;
    for (int i = 0; i < 2000; ++i) big += "{\"n\": " + std::to_string(i) + "}";
    const std::string big_file = wrap(FileKind::Journal, big);
    std::uniform_int_distribution<std::size_t> position(24, big_file.size() - 1);
    for (int trial = 0; trial < 2000; ++trial) {
        std::string damaged = big_file;
        const int flips = 1 + trial % 3;
        std::vector<std::size_t> bits;
        for (int f = 0; f < flips; ++f) {
            std::size_t bit_index = position(random) * 8 + static_cast<std::size_t>(random() % 8);
            bool duplicate = false;
            for (std::size_t seen : bits) duplicate = duplicate || seen == bit_index;
            if (duplicate) continue;  // two flips of one bit would cancel out
            bits.push_back(bit_index);
            damaged[bit_index / 8] = static_cast<char>(damaged[bit_index / 8] ^ (1 << (bit_index % 8)));
        }
        const Unwrapped result = unwrap(damaged);
        INFO("trial " << trial);
        CHECK_FALSE(result.ok());
        CHECK(to_string(result.error) == "damaged: checksum mismatch");
    }
}
