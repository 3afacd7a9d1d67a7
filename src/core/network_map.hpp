// The Map's content (issue 16): every live person placed on a plane, grouped by the cluster of the
// network they belong to, with the facts the Map, the person page and Today say about them.
//
// Layout is per-cluster placement, not a force simulation: each cluster is a disc whose area
// grows with its members, discs are packed along a spiral around you (largest nearest), and the
// members sit on a sunflower pattern inside their disc, strongest tie at the centre. It is
// deterministic, O(people + clusters²) and needs no iterations, so the whole map of 10,000 people
// is laid out in milliseconds once the clusters are known; the clusters themselves (graph.hpp)
// are the expensive part and are computed once per change of the store.
#pragma once

#include "core/graph.hpp"
#include "core/network_stats.hpp"
#include "core/store.hpp"
#include "core/today.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ties {

inline constexpr std::size_t kNoCluster = static_cast<std::size_t>(-1);

struct MapPerson {
    Id id;
    float x = 0, y = 0;      // on the map's plane; you are at (0, 0); one unit is the space per person
    double strength = 0;     // tie_score, 0..1
    Tier tier = Tier::None;  // their circle, for colouring without looking them up each frame
    std::size_t cluster = kNoCluster;  // index into NetworkMap::clusters, none for people linked to nobody
    bool bridge = false;     // your only link into their cluster
    std::size_t links = 0;   // people linked to them in the graph
    double effective_size = 0;  // Burt's, see graph.hpp
};

struct MapRegion {
    float x = 0, y = 0, radius = 0;
    std::size_t cluster = kNoCluster;  // kNoCluster: the people linked to nobody else
    std::vector<std::size_t> members;  // into NetworkMap::people, strongest first (then by id)
};

struct NetworkMap {
    PeopleGraph graph;               // who is linked to whom; graph.people[i] is people[i]
    std::vector<Cluster> clusters;   // largest first, as find_clusters
    std::vector<MapRegion> regions;  // one per cluster, then (when any) one for people linked to nobody
    std::vector<MapPerson> people;   // by id
    float extent = 0;                // every region lies within this distance of (0, 0)

    const MapPerson* person(Id id) const;  // null when not on the map (archived, deleted)
};

NetworkMap build_network_map(const Store& store, const NetworkStats& stats, Date today);

// build_network_map in steps (see GraphBuilder): each step() works until its deadline and returns
// true once the map is done; progress() says how far along it is, for the page to show. The store
// and the statistics must not change between steps (start again when they do).
class NetworkMapBuilder {
public:
    NetworkMapBuilder(const Store& store, const NetworkStats& stats, Date today);
    NetworkMapBuilder(const NetworkMapBuilder&) = delete;
    NetworkMapBuilder& operator=(const NetworkMapBuilder&) = delete;
    ~NetworkMapBuilder();

    bool step(const Deadline& deadline);
    double progress() const;  // 0 to 1
    NetworkMap take() { return std::move(map_); }

private:
    enum class Phase { Graph, Communities, Clusters, Effective, People, Regions, Done };
    struct Layout;  // the packer and the regions' members, while placing

    const Store& store_;
    const NetworkStats& stats_;
    Date today_;
    Phase phase_ = Phase::Graph;
    std::optional<GraphBuilder> graph_;
    std::optional<CommunityFinder> communities_;
    std::vector<std::size_t> community_, cluster_of_community_;
    std::vector<std::vector<std::size_t>> groups_;  // the members of each community, while finding the clusters
    std::vector<double> effective_;
    std::size_t next_ = 0;  // the next person (Effective, People) or region (Regions)
    std::unique_ptr<Layout> layout_;
    NetworkMap map_;
};

// The clusters a person connects you to: their own first, then the clusters of the people linked
// to them (most links first), with how many of their links lie in each.
struct ClusterReach {
    std::size_t cluster = kNoCluster;
    std::size_t links = 0;
    bool own = false;
};
std::vector<ClusterReach> clusters_through(const NetworkMap& map, Id person);

// Why a person matters on the map, in one line: "Your only link to Fjord Labs (12 people)",
// "Your strongest tie in Berlin · rust", "One of 8 in Fjord Labs", "Linked to nobody else you know".
std::string why_on_map(const NetworkMap& map, const MapPerson& person);

// The bridge reason Today and the person page give: "Maya Lind is your only link to Fjord Labs
// (12 people); you last talked 8 months ago." Empty unless the person is a bridge.
std::string bridge_reason(const NetworkMap& map, const MapPerson& person, const std::string& name,
                          std::optional<Date> last_touch, Date today);

// Bridges going cold, for Today: people who are your only link into a cluster and whom you last
// talked to at least `min_days` ago (snoozed people left out), longest silence first, then the
// larger cluster first.
inline constexpr std::int32_t kColdBridgeDays = 60;
std::vector<Id> cold_bridges(const NetworkMap& map, const Store& store, const NetworkStats& stats, Date today,
                             std::int32_t min_days = kColdBridgeDays);

// Opportunities dated from `from` to `to` that came through a bridge (one of their people is
// your only link into a cluster), by date then id: what weak ties as bridges brought you.
std::vector<Id> opportunities_through_bridges(const NetworkMap& map, const Store& store, Date from, Date to);

// "1 of your 4 opportunities came through a bridge, someone who is your only link into a group:
// Yui Yamamoto (Tern & Tide Studio)" (names: at most three, then "and N more").
std::string bridges_sentence(const NetworkMap& map, const Store& store, const std::vector<Id>& through_bridges,
                             std::int32_t opportunities);

}  // namespace ties
