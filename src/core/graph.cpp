#include "core/graph.hpp"

#include "core/strength.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace ties {
namespace {

// Links gathered as (low index, high index) -> weight, then laid out per person.
class LinkSet {
public:
    void add(std::size_t a, std::size_t b, double weight) {
        if (a == b) return;
        if (a > b) std::swap(a, b);
        weights_[(std::uint64_t{a} << 32) | b] += weight;
    }

    std::vector<std::vector<std::pair<std::size_t, double>>> lay_out(std::size_t people) const {
        std::vector<std::vector<std::pair<std::size_t, double>>> links(people);
        for (const auto& [key, weight] : weights_) {
            const auto a = static_cast<std::size_t>(key >> 32), b = static_cast<std::size_t>(key & 0xFFFFFFFFu);
            links[a].emplace_back(b, weight);
            links[b].emplace_back(a, weight);
        }
        for (auto& list : links) std::sort(list.begin(), list.end());
        return links;
    }

private:
    std::unordered_map<std::uint64_t, double> weights_;
};

// The graph's people among `ids`, each once, ascending.
std::vector<std::size_t> members(const PeopleGraph& graph, const std::vector<Id>& ids) {
    std::vector<std::size_t> out;
    for (const Id& id : ids)
        if (const std::size_t i = graph.index_of(id); i < graph.people.size()) out.push_back(i);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void link_all(LinkSet& links, const std::vector<std::size_t>& people, double weight) {
    if (people.size() < 2 || people.size() > kMaxPeoplePerTouch) return;
    for (std::size_t x = 0; x < people.size(); ++x)
        for (std::size_t y = x + 1; y < people.size(); ++y) links.add(people[x], people[y], weight);
}

// A visiting order from the ids alone: a 64-bit mix (splitmix64) of each id with the seed.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// What most members share, when at least two and at least 40% of them do: "" otherwise.
std::string shared(const std::vector<const Contact*>& people, const auto& values_of) {
    std::map<std::string, std::pair<std::size_t, std::string>> counts;  // folded -> count, as first written
    for (const Contact* c : people) {
        std::vector<std::string> seen;
        for (const std::string& value : values_of(*c)) {
            const std::string_view text = trim(value);
            if (text.empty()) continue;
            std::string folded = ascii_lowercase(text);
            if (std::find(seen.begin(), seen.end(), folded) != seen.end()) continue;
            seen.push_back(folded);
            auto& [count, shown] = counts[folded];
            if (count++ == 0) shown = std::string(text);
        }
    }
    const std::pair<std::size_t, std::string>* best = nullptr;
    for (const auto& [folded, entry] : counts)
        if (!best || entry.first > best->first) best = &entry;  // the first in folded order at a tie
    if (!best || best->first < 2 || best->first * 5 < people.size() * 2) return "";
    return best->second;
}

std::string label_of(const std::vector<const Contact*>& people) {
    const std::string company = shared(people, [](const Contact& c) { return std::vector<std::string>{c.company}; });
    if (!company.empty()) return company;
    const std::string city = shared(people, [](const Contact& c) { return std::vector<std::string>{c.city}; });
    const std::string tag = shared(people, [](const Contact& c) { return c.tags; });
    if (!city.empty() && !tag.empty()) return city + " \xc2\xb7 " + tag;
    if (!city.empty() || !tag.empty()) return city + tag;
    const std::size_t others = people.size() - 1;
    return contact_label(*people.front()) + " and " + std::to_string(others) + (others == 1 ? " other" : " others");
}

}  // namespace

std::size_t PeopleGraph::index_of(Id person) const {
    const auto at = std::lower_bound(people.begin(), people.end(), person);
    return at != people.end() && *at == person ? static_cast<std::size_t>(at - people.begin()) : people.size();
}

PeopleGraph build_graph(const Store& store) {
    PeopleGraph graph;
    for (const auto& [id, contact] : store.contacts())
        if (!contact.meta.deleted && !contact.archived) graph.people.push_back(id);
    std::sort(graph.people.begin(), graph.people.end());

    LinkSet links;
    for (const auto& [id, interaction] : store.interactions())
        if (!interaction.meta.deleted && interaction.kind != InteractionKind::Ask)  // an ask's people need not know each other
            link_all(links, members(graph, interaction.participants), kSharedTouchWeight);
    for (const auto& [id, event] : store.events())
        if (!event.meta.deleted) link_all(links, members(graph, event.attendees), kSharedEventWeight);

    std::map<std::string, std::vector<std::size_t>> companies;  // folded name -> members, ascending
    for (std::size_t i = 0; i < graph.people.size(); ++i) {
        const Contact& c = *store.contact(graph.people[i]);
        if (c.introduced_by)
            if (const std::size_t by = graph.index_of(*c.introduced_by); by < graph.people.size())
                links.add(i, by, kIntroductionWeight);
        if (const std::string_view company = trim(c.company); !company.empty())
            companies[ascii_lowercase(company)].push_back(i);
    }
    for (const auto& [name, colleagues] : companies) {
        if (colleagues.size() <= kMaxCompanyClique) {
            for (std::size_t x = 0; x < colleagues.size(); ++x)
                for (std::size_t y = x + 1; y < colleagues.size(); ++y) links.add(colleagues[x], colleagues[y], kSameCompanyWeight);
        } else {
            for (std::size_t x = 1; x < colleagues.size(); ++x) links.add(colleagues.front(), colleagues[x], kSameCompanyWeight);
        }
    }
    graph.links = links.lay_out(graph.people.size());
    return graph;
}

std::vector<std::size_t> find_communities(const PeopleGraph& graph, std::uint64_t seed) {
    const std::size_t n = graph.people.size();
    std::vector<std::size_t> label(n);
    for (std::size_t i = 0; i < n; ++i) label[i] = i;
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    order.reserve(n);
    for (std::size_t i = 0; i < n; ++i) order.emplace_back(mix(graph.people[i].hi ^ mix(graph.people[i].lo ^ seed)), i);
    std::sort(order.begin(), order.end());

    // Each person takes the label that weighs most among their links (the smallest at a tie, so
    // the result is the same on every run), until nobody changes or a round limit.
    std::unordered_map<std::size_t, double> weight;
    for (int round = 0; round < 100; ++round) {
        bool changed = false;
        for (const auto& [key, i] : order) {
            if (graph.links[i].empty()) continue;
            weight.clear();
            for (const auto& [j, w] : graph.links[i]) weight[label[j]] += w;
            std::size_t best = label[i];
            double best_weight = -1;
            for (const auto& [l, w] : weight)
                if (w > best_weight || (w == best_weight && l < best)) {
                    best = l;
                    best_weight = w;
                }
            // Keep one's own label when it ties for the most: stops two labels swapping forever.
            if (const auto own = weight.find(label[i]); own != weight.end() && own->second == best_weight) continue;
            label[i] = best;
            changed = true;
        }
        if (!changed) break;
    }
    // Renumber 0, 1, 2, ... by each community's first member.
    std::unordered_map<std::size_t, std::size_t> number;
    std::vector<std::size_t> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = number.try_emplace(label[i], number.size()).first->second;
    return out;
}

std::vector<Cluster> find_clusters(const Store& store, const NetworkStats& stats, Date today, std::uint64_t seed) {
    const PeopleGraph graph = build_graph(store);
    return clusters_of(store, graph, find_communities(graph, seed), stats, today);
}

std::vector<Cluster> clusters_of(const Store& store, const PeopleGraph& graph, const std::vector<std::size_t>& community,
                                 const NetworkStats& stats, Date today) {
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < community.size(); ++i) {
        if (community[i] >= groups.size()) groups.resize(community[i] + 1);
        groups[community[i]].push_back(i);
    }
    std::vector<Cluster> clusters;
    for (std::size_t number = 0; number < groups.size(); ++number) {
        const std::vector<std::size_t>& group = groups[number];
        if (group.size() < 2) continue;
        Cluster cluster;
        cluster.community = number;
        std::vector<const Contact*> people;
        double strongest = -1;
        for (const std::size_t i : group) {
            const Id id = graph.people[i];
            const Contact& c = *store.contact(id);
            cluster.members.push_back(id);
            people.push_back(&c);
            const ContactStats& s = stats.of(id);
            if (s.last_touch) ++cluster.in_touch;
            if (const double score = tie_score(c, s, today); score > strongest) {
                strongest = score;
                cluster.strongest = id;
            }
        }
        cluster.label = label_of(people);
        cluster.bridge = cluster.in_touch == 1;
        clusters.push_back(std::move(cluster));
    }
    std::sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) {
        if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
        if (a.label != b.label) return a.label < b.label;
        return a.members.front() < b.members.front();
    });
    return clusters;
}

