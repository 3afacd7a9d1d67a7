// The structure of a person's network (issue 16, first part): who is linked to whom besides the
// person themselves, the communities those links form, and for each community how the person
// reaches it. Granovetter's point is that weak ties matter as bridges into worlds where one knows
// nobody else; this is what finds those worlds and those bridges.
//
// Links come from the records: a touch or an event shared by several people, an introduction, the
// same company. Communities are found by label propagation (Raghavan, Albert and Kumara, 2007),
// made deterministic: people are visited in an order drawn from their ids and a seed, so the
// result depends neither on the order records were stored in nor on chance.
#pragma once

#include "core/network_stats.hpp"
#include "core/store.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ties {

// Weights of the links between two people.
inline constexpr double kSharedTouchWeight = 1.0;     // per touch both took part in
inline constexpr double kSharedEventWeight = 1.0;     // per event both attended
inline constexpr double kIntroductionWeight = 2.0;    // one introduced the other
inline constexpr double kSameCompanyWeight = 1.0;     // the same company (case and spaces aside)
// A touch with more people than this (a mailing to everyone) says nothing about who knows whom.
inline constexpr std::size_t kMaxPeoplePerTouch = 25;
// Colleagues of a company larger than this are linked to its first member only (by id), not each
// to each: the clique would cost its size squared and swamp every other link.
inline constexpr std::size_t kMaxCompanyClique = 100;

struct PeopleGraph {
    std::vector<Id> people;  // live, unarchived contacts, by id
    // Per person (same index): linked people by index, ascending, each with the summed weight.
    std::vector<std::vector<std::pair<std::size_t, double>>> links;

    std::size_t index_of(Id person) const;  // people.size() when not in the graph
};

PeopleGraph build_graph(const Store& store);

// The community of each person (same index as graph.people): the numbers are 0, 1, 2, ... in the
// order of each community's first member. People with no link are each a community of one.
std::vector<std::size_t> find_communities(const PeopleGraph& graph, std::uint64_t seed = 1);

// --- The same in steps, for a page that must go on drawing while it works (the browser gives the
// page one thread): each step() works until its deadline, then returns; true once done. The
// store and the graph must not change between steps (start again when they do).

// How long a step may take. Checking the clock costs: callers ask every few hundred items.
class Deadline {
public:
    explicit Deadline(double budget_ms)
        : end_(std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                      std::chrono::duration<double, std::milli>(budget_ms))) {}
    static Deadline never() { return Deadline(1e12); }
    bool passed() const { return std::chrono::steady_clock::now() >= end_; }

private:
    std::chrono::steady_clock::time_point end_;
};

class GraphBuilder {
public:
    explicit GraphBuilder(const Store& store);  // gathers the people (a sort of their ids)
    bool step(const Deadline& deadline);        // touches, companies and links a slice at a time
    PeopleGraph take() { return std::move(graph_); }

private:
    void link(std::size_t a, std::size_t b, double weight);
    void link_all(const std::vector<Id>& ids, double weight);

    enum class Phase { Touches, Events, People, Companies, Links, Sort, Done };

    const Store& store_;
    PeopleGraph graph_;
    Phase phase_ = Phase::Touches;
    RecordMap<Interaction>::const_iterator next_touch_;
    std::size_t next_ = 0;  // the next person (People, Sort) or company (Companies)
    std::map<std::string, std::vector<std::size_t>> companies_;  // folded name -> members, ascending
    std::map<std::string, std::vector<std::size_t>>::const_iterator next_company_;
    std::unordered_map<std::uint64_t, double> weights_;  // (low index << 32 | high index) -> weight
    std::unordered_map<std::uint64_t, double>::const_iterator next_link_;
};

class CommunityFinder {
public:
    CommunityFinder(const PeopleGraph& graph, std::uint64_t seed = 1);
    bool step(const Deadline& deadline);  // a round of label propagation at a time
    std::vector<std::size_t> take() { return std::move(community_); }

private:
    const PeopleGraph& graph_;
    std::vector<std::size_t> label_, community_;
    std::vector<std::pair<std::uint64_t, std::size_t>> order_;
    int round_ = 0;
    bool done_ = false;
};

struct Cluster {
    std::size_t community = 0;  // its number in find_communities' result
    std::vector<Id> members;  // by id
    // In words, from what most members share: a company ("Fjord Labs"), else a city and a tag
    // ("Berlin · rust"), else names ("Maya Lind and 3 others").
    std::string label;
    Id strongest;             // your strongest tie in it (tie_score), the first by id at a tie
    std::size_t in_touch = 0;  // members you have been in touch with
    // You reach it through one person only: of two or more members, one alone has touches with you.
    bool bridge = false;
};

// The communities of two or more people, largest first (then by label), each with its facts.
std::vector<Cluster> clusters_of(const Store& store, const PeopleGraph& graph, const std::vector<std::size_t>& community,
                                 const NetworkStats& stats, Date today);
// The same a few at a time: the members of each community (by its number), one community's
// cluster (none under two members), and the clusters' order.
std::vector<std::vector<std::size_t>> community_groups(const std::vector<std::size_t>& community);
std::optional<Cluster> cluster_of(const Store& store, const PeopleGraph& graph, std::size_t number,
                                  const std::vector<std::size_t>& group, const NetworkStats& stats, Date today);
void sort_clusters(std::vector<Cluster>& clusters);
// The same from the store alone: builds the graph and finds the communities first.
std::vector<Cluster> find_clusters(const Store& store, const NetworkStats& stats, Date today, std::uint64_t seed = 1);

// Burt's effective size of each person's links (same index as graph.people), links unweighted:
// n - 2t/n for n linked people with t links among them. It is n when none of them know each other
// (the person brokers between separate worlds) and falls towards 1 when all do (a closed group).
std::vector<double> effective_sizes(const PeopleGraph& graph);
// The same for people [begin, end) only, into `out` (sized to graph.people), for steps.
void effective_sizes(const PeopleGraph& graph, std::size_t begin, std::size_t end, std::vector<double>& out);

// The effective size in a sentence for someone with `links` linked people: "" under two links.
// "Of the 6 people linked to them, few know each other (effective size 5.2 of 6): they join
// separate groups, so news from further away reaches you through them."
std::string structure_sentence(std::size_t links, double effective_size);

}  // namespace ties
