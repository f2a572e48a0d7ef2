"""Cross-source claim clusters: claims of different sources that state the same thing.

Two claims are *linked* when both are check-worthy, come from different sources,
their embeddings are close (cosine ≥ threshold) and their slots do not rule the
pairing out. Clusters are the connected components of that link graph, so adding
claims one article at a time gives the same clusters as clustering everything at
once (up to neighbours cut off by the search's top-k). Candidates come from one
batched nearest-neighbour search; nothing here loops over the vector space.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from claims.model import ClaimSlots

# Cosine above which two claims are candidates for one cluster with the default
# embedder (use-m3+denoise). Tuned on tests/fixtures/restatements/gold_pairs.json
# with `bench/bench_cluster.py --sweep`: pairwise precision is 1.0 from 0.60 up
# (recall 0.57 at 0.60 and 0.62, 0.49 at 0.64), 0.85 at 0.58 and 0.52 at 0.56, where
# single-link chaining starts to merge stories. 0.60 is the most recall at full precision.
LINK_THRESHOLD = 0.60
# How many neighbours each new claim considers; restatements of one claim across
# sources rarely exceed a handful, so 32 leaves wide room for ties.
NEIGHBOURS = 32


@dataclass(frozen=True, slots=True)
class ClaimPoint:
    """What clustering needs to know about one claim besides its vector."""

    claim_id: int
    source: Hashable
    check_worthy: bool = True
    slots: ClaimSlots = field(default_factory=ClaimSlots)


@dataclass(slots=True)
class ClusterUpdate:
    """Changes to apply after a batch of new claims.

    `joins` puts claims into existing clusters, `merges` folds whole clusters into
    a surviving one (the oldest id), `new_clusters` are groups that need a new row.
    Claims linked to nothing stay unclustered: one source is not a cluster.
    """

    joins: dict[int, int] = field(default_factory=dict)
    merges: dict[int, int] = field(default_factory=dict)
    new_clusters: list[list[int]] = field(default_factory=list)


def _overlap_or_unknown(a: Sequence[str], b: Sequence[str]) -> bool | None:
    if not a or not b:
        return None
    return bool(set(a) & set(b))


# Event types that can tell one happening from different sides: a deployment is also
# an arrival, a withdrawal is what a deployment report disputes, a killing comes from
# an attack, a cancelled agreement was a signed one. Speech acts (statement, accuse,
# deny) are about some other event, so they never separate claims.
_EVENT_FAMILY = {
    "deploy": "presence",
    "arrive": "presence",
    "train": "presence",
    "withdraw": "presence",
    "establish": "presence",
    "kill": "violence",
    "attack": "violence",
    "sign": "agreement",
    "cancel": "agreement",
}
_SPEECH_EVENTS = frozenset({"statement", "accuse", "deny"})


def _events_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a in _SPEECH_EVENTS or b in _SPEECH_EVENTS:
        return True
    return _EVENT_FAMILY.get(a, a) == _EVENT_FAMILY.get(b, b)


def slots_compatible(a: ClaimSlots, b: ClaimSlots) -> bool:
    """Whether two claims may be about the same event, judged from their slots.

    Unknown slots never separate claims; event types of different families do. Actors and
    places must share at least one entity where both claims name some; when both
    kinds are known, one overlap is enough, so "Russia sent troops to Mali" and
    "Russia sent troops to Niger" still cluster (a place conflict to review).
    """
    if not _events_compatible(a.event_type, b.event_type):
        return False
    known = [
        found
        for found in (
            _overlap_or_unknown(a.actors, b.actors),
            _overlap_or_unknown(a.places, b.places),
        )
        if found is not None
    ]
    return not known or any(known)


def candidate_links(
    query_ids: Sequence[int],
    neighbour_ids: np.ndarray,
    neighbour_scores: np.ndarray,
    points: Mapping[int, ClaimPoint],
    *,
    threshold: float = LINK_THRESHOLD,
) -> list[tuple[int, int]]:
    """Links (a < b) from a top-k search matrix: row i holds the neighbours of query_ids[i].

    The similarity test is one vectorised mask over the matrix; only the few pairs
    above the threshold reach the per-pair slot and source checks.
    """
    neighbour_ids = np.asarray(neighbour_ids, dtype=np.int64)
    query = np.asarray(query_ids, dtype=np.int64)[:, None]
    mask = (np.asarray(neighbour_scores) >= threshold) & (neighbour_ids >= 0)
    mask &= neighbour_ids != query
    rows, cols = np.nonzero(mask)
    links: set[tuple[int, int]] = set()
    for a_id, b_id in zip(query[rows, 0].tolist(), neighbour_ids[rows, cols].tolist(), strict=True):
        a, b = points.get(a_id), points.get(b_id)
        if a is None or b is None or not (a.check_worthy and b.check_worthy):
            continue
        if a.source == b.source or not slots_compatible(a.slots, b.slots):
            continue
        links.add((min(a_id, b_id), max(a_id, b_id)))
    return sorted(links)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[Hashable]]:
        members: dict[Hashable, list[Hashable]] = {}
        for item in list(self.parent):
            members.setdefault(self.find(item), []).append(item)
        return list(members.values())


def cluster_components(links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Full clustering: connected components of the link graph (sorted, for comparison)."""
    union = _UnionFind()
    for a, b in links:
        union.union(a, b)
    return sorted(sorted(group) for group in union.groups())


def plan_cluster_update(
    links: Iterable[tuple[int, int]], current: Mapping[int, int | None]
) -> ClusterUpdate:
    """Incremental clustering: fold new links into the clusters claims already have.

    `current` maps every claim a link touches to its cluster id (None if unclustered).
    A component holding several existing clusters merges them into the oldest; one
    holding none becomes a new cluster.
    """
    union = _UnionFind()
    for a, b in links:
        union.union(("claim", a), ("claim", b))
        for claim_id in (a, b):
            cluster_id = current.get(claim_id)
            if cluster_id is not None:
                union.union(("claim", claim_id), ("cluster", cluster_id))
    update = ClusterUpdate()
    for group in union.groups():
        claims = sorted(key[1] for key in group if key[0] == "claim")
        clusters = sorted(key[1] for key in group if key[0] == "cluster")
        if not clusters:
            update.new_clusters.append(claims)
            continue
        survivor = clusters[0]
        update.merges.update({other: survivor for other in clusters[1:]})
        update.joins.update(
            {claim_id: survivor for claim_id in claims if current.get(claim_id) != survivor}
        )
    update.new_clusters.sort()
    return update
