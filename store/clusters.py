"""The cluster graph in the database: edges read from stored relations, clusters written back.

`claims.cluster` decides the clusters; this module reads the edges of the components
that changed and writes the result, reusing cluster ids so reviewers' links stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session

from claims.cluster import ClusterEdge, communities, reuse_cluster_ids
from store.models import Claim, ClaimRelation, Cluster, Conflict, utcnow

# Ids per IN (...) list: far below PostgreSQL's bind-parameter limit.
_CHUNK = 5_000

_EDGE = or_(
    ClaimRelation.relation.in_(("agree", "conflict")),
    and_(ClaimRelation.relation == "related", ClaimRelation.temporal.is_(True)),
)


@dataclass(frozen=True, slots=True)
class ClusterChanges:
    """What writing clusters did: how many clusters the claims now form, made, removed."""

    clusters: int
    clustered_claims: int
    created: int
    removed: int

    def line(self) -> str:
        return (
            f"clusters: {self.clusters} ({self.created} new, {self.removed} removed); "
            f"claims in a cluster: {self.clustered_claims}"
        )


def _edge_rows(session: Session, claim_ids: list[int]) -> list[ClusterEdge]:
    edges = []
    for start in range(0, len(claim_ids), _CHUNK):
        chunk = claim_ids[start : start + _CHUNK]
        rows = session.execute(
            select(ClaimRelation.claim_a_id, ClaimRelation.claim_b_id, ClaimRelation.score).where(
                _EDGE,
                or_(ClaimRelation.claim_a_id.in_(chunk), ClaimRelation.claim_b_id.in_(chunk)),
            )
        )
        edges += [ClusterEdge(a, b, score) for a, b, score in rows]
    return edges


def component_edges(
    session: Session, claim_ids: Iterable[int]
) -> tuple[set[int], list[ClusterEdge]]:
    """Every claim connected to the given ones through cluster edges, and those edges."""
    members = {int(i) for i in claim_ids}
    edges: set[ClusterEdge] = set()
    frontier = sorted(members)
    while frontier:
        found = _edge_rows(session, frontier)
        edges.update(found)
        reached = {n for e in found for n in (e.a, e.b)}
        frontier = sorted(reached - members)
        members |= reached
    return members, sorted(edges, key=lambda e: (e.a, e.b))


def all_edges(session: Session) -> list[ClusterEdge]:
    rows = session.execute(
        select(ClaimRelation.claim_a_id, ClaimRelation.claim_b_id, ClaimRelation.score)
        .where(_EDGE)
        .order_by(ClaimRelation.claim_a_id, ClaimRelation.claim_b_id)
    )
    return [ClusterEdge(a, b, score) for a, b, score in rows]


def _current(session: Session, members: list[int]) -> dict[int, int | None]:
    current: dict[int, int | None] = {}
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        rows = session.execute(select(Claim.id, Claim.cluster_id).where(Claim.id.in_(chunk)))
        current.update({claim_id: cluster_id for claim_id, cluster_id in rows})
    return current


def write_clusters(
    session: Session, members: Iterable[int], edges: list[ClusterEdge]
) -> ClusterChanges:
    """Cluster `members` (whole components) from their edges and store the result.

    Claims of the components in no community of two lose their cluster; clusters left
    without claims are deleted; queue items follow their pair's first claim.
    """
    members = sorted(set(members))
    current = _current(session, members)
    groups = communities(edges)
    chosen = reuse_cluster_ids(groups, current)
    assignment: dict[int, int | None] = dict.fromkeys(members)
    created = 0
    for group, cluster_id in zip(groups, chosen, strict=True):
        if cluster_id is None:
            cluster = Cluster()
            session.add(cluster)
            session.flush()
            cluster_id, created = cluster.id, created + 1
        assignment.update(dict.fromkeys(group, cluster_id))
    changed = [
        {"id": claim_id, "cluster_id": cluster_id}
        for claim_id, cluster_id in assignment.items()
        if current.get(claim_id) != cluster_id
    ]
    if changed:
        session.execute(update(Claim), changed)
    before = {c for c in current.values() if c is not None}
    after = {c for c in assignment.values() if c is not None}
    emptied = sorted(
        c
        for c in before - after
        if session.scalar(select(Claim.id).where(Claim.cluster_id == c).limit(1)) is None
    )
    if emptied:
        session.execute(delete(Cluster).where(Cluster.id.in_(emptied)))
    touched = sorted({assignment[c["id"]] for c in changed} - {None})
    if touched:
        # The review queue shows clusters that changed since it was last read.
        session.execute(update(Cluster).where(Cluster.id.in_(touched)).values(updated_at=utcnow()))
    # Only a claim that changed cluster can leave its queue items behind: each item took
    # its first claim's cluster when it was opened, and followed every change since.
    _queue_items_follow(session, sorted(c["id"] for c in changed))
    session.flush()
    return ClusterChanges(
        clusters=len(after),
        clustered_claims=sum(len(g) for g in groups),
        created=created,
        removed=len(emptied),
    )


def _queue_items_follow(session: Session, members: list[int]) -> None:
    """A queue item's cluster is its pair's first claim's."""
    first_claims_cluster = (
        select(Claim.cluster_id)
        .join(ClaimRelation, ClaimRelation.claim_a_id == Claim.id)
        .where(ClaimRelation.id == Conflict.relation_id)
        .scalar_subquery()
    )
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        related = select(ClaimRelation.id).where(ClaimRelation.claim_a_id.in_(chunk))
        session.execute(
            update(Conflict)
            .where(Conflict.relation_id.in_(related))
            .values(cluster_id=first_claims_cluster)
        )


def recluster_all(session: Session) -> ClusterChanges:
    """Every cluster recomputed from every stored relation: what incremental ingest gives."""
    members = sorted(session.scalars(select(Claim.id)))
    return write_clusters(session, members, all_edges(session))
