"""Reconcile claims with the store: embed, find candidates, relate, cluster.

`ReconcileStage` embeds an article's claims before its transaction and runs the
other steps inside it, under the store's write lock (see `service.jobs.ingest`);
`rescore` runs them again over the whole store after a new relation model. The SQL
lives in `store/`, the decisions in `claims/`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

from claims.candidates import NEIGHBOURS, blocking_keys, choose_candidates
from claims.embed import Embedder
from claims.model import PairScorer, Relation
from claims.pipeline import AnalysedArticle
from store.articles import StoredArticle
from store.claims import StoredClaim, read_claims, stored_reading
from store.clusters import ClusterChanges, component_edges, recluster_all, write_clusters
from store.db import lock_store_for_writing, unit_of_work
from store.index import ClaimIndex
from store.keys import save_keys, shared_keys
from store.relations import (
    add_relations,
    known_pairs,
    relation_ids_of,
    relation_rows,
    stale_relation_ids,
    update_relation,
)
from store.vectors import add_vectors, load_vectors, stored_vectors


@dataclass(frozen=True, slots=True)
class PairCost:
    """How many candidate pairs the claims of a step cost, for bench/ and the CLI."""

    claims: int
    pairs: int


def candidate_pairs(
    session: Session,
    index: ClaimIndex,
    claims: dict[int, StoredClaim],
    vectors: dict[int, np.ndarray],
) -> list[tuple[int, int]]:
    """Pairs (older id, newer id) worth relating for each check-worthy claim given.

    Candidates come from the index (nearest neighbours) and from shared blocking keys,
    are older than the claim, from another source and check-worthy themselves.
    """
    queries = [c for c in claims.values() if c.check_worthy]
    if not queries:
        return []
    matrix = np.stack([vectors[q.id] for q in queries])
    scores, neighbours = index.search(matrix, NEIGHBOURS)
    keyed = shared_keys(session, {q.id: blocking_keys(q.slots) for q in queries})
    found = {int(i) for i in neighbours[neighbours >= 0]} | {i for k in keyed.values() for i in k}
    others = read_claims(session, found - claims.keys()) | claims
    missing = sorted({i for k in keyed.values() for i in k} - claims.keys())
    keyed_vectors = dict(zip(*load_vectors(session, index.model_id, missing), strict=True))
    pairs = set()
    for row, query in enumerate(queries):
        cosines = {
            int(i): float(s) for i, s in zip(neighbours[row], scores[row], strict=True) if i >= 0
        }
        for other in keyed[query.id]:
            if other not in cosines and other in keyed_vectors:
                cosines[other] = float(keyed_vectors[other] @ vectors[query.id])
        eligible = {
            other: cosine
            for other, cosine in cosines.items()
            if other < query.id
            and other in others
            and others[other].check_worthy
            and others[other].source_id != query.source_id
        }
        pairs.update((c.claim_id, query.id) for c in choose_candidates(eligible, keyed[query.id]))
    return sorted(pairs)


def relate_pairs(
    session: Session,
    scorer: PairScorer,
    pairs: Sequence[tuple[int, int]],
    model_id: str | None = None,
) -> list[Relation]:
    """Relate stored claim pairs, each side read with its stored slots and language.

    With `model_id` the scorer's own embedder, the stored vectors of that model stand
    in for encoding the texts again.
    """
    ids = {claim_id for pair in pairs for claim_id in pair}
    claims = read_claims(session, ids)
    vectors = None
    if model_id is not None and model_id == scorer.embedder.model_id:
        stored = stored_vectors(session, model_id, ids)
        if stored is not None:
            vectors = [(stored[a], stored[b]) for a, b in pairs]
    return scorer.relate(
        [(claims[a].reading, claims[b].reading) for a, b in pairs],
        [(claims[a].slots, claims[b].slots) for a, b in pairs],
        [(claims[a].language, claims[b].language) for a, b in pairs],
        vectors,
    )


def reconcile_claims(
    session: Session,
    scorer: PairScorer,
    index: ClaimIndex,
    claims: dict[int, StoredClaim],
    vectors: dict[int, np.ndarray],
) -> int:
    """Relate the claims to their candidates not related yet; returns how many pairs."""
    pairs = candidate_pairs(session, index, claims, vectors)
    known = known_pairs(session=session, pairs=pairs)
    pairs = [p for p in pairs if p not in known]
    if pairs:
        relations = relate_pairs(session, scorer, pairs, index.model_id)
        add_relations(
            session=session, pairs=pairs, relations=relations, scorer_version=scorer.version
        )
    return len(pairs)


def cluster_around(session: Session, claim_ids: Sequence[int]) -> ClusterChanges:
    """Recluster the components of the relation graph that hold these claims."""
    members, edges = component_edges(session, claim_ids)
    return write_clusters(session, members, edges)


@dataclass(frozen=True, slots=True)
class EmbeddedClaims:
    """An article's claims made ready before its transaction: one vector and the
    blocking keys per claim, in the article's claim order."""

    vectors: np.ndarray
    keys: list[list[str]]


