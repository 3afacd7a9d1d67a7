#include "core/graph.hpp"

#include "core/strength.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace ties {
namespace {

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

GraphBuilder::GraphBuilder(const Store& store) : store_(store), next_touch_(store.interactions().begin()) {
    for (const auto& [id, contact] : store.contacts())
        if (!contact.meta.deleted && !contact.archived) graph_.people.push_back(id);
    std::sort(graph_.people.begin(), graph_.people.end());
}

void GraphBuilder::link(std::size_t a, std::size_t b, double weight) {
    if (a == b) return;
    if (a > b) std::swap(a, b);
    weights_[(std::uint64_t{a} << 32) | b] += weight;
}

// Everyone listed on one record, each pair once (a person listed twice counts once).
void GraphBuilder::link_all(const std::vector<Id>& ids, double weight) {
    if (ids.size() < 2) return;
    std::vector<std::size_t> people;
    for (const Id& id : ids)
        if (const std::size_t i = graph_.index_of(id); i < graph_.people.size()) people.push_back(i);
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    if (people.size() < 2 || people.size() > kMaxPeoplePerTouch) return;
    for (std::size_t x = 0; x < people.size(); ++x)
        for (std::size_t y = x + 1; y < people.size(); ++y) link(people[x], people[y], weight);
}

// Each phase does a slice (a few hundred items) between looks at the clock, at least one slice a
// step; iterators into the store and the maps stay valid because nothing is added to them
// meanwhile (the store must not change between steps).
bool GraphBuilder::step(const Deadline& deadline) {
    constexpr std::size_t kSlice = 256;
    while (phase_ != Phase::Done) {
        switch (phase_) {
            case Phase::Touches: {
                const auto end = store_.interactions().end();
                for (std::size_t n = 0; n < kSlice * 2 && next_touch_ != end; ++n, ++next_touch_) {
                    const Interaction& interaction = next_touch_->second;
                    if (!interaction.meta.deleted && interaction.kind != InteractionKind::Ask)  // an ask's people need not know each other
                        link_all(interaction.participants, kSharedTouchWeight);
                }
                if (next_touch_ == end) phase_ = Phase::Events;
                break;
            }
            case Phase::Events:
                for (const auto& [id, event] : store_.events())
                    if (!event.meta.deleted) link_all(event.attendees, kSharedEventWeight);
                phase_ = Phase::People;
                break;
            case Phase::People: {
                const std::size_t end = std::min(next_ + kSlice * 4, graph_.people.size());
                for (std::size_t i = next_; i < end; ++i) {
                    const Contact& c = *store_.contact(graph_.people[i]);
                    if (c.introduced_by)
                        if (const std::size_t by = graph_.index_of(*c.introduced_by); by < graph_.people.size())
                            link(i, by, kIntroductionWeight);
                    if (const std::string_view company = trim(c.company); !company.empty())
                        companies_[ascii_lowercase(company)].push_back(i);
                }
                next_ = end;
                if (next_ == graph_.people.size()) {
                    next_company_ = companies_.begin();
                    phase_ = Phase::Companies;
                }
                break;
            }
            case Phase::Companies: {
                std::size_t work = 0;
                for (; next_company_ != companies_.end() && work < kSlice * 16; ++next_company_) {
                    const std::vector<std::size_t>& colleagues = next_company_->second;
                    if (colleagues.size() <= kMaxCompanyClique) {
                        for (std::size_t x = 0; x < colleagues.size(); ++x)
                            for (std::size_t y = x + 1; y < colleagues.size(); ++y) link(colleagues[x], colleagues[y], kSameCompanyWeight);
                        work += colleagues.size() * colleagues.size() / 2 + 1;
                    } else {
                        for (std::size_t x = 1; x < colleagues.size(); ++x) link(colleagues.front(), colleagues[x], kSameCompanyWeight);
                        work += colleagues.size();
                    }
                }
                if (next_company_ == companies_.end()) {
                    companies_.clear();
                    graph_.links.assign(graph_.people.size(), {});
                    next_link_ = weights_.begin();
                    phase_ = Phase::Links;
                }
                break;
            }
            case Phase::Links:  // laid out per person
                for (std::size_t n = 0; n < kSlice * 16 && next_link_ != weights_.end(); ++n, ++next_link_) {
                    const auto [key, weight] = *next_link_;
                    const auto a = static_cast<std::size_t>(key >> 32), b = static_cast<std::size_t>(key & 0xFFFFFFFFu);
                    graph_.links[a].emplace_back(b, weight);
                    graph_.links[b].emplace_back(a, weight);
                }
                if (next_link_ == weights_.end()) {
                    weights_.clear();
                    next_ = 0;
                    phase_ = Phase::Sort;
                }
                break;
            case Phase::Sort: {  // each list ascending
                const std::size_t end = std::min(next_ + kSlice * 4, graph_.people.size());
                for (std::size_t i = next_; i < end; ++i) std::sort(graph_.links[i].begin(), graph_.links[i].end());
                next_ = end;
                if (next_ == graph_.people.size()) phase_ = Phase::Done;
                break;
            }
            case Phase::Done: break;
        }
        if (phase_ != Phase::Done && deadline.passed()) return false;
    }
    return true;
}

PeopleGraph build_graph(const Store& store) {
    GraphBuilder builder(store);
    while (!builder.step(Deadline::never())) {
    }
    return builder.take();
}

CommunityFinder::CommunityFinder(const PeopleGraph& graph, std::uint64_t seed) : graph_(graph) {
    const std::size_t n = graph.people.size();
    label_.resize(n);
    for (std::size_t i = 0; i < n; ++i) label_[i] = i;
    order_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) order_.emplace_back(mix(graph.people[i].hi ^ mix(graph.people[i].lo ^ seed)), i);
    std::sort(order_.begin(), order_.end());
}

