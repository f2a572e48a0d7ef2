"""Relate new claims to their cluster mates from other sources; conflicts join the queue.

`ReconcileStage` is what ingestion runs inside each article's transaction:
embed and cluster (`ClusterStage`), then score every new cross-source pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.embed import Embedder
from claims.model import ClaimSlots, Relation
from claims.slots.anaphora import resolved_text
from service.jobs.clustering import ClusterStage
from store.index import ClaimIndex
from store.models import Article, Claim
from store.relations import add_relations, cross_source_mates


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
    wanted = {claim_id for pair in pairs for claim_id in pair}
    claims = {
        claim.id: claim for claim in session.scalars(select(Claim).where(Claim.id.in_(wanted)))
    }
    slots_of = {claim_id: ClaimSlots.from_dict(claim.slots) for claim_id, claim in claims.items()}
    # A claim like "ينفي ذلك" is compared as what it says once "ذلك" is resolved.
    texts = [
        (resolved_text(claims[a].text, slots_of[a]), resolved_text(claims[b].text, slots_of[b]))
        for a, b in pairs
    ]
    slots = [(slots_of[a], slots_of[b]) for a, b in pairs]
    relations = scorer.relate(texts, slots)
    add_relations(session=session, pairs=pairs, relations=relations, scorer_version=scorer.version)
    return len(pairs)


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
