// Ids as 32 hex digits, and a small seeded generator: xoshiro256** is fast and statistically
// sound, and splitmix64 spreads even a weak seed over its whole 256-bit state.
#include "core/id.hpp"

namespace ties {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::optional<std::uint64_t> parse_hex64(std::string_view text) {
    std::uint64_t value = 0;
    for (const char c : text) {
        std::uint64_t digit = 0;
        if (c >= '0' && c <= '9') digit = static_cast<std::uint64_t>(c - '0');
        else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint64_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint64_t>(c - 'A' + 10);
        else return std::nullopt;
        value = (value << 4) | digit;
    }
    return value;
}

void append_hex64(std::string& out, std::uint64_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 0xF];
}

}  // namespace

std::string Id::to_string() const {
    std::string out;
    out.reserve(32);
    append_hex64(out, hi);
    append_hex64(out, lo);
    return out;
}

std::optional<Id> Id::parse(std::string_view text) {
    if (text.size() != 32) return std::nullopt;
    const auto high = parse_hex64(text.substr(0, 16));
    const auto low = parse_hex64(text.substr(16));
    if (!high || !low) return std::nullopt;
    return Id{*high, *low};
}

IdGenerator::IdGenerator(std::uint64_t seed_hi, std::uint64_t seed_lo) {
    // Two splitmix64 streams, one per seed half; splitmix64 never yields all-zero xoshiro state
    // here because consecutive outputs of one stream are distinct.
    std::uint64_t high_stream = seed_hi;
    std::uint64_t low_stream = seed_lo ^ 0x6A09E667F3BCC908ull;  // so (x, x) seeds differ per half
    s_[0] = splitmix64(high_stream);
    s_[1] = splitmix64(high_stream);
    s_[2] = splitmix64(low_stream);
    s_[3] = splitmix64(low_stream);
}

std::uint64_t IdGenerator::next64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

Id IdGenerator::next() {
    Id id;
    do {
        id.hi = next64();
        id.lo = next64();
    } while (id.empty());
    return id;
}

}  // namespace ties
