// Record ids: 128 random bits, so two devices never mint the same id and backups merge by id.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ties {

struct Id {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;

    bool empty() const { return hi == 0 && lo == 0; }
    std::string to_string() const;                            // 32 lowercase hex digits
    static std::optional<Id> parse(std::string_view text);    // exactly 32 hex digits, any case

    auto operator<=>(const Id&) const = default;
};

struct IdHash {
    std::size_t operator()(const Id& id) const noexcept {
        return static_cast<std::size_t>(id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull));
    }
};

// Mints ids from a seed (the app seeds it with 128 bits from the browser's crypto RNG; tests use
// fixed seeds so their output is reproducible). xoshiro256** seeded by splitmix64.
class IdGenerator {
public:
    IdGenerator(std::uint64_t seed_hi, std::uint64_t seed_lo);
    Id next();  // never returns an empty id

private:
    std::uint64_t s_[4];
    std::uint64_t next64();
};

}  // namespace ties
