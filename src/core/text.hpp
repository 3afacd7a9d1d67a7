// Small text helpers shared by forms, search and importers: trimming, list fields typed as
// "a, b, c", ASCII case-folded search, and light validation of what people type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

std::string_view trim(std::string_view text);
// "Coffee" -> "coffee", "call" -> "Call": the first ASCII letter's case changed, the rest kept.
std::string lowercase_first(std::string_view text);
std::string uppercase_first(std::string_view text);
// "a, b,, c " -> {"a", "b", "c"}: trimmed, empties dropped, duplicates (exact) dropped.
std::vector<std::string> split_list(std::string_view text, char separator = ',');
std::string join_list(const std::vector<std::string>& items, std::string_view separator = ", ");
// Case-insensitive for ASCII letters; other characters must match exactly.
bool contains_folded(std::string_view haystack, std::string_view needle);
// A plausible address: one '@', something before it, a dot in the domain, no spaces.
bool looks_like_email(std::string_view text);
// http(s) URL with a host.
bool looks_like_url(std::string_view text);

// ASCII letters lower-cased, every other byte as it is (UTF-8 stays intact).
std::string ascii_lowercase(std::string_view text);
// Whether text ends with suffix (exactly).
bool ends_with(std::string_view text, std::string_view suffix);
// Exactly `count` ASCII digits at `at`, as a number; none when one is not a digit or text ends.
std::optional<int> fixed_digits(std::string_view text, std::size_t at, std::size_t count);

// "1 record", "3 records".
std::string counted(std::size_t n, std::string_view one, std::string_view many);

}  // namespace ties
