#include "core/fuzzy.hpp"

#include "core/utf8.hpp"

namespace ties {
namespace {

char32_t fold(char32_t c) { return (c >= U'A' && c <= U'Z') ? c - U'A' + U'a' : c; }

bool is_word_start(char32_t previous) {
    return previous == U' ' || previous == U'-' || previous == U'_' || previous == U'.' ||
           previous == U'@' || previous == U'/';
}

}  // namespace

std::optional<int> fuzzy_score(std::string_view query, std::string_view candidate) {
    const std::u32string q = decode_utf8(query);
    const std::u32string c = decode_utf8(candidate);
    int score = 0;
    size_t qi = 0;
    bool previous_matched = false;
    for (size_t ci = 0; ci < c.size() && qi < q.size(); ++ci) {
        if (fold(c[ci]) != fold(q[qi])) {
            previous_matched = false;
            continue;
        }
        score += 1;
        if (previous_matched) score += 4;                            // contiguous run
        if (ci == 0 || is_word_start(c[ci - 1])) score += 6;         // start of a word
        if (c[ci] == q[qi]) score += 1;                              // exact case
        previous_matched = true;
        ++qi;
    }
    if (qi < q.size()) return std::nullopt;
    return score;
}

}  // namespace ties
