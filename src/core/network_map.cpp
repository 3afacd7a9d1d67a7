#include "core/network_map.hpp"

#include "core/strength.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>

namespace ties {
namespace {

constexpr float kSpacing = 1.0f;     // between neighbouring people in a cluster
constexpr float kMargin = 1.2f;      // around each cluster's disc
constexpr float kYouRadius = 2.5f;   // the space kept free around you at the centre
const float kGoldenAngle = static_cast<float>(std::numbers::pi * (3.0 - std::sqrt(5.0)));

float disc_radius(std::size_t members) {
    return kSpacing * 0.62f * std::sqrt(static_cast<float>(members)) + kSpacing;
}

// Discs packed along a spiral around (0, 0), in the order given: each takes the first spot on the
// spiral where it overlaps none placed before it. Cells of a coarse grid hold the placed discs so
// a spot is checked against its neighbourhood, not against every disc.
class Packer {
public:
    explicit Packer(float cell) : cell_(cell) {}

    std::pair<float, float> place(float radius) {
        float angle = angle_;
        for (;;) {
            const float distance = kYouRadius + radius + 0.35f * angle;
            const float x = distance * std::cos(angle), y = distance * std::sin(angle);
            if (free(x, y, radius)) {
                add(x, y, radius);
                angle_ = std::max(0.0f, angle - 1.0f);  // the next may fit just behind this one
                return {x, y};
            }
            angle += std::max(0.05f, 0.6f * (radius + kMargin) / distance);
        }
    }

private:
    struct Disc {
        float x, y, r;
    };
    std::pair<long, long> cell_of(float x, float y) const {
        return {std::lround(std::floor(x / cell_)), std::lround(std::floor(y / cell_))};
    }
    bool free(float x, float y, float r) const {
        const long reach = static_cast<long>(std::ceil((r + max_radius_ + kMargin) / cell_));
        const auto [cx, cy] = cell_of(x, y);
        for (long gx = cx - reach; gx <= cx + reach; ++gx)
            for (long gy = cy - reach; gy <= cy + reach; ++gy) {
                const auto it = cells_.find(key(gx, gy));
                if (it == cells_.end()) continue;
                for (const std::size_t d : it->second) {
                    const Disc& o = discs_[d];
                    const float need = r + o.r + kMargin;
                    if ((x - o.x) * (x - o.x) + (y - o.y) * (y - o.y) < need * need) return false;
                }
            }
        return true;
    }
    void add(float x, float y, float r) {
        const auto [cx, cy] = cell_of(x, y);
        cells_[key(cx, cy)].push_back(discs_.size());
        discs_.push_back({x, y, r});
        max_radius_ = std::max(max_radius_, r);
    }
    static std::uint64_t key(long x, long y) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) | static_cast<std::uint32_t>(y);
    }

    float cell_;
    float angle_ = 0;
    float max_radius_ = 0;
    std::vector<Disc> discs_;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> cells_;
};

std::string people_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

}  // namespace

const MapPerson* NetworkMap::person(Id id) const {
    const std::size_t i = graph.index_of(id);
    return i < people.size() ? &people[i] : nullptr;
}

NetworkMap build_network_map(const Store& store, const NetworkStats& stats, Date today) {
    NetworkMap map;
    map.graph = build_graph(store);
    const std::vector<std::size_t> community = find_communities(map.graph);
    map.clusters = clusters_of(store, map.graph, community, stats, today);
    const std::vector<double> effective = effective_sizes(map.graph);

    const std::size_t n = map.graph.people.size();
    map.people.resize(n);
    std::vector<std::size_t> cluster_of_community(n, kNoCluster);
    for (std::size_t c = 0; c < map.clusters.size(); ++c) cluster_of_community[map.clusters[c].community] = c;
    for (std::size_t i = 0; i < n; ++i) {
        MapPerson& p = map.people[i];
        p.id = map.graph.people[i];
        const Contact& contact = *store.contact(p.id);
        p.strength = tie_score(contact, stats.of(p.id), today);
        p.tier = contact.tier;
        p.cluster = cluster_of_community[community[i]];
        p.links = map.graph.links[i].size();
        p.effective_size = effective[i];
    }

    // Members of each region, strongest first (then by id), and the bridges.
    std::vector<std::vector<std::size_t>> members(map.clusters.size() + 1);
    for (std::size_t i = 0; i < n; ++i)
        members[map.people[i].cluster == kNoCluster ? map.clusters.size() : map.people[i].cluster].push_back(i);
    for (auto& list : members)
        std::stable_sort(list.begin(), list.end(),
                         [&](std::size_t a, std::size_t b) { return map.people[a].strength > map.people[b].strength; });
    for (std::size_t c = 0; c < map.clusters.size(); ++c)
        if (map.clusters[c].bridge)
            for (const std::size_t i : members[c])
                if (stats.of(map.people[i].id).last_touch) map.people[i].bridge = true;

    // Regions: the clusters largest first, then the people linked to nobody.
    float largest = 0;
    for (const auto& list : members) largest = std::max(largest, disc_radius(list.size()));
    Packer packer(std::max(4.0f, largest));
    for (std::size_t r = 0; r < members.size(); ++r) {
        if (members[r].empty()) continue;
        MapRegion region;
        region.cluster = r < map.clusters.size() ? r : kNoCluster;
        region.radius = disc_radius(members[r].size());
        std::tie(region.x, region.y) = packer.place(region.radius);
        map.extent = std::max(map.extent, std::hypot(region.x, region.y) + region.radius);
        for (std::size_t k = 0; k < members[r].size(); ++k) {
            MapPerson& p = map.people[members[r][k]];
            const float distance = kSpacing * 0.62f * std::sqrt(static_cast<float>(k) + 0.5f);
            const float angle = static_cast<float>(k) * kGoldenAngle;
            p.x = region.x + distance * std::cos(angle);
            p.y = region.y + distance * std::sin(angle);
        }
        map.regions.push_back(region);
    }
    return map;
}

