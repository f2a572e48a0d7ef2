"""The export document: the JSON contract other tools and our evaluations read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from store.models import Article, Claim, ClaimRelation, Cluster


def export_document(*, session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every article (cleaned text), claim, cluster and relation, ordered by id."""
    articles = session.scalars(
        select(Article).options(selectinload(Article.source)).order_by(Article.id)
    ).all()
    claims = session.scalars(select(Claim).order_by(Claim.id)).all()
    clusters = session.scalars(
        select(Cluster).options(selectinload(Cluster.claims)).order_by(Cluster.id)
    ).all()
    relations = session.scalars(select(ClaimRelation).order_by(ClaimRelation.id)).all()
    return {
        "articles": [
            {
                "id": a.id,
                "source": a.source.name,
                "url": a.url,
                "title": a.title,
                "published_at": a.published_at.isoformat() if a.published_at else None,
                "language": a.language,
                "text": a.cleaned_text,
            }
            for a in articles
        ],
        "claims": [
            {
                "id": c.id,
                "article_id": c.article_id,
                "text": c.text,
                "start": c.start_char,
                "end": c.end_char,
                "language": c.language,
                "speaker": c.speaker,
                "slots": c.slots,
                "cluster_id": c.cluster_id,
            }
            for c in claims
        ],
        "clusters": [
            {"id": k.id, "claim_ids": sorted(c.id for c in k.claims)} for k in clusters if k.claims
        ],
        "relations": [
            {
                "a": r.claim_a_id,
                "b": r.claim_b_id,
                "relation": r.relation,
                "conflict_types": r.conflict_types,
                "score": r.score,
                "explanation": r.explanation,
            }
            for r in relations
        ],
    }
