// The network as GraphML (http://graphml.graphdrawing.org), for the tools people already use to
// study graphs: Gephi, NetworkX, yEd, Cytoscape. One node per live, unarchived person with what
// the Map knows of them (name, circle, company, city, cluster, strength, bridge, effective size,
// position on the Map), one undirected edge per link with its weight. You are not a node: every
// person is linked to you, which would only hide the structure among them.
#pragma once

#include "core/network_map.hpp"
#include "core/store.hpp"

#include <string>

namespace ties::io {

std::string write_graphml(const Store& store, const NetworkMap& map);

}  // namespace ties::io