std::vector<ClusterReach> clusters_through(const NetworkMap& map, Id person) {
    const std::size_t i = map.graph.index_of(person);
    std::vector<ClusterReach> out;
    if (i >= map.people.size()) return out;
    if (map.people[i].cluster != kNoCluster) out.push_back({map.people[i].cluster, 0, true});
    for (const auto& [j, weight] : map.graph.links[i]) {
        const std::size_t c = map.people[j].cluster;
        if (c == kNoCluster) continue;
        auto at = std::find_if(out.begin(), out.end(), [&](const ClusterReach& r) { return r.cluster == c; });
        if (at == out.end()) at = out.insert(out.end(), ClusterReach{c, 0, false});
        ++at->links;
    }
    std::stable_sort(out.begin() + (out.empty() || !out.front().own ? 0 : 1), out.end(),
                     [](const ClusterReach& a, const ClusterReach& b) {
                         return a.links != b.links ? a.links > b.links : a.cluster < b.cluster;
                     });
    return out;
}

std::string why_on_map(const NetworkMap& map, const MapPerson& person) {
    if (person.cluster == kNoCluster) return "Linked to nobody else you know";
    const Cluster& cluster = map.clusters[person.cluster];
    if (person.bridge)
        return "Your only link to " + cluster.label + " (" + people_count(cluster.members.size()) + ")";
    if (cluster.strongest == person.id) return "Your strongest tie in " + cluster.label;
    return "One of " + std::to_string(cluster.members.size()) + " in " + cluster.label;
}

std::string bridge_reason(const NetworkMap& map, const MapPerson& person, const std::string& name,
                          std::optional<Date> last_touch, Date today) {
    if (!person.bridge || person.cluster == kNoCluster) return "";
    const Cluster& cluster = map.clusters[person.cluster];
    std::string out = name + " is your only link to " + cluster.label + " (" + people_count(cluster.members.size()) + ")";
    if (last_touch) out += "; you last talked " + time_ago(today.days - last_touch->days);
    return out;
}

std::vector<Id> cold_bridges(const NetworkMap& map, const Store& store, const NetworkStats& stats, Date today,
                             std::int32_t min_days) {
    struct Cold {
        Id id;
        std::int32_t days;
        std::size_t size;
    };
    std::vector<Cold> cold;
    for (const MapPerson& person : map.people) {
        if (!person.bridge || person.cluster == kNoCluster) continue;
        const std::optional<Date> last = stats.of(person.id).last_touch;
        const Contact* c = store.contact(person.id);
        if (!last || !c || (c->snoozed_until && c->snoozed_until->days > today.days)) continue;
        if (const std::int32_t days = today.days - last->days; days >= min_days)
            cold.push_back({person.id, days, map.clusters[person.cluster].members.size()});
    }
    std::sort(cold.begin(), cold.end(), [](const Cold& a, const Cold& b) {
        if (a.days != b.days) return a.days > b.days;
        if (a.size != b.size) return a.size > b.size;
        return a.id < b.id;
    });
    std::vector<Id> out;
    for (const Cold& c : cold) out.push_back(c.id);
    return out;
}

std::vector<Id> opportunities_through_bridges(const NetworkMap& map, const Store& store, Date from, Date to) {
    std::vector<std::pair<Date, Id>> found;
    for (const auto& [id, o] : store.opportunities()) {
        if (o.meta.deleted || o.date < from || to < o.date) continue;
        if (std::any_of(o.contacts.begin(), o.contacts.end(), [&](Id person) {
                const MapPerson* p = map.person(person);
                return p && p->bridge;
            }))
            found.emplace_back(o.date, id);
    }
    std::sort(found.begin(), found.end());
    std::vector<Id> out;
    for (const auto& [date, id] : found) out.push_back(id);
    return out;
}

std::string bridges_sentence(const NetworkMap& map, const Store& store, const std::vector<Id>& through_bridges,
                             std::int32_t opportunities) {
    if (opportunities <= 0) return "";
    const std::size_t n = through_bridges.size();
    const std::string of = opportunities == 1 ? "your one opportunity" : "your " + std::to_string(opportunities) + " opportunities";
    if (n == 0)
        return opportunities == 1 ? "Your one opportunity did not come through a bridge (someone who is your only link into a group)"
                                  : "None of " + of + " came through a bridge (someone who is your only link into a group)";
    std::string out = (opportunities == 1 ? "Y" + of.substr(1)
                       : n == static_cast<std::size_t>(opportunities) ? "All " + of
                                                                      : std::to_string(n) + " of " + of) +
                      " came through a bridge, someone who is your only link into a group: ";
    std::vector<Id> people;  // the bridges, each once, in the order of the opportunities
    for (const Id& id : through_bridges)
        for (const Id& person : store.opportunity(id)->contacts)
            if (const MapPerson* p = map.person(person); p && p->bridge && std::find(people.begin(), people.end(), person) == people.end())
                people.push_back(person);
    for (std::size_t i = 0; i < people.size() && i < 3; ++i) {
        if (i > 0) out += ", ";
        const MapPerson& p = *map.person(people[i]);
        out += contact_label(*store.contact(people[i])) + " (" + map.clusters[p.cluster].label + ")";
    }
    if (people.size() > 3) out += " and " + std::to_string(people.size() - 3) + " more";
    return out;
}

}  // namespace ties
