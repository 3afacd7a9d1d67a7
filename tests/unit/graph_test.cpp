// The network's structure (core/graph.hpp): links from shared touches, events, introductions and
// companies; communities on small graphs with known answers, the same whatever order the records
// were stored in; each cluster's label, strongest tie and whether it is a bridge.
#include "core/graph.hpp"

#include "graph_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace ties;
using namespace ties::graph_fixtures;

namespace {

// The communities as sets of person numbers, for comparing.
std::set<std::set<std::uint64_t>> communities_of(const Store& store, std::uint64_t seed = 1) {
    const PeopleGraph graph = build_graph(store);
    const std::vector<std::size_t> community = find_communities(graph, seed);
    std::vector<std::set<std::uint64_t>> groups;
    for (std::size_t i = 0; i < community.size(); ++i) {
        if (community[i] >= groups.size()) groups.resize(community[i] + 1);
        groups[community[i]].insert(graph.people[i].lo);
    }
    return {groups.begin(), groups.end()};
}

// Two groups of five who write to each other, joined by one touch between 5 and 6.
std::vector<Record> two_groups() {
    std::vector<Record> records;
    for (std::uint64_t n = 1; n <= 10; ++n) records.push_back(person(n));
    std::uint64_t id = 1;
    for (const std::uint64_t base : {1u, 6u})
        for (std::uint64_t a = base; a < base + 5; ++a)
            for (std::uint64_t b = a + 1; b < base + 5; ++b) records.push_back(touch(id++, {a, b}));
    records.push_back(touch(id++, {5, 6}));
    return records;
}

}  // namespace

TEST_CASE("graph: shared touches and events, introductions and companies link people; a mass mailing does not") {
    std::vector<Record> records = {person(1, "Fjord Labs"), person(2, "fjord labs "), person(3), person(4), person(5)};
    Contact introduced = person(6);
    introduced.introduced_by = person_id(3);
    records.push_back(introduced);
    records.push_back(touch(1, {3, 4}));
    records.push_back(touch(2, {3, 4}));
    records.push_back(event(1, {4, 5}));
    std::vector<std::uint64_t> everyone;
    for (std::uint64_t n = 1; n <= 6; ++n) everyone.push_back(n);
    for (std::uint64_t n = 100; n < 100 + kMaxPeoplePerTouch; ++n) {
        records.push_back(person(n));
        everyone.push_back(n);
    }
    records.push_back(touch(3, everyone));  // 31 people: says nothing
    const PeopleGraph graph = build_graph(store_of(records));
    const auto weight = [&](std::uint64_t a, std::uint64_t b) {
        for (const auto& [j, w] : graph.links[graph.index_of(person_id(a))])
            if (graph.people[j] == person_id(b)) return w;
        return 0.0;
    };
    CHECK(weight(1, 2) == kSameCompanyWeight);  // case and spaces aside
    CHECK(weight(3, 4) == 2 * kSharedTouchWeight);
    CHECK(weight(4, 3) == 2 * kSharedTouchWeight);
    CHECK(weight(4, 5) == kSharedEventWeight);
    CHECK(weight(3, 6) == kIntroductionWeight);
    CHECK(weight(1, 100) == 0);
    CHECK(graph.links[graph.index_of(person_id(100))].empty());
}

TEST_CASE("graph: colleagues of a very large company are linked to one of them, not each to each") {
    std::vector<Record> records;
    for (std::uint64_t n = 1; n <= kMaxCompanyClique + 1; ++n) records.push_back(person(n, "BigCo"));
    const PeopleGraph graph = build_graph(store_of(records));
    CHECK(graph.links[0].size() == kMaxCompanyClique);
    CHECK(graph.links[1].size() == 1);
}

TEST_CASE("communities: two groups joined by one touch are two; a lone person is their own") {
    std::vector<Record> records = two_groups();
    records.push_back(person(11));
    CHECK(communities_of(store_of(records)) ==
          std::set<std::set<std::uint64_t>>{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11}});
}

