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

// Discs packed in rings around (0, 0), in the order given (largest first): each goes round the
// ring it starts on, from where the last one was put, and takes the first spot where it overlaps
// none placed before it; a ring with no room sends it half a radius further out. The next disc
// starts from the inner edge of the last, so smaller discs fill the gaps near you. A grid of small
// cells, each listing the discs that reach into it, keeps every check local.
class Packer {
public:
    std::pair<float, float> place(float radius) {
        for (float distance = std::max(frontier_, kYouRadius + radius);; distance += std::max(0.5f, 0.5f * radius)) {
            const float step = std::max(0.005f, 0.5f * (radius + kMargin) / distance);  // half a disc along the ring
            const int steps = static_cast<int>(std::ceil(2.0f * std::numbers::pi_v<float> / step));
            for (int k = 0; k < steps; ++k) {
                const float angle = angle_ + static_cast<float>(k) * step;
                const float x = distance * std::cos(angle), y = distance * std::sin(angle);
                if (!free(x, y, radius)) continue;
                add(x, y, radius);
                angle_ = angle;
                frontier_ = std::max(kYouRadius, distance - radius);
                return {x, y};
            }
        }
    }

private:
    static constexpr float kCell = 4.0f;
    struct Disc {
        float x, y, r;
    };
    static long cell(float v) { return std::lround(std::floor(v / kCell)); }
    static std::uint64_t key(long x, long y) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) | static_cast<std::uint32_t>(y);
    }
    bool free(float x, float y, float r) const {
        const float reach = r + kMargin;
        for (long gx = cell(x - reach); gx <= cell(x + reach); ++gx)
            for (long gy = cell(y - reach); gy <= cell(y + reach); ++gy) {
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
        for (long gx = cell(x - r); gx <= cell(x + r); ++gx)
            for (long gy = cell(y - r); gy <= cell(y + r); ++gy) cells_[key(gx, gy)].push_back(discs_.size());
        discs_.push_back({x, y, r});
    }

    float angle_ = 0;
    float frontier_ = 0;
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
    Packer packer;
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
        region.members = std::move(members[r]);
        map.regions.push_back(std::move(region));
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
