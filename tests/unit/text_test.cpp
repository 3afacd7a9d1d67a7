#include "core/text.hpp"

#include <doctest/doctest.h>

using namespace ties;

TEST_CASE("trim and split_list clean up what people type") {
    CHECK(trim("  a b \n") == "a b");
    CHECK(trim("   ").empty());
    CHECK(split_list("a, b,, c ,a") == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list("").empty());
    CHECK(split_list("one") == std::vector<std::string>{"one"});
    CHECK(split_list("x\ny", '\n') == std::vector<std::string>{"x", "y"});
    CHECK(join_list({"a", "b", "c"}) == "a, b, c");
    CHECK(split_list(join_list({"Zoë", "Ølstad"})) == std::vector<std::string>{"Zoë", "Ølstad"});
}

TEST_CASE("contains_folded ignores ASCII case only") {
    CHECK(contains_folded("Ada Lovelace", "LOVE"));
    CHECK(contains_folded("Ada", ""));
    CHECK_FALSE(contains_folded("Ada", "Adam"));
    CHECK(contains_folded("Zoë Ødegaard", "ødegaard") == false);  // Ø is not ASCII: no folding
    CHECK(contains_folded("Zoë Ødegaard", "Ødegaard"));
}

TEST_CASE("looks_like_email and looks_like_url accept the plausible and refuse the rest") {
    CHECK(looks_like_email("ada@example.org"));
    CHECK(looks_like_email("zoë+ties@exämple.co.uk"));
    CHECK_FALSE(looks_like_email("ada@example"));
    CHECK_FALSE(looks_like_email("@example.org"));
    CHECK_FALSE(looks_like_email("ada@@example.org"));
    CHECK_FALSE(looks_like_email("ada lovelace@example.org"));
    CHECK_FALSE(looks_like_email("ada@.org"));
    CHECK(looks_like_url("https://example.org"));
    CHECK(looks_like_url("http://example.org/people/ada"));
    CHECK_FALSE(looks_like_url("example.org"));
    CHECK_FALSE(looks_like_url("https://"));
    CHECK_FALSE(looks_like_url("javascript:alert(1)"));
}

TEST_CASE("first letter case") {
    CHECK(lowercase_first("Coffee") == "coffee");
    CHECK(uppercase_first("every week") == "Every week");
    CHECK(uppercase_first("") == "");
    CHECK(uppercase_first("ébène") == "ébène");  // not ASCII: left alone
}
