// Cadences: which rhythm wins (own setting, the shortest tag, the circle), how a max is read,
// relaxing a cadence step by step, and the words for intervals.
#include "core/cadence.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace ties;

namespace {

Contact person(Tier tier, std::vector<std::string> tags = {}) {
    Contact c;
    c.meta.id = Id{1, 1};
    c.display_name = "Ada";
    c.tier = tier;
    c.tags = std::move(tags);
    return c;
}

Settings settings_with(std::vector<TagCadence> tags) {
    Settings s;
    s.meta.id = kSettingsId;
    s.tag_cadences = std::move(tags);
    return s;
}

}  // namespace

TEST_CASE("cadence_for: the circle's cadence from Settings") {
    Settings settings = settings_with({});
    EffectiveCadence e = cadence_for(person(Tier::Friends), settings);
    CHECK(e.cadence == Cadence{60, 90});
    CHECK(e.source == CadenceSource::Circle);
    CHECK(e.tag.empty());

    settings.cadences[static_cast<int>(Tier::Friends)] = Cadence{30, 40};
    CHECK(cadence_for(person(Tier::Friends), settings).cadence == Cadence{30, 40});
    CHECK(cadence_for(person(Tier::Inner), settings).cadence == Cadence{7, 14});
    CHECK(cadence_for(person(Tier::None), settings).cadence.never());
    CHECK(cadence_for(person(Tier::Recognisable), settings).cadence.never());

    settings.cadences[static_cast<int>(Tier::Close)] = Cadence{21, 10};  // max below ideal
    CHECK(cadence_for(person(Tier::Close), settings).cadence == Cadence{21, 21});
}

TEST_CASE("cadence_for: the contact's own cadence wins; max defaults to 1.5 x ideal rounded up") {
    const Settings settings = settings_with({{"investors", {14, 20}}});
    Contact c = person(Tier::Inner, {"investors"});
    c.cadence_days = 10;
    EffectiveCadence e = cadence_for(c, settings);
    CHECK(e.cadence == Cadence{10, 15});
    CHECK(e.source == CadenceSource::Contact);

    c.cadence_days = 7;
    CHECK(cadence_for(c, settings).cadence == Cadence{7, 11});
    c.cadence_max_days = 30;
    CHECK(cadence_for(c, settings).cadence == Cadence{7, 30});
    c.cadence_max_days = 5;
    CHECK(cadence_for(c, settings).cadence == Cadence{7, 7});

    c.cadence_days = 0;  // never, for this person, whatever the tags and circle say
    e = cadence_for(c, settings);
    CHECK(e.cadence.never());
    CHECK(e.source == CadenceSource::Contact);
}

TEST_CASE("cadence_for: the shortest tag cadence, tags compared case-insensitively") {
    const Settings settings = settings_with({{"Investors", {30, 45}}, {"RUST", {14, 0}}, {"design", {7, 10}}});
    EffectiveCadence e = cadence_for(person(Tier::Acquaintances, {"investors", "rust"}), settings);
    CHECK(e.source == CadenceSource::Tag);
    CHECK(e.tag == "RUST");
    CHECK(e.cadence == Cadence{14, 14});  // max 0 is below the ideal

    e = cadence_for(person(Tier::Inner, {"INVESTORS"}), settings);  // a tag beats the circle, even a longer one
    CHECK(e.tag == "Investors");
    CHECK(e.cadence == Cadence{30, 45});

    e = cadence_for(person(Tier::Inner, {"other"}), settings);
    CHECK(e.source == CadenceSource::Circle);
    CHECK(e.cadence == Cadence{7, 14});
}

TEST_CASE("cadence_for: a never tag counts only when no tag has a real cadence; equal ideals: first in Settings") {
    const Settings settings =
        settings_with({{"family", {0, 0}}, {"mentors", {60, 90}}, {"alumni", {60, 120}}, {"press", {0, 0}}});
    EffectiveCadence e = cadence_for(person(Tier::Inner, {"family"}), settings);
    CHECK(e.source == CadenceSource::Tag);
    CHECK(e.tag == "family");
    CHECK(e.cadence.never());

    e = cadence_for(person(Tier::Inner, {"family", "mentors"}), settings);
    CHECK(e.tag == "mentors");
    CHECK(e.cadence == Cadence{60, 90});

    e = cadence_for(person(Tier::Inner, {"alumni", "mentors"}), settings);
    CHECK(e.tag == "mentors");

    e = cadence_for(person(Tier::Inner, {"press", "family"}), settings);
    CHECK(e.tag == "family");
}

TEST_CASE("relaxed: the next longer default rhythm, then doubling; the max keeps its ratio") {
    CHECK(relaxed(Cadence{7, 14}) == Cadence{21, 42});
    CHECK(relaxed(Cadence{21, 35}) == Cadence{60, 100});
    CHECK(relaxed(Cadence{60, 90}) == Cadence{182, 273});
    CHECK(relaxed(Cadence{182, 270}) == Cadence{365, 541});
    CHECK(relaxed(Cadence{365, 540}) == Cadence{730, 1080});
    CHECK(relaxed(Cadence{400, 400}) == Cadence{800, 800});
    CHECK(relaxed(Cadence{3, 3}) == Cadence{7, 7});
    CHECK(relaxed(Cadence{30, 45}) == Cadence{60, 90});
    CHECK(relaxed(Cadence{30, 10}) == Cadence{60, 60});
    CHECK(relaxed(Cadence{}).never());
}

TEST_CASE("describe_interval: weeks, months, years and days in words") {
    const std::vector<std::pair<int, std::string>> cases = {
        {0, "never"},           {-3, "never"},          {1, "every day"},         {7, "every week"},
        {14, "every 2 weeks"},  {21, "every 3 weeks"},  {56, "every 8 weeks"},    {10, "every 10 days"},
        {29, "every 29 days"},  {30, "every month"},    {31, "every month"},      {45, "every 45 days"},
        {60, "every 2 months"}, {61, "every 2 months"}, {90, "every 3 months"},   {100, "every 100 days"},
        {120, "every 4 months"}, {182, "twice a year"}, {183, "twice a year"},    {270, "every 9 months"},
        {364, "every year"},    {365, "every year"},    {366, "every year"},      {540, "every 18 months"},
        {730, "every 2 years"}, {1095, "every 3 years"}, {800, "every 800 days"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.first);
        CHECK(describe_interval(c.first) == c.second);
    }
    CHECK(describe(Cadence{60, 90}) == "every 2 months");
    CHECK(describe(Cadence{21, 35}) == "every 3 weeks");
    CHECK(describe(Cadence{}) == "never");
}