def embed_claims(embedder: Embedder, articles: Sequence[AnalysedArticle]) -> list[EmbeddedClaims]:
    """Vectors and keys of each article's claims as they will be stored and read back;
    the claims of all the articles go through the encoder in one call. What
    `ReconcileStage.prepare` does here, and a Ray task (`ingest --ray`) elsewhere."""
    readings = [
        [stored_reading(c.text, c.slots.to_dict()) for c in analysed.claims]
        for analysed in articles
    ]
    matrix = embedder.encode([reading for mine in readings for reading, _ in mine])
    bounds = np.cumsum([0, *map(len, readings)])
    return [
        EmbeddedClaims(matrix[start:end], [blocking_keys(slots) for _, slots in mine])
        for mine, start, end in zip(readings, bounds[:-1], bounds[1:], strict=True)
    ]


class ReconcileStage:
    """Embed an article's claims before its transaction; inside it, store their vectors
    and keys, relate them to their candidates and recluster what changed.

    Embedding is the slow part and needs nothing from the database, so `prepare` does
    it before the store's write lock is taken (`store.db.lock_store_for_writing`); the
    locked part first brings the index level with the database, so claims another
    process stored meanwhile are candidates too: each article meets every claim
    committed before it, and those stored before it in its own transaction, as if the
    processes had taken turns. A claim is embedded as it reads once resolved: "ينفي ذلك"
    with what ذلك stands for. The index learns an article's vectors once its savepoint
    stands (`stored`) and forgets them if the transaction is rolled back, so index and
    database stay in agreement. The file is written at most every `save_every_s`
    seconds; a process that dies in between loses nothing, since
    `ClaimIndex.load_or_rebuild` catches the file up from the database. Call `save()`
    when a batch ends.
    """

    def __init__(
        self,
        *,
        embedder: Embedder,
        index: ClaimIndex,
        scorer: PairScorer,
        save_every_s: float = 30.0,
    ) -> None:
        self.embedder = embedder
        self.index = index
        self.scorer = scorer
        self.save_every_s = save_every_s
        self.cost = Counter[str]()
        self._pending: tuple[np.ndarray, np.ndarray] | None = None
        # Ids the index has learnt from stored articles whose transaction is still open.
        self._provisional: list[np.ndarray] = []
        self._unsaved = False
        self._saved_at = time.monotonic()

    def prepare(self, articles: Sequence[AnalysedArticle]) -> list[EmbeddedClaims]:
        return embed_claims(self.embedder, articles)

    def __call__(self, session: Session, article: StoredArticle, prepared: EmbeddedClaims) -> None:
        self._pending = None
        if not self._provisional:
            # The transaction's first article: later ones find the index level already,
            # since no other writer commits while this transaction holds the write lock.
            self.index.catch_up(session)
        claims = article.claims
        ids = list(claims)
        add_vectors(session, ids, prepared.vectors, self.embedder.model_id)
        save_keys(session, dict(zip(ids, prepared.keys, strict=True)))
        vectors = dict(zip(ids, prepared.vectors, strict=True))
        pairs = reconcile_claims(session, self.scorer, self.index, claims, vectors)
        if pairs:  # else the claims, related to nothing, join no cluster and change none
            cluster_around(session, ids)
        self.cost.update(claims=len(ids), pairs=pairs)
        self._pending = (np.asarray(ids, dtype=np.int64), prepared.vectors)

    def stored(self) -> None:
        if self._pending is not None:
            self.index.add(*self._pending)
            self._provisional.append(self._pending[0])
        self._pending = None

    def committed(self) -> None:
        if self._provisional:
            self._unsaved = True
        self._provisional = []
        if time.monotonic() - self._saved_at >= self.save_every_s:
            self.save()

    def rolled_back(self) -> None:
        self._pending = None
        if self._provisional:
            self.index.remove(np.concatenate(self._provisional))
        self._provisional = []

    def save(self) -> None:
        """Write the index file if it has unsaved claims (and a path)."""
        if self._unsaved and self.index.path is not None:
            self.index.save()
        self._unsaved = False
        self._saved_at = time.monotonic()