// Each person takes the label that weighs most among their links (the smallest at a tie, so the
// result is the same on every run), until nobody changes or a round limit.
bool CommunityFinder::step(const Deadline& deadline) {
    std::unordered_map<std::size_t, double> weight;
    while (!done_) {
        bool changed = false;
        for (const auto& [key, i] : order_) {
            if (graph_.links[i].empty()) continue;
            weight.clear();
            for (const auto& [j, w] : graph_.links[i]) weight[label_[j]] += w;
            std::size_t best = label_[i];
            double best_weight = -1;
            for (const auto& [l, w] : weight)
                if (w > best_weight || (w == best_weight && l < best)) {
                    best = l;
                    best_weight = w;
                }
            // Keep one's own label when it ties for the most: stops two labels swapping forever.
            if (const auto own = weight.find(label_[i]); own != weight.end() && own->second == best_weight) continue;
            label_[i] = best;
            changed = true;
        }
        if (changed && ++round_ < 100) {
            if (deadline.passed()) return false;
            continue;
        }
        // Renumber 0, 1, 2, ... by each community's first member.
        std::unordered_map<std::size_t, std::size_t> number;
        community_.resize(label_.size());
        for (std::size_t i = 0; i < label_.size(); ++i) community_[i] = number.try_emplace(label_[i], number.size()).first->second;
        done_ = true;
    }
    return true;
}

std::vector<std::size_t> find_communities(const PeopleGraph& graph, std::uint64_t seed) {
    CommunityFinder finder(graph, seed);
    while (!finder.step(Deadline::never())) {
    }
    return finder.take();
}

std::vector<Cluster> find_clusters(const Store& store, const NetworkStats& stats, Date today, std::uint64_t seed) {
    const PeopleGraph graph = build_graph(store);
    return clusters_of(store, graph, find_communities(graph, seed), stats, today);
}

std::vector<std::vector<std::size_t>> community_groups(const std::vector<std::size_t>& community) {
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < community.size(); ++i) {
        if (community[i] >= groups.size()) groups.resize(community[i] + 1);
        groups[community[i]].push_back(i);
    }
    return groups;
}

std::optional<Cluster> cluster_of(const Store& store, const PeopleGraph& graph, std::size_t number,
                                  const std::vector<std::size_t>& group, const NetworkStats& stats, Date today) {
    if (group.size() < 2) return std::nullopt;
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
    return cluster;
}

void sort_clusters(std::vector<Cluster>& clusters) {
    std::sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) {
        if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
        if (a.label != b.label) return a.label < b.label;
        return a.members.front() < b.members.front();
    });
}

std::vector<Cluster> clusters_of(const Store& store, const PeopleGraph& graph, const std::vector<std::size_t>& community,
                                 const NetworkStats& stats, Date today) {
    const std::vector<std::vector<std::size_t>> groups = community_groups(community);
    std::vector<Cluster> clusters;
    for (std::size_t number = 0; number < groups.size(); ++number)
        if (auto cluster = cluster_of(store, graph, number, groups[number], stats, today)) clusters.push_back(std::move(*cluster));
    sort_clusters(clusters);
    return clusters;
}

void effective_sizes(const PeopleGraph& graph, std::size_t begin, std::size_t end, std::vector<double>& out) {
    for (std::size_t i = begin; i < end && i < graph.people.size(); ++i) {
        const auto& mine = graph.links[i];
        const std::size_t n = mine.size();
        if (n == 0) {
            out[i] = 0.0;
            continue;
        }
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
}

std::vector<double> effective_sizes(const PeopleGraph& graph) {
    std::vector<double> out(graph.people.size(), 0.0);
    effective_sizes(graph, 0, graph.people.size(), out);
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