std::vector<double> effective_sizes(const PeopleGraph& graph) {
    std::vector<double> out(graph.people.size(), 0.0);
    for (std::size_t i = 0; i < graph.people.size(); ++i) {
        const auto& mine = graph.links[i];
        const std::size_t n = mine.size();
        if (n == 0) continue;
        // 2t: for each linked person, how many of my other links they are linked to (sorted merge).
        std::size_t twice_t = 0;
        for (const auto& [j, w] : mine) {
            const auto& theirs = graph.links[j];
            auto a = mine.begin();
            auto b = theirs.begin();
            while (a != mine.end() && b != theirs.end()) {
                if (a->first < b->first) ++a;
                else if (b->first < a->first) ++b;
                else {
                    ++twice_t;
                    ++a;
                    ++b;
                }
            }
        }
        out[i] = static_cast<double>(n) - static_cast<double>(twice_t) / static_cast<double>(n);
    }
    return out;
}

std::string structure_sentence(std::size_t links, double effective_size) {
    if (links < 2) return "";
    char size[32];
    std::snprintf(size, sizeof size, "%.1f", effective_size);
    const std::string of = " (effective size " + std::string(size) + " of " + std::to_string(links) + ")";
    const double share = effective_size / static_cast<double>(links);
    const std::string n = std::to_string(links);
    if (share >= 0.7)
        return "Of the " + n + " people linked to them, few know each other" + of +
               ": they join separate groups, so news from further away reaches you through them.";
    if (share <= 0.4)
        return "The " + n + " people linked to them mostly know each other" + of +
               ": a close group, where news travels fast but is mostly the same news.";
    return "Some of the " + n + " people linked to them know each other" + of +
           ": they sit partly inside one group and partly between groups.";
}

}  // namespace ties
