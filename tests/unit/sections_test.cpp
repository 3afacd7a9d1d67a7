#include "core/sections.hpp"

#include <doctest/doctest.h>

using namespace ties;

TEST_CASE("the sidebar lists the nine sections in order") {
    const auto& sections = all_sections();
    const char* expected[] = {"Today", "Contacts", "Map", "Ask", "Timeline", "Events", "Opportunities", "Insights", "Settings"};
    for (size_t i = 0; i < sections.size(); ++i) {
        CHECK(sections[i].title == expected[i]);
        CHECK(static_cast<size_t>(sections[i].section) == i);
        CHECK_FALSE(sections[i].summary.empty());
    }
    CHECK(section_info(Section::Insights).title == "Insights");
}

TEST_CASE("find_section jumps to the best fuzzy match") {
    CHECK(find_section("set") == Section::Settings);
    CHECK(find_section("opp") == Section::Opportunities);
    CHECK(find_section("time") == Section::Timeline);
    CHECK(find_section("ins") == Section::Insights);
    CHECK(find_section("map") == Section::Map);
    CHECK(find_section("ask") == Section::Ask);
    CHECK(find_section("t") == Section::Today);  // word start beats later letters; first wins ties
    CHECK_FALSE(find_section("Café Ø").has_value());
}
