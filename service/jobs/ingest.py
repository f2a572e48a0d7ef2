"""Ingestion job: each article is analysed, then stored with its claims in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from claims.model import ArticleInput
from claims.pipeline import AnalysedArticle, ArticleRejected, analyse_article
from service.readers import InputProblem, ReadItem
from store.articles import add_article, check_storable, find_existing_article
from store.db import lock_store_for_writing, unit_of_work
from store.models import Article

log = logging.getLogger(__name__)


class ArticleStage(Protocol):
    """Work on an article's claims: `prepare` before its transaction (the slow analysis
    that needs no database), the call inside it once its claims have ids.

    Relating and clustering hang here so that a failure there rolls the article back
    too; `rolled_back` lets the stage undo in-memory effects (the faiss index) that a
    database rollback cannot reach.
    """

    def prepare(self, analysed: AnalysedArticle) -> Any: ...

    def __call__(self, session: Session, article: Article, prepared: Any) -> None: ...

    def committed(self) -> None: ...

    def rolled_back(self) -> None: ...


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    claims: int = 0
    new_article_ids: list[int] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"articles: {self.new} new, {self.duplicate} duplicate, {self.rejected} rejected; "
            f"claims: {self.claims} new"
        )


@dataclass(frozen=True)
class IngestOutcome:
    status: str  # "new" | "duplicate"
    article_id: int
    claims: int


def ingest_article(
    article: ArticleInput,
    *,
    session_factory: sessionmaker[Session],
    max_bytes: int,
    stage: ArticleStage | None = None,
) -> IngestOutcome:
    """Store one article unless it is already there; raises `ArticleRejected` for bad input.

    Everything slow happens before the transaction, which holds the store's write lock
    (`lock_store_for_writing`) only to store, relate and cluster: other writers,
    reviewers included, wait for that much and no more.
    """
    analysed = analyse_article(article, max_bytes=max_bytes)
    check_storable(analysed)
    with session_factory() as session:
        existing = _find_existing(session, analysed)
    if existing is not None:
        return IngestOutcome("duplicate", existing.id, 0)
    prepared = stage.prepare(analysed) if stage is not None else None
    try:
        outcome = _store(analysed, prepared, session_factory=session_factory, stage=stage)
    except BaseException:
        if stage is not None:
            stage.rolled_back()
        raise
    if stage is not None:
        stage.committed()
    return outcome


def _find_existing(session: Session, analysed: AnalysedArticle) -> Article | None:
    return find_existing_article(
        session=session,
        source_name=analysed.article.source,
        url=analysed.article.url,
        content_hash=analysed.content_hash,
    )


def _store(
    analysed: AnalysedArticle,
    prepared: Any,
    *,
    session_factory: sessionmaker[Session],
    stage: ArticleStage | None,
) -> IngestOutcome:
    try:
        with unit_of_work(session_factory) as session:
            lock_store_for_writing(session)
            # Again under the lock: another writer may have stored it since the first look.
            existing = _find_existing(session, analysed)
            if existing is not None:
                return IngestOutcome("duplicate", existing.id, 0)
            stored = add_article(session=session, analysed=analysed)
            if stage is not None:
                stage(session, stored, prepared)
            return IngestOutcome("new", stored.id, len(stored.claims))
    except IntegrityError:
        # A writer outside the lock (an older claimcheck) stored it before our commit.
        if stage is not None:
            stage.rolled_back()
        with unit_of_work(session_factory) as session:
            existing = _find_existing(session, analysed)
            if existing is None:
                raise
            return IngestOutcome("duplicate", existing.id, 0)


def ingest_items(
    items: Iterable[ReadItem],
    *,
    session_factory: sessionmaker[Session],
    max_bytes: int,
    stage: ArticleStage | None = None,
    progress: Callable[[], None] | None = None,
) -> IngestSummary:
    """Ingest everything readable; bad items are counted and reported, the rest still go in."""
    summary = IngestSummary()
    for item in items:
        if isinstance(item, InputProblem):
            summary.rejected += 1
            summary.problems.append(item)
        else:
            try:
                outcome = ingest_article(
                    item.article,
                    session_factory=session_factory,
                    max_bytes=max_bytes,
                    stage=stage,
                )
            except ArticleRejected as exc:
                summary.rejected += 1
                summary.problems.append(InputProblem(item.location, str(exc)))
            except Exception as exc:  # one article's failure never stops the run
                log.exception("ingesting %s failed", item.location)
                summary.rejected += 1
                summary.problems.append(
                    InputProblem(item.location, f"failed: {type(exc).__name__}: {exc}")
                )
            else:
                if outcome.status == "new":
                    summary.new += 1
                    summary.claims += outcome.claims
                    summary.new_article_ids.append(outcome.article_id)
                else:
                    summary.duplicate += 1
        if progress is not None:
            progress()
    return summary
