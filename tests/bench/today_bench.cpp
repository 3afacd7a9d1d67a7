// Today benchmark (not a test): how long the keep-in-touch engine takes on a large network, so the
// Today screen can rebuild after every edit. A synthetic store (fixed seed: the same data every
// run) of 100,000 contacts and 1,000,000 interactions over five years, and one of 1,000 and
// 10,000 for the ratio: median ms of NetworkStats::build, tie_strength for everyone (with words),
// tie_score for everyone, suggest_tiers and build_today. Then what a frame after an edit costs: the
// OutlookCache brought up to date after one edit (log a coffee, close a follow-up, snooze someone)
// at 10,000 / 100,000 and 100,000 / 1,000,000. std::chrono::steady_clock.
#include "core/outlook.hpp"
#include "core/strength.hpp"
#include "core/today.hpp"
#include "bench_timing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace ties;

namespace {

constexpr Millis kNow = 1'718'150'400'000;  // 2024-06-12, a Wednesday
const Date kToday = date_of(kNow);

using bench::median_ms;
using bench::time_ms;
// Circles by rank, about as Dunbar's layers would have them; the closest are touched most often.
Tier tier_at(double rank) {
    if (rank < 0.005) return Tier::Inner;
    if (rank < 0.015) return Tier::Close;
    if (rank < 0.05) return Tier::Friends;
    if (rank < 0.15) return Tier::Meaningful;
    if (rank < 0.5) return Tier::Acquaintances;
    if (rank < 0.8) return Tier::Recognisable;
    return Tier::None;
}

Store make_store(std::size_t contact_count, std::size_t interaction_count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    IdGenerator ids(seed, 7);
    const auto below = [&](std::uint64_t n) { return static_cast<std::int32_t>(rng() % n); };
    const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    constexpr std::int32_t kHistoryDays = 5 * 365;
    const char* kTags[] = {"rust", "design", "investors", "mentor", "family", "former colleague", "podcast", "berlin"};

    Store store;
    Settings settings = store.settings();
    settings.tag_cadences = {{"investors", {30, 45}}, {"mentor", {90, 135}}, {"family", {0, 0}}};
    // Five years of a million interactions log about 1,600 this week: a budget that large leaves
    // room for thousands of planned touches, so the plan step does real work.
    const auto scale = static_cast<std::int32_t>(contact_count);
    settings.budget = Budget{scale / 50, scale * 2, scale / 200};
    store.load(settings);

    std::vector<Id> people;
    people.reserve(contact_count);
    for (std::size_t i = 0; i < contact_count; ++i) {
        Contact c;
        c.meta.id = ids.next();
        c.meta.created = kNow - static_cast<Millis>(below(3 * 365)) * 86'400'000;
        c.meta.updated = c.meta.created;
        c.display_name = "Person " + std::to_string(i);
        c.tier = tier_at(static_cast<double>(i) / static_cast<double>(contact_count));
        for (int t = below(3); t > 0; --t) c.tags.emplace_back(kTags[below(8)]);
        if (chance(0.5)) c.first_met = Date{kToday.days - below(10 * 365)};
        if (chance(0.3)) c.birthday = PartialDate{chance(0.5) ? 1950 + below(50) : 0, 1 + below(12), 1 + below(28)};
        if (chance(0.02)) c.cadence_days = 14 + below(120);
        if (chance(0.01)) c.snoozed_until = Date{kToday.days + below(30)};
        c.archived = chance(0.03);
        people.push_back(c.meta.id);
        store.load(std::move(c));
    }

    for (std::size_t i = 0; i < interaction_count; ++i) {
        Interaction it;
        it.meta.id = ids.next();
        it.meta.created = kNow;
        it.meta.updated = kNow;
        it.date = Date{kToday.days - below(kHistoryDays)};
        it.kind = static_cast<InteractionKind>(below(12));
        it.initiator = static_cast<Initiator>(below(3));
        for (int n = chance(0.1) ? 2 + below(3) : 1; n > 0; --n) {
            // Skewed to the low ranks, the closer circles: u^3 puts half the touches in the first 12%.
            const double u = std::uniform_real_distribution<double>(0, 1)(rng);
            it.participants.push_back(people[static_cast<std::size_t>(u * u * u * static_cast<double>(contact_count))]);
        }
        if (chance(0.3)) it.duration_minutes = 5 + below(120);
        if (chance(0.02)) it.follow_up = FollowUp{Date{it.date.days + 7}, "Send the link", chance(0.8)};
        store.load(std::move(it));
    }

    for (std::size_t i = 0; i < contact_count / 50; ++i) {
        Event e;
        e.meta.id = ids.next();
        e.name = "Meetup " + std::to_string(i);
        e.date = Date{kToday.days - below(kHistoryDays)};
        for (int n = 5 + below(25); n > 0; --n) e.attendees.push_back(people[below(contact_count)]);
        store.load(std::move(e));
    }
    for (std::size_t i = 0; i < contact_count / 100; ++i) {
        Opportunity o;
        o.meta.id = ids.next();
        o.title = "Opportunity " + std::to_string(i);
        o.date = Date{kToday.days - below(kHistoryDays)};
        o.contacts = {people[below(contact_count)]};
        store.load(std::move(o));
    }
    return store;
}

struct Row {
    std::size_t contacts = 0;
    std::size_t interactions = 0;
    double build_ms = 0;
    double strength_ms = 0;
    double score_ms = 0;
    double tiers_ms = 0;
    double today_ms = 0;
    TodayQueue queue;
};

Row run(std::size_t contacts, std::size_t interactions, int runs) {
    Row row;
    row.contacts = contacts;
    row.interactions = interactions;
    const Store store = make_store(contacts, interactions, 42);
    const NetworkStats stats = NetworkStats::build(store, kToday);
    double sink = 0;

    char key[32], size[64];  // snprintf: GCC 12 warns falsely (-Wrestrict) on "p" + std::to_string()
    std::snprintf(key, sizeof key, "p%zuk", contacts / 1000);
    if (interactions >= 1'000'000)
        std::snprintf(size, sizeof size, "%zuk people / %zuM interactions", contacts / 1000, interactions / 1'000'000);
    else
        std::snprintf(size, sizeof size, "%zuk people / %zuk interactions", contacts / 1000, interactions / 1000);
    row.build_ms = median_ms(runs, [&] { sink += NetworkStats::build(store, kToday).today().days; });
    bench::emit(std::string("native.today.stats.") + key, std::string("Today: network statistics from scratch, native, ") + size, "ms",
                bench::last_samples());
    row.strength_ms = median_ms(runs, [&] {
        for (const auto& [id, contact] : store.contacts()) {
            const TieStrength t = tie_strength(contact, stats.of(id), kToday);
            sink += t.score + static_cast<double>(t.factors[0].explanation.size());
        }
    });
    bench::emit(std::string("native.today.strength.") + key, std::string("Tie strength of everyone, native, ") + size, "ms", bench::last_samples());
    row.score_ms = median_ms(runs, [&] {
        for (const auto& [id, contact] : store.contacts()) sink += tie_score(contact, stats.of(id), kToday);
    });
    row.tiers_ms = median_ms(runs, [&] { sink += static_cast<double>(suggest_tiers(store, stats).size()); });
    row.today_ms = median_ms(runs, [&] { row.queue = build_today(store, stats, kToday); });
    bench::emit(std::string("native.today.queue.") + key, std::string("Today: queue and plan, native, ") + size, "ms", bench::last_samples());
    if (sink == 0) std::printf("(nothing computed?)\n");
    return row;
}

// The outlook after one edit, as the app sees it: a warm cache, one user edit, then get().
struct EditRow {
    std::size_t contacts = 0;
    std::size_t interactions = 0;
    double first_ms = 0;      // the first get() on a fresh cache
    double log_ms = 0;        // after logging a coffee with someone
    double follow_up_ms = 0;  // after closing a follow-up
    double snooze_ms = 0;     // after snoozing someone due
};

EditRow run_edits(std::size_t contacts, std::size_t interactions, int runs) {
    EditRow row;
    row.contacts = contacts;
    row.interactions = interactions;
    Store store = make_store(contacts, interactions, 42);
    OutlookCache cache;
    row.first_ms = time_ms([&] { cache.get(store, kToday); });
    std::vector<Id> people;
    for (const auto& [id, contact] : store.contacts())
        if (!contact.meta.deleted) people.push_back(id);
    std::sort(people.begin(), people.end());
    IdGenerator ids(99, 3);
    Millis now = kNow;
    double sink = 0;
    std::vector<double> log, follow_up, snoozed;
    for (int r = 0; r < runs; ++r) {
        Interaction coffee;
        coffee.meta.id = ids.next();
        coffee.date = kToday;
        coffee.kind = InteractionKind::Coffee;
        coffee.initiator = Initiator::Me;
        coffee.participants = {people[(static_cast<std::size_t>(r) * 7919) % people.size()]};
        store.apply(save_interaction(coffee), ++now);
        log.push_back(time_ms([&] { sink += static_cast<double>(cache.get(store, kToday).today.due.size()); }));

        const auto& follow_ups = cache.get(store, kToday).today.follow_ups;
        if (!follow_ups.empty()) {
            const Interaction* open = store.interaction(follow_ups.front().interaction);
            store.apply(set_follow_up_done(*open, true), ++now);
            follow_up.push_back(time_ms([&] { sink += static_cast<double>(cache.get(store, kToday).today.follow_ups.size()); }));
        }
        const auto& due = cache.get(store, kToday).today.due;
        if (!due.empty()) {
            store.apply(snooze(*store.contact(due.front().contact), kToday, 7), ++now);
            snoozed.push_back(time_ms([&] { sink += static_cast<double>(cache.get(store, kToday).today.due.size()); }));
        }
    }
    row.log_ms = bench::median(log);
    row.follow_up_ms = bench::median(follow_up);
    row.snooze_ms = bench::median(snoozed);
    if (sink == 0) std::printf("(nothing computed?)\n");
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    // "today_bench edits CONTACTS INTERACTIONS RUNS": only the outlook after edits, for a profiler.
    if (argc == 5 && std::string(argv[1]) == "edits") {
        const EditRow e = run_edits(std::stoul(argv[2]), std::stoul(argv[3]), std::stoi(argv[4]));
        std::printf("first get %.2f ms; after logging %.2f, closing a follow-up %.2f, snoozing %.2f\n", e.first_ms,
                    e.log_ms, e.follow_up_ms, e.snooze_ms);
        return 0;
    }
    bench::parse_options(argc, argv);
    std::printf("Today benchmark: median ms per step; synthetic store (seed 42), five years of history up to %s.\n\n",
                kToday.iso().c_str());
    std::printf("%8s | %12s | %11s | %16s | %13s | %13s | %11s\n", "contacts", "interactions", "stats.build",
                "tie_strength all", "tie_score all", "suggest_tiers", "build_today");
    std::printf("%s\n", std::string(102, '-').c_str());
    const Row small = run(1'000, 10'000, 21);
    run(10'000, 100'000, 9);  // the suite's heavy user (tests/bench/run reads its @bench lines)
    const Row large = bench::options().quick ? small : run(100'000, 1'000'000, 5);
    for (const Row* r : {&small, &large}) {
        std::printf("%8zu | %12zu | %11.2f | %16.2f | %13.2f | %13.2f | %11.2f\n", r->contacts, r->interactions,
                    r->build_ms, r->strength_ms, r->score_ms, r->tiers_ms, r->today_ms);
    }
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    std::printf("%8s | %12s | %10.0fx | %15.0fx | %12.0fx | %12.0fx | %10.0fx\n", "ratio", "100x",
                ratio(large.build_ms, small.build_ms), ratio(large.strength_ms, small.strength_ms),
                ratio(large.score_ms, small.score_ms), ratio(large.tiers_ms, small.tiers_ms),
                ratio(large.today_ms, small.today_ms));
    for (const Row* r : {&small, &large}) {
        const TodayQueue& q = r->queue;
        std::printf("\nAt %zu contacts: %zu due, %zu planned this week, %zu over budget, %zu follow-ups, %zu dates, "
                    "%zu new ties.",
                    r->contacts, q.due.size(), q.plan.touches.size(), q.plan.over_budget.size(), q.follow_ups.size(),
                    q.dates.size(), q.new_ties.size());
    }
    std::printf("\n\nThe outlook after one edit (OutlookCache::get, median ms; targets: 16 ms at 10k / 100k, 50 ms at 100k / 1M)\n");
    std::printf("%8s | %12s | %11s | %12s | %15s | %9s\n", "contacts", "interactions", "first get", "log a coffee",
                "close follow-up", "snooze");
    std::printf("%s\n", std::string(84, '-').c_str());
    for (const auto& [contacts, interactions, runs] :
         {std::tuple<std::size_t, std::size_t, int>{10'000, 100'000, 9}, {100'000, 1'000'000, 5}}) {
        if (contacts > 10'000 && bench::options().quick) continue;
        const EditRow e = run_edits(contacts, interactions, runs);
        std::printf("%8zu | %12zu | %11.2f | %12.2f | %15.2f | %9.2f\n", e.contacts, e.interactions, e.first_ms, e.log_ms,
                    e.follow_up_ms, e.snooze_ms);
        const std::string key = contacts > 10'000 ? "p100k" : "p10k";
        const std::string size = std::to_string(contacts / 1000) + "k people / " + std::to_string(interactions / 1000) + "k interactions";
        bench::emit("native.today.outlook_edit." + key, "Today's outlook after one edit (the slowest of log, close, snooze; medians), native, " + size,
                    "ms", {std::max({e.log_ms, e.follow_up_ms, e.snooze_ms})});
    }
    return 0;
}