TEST_CASE("communities: the same whatever order the records were stored in, for any seed") {
    const std::vector<Record> records = two_groups();
    for (const std::uint64_t seed : {1u, 2u, 99u}) {
        const auto expected = communities_of(store_of(records), seed);
        for (std::uint64_t shuffle = 1; shuffle <= 20; ++shuffle) CHECK(communities_of(store_of(records, shuffle), seed) == expected);
    }
    // Deleted and archived people are not in the graph.
    std::vector<Record> fewer = two_groups();
    std::get<Contact>(fewer[9]).archived = true;  // person 10
    CHECK(communities_of(store_of(fewer)) == std::set<std::set<std::uint64_t>>{{1, 2, 3, 4, 5}, {6, 7, 8, 9}});
}

TEST_CASE("clusters: labelled by what members share; the strongest tie; a bridge when one member alone is in touch") {
    std::vector<Record> records;
    // Fjord Labs: four colleagues, three of them in touch with you.
    for (std::uint64_t n = 1; n <= 4; ++n) records.push_back(person(n, "Fjord Labs"));
    records.push_back(touch(1, {1}, 5));
    records.push_back(touch(2, {1}, 40));
    records.push_back(touch(3, {2}, 300));
    records.push_back(touch(4, {3}, 200));
    // Berlin rust people met at meetups; only Maya (10) is in touch with you: a bridge.
    for (std::uint64_t n = 10; n <= 12; ++n) records.push_back(person(n, "", "Berlin", {"rust"}));
    records.push_back(event(1, {10, 11, 12}));
    records.push_back(event(2, {10, 11, 12}));
    std::get<Event>(records.back()).date = Date{kToday.days + 10};  // still to come: not a touch
    std::get<Event>(records[records.size() - 2]).date = Date{kToday.days + 5};
    records.push_back(touch(5, {10}, 60));
    // Two people with nothing in common but a touch together.
    records.push_back(person(20));
    records.push_back(person(21));
    records.push_back(touch(6, {20, 21}));
    const Store store = store_of(records);
    const std::vector<Cluster> clusters = find_clusters(store, NetworkStats::build(store, kToday), kToday);
    REQUIRE(clusters.size() == 3);
    CHECK(clusters[0].label == "Fjord Labs");
    CHECK(clusters[0].members.size() == 4);
    CHECK(clusters[0].strongest == person_id(1));
    CHECK(clusters[0].in_touch == 3);
    CHECK_FALSE(clusters[0].bridge);
    CHECK(clusters[1].label == "Berlin \xc2\xb7 rust");
    CHECK(clusters[1].strongest == person_id(10));
    CHECK(clusters[1].in_touch == 1);
    CHECK(clusters[1].bridge);
    CHECK(clusters[2].label == "P20 and 1 other");
    CHECK(clusters[2].in_touch == 2);
    CHECK_FALSE(clusters[2].bridge);
}

TEST_CASE("effective size: a broker between separate people scores their count; a closed group falls towards one") {
    std::vector<Record> records;
    for (std::uint64_t n = 1; n <= 9; ++n) records.push_back(person(n));
    // 1 shares a touch with each of 2, 3, 4, who never meet each other: effective size 3 of 3.
    records.push_back(touch(1, {1, 2}));
    records.push_back(touch(2, {1, 3}));
    records.push_back(touch(3, {1, 4}));
    // 5, 6, 7, 8 all at one event: each has 3 links that all know each other, 3 - 2*3/3 = 1.
    records.push_back(event(1, {5, 6, 7, 8}));
    const Store store = store_of(records);
    const PeopleGraph graph = build_graph(store);
    const std::vector<double> size = effective_sizes(graph);
    CHECK(size[graph.index_of(person_id(1))] == doctest::Approx(3.0));
    CHECK(size[graph.index_of(person_id(2))] == doctest::Approx(1.0));
    CHECK(size[graph.index_of(person_id(5))] == doctest::Approx(1.0));
    CHECK(size[graph.index_of(person_id(9))] == doctest::Approx(0.0));

    CHECK(structure_sentence(1, 1.0).empty());
    CHECK(structure_sentence(3, 3.0) ==
          "Of the 3 people linked to them, few know each other (effective size 3.0 of 3): they join separate "
          "groups, so news from further away reaches you through them.");
    CHECK(structure_sentence(3, 1.0).starts_with("The 3 people linked to them mostly know each other (effective size 1.0 of 3)"));
    CHECK(structure_sentence(4, 2.0).starts_with("Some of the 4 people linked to them know each other"));
}
