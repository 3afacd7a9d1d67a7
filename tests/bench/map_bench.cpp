// Map and Ask benchmark (not a test): how long the network map takes to work out on the app's sample
// network (core/sample_data: companies, group touches among colleagues, events, introductions) at
// 1,000 people / 10,000 touches and 10,000 / 100,000: the people graph, the communities, the
// clusters with their labels, Burt's effective sizes, and the whole of build_network_map (the
// layout is what it adds to those); and what the Ask page computes when its audience changes
// (everyone in a circle, ranked, checked against the week's budget and the asks of the last 30
// days) or the store does (every ask and its answers, newest first). Median ms of 5 runs (3 at 10k with --quick, which skips
// nothing else). std::chrono::steady_clock, release build.
#include "core/ask.hpp"
#include "core/network_map.hpp"
#include "core/sample_data.hpp"
#include "bench_timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

using namespace ties;

namespace {

constexpr Millis kNow = 1'718'150'400'000;  // 2024-06-12
const Date kToday = date_of(kNow);

void run(std::size_t people, std::size_t touches, int runs) {
    SampleSize size;
    size.contacts = people;
    size.interactions = touches;
    size.events = people / 50;
    size.opportunities = people / 40;
    Store store;
    for (Record& r : make_sample_data(7, kNow, kToday, size).records) store.load(std::move(r));
    const NetworkStats stats = NetworkStats::build(store, kToday);
    const std::string key = people >= 1000 ? "p" + std::to_string(people / 1000) + "k" : "p" + std::to_string(people);
    const std::string of = std::to_string(people) + " people / " + std::to_string(touches) + " touches";

    PeopleGraph graph;
    const double graph_ms = bench::median_ms(runs, [&] { graph = build_graph(store); });
    bench::emit("native.map.graph." + key, "Map: the people graph, " + of, "ms", bench::last_samples());
    std::vector<std::size_t> community;
    const double communities_ms = bench::median_ms(runs, [&] { community = find_communities(graph); });
    bench::emit("native.map.communities." + key, "Map: communities (label propagation), " + of, "ms", bench::last_samples());
    std::vector<Cluster> clusters;
    const double clusters_ms = bench::median_ms(runs, [&] { clusters = clusters_of(store, graph, community, stats, kToday); });
    bench::emit("native.map.clusters." + key, "Map: clusters, labels, strongest ties, bridges, " + of, "ms", bench::last_samples());
    std::vector<double> sizes;
    const double effective_ms = bench::median_ms(runs, [&] { sizes = effective_sizes(graph); });
    bench::emit("native.map.effective." + key, "Map: effective sizes, " + of, "ms", bench::last_samples());
    NetworkMap map;
    const double whole_ms = bench::median_ms(runs, [&] { map = build_network_map(store, stats, kToday); });
    bench::emit("native.map.whole." + key, "Map: build_network_map (the above and the layout), " + of, "ms", bench::last_samples());
    std::size_t links = 0;
    for (const auto& list : graph.links) links += list.size();
    std::printf("%s: %zu on the map, %zu links, %zu clusters, %zu regions\n", of.c_str(), map.people.size(), links / 2,
                map.clusters.size(), map.regions.size());
    std::printf("  graph %.1f ms, communities %.1f ms, clusters %.1f ms, effective sizes %.1f ms; whole %.1f ms "
                "(layout and the rest: %.1f ms)\n",
                graph_ms, communities_ms, clusters_ms, effective_ms, whole_ms,
                whole_ms - graph_ms - communities_ms - clusters_ms - effective_ms);

    // In steps of 8 ms, as the page works it out: how many, and the longest (a unit of work a step
    // may not split).
    std::size_t steps = 0;
    double longest = 0;
    bench::median_ms(runs, [&] {
        NetworkMapBuilder builder(store, stats, kToday);
        steps = 0;
        for (bool done = false; !done; ++steps) {
            const auto start = std::chrono::steady_clock::now();
            done = builder.step(Deadline(8));
            longest = std::max(longest, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        map = builder.take();
    });
    bench::emit("native.map.longest_step." + key, "Map in 8 ms steps: the longest step, " + of, "ms", {longest});
    std::printf("  in 8 ms steps: %zu steps, the longest %.1f ms\n", steps, longest);

    // Ask: 52 past asks of 30 people each (one a week for the year before this week), a third answered.
    for (std::uint64_t n = 0; n < 52; ++n) {
        std::vector<Id> asked;
        for (std::size_t i = 0; i < 30; ++i) asked.push_back(graph.people[(n * 131 + i * 7) % graph.people.size()]);
        const Interaction ask = make_ask(Id{0xA5, n + 1}, asked, "A question", Date{kToday.days - 7 - static_cast<std::int32_t>(n) * 7});
        store.load(ask);
        for (std::size_t i = 0; i < asked.size(); i += 3)
            store.load(make_answer(Id{0xA6, n * 100 + i + 1}, ask, asked[i], ask.date, AskChannel::Mail));
    }
    const std::vector<Id> circle = people_in_circle(store, Tier::Acquaintances);
    std::vector<AskRecord> asks;
    const double asks_ms = bench::median_ms(runs, [&] { asks = asks_in(store); });
    bench::emit("native.ask.list." + key, "Ask: every ask and its answers (52 asks), " + of, "ms", bench::last_samples());
    AskPlan plan;
    const double plan_ms = bench::median_ms(runs, [&] {
        plan = plan_ask(store, stats, asks, people_in_circle(store, Tier::Acquaintances), kToday, false);
    });
    bench::emit("native.ask.plan." + key, "Ask: an audience (a circle) and its plan, " + of, "ms", bench::last_samples());
    std::printf("  ask: a circle of %zu people planned in %.1f ms (%zu to ask, %zu asked recently); 52 asks listed in %.1f ms\n",
                circle.size(), plan_ms, plan.to_ask.size(), plan.recent.size(), asks_ms);
}

}  // namespace

int main(int argc, char** argv) {
    bench::parse_options(argc, argv);
    run(1'000, 10'000, 5);
    run(10'000, 100'000, bench::options().quick ? 3 : 5);
    return 0;
}
