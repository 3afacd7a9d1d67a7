#include "core/fuzzy.hpp"

#include <doctest/doctest.h>

using namespace ties;

TEST_CASE("fuzzy_score matches characters in order, ignoring ASCII case") {
    CHECK(fuzzy_score("cts", "Contacts").has_value());
    CHECK(fuzzy_score("CONT", "Contacts").has_value());
    CHECK_FALSE(fuzzy_score("stc", "Cats").has_value());
    CHECK_FALSE(fuzzy_score("contactss", "Contacts").has_value());
    CHECK(fuzzy_score("", "anything") == 0);
}

TEST_CASE("fuzzy_score prefers contiguous runs and word starts") {
    CHECK(*fuzzy_score("ins", "Insights") > *fuzzy_score("ins", "Opportunities in Spain"));
    CHECK(*fuzzy_score("op", "Opportunities") > *fuzzy_score("op", "Top people"));
    CHECK(*fuzzy_score("ml", "Mary Lou") > *fuzzy_score("ml", "Emily"));
}

TEST_CASE("fuzzy_score compares non-ASCII code points, not bytes") {
    CHECK(fuzzy_score("Ø", "Øystein").has_value());
    CHECK(fuzzy_score("зо", "Зоя Козлова").has_value());
    CHECK_FALSE(fuzzy_score("é", "e").has_value());
    // The bytes of "é" (C3 A9) must not match a string holding C3 and A9 in other characters.
    CHECK_FALSE(fuzzy_score("\xc3\xa9", "\xc3\xa0\xc2\xa9").has_value());
}
