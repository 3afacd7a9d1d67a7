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

struct NetworkMapBuilder::Layout {
    Packer packer;
    std::vector<std::vector<std::size_t>> members;  // per cluster, then the people linked to nobody
};

NetworkMapBuilder::NetworkMapBuilder(const Store& store, const NetworkStats& stats, Date today)
    : store_(store), stats_(stats), today_(today) {
    graph_.emplace(store);
}

NetworkMapBuilder::~NetworkMapBuilder() = default;

double NetworkMapBuilder::progress() const {
    const double n = std::max<double>(1.0, static_cast<double>(map_.graph.people.size()));
    switch (phase_) {
        case Phase::Graph: return 0.0;
        case Phase::Communities: return 0.45;
        case Phase::Clusters: return 0.5 + 0.12 * static_cast<double>(next_) / std::max<double>(1.0, static_cast<double>(groups_.size()));
        case Phase::Effective: return 0.62 + 0.18 * static_cast<double>(next_) / n;
        case Phase::People: return 0.8 + 0.05 * static_cast<double>(next_) / n;
        case Phase::Regions:
            return 0.85 + 0.15 * static_cast<double>(next_) / std::max<double>(1.0, static_cast<double>(layout_->members.size()));
        case Phase::Done: return 1.0;
    }
    return 1.0;
}

bool NetworkMapBuilder::step(const Deadline& deadline) {
    constexpr std::size_t kSlice = 256;  // people between looks at the clock
    while (phase_ != Phase::Done) {  // a unit of work at least, then as many as the deadline allows
        switch (phase_) {
            case Phase::Graph:
                if (!graph_->step(deadline)) return false;
                map_.graph = graph_->take();
                graph_.reset();
                communities_.emplace(map_.graph);
                phase_ = Phase::Communities;
                return false;  // the next phase starts a step of its own: a unit of it may be long
            case Phase::Communities:
                if (!communities_->step(deadline)) return false;
                community_ = communities_->take();
                communities_.reset();
                phase_ = Phase::Clusters;
                return false;
            case Phase::Clusters: {
                if (next_ == 0) groups_ = community_groups(community_);
                const std::size_t end = std::min(next_ + 16, groups_.size());
                for (; next_ < end; ++next_)
                    if (auto cluster = cluster_of(store_, map_.graph, next_, groups_[next_], stats_, today_))
                        map_.clusters.push_back(std::move(*cluster));
                if (next_ < groups_.size()) break;
                groups_ = {};
                next_ = 0;
                sort_clusters(map_.clusters);
                cluster_of_community_.assign(map_.graph.people.size(), kNoCluster);
                for (std::size_t c = 0; c < map_.clusters.size(); ++c) cluster_of_community_[map_.clusters[c].community] = c;
                effective_.assign(map_.graph.people.size(), 0.0);
                phase_ = Phase::Effective;
                return false;
            }
            case Phase::Effective:
                effective_sizes(map_.graph, next_, next_ + kSlice, effective_);
                next_ += kSlice;
                if (next_ >= map_.graph.people.size()) {
                    next_ = 0;
                    map_.people.resize(map_.graph.people.size());
                    phase_ = Phase::People;
                }
                break;
            case Phase::People: {
                const std::size_t end = std::min(next_ + kSlice, map_.people.size());
                for (std::size_t i = next_; i < end; ++i) {
                    MapPerson& p = map_.people[i];
                    p.id = map_.graph.people[i];
                    const Contact& contact = *store_.contact(p.id);
                    p.strength = tie_score(contact, stats_.of(p.id), today_);
                    p.tier = contact.tier;
                    p.cluster = cluster_of_community_[community_[i]];
                    p.links = map_.graph.links[i].size();
                    p.effective_size = effective_[i];
                }
                next_ = end;
                if (next_ < map_.people.size()) break;
                // Members of each region, strongest first (then by id), and the bridges.
                layout_ = std::make_unique<Layout>();
                auto& members = layout_->members;
                members.resize(map_.clusters.size() + 1);
                for (std::size_t i = 0; i < map_.people.size(); ++i)
                    members[map_.people[i].cluster == kNoCluster ? map_.clusters.size() : map_.people[i].cluster].push_back(i);
                for (auto& list : members)
                    std::stable_sort(list.begin(), list.end(),
                                     [&](std::size_t a, std::size_t b) { return map_.people[a].strength > map_.people[b].strength; });
                for (std::size_t c = 0; c < map_.clusters.size(); ++c)
                    if (map_.clusters[c].bridge)
                        for (const std::size_t i : members[c])
                            if (stats_.of(map_.people[i].id).last_touch) map_.people[i].bridge = true;
                next_ = 0;
                phase_ = Phase::Regions;
                break;
            }
            case Phase::Regions: {
                // Regions: the clusters largest first, then the people linked to nobody.
                auto& members = layout_->members;
                for (std::size_t placed = 0; next_ < members.size() && placed < 16; ++next_) {
                    std::vector<std::size_t>& list = members[next_];
                    if (list.empty()) continue;
                    ++placed;
                    MapRegion region;
                    region.cluster = next_ < map_.clusters.size() ? next_ : kNoCluster;
                    region.radius = disc_radius(list.size());
                    std::tie(region.x, region.y) = layout_->packer.place(region.radius);
                    map_.extent = std::max(map_.extent, std::hypot(region.x, region.y) + region.radius);
                    for (std::size_t k = 0; k < list.size(); ++k) {
                        MapPerson& p = map_.people[list[k]];
                        const float distance = kSpacing * 0.62f * std::sqrt(static_cast<float>(k) + 0.5f);
                        const float angle = static_cast<float>(k) * kGoldenAngle;
                        p.x = region.x + distance * std::cos(angle);
                        p.y = region.y + distance * std::sin(angle);
                    }
                    region.members = std::move(list);
                    map_.regions.push_back(std::move(region));
                }
                if (next_ < members.size()) break;
                layout_.reset();
                community_ = {};
                cluster_of_community_ = {};
                effective_ = {};
                phase_ = Phase::Done;
                break;
            }
            case Phase::Done: break;
        }
        if (phase_ != Phase::Done && deadline.passed()) return false;
    }
    return true;
}

NetworkMap build_network_map(const Store& store, const NetworkStats& stats, Date today) {
    NetworkMapBuilder builder(store, stats, today);
    while (!builder.step(Deadline::never())) {
    }
    return builder.take();
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
