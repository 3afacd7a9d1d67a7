// A compact binary cereal archive for the app's own store (snapshots and journals), read straight
// from memory. Same serialize functions as the JSON codec (names are skipped), so a type has one
// description and one class version. Numbers are little-endian whatever the machine; sizes are
// LEB128 varints. The reader never trusts its input: every size is checked against the bytes that
// remain before anything is allocated, and containers grow as elements actually arrive, so a
// hostile file costs at most a small multiple of its own size.
#pragma once

#include <cereal/cereal.hpp>
#include <cereal/details/traits.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ties::io {

// Thrown by the reader; the message is for people ("truncated: ...").
struct BinaryError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class BinaryWriter : public cereal::OutputArchive<BinaryWriter, cereal::AllowEmptyClassElision> {
public:
    explicit BinaryWriter(std::string& out) : OutputArchive(this), out_(out) {}

    template <class T>
    void put_number(T value) {
        using U = std::make_unsigned_t<std::conditional_t<std::is_same_v<T, bool>, unsigned char, T>>;
        auto bits = static_cast<U>(value);
        for (std::size_t i = 0; i < sizeof(U); ++i) {
            out_.push_back(static_cast<char>(bits & 0xFFu));
            if constexpr (sizeof(U) > 1) bits = static_cast<U>(bits >> 8);
        }
    }
    void put_size(std::uint64_t size) {
        do {
            unsigned char byte = size & 0x7Fu;
            size >>= 7;
            if (size != 0) byte |= 0x80u;
            out_.push_back(static_cast<char>(byte));
        } while (size != 0);
    }
    void put_bytes(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }

private:
    std::string& out_;
};

class BinaryReader : public cereal::InputArchive<BinaryReader, cereal::AllowEmptyClassElision> {
public:
    explicit BinaryReader(std::string_view in) : InputArchive(this), in_(in) {}

    std::size_t remaining() const { return in_.size(); }

    template <class T>
    void get_number(T& value) {
        using U = std::make_unsigned_t<std::conditional_t<std::is_same_v<T, bool>, unsigned char, T>>;
        need(sizeof(U), "a number");
        U bits = 0;
        for (std::size_t i = 0; i < sizeof(U); ++i)
            bits = static_cast<U>(bits | static_cast<U>(static_cast<unsigned char>(in_[i])) << (8 * i));
        in_.remove_prefix(sizeof(U));
        if constexpr (std::is_same_v<T, bool>) {
            if (bits > 1) throw BinaryError("invalid data: a true/false value is " + std::to_string(bits));
            value = bits == 1;
        } else {
            value = static_cast<T>(bits);
        }
    }
    // A count of items each taking at least `min_bytes`: refused unless that many bytes remain.
    std::uint64_t get_size(std::size_t min_bytes) {
        std::uint64_t size = 0;
        for (int shift = 0;; shift += 7) {
            need(1, "a size");
            const auto byte = static_cast<unsigned char>(in_.front());
            in_.remove_prefix(1);
            if (shift == 63 && byte > 1) throw BinaryError("invalid data: a size does not fit in 64 bits");
            size |= static_cast<std::uint64_t>(byte & 0x7Fu) << shift;
            if ((byte & 0x80u) == 0) break;
        }
        if (min_bytes > 0 && size > in_.size() / min_bytes)
            throw BinaryError("truncated: a size of " + std::to_string(size) + " where " +
                              std::to_string(in_.size()) + " bytes remain");
        return size;
    }
    void get_bytes(void* data, std::size_t size) {
        need(size, "text");
        std::memcpy(data, in_.data(), size);
        in_.remove_prefix(size);
    }

private:
    void need(std::size_t bytes, const char* what) const {
        if (in_.size() < bytes)
            throw BinaryError(std::string("truncated: ") + what + " needs " + std::to_string(bytes) +
                              " bytes, " + std::to_string(in_.size()) + " remain");
    }
    std::string_view in_;
};

// --- cereal's hooks for the two archives ---------------------------------------------------------

// Floating-point numbers travel as their IEEE 754 bits (an opportunity's value).
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void CEREAL_SAVE_FUNCTION_NAME(BinaryWriter& ar, const T& value) {
    if constexpr (std::is_same_v<T, double>) {
        static_assert(std::numeric_limits<double>::is_iec559);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        ar.put_number(bits);
    } else {
        static_assert(!std::is_floating_point_v<T>, "only double is kept");
        ar.put_number(value);
    }
}
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(BinaryReader& ar, T& value) {
    if constexpr (std::is_same_v<T, double>) {
        std::uint64_t bits = 0;
        ar.get_number(bits);
        std::memcpy(&value, &bits, sizeof value);
    } else {
        static_assert(!std::is_floating_point_v<T>, "only double is kept");
        ar.get_number(value);
    }
}

template <class T>
void CEREAL_SAVE_FUNCTION_NAME(BinaryWriter& ar, const cereal::NameValuePair<T>& pair) { ar(pair.value); }
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(BinaryReader& ar, cereal::NameValuePair<T>& pair) { ar(pair.value); }

// Sizes are written by the container hooks below, never through cereal's SizeTag.
template <class T>
void CEREAL_SAVE_FUNCTION_NAME(BinaryWriter& ar, const cereal::SizeTag<T>& tag) { ar.put_size(tag.size); }
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(BinaryReader& ar, cereal::SizeTag<T>& tag) { tag.size = ar.get_size(1); }

}  // namespace ties::io

// Strings and vectors: the reader checks each size against what remains before allocating, and a
// vector of records grows as they arrive instead of trusting its count.
namespace cereal {

inline void CEREAL_SAVE_FUNCTION_NAME(ties::io::BinaryWriter& ar, const std::string& text) {
    ar.put_size(text.size());
    ar.put_bytes(text.data(), text.size());
}
// A text ends at its first NUL character, as it does when JSON is read (cereal's JSON input stops
// there), so a store reads the same whichever format it was written in and backs up unchanged.
inline void CEREAL_LOAD_FUNCTION_NAME(ties::io::BinaryReader& ar, std::string& text) {
    const auto size = static_cast<std::size_t>(ar.get_size(1));
    text.resize(size);
    ar.get_bytes(text.data(), size);
    if (const auto nul = text.find('\0'); nul != std::string::npos) text.resize(nul);
}

template <class T, class A>
void CEREAL_SAVE_FUNCTION_NAME(ties::io::BinaryWriter& ar, const std::vector<T, A>& items) {
    ar.put_size(items.size());
    for (const T& item : items) ar(item);
}
template <class T, class A>
void CEREAL_LOAD_FUNCTION_NAME(ties::io::BinaryReader& ar, std::vector<T, A>& items) {
    const std::uint64_t size = ar.get_size(1);  // every element takes at least one byte
    items.clear();
    items.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(size, 1024)));
    for (std::uint64_t i = 0; i < size; ++i) {
        items.emplace_back();
        ar(items.back());
    }
}

}  // namespace cereal

CEREAL_REGISTER_ARCHIVE(ties::io::BinaryWriter)
CEREAL_REGISTER_ARCHIVE(ties::io::BinaryReader)
CEREAL_SETUP_ARCHIVE_TRAITS(ties::io::BinaryReader, ties::io::BinaryWriter)
