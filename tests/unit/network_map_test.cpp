// The Map's content (core/network_map.hpp): every live person placed once, inside their cluster's
// disc, discs apart from each other and from you; the same map whatever order the records came in;
// the sentences the Map, the person page and Today say about bridges.
#include "core/network_map.hpp"
#include "core/sample_data.hpp"

#include "graph_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace ties;
using namespace ties::graph_fixtures;

namespace {

// Fjord Labs (1-4, three in touch), Berlin rust (10-12, only 10 in touch: a bridge), 30 and 31
// linked to nobody, 40 archived.
std::vector<Record> network() {
    std::vector<Record> records;
    for (std::uint64_t n = 1; n <= 4; ++n) records.push_back(person(n, "Fjord Labs"));
    records.push_back(touch(1, {1}, 5));
    records.push_back(touch(2, {1}, 40));
    records.push_back(touch(3, {2}, 300));
    records.push_back(touch(4, {3}, 200));
    for (std::uint64_t n = 10; n <= 12; ++n) {
        Contact c = person(n, "", "Berlin", {"rust"});
        if (n == 11) c.introduced_by = person_id(1);  // 1 introduced 11: Fjord Labs' 1 reaches Berlin
        records.push_back(c);
    }
    // Meetups they will attend together (still to come, so not touches with you).
    records.push_back(event(1, {10, 11, 12}, 5));
    records.push_back(event(2, {10, 11, 12}, 10));
    records.push_back(touch(5, {10}, 240));
    records.push_back(person(30));
    records.push_back(person(31));
    Contact archived = person(40, "Fjord Labs");
    archived.archived = true;
    records.push_back(archived);
    return records;
}

NetworkMap map_of(const Store& store) { return build_network_map(store, NetworkStats::build(store, kToday), kToday); }

float distance(float x1, float y1, float x2, float y2) { return std::hypot(x1 - x2, y1 - y2); }

}  // namespace

TEST_CASE("network map: each live person once, inside their cluster's disc; discs apart and clear of you") {
    const Store store = store_of(network());
    const NetworkMap map = map_of(store);
    REQUIRE(map.people.size() == 9);  // the archived one is not on the map
    CHECK(map.person(person_id(40)) == nullptr);
    REQUIRE(map.clusters.size() == 2);
    REQUIRE(map.regions.size() == 3);  // Fjord Labs, Berlin, the two linked to nobody
    CHECK(map.regions[2].cluster == kNoCluster);
    for (const MapPerson& p : map.people) {
        const auto region = std::find_if(map.regions.begin(), map.regions.end(),
                                         [&](const MapRegion& r) { return r.cluster == p.cluster; });
        REQUIRE(region != map.regions.end());
        CHECK(distance(p.x, p.y, region->x, region->y) < region->radius);
        CHECK(std::hypot(p.x, p.y) <= map.extent);
    }
    for (std::size_t a = 0; a < map.regions.size(); ++a) {
        const MapRegion& r = map.regions[a];
        CHECK(std::hypot(r.x, r.y) > r.radius);  // you, at (0, 0), are outside every disc
        for (std::size_t b = a + 1; b < map.regions.size(); ++b)
            CHECK(distance(r.x, r.y, map.regions[b].x, map.regions[b].y) > r.radius + map.regions[b].radius);
    }
    // Each region lists its people, the strongest first; everyone is in exactly one.
    std::size_t listed = 0;
    for (const MapRegion& r : map.regions) {
        listed += r.members.size();
        for (std::size_t k = 1; k < r.members.size(); ++k)
            CHECK(map.people[r.members[k - 1]].strength >= map.people[r.members[k]].strength);
        for (const std::size_t m : r.members) CHECK(map.people[m].cluster == r.cluster);
    }
    CHECK(listed == map.people.size());
    CHECK(map.people[map.regions[0].members.front()].id == person_id(1));
    // The strongest tie of a cluster sits at its centre.
    const MapPerson& one = *map.person(person_id(1));
    CHECK(distance(one.x, one.y, map.regions[0].x, map.regions[0].y) < 1.0f);
}

