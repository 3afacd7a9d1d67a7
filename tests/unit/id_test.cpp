#include "core/id.hpp"

#include <doctest/doctest.h>

#include <unordered_set>

using namespace ties;

TEST_CASE("Id::to_string writes 32 lowercase hex digits, hi then lo") {
    CHECK(Id{0, 0}.to_string() == "00000000000000000000000000000000");
    CHECK(Id{0, 1}.to_string() == "00000000000000000000000000000001");
    CHECK(Id{0x0123456789ABCDEFull, 0xFEDCBA9876543210ull}.to_string() ==
          "0123456789abcdeffedcba9876543210");
}

TEST_CASE("Id::parse round trips and accepts any case") {
    const Id id{0xDEADBEEF00112233ull, 0x8000000000000001ull};
    CHECK(Id::parse(id.to_string()) == id);
    CHECK(Id::parse("DEADBEEF001122338000000000000001") == id);
    CHECK(Id::parse("DeadBeef001122338000000000000001") == id);

    IdGenerator generator(1, 2);
    for (int i = 0; i < 1000; ++i) {
        const Id next = generator.next();
        REQUIRE(Id::parse(next.to_string()) == next);
    }
}

TEST_CASE("Id::parse rejects wrong lengths and non-hex") {
    CHECK_FALSE(Id::parse(""));
    CHECK_FALSE(Id::parse("0123456789abcdef0123456789abcde"));    // 31
    CHECK_FALSE(Id::parse("0123456789abcdef0123456789abcdef0"));  // 33
    CHECK_FALSE(Id::parse("0123456789abcdef0123456789abcdeg"));
    CHECK_FALSE(Id::parse("0123456789abcdef-123456789abcdef"));
    CHECK_FALSE(Id::parse(" 123456789abcdef0123456789abcdef"));
    CHECK_FALSE(Id::parse("0x23456789abcdef0123456789abcdef"));
}

TEST_CASE("IdGenerator is deterministic for a seed and differs between seeds") {
    IdGenerator a(42, 7), b(42, 7), c(42, 8), d(7, 42);
    const Id first = a.next();
    CHECK(first == b.next());
    CHECK(first != c.next());
    CHECK(first != d.next());
    CHECK(a.next() == b.next());
    CHECK(a.next() != first);
}

TEST_CASE("IdGenerator mints 100,000 distinct, non-empty ids") {
    for (const auto& [seed_hi, seed_lo] : {std::pair<std::uint64_t, std::uint64_t>{0, 0}, {1, 1}, {~0ull, 12345}}) {
        IdGenerator generator(seed_hi, seed_lo);
        std::unordered_set<Id, IdHash> seen;
        bool any_empty = false;
        for (int i = 0; i < 100'000; ++i) {
            const Id id = generator.next();
            any_empty = any_empty || id.empty();
            seen.insert(id);
        }
        CHECK_FALSE(any_empty);
        CHECK(seen.size() == 100'000);
    }
}
