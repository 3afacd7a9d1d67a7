// Turns records into the JSON payload of an envelope and back, with cereal. Every type has a
// cereal class version; a payload with a class version newer than this build knows is refused.
// Decoding never trusts its input: nesting depth is checked before RapidJSON (which recurses)
// sees the bytes, and all errors come back as messages, never as exceptions.
#pragma once

#include "core/model.hpp"
#include "core/problem.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
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

// The same binary payload written a few records at a time, for a compaction spread over frames.
// The count is fixed up front; finish() needs exactly that many records added. Gives the same
// bytes as encode_binary of those records.
class BinaryPayloadWriter {
public:
    BinaryPayloadWriter(std::uint64_t generation, std::uint64_t sequence, std::size_t count);
    ~BinaryPayloadWriter();
    BinaryPayloadWriter(const BinaryPayloadWriter&) = delete;
    BinaryPayloadWriter& operator=(const BinaryPayloadWriter&) = delete;

    void add(const Record& record);
    std::size_t added() const { return added_; }
    std::size_t count() const { return count_; }
    std::string finish();  // the payload; the writer is spent

private:
    struct Archive;
    std::string out_;
    std::unique_ptr<Archive> archive_;
    std::size_t count_;
    std::size_t added_ = 0;
};

// Decodes an envelope's payload by its format version (envelope.hpp): JSON or binary.
Decoded decode_payload(std::uint32_t format_version, std::string_view payload);

// The same, handing each record to `sink` as soon as it is read and checked, so that a large
// snapshot goes straight into the store instead of existing twice in memory (a third of a load's
// time went to building and moving that copy). On an error the sink has had some of the records:
// the caller throws them away.
using RecordSink = std::function<void(Record&&)>;
struct Streamed {
    std::optional<Problem> error;
    bool ok() const { return !error; }
    std::uint64_t generation = 0;
    std::uint64_t sequence = 0;
    std::size_t records = 0;  // handed to the sink
};
Streamed decode_payload_into(std::uint32_t format_version, std::string_view payload, const RecordSink& sink);

// The same in steps: a large snapshot goes into the store some records at a time, so that the
// page can draw its progress while it opens. `bytes` must outlive the reader. Errors are those of
// decode_payload_into; records already handed to a sink before an error are the caller's to drop.
class PayloadReader {
public:
    PayloadReader(std::uint32_t format_version, std::string_view bytes);
    ~PayloadReader();
    PayloadReader(const PayloadReader&) = delete;
    PayloadReader& operator=(const PayloadReader&) = delete;

    // Reads up to `count` more records into `sink`. True while there are more to read.
    bool read(std::size_t count, const RecordSink& sink);
    bool done() const;  // every record read, and the payload ended where it should
    const std::optional<Problem>& error() const;
    std::uint64_t generation() const;
    std::uint64_t sequence() const;
    std::size_t records_read() const;
    double progress() const;  // 0 to 1

private:
    struct State;
    void finish_binary();
    template <class F>
    void guarded(F&& step);
    std::unique_ptr<State> state_;
};

}  // namespace ties::io