TEST_CASE("network map: bridges, the clusters a person connects you to, and the sentences") {
    const Store store = store_of(network());
    const NetworkMap map = map_of(store);
    const MapPerson& maya = *map.person(person_id(10));
    CHECK(maya.bridge);
    CHECK_FALSE(map.person(person_id(11))->bridge);
    CHECK_FALSE(map.person(person_id(1))->bridge);
    CHECK(why_on_map(map, maya) == "Your only link to Berlin \xc2\xb7 rust (3 people)");
    CHECK(why_on_map(map, *map.person(person_id(1))) == "Your strongest tie in Fjord Labs");
    CHECK(why_on_map(map, *map.person(person_id(2))) == "One of 4 in Fjord Labs");
    CHECK(why_on_map(map, *map.person(person_id(30))) == "Linked to nobody else you know");

    CHECK(bridge_reason(map, maya, "Maya Lind", Date{kToday.days - 240}, kToday) ==
          "Maya Lind is your only link to Berlin \xc2\xb7 rust (3 people); you last talked 8 months ago");
    CHECK(bridge_reason(map, *map.person(person_id(1)), "P1", Date{kToday.days - 3}, kToday).empty());

    // 1 is in Fjord Labs and linked to Maya in Berlin.
    const std::vector<ClusterReach> reach = clusters_through(map, person_id(1));
    REQUIRE(reach.size() == 2);
    CHECK(map.clusters[reach[0].cluster].label == "Fjord Labs");
    CHECK(reach[0].own);
    CHECK(map.clusters[reach[1].cluster].label == "Berlin \xc2\xb7 rust");
    CHECK(reach[1].links == 1);
    CHECK_FALSE(reach[1].own);
    CHECK(clusters_through(map, person_id(30)).empty());

    // Maya was last in touch 240 days ago: a bridge going cold; not after 300 days' grace, nor snoozed.
    const NetworkStats stats = NetworkStats::build(store, kToday);
    CHECK(cold_bridges(map, store, stats, kToday) == std::vector<Id>{person_id(10)});
    CHECK(cold_bridges(map, store, stats, kToday, 300).empty());
    Store snoozed = store_of(network());
    Contact resting = *snoozed.contact(person_id(10));
    resting.snoozed_until = Date{kToday.days + 7};
    snoozed.load(resting);
    CHECK(cold_bridges(map_of(snoozed), snoozed, NetworkStats::build(snoozed, kToday), kToday).empty());
}

TEST_CASE("network map: opportunities that came through bridges, in the range, in words") {
    std::vector<Record> records = network();
    const auto opportunity = [](std::uint64_t n, std::vector<std::uint64_t> people, int days_ago) {
        Opportunity o;
        o.meta.id = Id{0x0B, n};
        o.title = "Opportunity " + std::to_string(n);
        o.date = Date{kToday.days - days_ago};
        for (const std::uint64_t p : people) o.contacts.push_back(person_id(p));
        return o;
    };
    records.push_back(opportunity(1, {10}, 30));      // through Maya, the bridge into Berlin
    records.push_back(opportunity(2, {1}, 20));       // through the strongest tie at Fjord Labs
    records.push_back(opportunity(3, {2, 10}, 400));  // Maya again, before the range
    const Store store = store_of(records);
    const NetworkMap map = map_of(store);
    const std::vector<Id> year = opportunities_through_bridges(map, store, Date{kToday.days - 365}, kToday);
    CHECK(year == std::vector<Id>{Id{0x0B, 1}});
    CHECK(opportunities_through_bridges(map, store, Date{kToday.days - 1000}, kToday) ==
          std::vector<Id>{Id{0x0B, 3}, Id{0x0B, 1}});
    CHECK(bridges_sentence(map, store, year, 2) ==
          "1 of your 2 opportunities came through a bridge, someone who is your only link into a group: P10 (Berlin \xc2\xb7 rust)");
    CHECK(bridges_sentence(map, store, {}, 1) ==
          "Your one opportunity did not come through a bridge (someone who is your only link into a group)");
    CHECK(bridges_sentence(map, store, {}, 3) ==
          "None of your 3 opportunities came through a bridge (someone who is your only link into a group)");
    CHECK(bridges_sentence(map, store, year, 1).starts_with("Your one opportunity came through a bridge, someone"));
    CHECK(bridges_sentence(map, store, {}, 0).empty());
}

