// Turns records into the JSON payload of an envelope and back, with cereal. Every type has a
// cereal class version; a payload with a class version newer than this build knows is refused.
// Decoding never trusts its input: nesting depth is checked before RapidJSON (which recurses)
// sees the bytes, and all errors come back as messages, never as exceptions.
#pragma once

#include "core/model.hpp"
#include "core/problem.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

inline constexpr int kMaxJsonDepth = 32;

struct Payload {
    std::uint64_t generation = 0;  // storage generation (snapshots and journals)
    std::uint64_t sequence = 0;    // journal sequence number within the generation
    std::vector<Record> records;
};

std::string encode(const Payload& payload);

struct Decoded {
    std::optional<Problem> error;  // what went wrong, for people; none when it worked
    bool ok() const { return !error; }
    Payload payload;
};
Decoded decode(std::string_view json);

// The same payload in the compact binary archive (io/binary_archive.hpp) that snapshots and
// journals use since envelope format 2: several times faster to read than JSON, and as strict.
std::string encode_binary(const Payload& payload);
Decoded decode_binary(std::string_view bytes);

// Decodes an envelope's payload by its format version (envelope.hpp): JSON or binary.
Decoded decode_payload(std::uint32_t format_version, std::string_view payload);

}  // namespace ties::io
