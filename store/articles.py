"""Articles, their sources and claims: domain values in, rows out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, Table, func, insert, select
from sqlalchemy.orm import Session, selectinload

from claims.model import Claim as DomainClaim
from claims.pipeline import AnalysedArticle, ArticleRejected
from store.claims import StoredClaim, stored_claim
from store.db import insert_ignoring_duplicates
from store.models import Article, Claim, Source
from store.pagination import DEFAULT_LIMIT, Page, paginate


def source_id(*, session: Session, name: str) -> int:
    """The id of the outlet called `name`, created if new.

    A known outlet is one select. A new one is an insert that does nothing on a taken
    name, then the select again: two ingests that bring the same new outlet at once
    both get its row, where a plain insert let one of them die on the unique name.
    """
    named = select(Source.id).where(Source.name == name)
    found = session.scalar(named)
    if found is not None:
        return found
    session.execute(insert_ignoring_duplicates(session, Source).values(name=name))
    return session.scalars(named).one()


def existing_article_id(*, session: Session, analysed: AnalysedArticle) -> int | None:
    """The id of the stored copy of this article: the same normalised text, or the same
    source and URL (the id alone: the row's texts are large and not needed). Two
    lookups, each on its unique index: asked with OR, SQLite scanned every article."""
    found = session.scalar(select(Article.id).where(Article.content_hash == analysed.content_hash))
    url = analysed.article.url
    if found is None and url:
        found = session.scalar(
            select(Article.id)
            .join(Source)
            .where(Source.name == analysed.article.source, Article.url == url)
        )
    return found


def check_storable(analysed: AnalysedArticle) -> None:
    """Refuse, with the reason, what a database would: a NUL character (PostgreSQL cannot
    store one) or a string longer than its column. Both backends get the same answer,
    before either sees the article; the limits are the models' own. Only the text
    columns are read, so no rows are built (that doubled the cost of storing)."""
    article = analysed.article
    _check_values(Source.__table__, {"name": article.source})
    _check_values(
        Article.__table__,
        {
            "url": article.url,
            "title": article.title,
            "language": analysed.language,
            "raw_text": article.text,
            "cleaned_text": analysed.cleaned_text,
            "content_hash": analysed.content_hash,
        },
    )
    for claim in analysed.claims:
        _check_values(
            Claim.__table__,
            {"text": claim.text, "language": claim.language, "speaker": claim.speaker},
        )


# Columns by the name the input gives them.
_FIELD_NAMES = {
    ("sources", "name"): "source",
    ("articles", "raw_text"): "text",
    ("claims", "text"): "claim",
    ("claims", "speaker"): "claim speaker",
}


def _check_values(table: Table, values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if not isinstance(value, str):
            continue
        column = table.columns[key]
        name = _FIELD_NAMES.get((table.name, key), key)
        if "\x00" in value:
            raise ArticleRejected(f"{name} holds a NUL character at {value.index(chr(0))}")
        limit = column.type.length if isinstance(column.type, String) else None
        if limit is not None and len(value) > limit:
            raise ArticleRejected(
                f"{name} is {len(value):,} characters long, over the limit of {limit:,}"
            )


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article just written: its id and its claims as the later stages read them,
    in the article's order."""

    id: int
    claims: dict[int, StoredClaim]


def add_article(*, session: Session, analysed: AnalysedArticle) -> StoredArticle:
    """Insert the article and its claims (not committed: the caller owns the unit).

    Two Core inserts, the claims' in one statement that returns their ids in order: the
    ORM's unit of work cost more than the rest of storing an article
    (bench/bench_ingest.py). The claims are handed back as written, not read back.
    """
    article = analysed.article
    source = source_id(session=session, name=article.source)
    article_id = session.execute(
        insert(Article).returning(Article.id),
        {
            "source_id": source,
            "url": article.url,
            "title": article.title,
            "published_at": article.published_at,
            "language": analysed.language,
            "raw_text": article.text,
            "cleaned_text": analysed.cleaned_text,
            "content_hash": analysed.content_hash,
        },
    ).scalar_one()
    rows = [_claim_columns(claim, article_id) for claim in analysed.claims]
    if not rows:
        return StoredArticle(article_id, {})
    ids = session.scalars(
        insert(Claim).returning(Claim.id, sort_by_parameter_order=True), rows
    ).all()
    return StoredArticle(
        article_id,
        {
            claim_id: stored_claim(
                claim_id=claim_id,
                article_id=article_id,
                source_id=source,
                language=claim.language,
                check_worthy=claim.check_worthy,
                text=claim.text,
                slots=claim.slots,
            )
            for claim_id, claim in zip(ids, analysed.claims, strict=True)
        },
    )


def _claim_columns(claim: DomainClaim, article_id: int) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "text": claim.text,
        "start_char": claim.start,
        "end_char": claim.end,
        "language": claim.language,
        "speaker": claim.speaker,
        "hedged": claim.hedged,
        "denied": claim.denied,
        "check_worthy": claim.check_worthy,
        "slots": claim.slots.to_dict(),
    }


def list_articles(
    *,
    session: Session,
    url: str | None = None,
    source: str | None = None,
    published_since: date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[Article]:
    """Stored articles, newest first; `source` ignores case, `url` must match exactly."""
    statement = select(Article).join(Source, Source.id == Article.source_id)
    if url is not None:
        statement = statement.where(Article.url == url)
    if source is not None:
        statement = statement.where(func.lower(Source.name) == source.strip().lower())
    if published_since is not None:
        statement = statement.where(Article.published_at >= published_since)
    statement = statement.order_by(Article.ingested_at.desc(), Article.id.desc())
    return paginate(
        session=session,
        statement=statement,
        limit=limit,
        offset=offset,
        options=[selectinload(Article.source)],
    )


def source_names(*, session: Session) -> list[str]:
    """Every outlet's name, alphabetically (the desk's source filter offers these)."""
    return list(session.scalars(select(Source.name).order_by(func.lower(Source.name))))