TEST_CASE("network map: the same positions whatever order the records were stored in") {
    const NetworkMap first = map_of(store_of(network()));
    for (std::uint64_t shuffle = 1; shuffle <= 10; ++shuffle) {
        const NetworkMap again = map_of(store_of(network(), shuffle));
        REQUIRE(again.people.size() == first.people.size());
        for (std::size_t i = 0; i < first.people.size(); ++i) {
            CHECK(again.people[i].id == first.people[i].id);
            CHECK(again.people[i].x == first.people[i].x);
            CHECK(again.people[i].y == first.people[i].y);
        }
    }
}

TEST_CASE("network map: the sample network shows its worlds and exactly one bridge, whatever its seed") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        Store store;
        for (const Record& r : make_sample_data(seed, 1'700'000'000'000, kToday).records) store.load(r);
        const NetworkStats stats = NetworkStats::build(store, kToday);
        const NetworkMap map = build_network_map(store, stats, kToday);
        CAPTURE(seed);
        CHECK(map.clusters.size() >= 3);
        std::vector<std::string> bridged;
        for (const Cluster& c : map.clusters)
            if (c.bridge) bridged.push_back(c.label);
        CHECK(bridged == std::vector<std::string>{"Tern & Tide Studio"});
        CHECK(cold_bridges(map, store, stats, kToday).size() == 1);
    }
}

TEST_CASE("network map: worked out in steps, it is the same map as in one go") {
    Store store;
    SampleSize size;
    size.contacts = 600;
    size.interactions = 3000;
    size.events = 12;
    for (const Record& r : make_sample_data(3, 1'700'000'000'000, kToday, size).records) store.load(r);
    const NetworkStats stats = NetworkStats::build(store, kToday);
    const NetworkMap whole = build_network_map(store, stats, kToday);

    NetworkMapBuilder builder(store, stats, kToday);
    int steps = 1;
    double progress = builder.progress();
    CHECK(progress == 0.0);
    while (!builder.step(Deadline(0))) {  // the deadline passed at once: every step does one unit of work
        CHECK(builder.progress() >= progress);
        progress = builder.progress();
        ++steps;
    }
    CHECK(builder.progress() == 1.0);
    CHECK(steps > 10);
    const NetworkMap stepped = builder.take();
    CHECK(stepped.graph.people == whole.graph.people);
    CHECK(stepped.graph.links == whole.graph.links);
    REQUIRE(stepped.clusters.size() == whole.clusters.size());
    for (std::size_t c = 0; c < whole.clusters.size(); ++c) {
        CHECK(stepped.clusters[c].label == whole.clusters[c].label);
        CHECK(stepped.clusters[c].members == whole.clusters[c].members);
    }
    REQUIRE(stepped.people.size() == whole.people.size());
    for (std::size_t i = 0; i < whole.people.size(); ++i) {
        CHECK(stepped.people[i].x == whole.people[i].x);
        CHECK(stepped.people[i].y == whole.people[i].y);
        CHECK(stepped.people[i].cluster == whole.people[i].cluster);
        CHECK(stepped.people[i].effective_size == whole.people[i].effective_size);
        CHECK(stepped.people[i].bridge == whole.people[i].bridge);
    }
    REQUIRE(stepped.regions.size() == whole.regions.size());
    for (std::size_t r = 0; r < whole.regions.size(); ++r) CHECK(stepped.regions[r].members == whole.regions[r].members);
    CHECK(stepped.extent == whole.extent);
}
