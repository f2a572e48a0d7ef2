"""Clustering jobs: the adapter between the database, the faiss index and `claims.cluster`.

`cluster_new_claims` runs inside an ingest transaction and never commits;
`ClusterStage` plugs embedding + clustering into `service.jobs.ingest`;
`recluster_all` recomputes every cluster from the stored vectors.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from claims.cluster import (
    LINK_THRESHOLD,
    NEIGHBOURS,
    ClaimPoint,
    ClusterUpdate,
    candidate_links,
    cluster_components,
    plan_cluster_update,
)
from claims.embed import Embedder
from claims.model import ClaimSlots
from claims.slots.anaphora import stored_reading
from store.index import ClaimIndex
from store.models import Article, Claim, ClaimRelation, Cluster, Conflict, utcnow
from store.vectors import load_vectors, save_vectors

# Queries per faiss call in a full recluster: bounds the (batch, k) result matrices.
_SEARCH_BATCH = 1024


@dataclass(frozen=True, slots=True)
class ReclusterSummary:
    clusters: int
    clustered_claims: int
    created: int
    removed: int

    def line(self) -> str:
        return (
            f"clusters: {self.clusters} ({self.created} new, {self.removed} removed); "
            f"claims in a cluster: {self.clustered_claims}"
        )


def _claim_points(session: Session, claim_ids: Sequence[int]) -> dict[int, ClaimPoint]:
    rows = session.execute(
        select(Claim.id, Article.source_id, Claim.check_worthy, Claim.slots)
        .join(Article, Claim.article_id == Article.id)
        .where(Claim.id.in_([int(i) for i in claim_ids]))
    ).all()
    return {
        row.id: ClaimPoint(row.id, row.source_id, row.check_worthy, ClaimSlots.from_dict(row.slots))
        for row in rows
    }


def _current_clusters(session: Session, claim_ids: Sequence[int]) -> dict[int, int | None]:
    rows = session.execute(select(Claim.id, Claim.cluster_id).where(Claim.id.in_(claim_ids)))
    return {row.id: row.cluster_id for row in rows}


def _neighbour_matrix(
    index: ClaimIndex, vectors: np.ndarray, batch_ids: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Neighbours among indexed claims and among the batch itself, side by side."""
    index_scores, index_ids = index.search(vectors, k)
    batch_scores = vectors @ vectors.T
    return (
        np.hstack([index_scores, batch_scores]),
        np.hstack([index_ids, np.broadcast_to(batch_ids, batch_scores.shape)]),
    )


def _links(
    session: Session, query_ids: np.ndarray, scores: np.ndarray, ids: np.ndarray, threshold: float
) -> list[tuple[int, int]]:
    close = np.unique(ids[(scores >= threshold) & (ids >= 0)])
    points = _claim_points(session, np.union1d(query_ids, close).tolist())
    return candidate_links(query_ids.tolist(), ids, scores, points, threshold=threshold)


def apply_cluster_update(session: Session, plan: ClusterUpdate) -> None:
    """Write a plan: new cluster rows, joins, then merges (claims and queue items follow)."""
    for members in plan.new_clusters:
        cluster = Cluster()
        session.add(cluster)
        session.flush()
        session.execute(update(Claim).where(Claim.id.in_(members)).values(cluster_id=cluster.id))
    by_cluster: dict[int, list[int]] = {}
    for claim_id, cluster_id in plan.joins.items():
        by_cluster.setdefault(cluster_id, []).append(claim_id)
    for cluster_id, members in by_cluster.items():
        session.execute(update(Claim).where(Claim.id.in_(members)).values(cluster_id=cluster_id))
    for absorbed, survivor in plan.merges.items():
        session.execute(
            update(Claim).where(Claim.cluster_id == absorbed).values(cluster_id=survivor)
        )
        session.execute(
            update(Conflict).where(Conflict.cluster_id == absorbed).values(cluster_id=survivor)
        )
    if plan.merges:
        session.execute(delete(Cluster).where(Cluster.id.in_(list(plan.merges))))
    touched = set(plan.joins.values()) | set(plan.merges.values())
    if touched:
        # The review queue shows clusters that changed since it was last read.
        session.execute(update(Cluster).where(Cluster.id.in_(touched)).values(updated_at=utcnow()))


def cluster_new_claims(
    session: Session,
    index: ClaimIndex,
    claim_ids: Sequence[int],
    vectors: np.ndarray,
    *,
    threshold: float = LINK_THRESHOLD,
    k: int = NEIGHBOURS,
) -> None:
    """Give freshly stored claims their cluster, creating or merging clusters as needed.

    Call inside the ingest transaction, after the claims have ids and before the
    index holds them; does not commit. Neighbours are searched in one batch.
    """
    if not len(claim_ids):
        return
    query_ids = np.asarray(claim_ids, dtype=np.int64)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    scores, ids = _neighbour_matrix(index, vectors, query_ids, k)
    links = _links(session, query_ids, scores, ids, threshold)
    if not links:
        return
    touched = sorted({claim_id for link in links for claim_id in link})
    session.flush()
    apply_cluster_update(session, plan_cluster_update(links, _current_clusters(session, touched)))
    session.flush()


