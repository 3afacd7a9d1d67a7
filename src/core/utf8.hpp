// UTF-8 decoding that never fails: malformed bytes become U+FFFD, so text from any source
// (the browser's input events, imported files) can be handled without crashing.
#pragma once

#include <string>
#include <string_view>

namespace ties {

std::u32string decode_utf8(std::string_view bytes);
std::string encode_utf8(std::u32string_view code_points);
// Appends one code point (an invalid one as U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

}  // namespace ties
