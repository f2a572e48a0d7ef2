"""Stored claims as the later stages read them: slots parsed, a pointing reference resolved.

One reader for every stage that works on stored claims (ingest's relate step, rescore,
re-embedding, the API's neighbour mode), next to the rows it reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from claims.model import ClaimSlots
from claims.slots.anaphora import resolved_text
from store.models import Article, Claim


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim row read back: `reading` is its text with "ينفي ذلك" resolved, what
    embedding and relating see; `text` is what the article says."""

    id: int
    article_id: int
    source_id: int
    language: str
    check_worthy: bool
    text: str
    reading: str
    slots: ClaimSlots


def stored_reading(text: str, slots: dict[str, Any]) -> tuple[str, ClaimSlots]:
    """A stored claim's reading and parsed slots, from its columns as saved."""
    parsed = ClaimSlots.from_dict(slots)
    return resolved_text(text, parsed), parsed


def stored_claim(
    *,
    claim_id: int,
    article_id: int,
    source_id: int,
    language: str,
    check_worthy: bool,
    text: str,
    slots: ClaimSlots,
) -> StoredClaim:
    """A claim as the later stages read it: what `read_claims` gives for a stored row
    and `add_article` for one it just wrote (whose slots need no parsing back)."""
    return StoredClaim(
        id=claim_id,
        article_id=article_id,
        source_id=source_id,
        language=language,
        check_worthy=check_worthy,
        text=text,
        reading=resolved_text(text, slots),
        slots=slots,
    )


def read_claims(session: Session, claim_ids: Iterable[int]) -> dict[int, StoredClaim]:
    """The given claims by id (unknown ids are left out)."""
    ids = sorted({int(i) for i in claim_ids})
    if not ids:
        return {}
    rows = session.execute(
        select(
            Claim.id,
            Claim.article_id,
            Article.source_id,
            Claim.language,
            Claim.check_worthy,
            Claim.text,
            Claim.slots,
        )
        .join(Article, Claim.article_id == Article.id)
        .where(Claim.id.in_(ids))
    ).all()
    return {
        row.id: stored_claim(
            claim_id=row.id,
            article_id=row.article_id,
            source_id=row.source_id,
            language=row.language,
            check_worthy=row.check_worthy,
            text=row.text,
            slots=ClaimSlots.from_dict(row.slots),
        )
        for row in rows
    }


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """A stored claim as re-reading an article meets it: where it stands in the
    article's cleaned text, and what was read of it."""

    id: int
    start: int
    end: int
    text: str
    slots: dict[str, Any]
    check_worthy: bool


@dataclass(frozen=True, slots=True)
class ArticleText:
    """A stored article as its claims are read again from it."""

    id: int
    cleaned_text: str
    language: str
    published_at: date | None
    claims: list[ClaimSpan]


def articles_after(session: Session, after_id: int, limit: int) -> list[ArticleText]:
    """Up to `limit` articles with an id above `after_id`, by id, with their claims."""
    rows = session.execute(
        select(Article.id, Article.cleaned_text, Article.language, Article.published_at)
        .where(Article.id > after_id)
        .order_by(Article.id)
        .limit(limit)
    ).all()
    spans: dict[int, list[ClaimSpan]] = {row.id: [] for row in rows}
    claim_rows = session.execute(
        select(
            Claim.id,
            Claim.article_id,
            Claim.start_char,
            Claim.end_char,
            Claim.text,
            Claim.slots,
            Claim.check_worthy,
        )
        .where(Claim.article_id.in_(list(spans)))
        .order_by(Claim.id)
    ).all()
    for row in claim_rows:
        spans[row.article_id].append(
            ClaimSpan(row.id, row.start_char, row.end_char, row.text, row.slots, row.check_worthy)
        )
    return [
        ArticleText(row.id, row.cleaned_text, row.language, row.published_at, spans[row.id])
        for row in rows
    ]


def update_readings(session: Session, readings: Mapping[int, tuple[dict[str, Any], bool]]) -> None:
    """Store each claim's slots and check-worthiness as read again (caller's transaction)."""
    rows = [
        {"id": claim_id, "slots": slots, "check_worthy": check_worthy}
        for claim_id, (slots, check_worthy) in readings.items()
    ]
    if rows:
        session.execute(update(Claim), rows)


def all_readings(session: Session) -> list[tuple[int, str]]:
    """Every claim's id and reading, by id: what re-embedding a whole store encodes."""
    rows = session.execute(select(Claim.id, Claim.text, Claim.slots).order_by(Claim.id)).all()
    return [(row.id, stored_reading(row.text, row.slots)[0]) for row in rows]


def claims_with_sources(session: Session, claim_ids: Iterable[int]) -> dict[int, Claim]:
    """The given claim rows by id with their article and outlet loaded, for showing them
    (unknown ids are left out)."""
    ids = sorted({int(i) for i in claim_ids})
    if not ids:
        return {}
    rows = session.scalars(
        select(Claim)
        .where(Claim.id.in_(ids))
        .options(selectinload(Claim.article).selectinload(Article.source))
    )
    return {claim.id: claim for claim in rows}