def _reuse_cluster_ids(
    components: list[list[int]], current: dict[int, int | None]
) -> list[int | None]:
    """Keep a component's id when most of its claims already had it (ids stay stable)."""
    taken: set[int] = set()
    chosen: list[int | None] = [None] * len(components)
    for position in sorted(range(len(components)), key=lambda i: -len(components[i])):
        votes = Counter(current.get(c) for c in components[position])
        for cluster_id, _ in votes.most_common():
            if cluster_id is not None and cluster_id not in taken:
                taken.add(cluster_id)
                chosen[position] = cluster_id
                break
    return chosen


def recluster_all(
    session: Session,
    index: ClaimIndex,
    *,
    threshold: float = LINK_THRESHOLD,
    k: int = NEIGHBOURS,
) -> ReclusterSummary:
    """Recompute every cluster from the stored vectors; same result as incremental ingestion."""
    ids, vectors = load_vectors(session, index.model_id)
    links: list[tuple[int, int]] = []
    for start in range(0, len(ids), _SEARCH_BATCH):
        scores, neighbours = index.search(vectors[start : start + _SEARCH_BATCH], k)
        links += _links(session, ids[start : start + _SEARCH_BATCH], scores, neighbours, threshold)
    components = cluster_components(links)
    current = {
        row.id: row.cluster_id for row in session.execute(select(Claim.id, Claim.cluster_id))
    }
    chosen = _reuse_cluster_ids(components, current)
    created = 0
    assignment: dict[int, int | None] = dict.fromkeys(current)
    for members, cluster_id in zip(components, chosen, strict=True):
        if cluster_id is None:
            cluster = Cluster()
            session.add(cluster)
            session.flush()
            cluster_id, created = cluster.id, created + 1
        assignment.update(dict.fromkeys(members, cluster_id))
    changed = [
        {"id": claim_id, "cluster_id": cluster_id}
        for claim_id, cluster_id in assignment.items()
        if current[claim_id] != cluster_id
    ]
    if changed:
        session.execute(update(Claim), changed)
    kept = {cluster_id for cluster_id in assignment.values() if cluster_id is not None}
    stale = [c for c in session.scalars(select(Cluster.id)) if c not in kept]
    if stale:
        session.execute(delete(Cluster).where(Cluster.id.in_(stale)))
    claim_a_cluster = (
        select(Claim.cluster_id)
        .join(ClaimRelation, ClaimRelation.claim_a_id == Claim.id)
        .where(ClaimRelation.id == Conflict.relation_id)
        .scalar_subquery()
    )
    session.execute(update(Conflict).values(cluster_id=claim_a_cluster))
    session.flush()
    return ReclusterSummary(
        clusters=len(kept),
        clustered_claims=sum(len(members) for members in components),
        created=created,
        removed=len(stale),
    )


class ClusterStage:
    """The ingest stage that embeds an article's claims, stores and clusters them.

    A claim is embedded as it reads once resolved: "ينفي ذلك" with what ذلك stands for.

    The index only learns the new vectors once the article's transaction has
    committed, so a rollback leaves index and database in agreement. The file is
    written at most every `save_every_s` seconds (a 1M-claim index is 2 GB); a
    process that dies in between loses nothing, since `ClaimIndex.load_or_rebuild`
    catches the file up from the database. Call `save()` when a batch ends.
    """

    def __init__(self, embedder: Embedder, index: ClaimIndex, *, save_every_s: float = 30.0):
        self.embedder = embedder
        self.index = index
        self.save_every_s = save_every_s
        self._pending: tuple[np.ndarray, np.ndarray] | None = None
        self._unsaved = False
        self._saved_at = time.monotonic()

    def __call__(self, session: Session, article: Article) -> None:
        session.flush()
        claims = list(article.claims)
        ids = np.asarray([claim.id for claim in claims], dtype=np.int64)
        vectors = self.embedder.encode(
            [stored_reading(claim.text, claim.slots)[0] for claim in claims]
        )
        save_vectors(session, ids.tolist(), vectors, self.embedder.model_id)
        cluster_new_claims(session, self.index, ids.tolist(), vectors)
        self._pending = (ids, vectors)

    def committed(self) -> None:
        if self._pending is not None:
            self.index.add(*self._pending)
            self._unsaved = True
        self._pending = None
        if time.monotonic() - self._saved_at >= self.save_every_s:
            self.save()

    def rolled_back(self) -> None:
        self._pending = None

    def save(self) -> None:
        """Write the index file if it has unsaved claims (and a path)."""
        if self._unsaved and self.index.path is not None:
            self.index.save()
        self._unsaved = False
        self._saved_at = time.monotonic()
