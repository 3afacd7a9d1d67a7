// cereal's JSON archives, with reading made fast: cereal's JSONInputArchive parses through
// RapidJSON's IStreamWrapper, whose Peek and Take call std::istream::peek and get, a sentry each,
// for every character: 80% of the instructions of reading a backup (callgrind, 59 MB). The
// specialisation below reads the stream's buffer directly (sgetc/sbumpc are inline until the
// buffer runs out), with the same results. Include cereal's JSON archive only through this
// header, so that every use sees the specialisation.
#pragma once

#include <cereal/cereal.hpp>

#include <istream>
#include <streambuf>

// What cereal's json.hpp sets before it includes RapidJSON, set here because RapidJSON comes
// first: a failed RapidJSON assertion throws (a truncated file is an error, not an abort), with
// cereal's wording; nan and inf parse; numbers at full precision.
namespace ties::io {
struct RapidJsonAssertion : cereal::Exception {
    using cereal::Exception::Exception;
};
}  // namespace ties::io
#define RAPIDJSON_ASSERT_THROWS
#define RAPIDJSON_ASSERT(x) \
    if (!(x)) { throw ::ties::io::RapidJsonAssertion("rapidjson internal assertion failure: " #x); }
#define RAPIDJSON_WRITE_DEFAULT_FLAGS kWriteNanAndInfFlag
#define RAPIDJSON_PARSE_DEFAULT_FLAGS kParseFullPrecisionFlag | kParseNanAndInfFlag

#include <rapidjson/istreamwrapper.h>

namespace rapidjson {

template <>
class BasicIStreamWrapper<std::istream> {
public:
    typedef char Ch;
    explicit BasicIStreamWrapper(std::istream& stream) : buffer_(stream.rdbuf()) {}

    Ch Peek() const {
        const auto c = buffer_->sgetc();
        return c != std::char_traits<char>::eof() ? static_cast<Ch>(c) : '\0';
    }
    Ch Take() {
        const auto c = buffer_->sbumpc();
        if (c == std::char_traits<char>::eof()) return '\0';
        ++count_;
        return static_cast<Ch>(c);
    }
    size_t Tell() const { return count_; }

    // Reading only, and no encoding detection (cereal parses UTF-8): like the original, these
    // are never called.
    Ch* PutBegin() { RAPIDJSON_ASSERT(false); return 0; }
    void Put(Ch) { RAPIDJSON_ASSERT(false); }
    void Flush() { RAPIDJSON_ASSERT(false); }
    size_t PutEnd(Ch*) { RAPIDJSON_ASSERT(false); return 0; }
    const Ch* Peek4() const { return 0; }

private:
    std::streambuf* buffer_;
    size_t count_ = 0;
};

}  // namespace rapidjson

#include <cereal/archives/json.hpp>
