"""Store-wide totals: what the CLI prints after a run and what /metrics exports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims.model import RELATION_LABELS
from store.conflicts import status_counts
from store.models import Article, Claim
from store.relations import relation_counts


@dataclass(frozen=True, slots=True)
class StoreTotals:
    articles: int
    claims: int
    clusters: int
    relations: dict[str, int]
    conflicts: dict[str, int]

    def line(self) -> str:
        relations = ", ".join(f"{self.relations.get(k, 0)} {k}" for k in RELATION_LABELS)
        conflicts = ", ".join(
            f"{n} {status.replace('_', ' ')}" for status, n in self.conflicts.items()
        )
        return (
            f"{self.articles} articles, {self.claims} claims, {self.clusters} clusters; "
            f"cross-source relations: {relations}; conflicts: {conflicts}"
        )


def store_totals(*, session: Session) -> StoreTotals:
    counts = relation_counts(session)
    return StoreTotals(
        articles=int(session.scalar(select(func.count()).select_from(Article)) or 0),
        claims=int(session.scalar(select(func.count()).select_from(Claim)) or 0),
        clusters=counts.pop("clusters"),
        relations=counts,
        conflicts=status_counts(session=session),
    )
