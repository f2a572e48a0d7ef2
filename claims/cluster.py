"""Cross-source claim clusters as a view over the relation graph.

Claims are tied by what relating concluded, not by raw closeness: an agreement, a
conflict, or one story told at two moments (a related pair with `temporal`). Within
each connected component, communities of maximal modularity (Louvain, networkx)
become clusters, so one loose edge cannot chain two stories into one. A component is
always clustered from its own edges alone, in a fixed order: adding claims article by
article gives the same clusters as clustering every edge at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

# Relations that say two claims are about one happening.
_SAME_STORY = frozenset({"agree", "conflict"})
# Louvain's random choices are seeded: the same graph always gives the same clusters.
_SEED = 0


@dataclass(frozen=True, slots=True)
class ClusterEdge:
    """Two claims (a < b) tied by a relation, weighted by the relation's score."""

    a: int
    b: int
    weight: float


def ties_a_cluster(relation: str, temporal: bool) -> bool:
    """Whether a stored relation is an edge of the cluster graph."""
    return relation in _SAME_STORY or (relation == "related" and temporal)


def communities(edges: Iterable[ClusterEdge]) -> list[list[int]]:
    """Clusters of two or more claims, each sorted, in order of their smallest id."""
    graph = nx.Graph()
    for edge in sorted(edges, key=lambda e: (e.a, e.b)):
        graph.add_edge(edge.a, edge.b, weight=max(edge.weight, 1e-6))
    groups: list[list[int]] = []
    for component in sorted(nx.connected_components(graph), key=min):
        if len(component) <= 2:
            groups.append(sorted(component))
            continue
        # A graph of its own with nodes and edges in sorted order, so the result
        # depends on the component alone, not on when its claims arrived.
        sub = nx.Graph()
        sub.add_nodes_from(sorted(component))
        sub.add_weighted_edges_from(
            sorted((min(u, v), max(u, v), w) for u, v, w in graph.edges(component, "weight"))
        )
        parts = nx.community.louvain_communities(sub, weight="weight", seed=_SEED)
        groups += [sorted(part) for part in parts if len(part) >= 2]
    return sorted(groups)


def reuse_cluster_ids(
    groups: list[list[int]], current: Mapping[int, int | None]
) -> list[int | None]:
    """Keep a group's cluster id when most of its claims already had it (ids stay stable);
    None where a new cluster is needed. Larger groups choose first."""
    taken: set[int] = set()
    chosen: list[int | None] = [None] * len(groups)
    for position in sorted(range(len(groups)), key=lambda i: (-len(groups[i]), groups[i])):
        votes = Counter(current.get(c) for c in groups[position])
        for cluster_id, _ in votes.most_common():
            if cluster_id is not None and cluster_id not in taken:
                taken.add(cluster_id)
                chosen[position] = cluster_id
                break
    return chosen
