#!/usr/bin/python3
"""Checks a GraphML file from `ties export --format graphml` with NetworkX (Debian's
python3-networkx, so /usr/bin/python3): it opens, holds the people and links Ties said it wrote,
its `community` attribute is a partition of the people, and NetworkX's own community finding
(Louvain, seeded) finds as many communities of two or more as Ties did.

    tests/graph/networkx_check.py FILE PEOPLE LINKS CLUSTERS
"""
import sys

import networkx as nx


def main() -> int:
    path, people, links, clusters = sys.argv[1], *map(int, sys.argv[2:5])
    graph = nx.read_graphml(path)
    problems = []
    if graph.number_of_nodes() != people:
        problems.append(f"{graph.number_of_nodes()} nodes, Ties wrote {people}")
    if graph.number_of_edges() != links:
        problems.append(f"{graph.number_of_edges()} edges, Ties wrote {links}")
    ours: dict[int, set] = {}
    for node, data in graph.nodes(data=True):
        ours.setdefault(int(data["community"]), set()).add(node)
    found = [members for number, members in ours.items() if number >= 0]
    if len(found) != clusters:
        problems.append(f"{len(found)} communities in the file, Ties said {clusters}")
    theirs = [c for c in nx.community.louvain_communities(graph, weight="weight", seed=1) if len(c) >= 2]
    if len(theirs) != clusters:
        problems.append(f"NetworkX's Louvain finds {len(theirs)} communities of two or more, Ties {clusters}")
    if sorted(map(sorted, theirs)) != sorted(map(sorted, found)):
        problems.append("NetworkX's communities differ from Ties'")
    for problem in problems:
        print(f"networkx_check: {problem}")
    if not problems:
        print(f"networkx_check: {people} people, {links} links, {clusters} communities, as NetworkX {nx.__version__} finds them")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
