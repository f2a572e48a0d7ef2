"""Relate new claims to their cluster mates from other sources; conflicts join the queue.

`ReconcileStage` is what ingestion runs inside each article's transaction:
embed and cluster (`ClusterStage`), then score every new cross-source pair.
`rescore` is the batch job that brings stored relations up to a new scorer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claims.embed import Embedder
from claims.model import ClaimSlots, Relation
from claims.slots.anaphora import stored_reading
from service.jobs.clustering import ClusterStage
from store.db import unit_of_work
from store.index import ClaimIndex
from store.models import Article, Claim, ClaimRelation
from store.relations import add_relations, cross_source_mates, update_relation


class PairScorer(Protocol):
    version: str

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: list[tuple[ClaimSlots, ClaimSlots]] | None = None,
    ) -> list[Relation]: ...


def relate_new_claims(*, session: Session, scorer: PairScorer, claim_ids: Sequence[int]) -> int:
    """Score each not-yet-related cross-source pair of the claims' clusters; returns pairs added."""
    pairs = cross_source_mates(session=session, claim_ids=claim_ids)
    if not pairs:
        return 0
    relations = score_pairs(session=session, scorer=scorer, pairs=pairs)
    add_relations(session=session, pairs=pairs, relations=relations, scorer_version=scorer.version)
    return len(pairs)


def score_pairs(
    *, session: Session, scorer: PairScorer, pairs: Sequence[tuple[int, int]]
) -> list[Relation]:
    """Relate stored claim pairs, each claim read with its stored slots."""
    wanted = {claim_id for pair in pairs for claim_id in pair}
    claims = {
        claim.id: claim for claim in session.scalars(select(Claim).where(Claim.id.in_(wanted)))
    }
    read = {claim_id: stored_reading(claim.text, claim.slots) for claim_id, claim in claims.items()}
    texts = [(read[a][0], read[b][0]) for a, b in pairs]
    slots = [(read[a][1], read[b][1]) for a, b in pairs]
    return scorer.relate(texts, slots)


class ReconcileStage:
    """Embed, cluster, then relate an article's claims, all inside its transaction."""

    def __init__(self, *, embedder: Embedder, index: ClaimIndex, scorer: PairScorer) -> None:
        self.clustering = ClusterStage(embedder, index)
        self.scorer = scorer

    def __call__(self, session: Session, article: Article) -> None:
        self.clustering(session, article)
        relate_new_claims(
            session=session, scorer=self.scorer, claim_ids=[c.id for c in article.claims]
        )

    def committed(self) -> None:
        self.clustering.committed()

    def rolled_back(self) -> None:
        self.clustering.rolled_back()

    def save(self) -> None:
        """Persist what the batch added to the index; call when a batch ends."""
        self.clustering.save()


@dataclass(frozen=True, slots=True)
class RescoreSummary:
    added: int
    rescored: int
    queue: Counter[str]

    def line(self) -> str:
        return (
            f"relations: {self.added} added, {self.rescored} re-scored; conflict items: "
            f"{self.queue['opened']} opened, {self.queue['withdrawn']} withdrawn"
        )


def rescore(
    *,
    session_factory: sessionmaker[Session],
    scorer: PairScorer,
    everything: bool = False,
    batch_size: int = 256,
    progress: Callable[[int], object] | None = None,
    planned: Callable[[int], object] | None = None,
) -> RescoreSummary:
    """Bring stored relations up to the current scorer, one transaction per batch.

    Cross-source cluster mates never related (after a recluster, say) are related;
    relations from another scorer version, or all with `everything`, are re-scored in
    place, and their conflict items follow (see `store.relations.update_relation`).
    `progress` is told how many relations each batch handled, `planned` how many
    will be re-scored in all, before the first batch.
    """
    with unit_of_work(session_factory) as session:
        clustered = session.scalars(
            select(Claim.id).where(Claim.cluster_id.is_not(None)).order_by(Claim.id)
        ).all()
        stale = select(ClaimRelation.id).order_by(ClaimRelation.id)
        if not everything:
            stale = stale.where(ClaimRelation.scorer_version != scorer.version)
        stale_ids = session.scalars(stale).all()
    if planned is not None:
        planned(len(stale_ids))
    added = 0
    for start in range(0, len(clustered), batch_size):
        with unit_of_work(session_factory) as session:
            added += relate_new_claims(
                session=session, scorer=scorer, claim_ids=clustered[start : start + batch_size]
            )
    queue: Counter[str] = Counter()
    for start in range(0, len(stale_ids), batch_size):
        with unit_of_work(session_factory) as session:
            rows = session.scalars(
                select(ClaimRelation)
                .where(ClaimRelation.id.in_(stale_ids[start : start + batch_size]))
                .order_by(ClaimRelation.id)
            ).all()
            pairs = [(row.claim_a_id, row.claim_b_id) for row in rows]
            relations = score_pairs(session=session, scorer=scorer, pairs=pairs)
            for row, relation in zip(rows, relations, strict=True):
                queue[
                    update_relation(
                        session=session, row=row, relation=relation, scorer_version=scorer.version
                    )
                ] += 1
        if progress is not None:
            progress(len(rows))
    return RescoreSummary(added=added, rescored=len(stale_ids), queue=queue)
