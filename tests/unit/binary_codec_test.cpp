// The binary payload of snapshots and journals: it gives back exactly what it was given, it is
// smaller than the JSON, and it refuses anything truncated, padded, too new or lying about its
// sizes with a message, before allocating what a lying size asks for.
#include "io/codec.hpp"

#include "core/sample_data.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace ties;
using namespace ties::io;

namespace {

Payload full_payload() {
    return Payload{4, 17, {test::full_contact(), test::full_interaction(), test::full_event(),
                           test::full_opportunity(), test::full_settings()}};
}

void check_same(const Payload& a, const Payload& b) {
    CHECK(a.generation == b.generation);
    CHECK(a.sequence == b.sequence);
    REQUIRE(a.records.size() == b.records.size());
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        INFO("record " << i);
        CHECK(a.records[i] == b.records[i]);
    }
}

// The first bytes of a payload: generation and sequence (8 bytes each, little-endian).
std::string header(std::uint64_t generation = 1, std::uint64_t sequence = 2) {
    std::string out;
    for (std::uint64_t v : {generation, sequence})
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    return out;
}

std::string varint(std::uint64_t v) {
    std::string out;
    do {
        unsigned char b = v & 0x7F;
        v >>= 7;
        if (v) b |= 0x80;
        out.push_back(static_cast<char>(b));
    } while (v);
    return out;
}

}  // namespace

TEST_CASE("binary: every kind of record comes back exactly, and encoding is deterministic") {
    const Payload payload = full_payload();
    const std::string bytes = encode_binary(payload);
    const Decoded decoded = decode_binary(bytes);
    INFO(to_string(decoded.error));
    REQUIRE(decoded.ok());
    check_same(decoded.payload, payload);
    CHECK(encode_binary(decoded.payload) == bytes);
}

TEST_CASE("binary: a generated network comes back exactly and takes less room than its JSON") {
    SampleSize size;
    size.contacts = 300;
    size.interactions = 1200;
    size.events = 6;
    size.opportunities = 8;
    const Change sample = make_sample_data(11, 1'700'000'000'000, Date::from_ymd(2024, 6, 1), size);
    const Payload payload{2, 0, sample.records};
    const std::string bytes = encode_binary(payload);
    const Decoded decoded = decode_binary(bytes);
    REQUIRE(decoded.ok());
    check_same(decoded.payload, payload);
    CHECK(bytes.size() * 2 < encode(payload).size());  // names and punctuation are not repeated
}

TEST_CASE("binary: cut at every offset, the payload is refused with a message") {
    const std::string bytes = encode_binary(full_payload());
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        const Decoded decoded = decode_binary(std::string_view(bytes).substr(0, size));
        if (decoded.ok()) FAIL_CHECK("a truncated payload decoded, size " << size);
        else if (decoded.error->text.empty()) FAIL_CHECK("no message, size " << size);
    }
    CHECK(decode_binary(bytes.substr(0, 20)).error->text.rfind("truncated: ", 0) == 0);
}

TEST_CASE("binary: bytes after the last record are refused") {
    const Decoded decoded = decode_binary(encode_binary(full_payload()) + "xy");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error->text == "invalid data: 2 bytes after the last record");
}

TEST_CASE("binary: a count or a length larger than the bytes left is refused before anything is allocated") {
    // A list of 2^40 records in a file of 30 bytes: refused at once, not after reserving room.
    Decoded decoded = decode_binary(header() + varint(1ull << 40) + std::string(5, '\0'));
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error->text == "truncated: a size of 1099511627776 where 5 bytes remain");

    // The largest size a varint can say, and one that overflows 64 bits.
    decoded = decode_binary(header() + varint(~0ull));
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error->text.rfind("truncated: a size of 18446744073709551615 ", 0) == 0);
    decoded = decode_binary(header() + std::string(9, '\xFF') + "\x7F");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error->text == "invalid data: a size does not fit in 64 bits");

    // A record whose type name claims a gigabyte.
    std::string bytes = encode_binary(Payload{1, 2, {test::full_contact()}});
    const std::string type = varint(7) + "contact";
    const auto at = bytes.find(type);
    REQUIRE(at != std::string::npos);
    bytes.replace(at, type.size(), varint(1u << 30) + "contact");
    decoded = decode_binary(bytes);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error->text.rfind("truncated: a size of 1073741824 ", 0) == 0);
}

TEST_CASE("binary: a class version newer than this build is refused, naming the type") {
    std::string bytes = encode_binary(Payload{1, 2, {test::full_contact()}});
    // After generation, sequence and the count: the record wrapper's class version (4 bytes).
    REQUIRE(bytes.size() > 21);
    bytes[17] = 9;
    const Decoded decoded = decode_binary(bytes);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error->text.rfind("record type record version 9 is newer than this Ties understands", 0) == 0);
}

TEST_CASE("binary: random damage never crashes and never passes without a message") {
    const std::string good = encode_binary(full_payload());
    std::mt19937 random(2026);
    std::size_t refused = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string bytes = good;
        const int flips = 1 + static_cast<int>(random() % 4);
        for (int f = 0; f < flips; ++f) bytes[random() % bytes.size()] = static_cast<char>(random() & 0xFF);
        const Decoded decoded = decode_binary(bytes);
        if (!decoded.ok()) {
            ++refused;
            if (decoded.error->text.empty()) FAIL_CHECK("no message, round " << round);
        }
    }
    CHECK(refused > 1000);  // most damage is caught here; the envelope's checksum catches the rest
}

TEST_CASE("binary: a text ends at a NUL character, as it does in JSON, so both formats read alike") {
    Contact contact = test::full_contact();
    contact.notes = std::string("before\0after", 12);
    const Decoded binary = decode_binary(encode_binary(Payload{1, 2, {contact}}));
    const Decoded json = decode(encode(Payload{1, 2, {contact}}));
    REQUIRE(binary.ok());
    REQUIRE(json.ok());
    CHECK(std::get<Contact>(binary.payload.records[0]).notes == "before");
    CHECK(binary.payload.records == json.payload.records);
}
