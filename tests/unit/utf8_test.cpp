#include "core/utf8.hpp"

#include <doctest/doctest.h>

using namespace ties;

TEST_CASE("decode_utf8 reads one- to four-byte sequences") {
    CHECK(decode_utf8("Ada") == U"Ada");
    CHECK(decode_utf8("Zo\xc3\xab") == U"Zo\u00eb");              // ë
    CHECK(decode_utf8("\xce\x9b\xd0\x96") == U"\u039b\u0416");      // Λ Ж
    CHECK(decode_utf8("\xe2\x82\xac") == U"\u20ac");                // €
    CHECK(decode_utf8("\xf0\x9f\x99\x82") == U"\U0001F642");        // 🙂
}

TEST_CASE("decode_utf8 replaces malformed bytes and resynchronises") {
    CHECK(decode_utf8("a\xffz") == U"a\uFFFDz");
    CHECK(decode_utf8("\xc3") == U"\uFFFD");                         // truncated
    CHECK(decode_utf8("\xc0\xaf") == U"\uFFFD\uFFFD");               // overlong '/'
    CHECK(decode_utf8("\xed\xa0\x80") == U"\uFFFD\uFFFD\uFFFD");     // surrogate
    CHECK(decode_utf8("\xf4\x90\x80\x80").front() == U'\uFFFD');     // above U+10FFFF
}

TEST_CASE("encode_utf8 is the inverse of decode_utf8 on valid text") {
    const std::u32string text = U"Ø é Λ Ж € 🙂 plain";
    CHECK(decode_utf8(encode_utf8(text)) == text);
    CHECK(encode_utf8(U"\u00d8") == "\xc3\x98");
    CHECK(encode_utf8(std::u32string(1, char32_t(0xD800))) == "\xef\xbf\xbd");
}