@dataclass(frozen=True, slots=True)
class RescoreSummary:
    added: int
    rescored: int
    queue: Counter[str]
    clusters: ClusterChanges

    def line(self) -> str:
        return (
            f"relations: {self.added} added, {self.rescored} re-scored; conflict items: "
            f"{self.queue['opened']} opened, {self.queue['withdrawn']} withdrawn; "
            + self.clusters.line()
        )


def rescore(
    *,
    session_factory: sessionmaker[Session],
    scorer: PairScorer,
    index: ClaimIndex,
    everything: bool = False,
    changed_claims: Sequence[int] = (),
    batch_size: int = 256,
    progress: Callable[[int], object] | None = None,
    planned: Callable[[int], object] | None = None,
) -> RescoreSummary:
    """Bring stored relations up to the current scorer, one transaction per batch.

    Every claim is matched with its candidates again and pairs never related are
    related; relations from another scorer version, or all with `everything`, and
    those of `changed_claims` (read otherwise since, `service.jobs.reread`), are
    re-scored in place and their queue items follow (`store.relations.update_relation`);
    then every cluster is recomputed. Each transaction takes the store's write lock, so
    ingests running meanwhile take turns with it. `progress` is told how many claims or
    relations each batch handled, `planned` how many there are in all, before the first
    batch.
    """
    with unit_of_work(session_factory) as session:
        claim_ids, _ = load_vectors(session, index.model_id)
        stale_ids = stale_relation_ids(
            session=session, scorer_version=None if everything else scorer.version
        )
        stale_ids = sorted(
            {*stale_ids, *relation_ids_of(session=session, claim_ids=changed_claims)}
        )
    if planned is not None:
        planned(len(claim_ids) + len(stale_ids))
    added = 0
    for start in range(0, len(claim_ids), batch_size):
        batch = claim_ids[start : start + batch_size].tolist()
        with unit_of_work(session_factory) as session:
            lock_store_for_writing(session)
            index.catch_up(session)
            ids, matrix = load_vectors(session, index.model_id, batch)
            vectors = dict(zip(ids.tolist(), matrix, strict=True))
            claims = read_claims(session, vectors)
            added += reconcile_claims(session, scorer, index, claims, vectors)
        if progress is not None:
            progress(len(batch))
    queue: Counter[str] = Counter()
    for start in range(0, len(stale_ids), batch_size):
        with unit_of_work(session_factory) as session:
            lock_store_for_writing(session)
            rows = relation_rows(
                session=session, relation_ids=stale_ids[start : start + batch_size]
            )
            pairs = [(row.claim_a_id, row.claim_b_id) for row in rows]
            relations = relate_pairs(session, scorer, pairs, index.model_id)
            for row, relation in zip(rows, relations, strict=True):
                queue[
                    update_relation(
                        session=session, row=row, relation=relation, scorer_version=scorer.version
                    )
                ] += 1
        if progress is not None:
            progress(len(rows))
    with unit_of_work(session_factory) as session:
        lock_store_for_writing(session)
        clusters = recluster_all(session)
    return RescoreSummary(added=added, rescored=len(stale_ids), queue=queue, clusters=clusters)
