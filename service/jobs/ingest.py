"""Ingestion job: each article is analysed, then stored with its claims in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from claims.model import ArticleInput
from claims.pipeline import AnalysedArticle, ArticleRejected, analyse_article
from service.jobs.read_ahead import Entry, PreparedChunk, prepared_chunks
from service.readers import InputProblem, ReadItem, SourcedArticle
from store.articles import StoredArticle, add_article, check_storable, existing_article_id
from store.db import lock_store_for_writing, unit_of_work

if TYPE_CHECKING:
    from service.runtime import Runtime

log = logging.getLogger(__name__)


class ArticleStage(Protocol):
    """Work on an article's claims: `prepare` before its transaction (the slow analysis
    that needs no database; several articles at once, so their claims share one encoder
    call), the call inside it once its claims have ids.

    Relating and clustering hang here so that a failure there rolls the article back
    too; `rolled_back` lets the stage undo in-memory effects (the faiss index) that a
    database rollback cannot reach.
    """

    def prepare(self, articles: Sequence[AnalysedArticle]) -> list[Any]: ...

    def __call__(self, session: Session, article: StoredArticle, prepared: Any) -> None: ...

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
    return ingest_analysed(analysed, session_factory=session_factory, stage=stage)


def ingest_analysed(
    analysed: AnalysedArticle,
    *,
    session_factory: sessionmaker[Session],
    stage: ArticleStage | None = None,
    prepared: Any = None,
) -> IngestOutcome:
    """Store an article already analysed (here, or by a Ray task, which also made it
    ready for `stage`: `prepared`) unless it is there."""
    check_storable(analysed)
    with session_factory() as session:
        existing = existing_article_id(session=session, analysed=analysed)
    if existing is not None:
        return IngestOutcome("duplicate", existing, 0)
    if prepared is None and stage is not None:
        prepared = stage.prepare([analysed])[0]
    return _store_prepared(analysed, prepared, session_factory=session_factory, stage=stage)


def _store_prepared(
    analysed: AnalysedArticle,
    prepared: Any,
    *,
    session_factory: sessionmaker[Session],
    stage: ArticleStage | None,
) -> IngestOutcome:
    """Store a new article made ready by `stage.prepare`, telling the stage how it went."""
    try:
        outcome = _store(analysed, prepared, session_factory=session_factory, stage=stage)
    except BaseException:
        if stage is not None:
            stage.rolled_back()
        raise
    if stage is not None:
        stage.committed()
    return outcome


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
            existing = existing_article_id(session=session, analysed=analysed)
            if existing is not None:
                return IngestOutcome("duplicate", existing, 0)
            stored = add_article(session=session, analysed=analysed)
            if stage is not None:
                stage(session, stored, prepared)
            return IngestOutcome("new", stored.id, len(stored.claims))
    except IntegrityError:
        # A writer outside the lock (an older claimcheck) stored it before our commit.
        if stage is not None:
            stage.rolled_back()
        with unit_of_work(session_factory) as session:
            existing = existing_article_id(session=session, analysed=analysed)
            if existing is None:
                raise
            return IngestOutcome("duplicate", existing, 0)


IngestOne = Callable[[ArticleInput], IngestOutcome]


def ingest_item(
    item: ReadItem, summary: IngestSummary, *, ingest_one: IngestOne
) -> InputProblem | None:
    """Ingest one read item into `summary`; returns its problem if it was rejected.

    The guard of every batch: one article's failure is reported and never stops the run.
    """
    problem = item if isinstance(item, InputProblem) else None
    if isinstance(item, SourcedArticle):
        try:
            outcome = ingest_one(item.article)
        except ArticleRejected as exc:
            problem = InputProblem(item.location, str(exc))
        except Exception as exc:
            log.exception("ingesting %s failed", item.location)
            problem = InputProblem(item.location, f"failed: {type(exc).__name__}: {exc}")
        else:
            if outcome.status == "new":
                summary.new += 1
                summary.claims += outcome.claims
                summary.new_article_ids.append(outcome.article_id)
            else:
                summary.duplicate += 1
    if problem is not None:
        summary.rejected += 1
        summary.problems.append(problem)
    return problem


def ingest_items(
    items: Iterable[ReadItem],
    *,
    session_factory: sessionmaker[Session],
    max_bytes: int,
    stage: ArticleStage | None = None,
    progress: Callable[[], None] | None = None,
    ingest_one: IngestOne | None = None,
) -> IngestSummary:
    """Ingest everything readable; bad items are counted and reported, the rest still go in.

    Articles are analysed and prepared by `stage` a chunk at a time (`read_ahead`), then
    stored one by one as `ingest_article` would, unless `ingest_one` says otherwise
    (`--ray`: the article was analysed by a Ray task).
    """
    summary = IngestSummary()
    if ingest_one is not None:
        chunks: Iterable[tuple[list[ReadItem], list[IngestOne]]] = (
            ([item], [ingest_one]) for item in items
        )
    else:
        chunks = (
            (chunk, _finishers(ready, session_factory=session_factory, stage=stage))
            for chunk, ready in prepared_chunks(
                items, session_factory=session_factory, max_bytes=max_bytes, stage=stage
            )
        )
    for chunk, finishers in chunks:
        for item, finish in zip(chunk, finishers, strict=True):
            ingest_item(item, summary, ingest_one=finish)
            if progress is not None:
                progress()
    return summary


def _finishers(
    ready: PreparedChunk, *, session_factory: sessionmaker[Session], stage: ArticleStage | None
) -> list[IngestOne]:
    """For each item of a prepared chunk, what finishes ingesting it: store a new article
    (preparing it on its own if the chunk could not be prepared together), report a
    stored one as a duplicate, or raise its failure for `ingest_item` to report."""
    store = partial(_store_prepared, session_factory=session_factory, stage=stage)
    prepared = iter(ready.prepared) if ready.prepared is not None else None

    def finisher(entry: Entry) -> IngestOne:
        made = (
            next(prepared) if prepared is not None and isinstance(entry, AnalysedArticle) else None
        )

        def finish(article: ArticleInput) -> IngestOutcome:
            if isinstance(entry, int):
                return IngestOutcome("duplicate", entry, 0)
            if not isinstance(entry, AnalysedArticle):
                raise entry or AssertionError("only articles are ingested")
            if prepared is None:
                assert stage is not None
                return store(entry, stage.prepare([entry])[0])
            return store(entry, made)

        return finish

    return [finisher(entry) for entry in ready.entries]


def ingest_shared(
    article: ArticleInput,
    *,
    runtime: Runtime,
    session_factory: sessionmaker[Session],
    max_bytes: int,
) -> IngestOutcome:
    """Ingest with the runtime's long-lived stage, holding its index lock: how a process
    that also searches the index, or keeps it across jobs (the API, `claimcheck worker`),
    ingests. The stage is asked for per article, so the index follows the database."""
    with runtime.index_lock:
        with session_factory() as session:
            stage = runtime.ingest_stage(session)
        return ingest_article(
            article, session_factory=session_factory, max_bytes=max_bytes, stage=stage
        )


def shared_ingest_one(*, runtime: Runtime, session_factory: sessionmaker[Session]) -> IngestOne:
    """`ingest_shared` at the configured article limit: how a job worker (the server's
    own, `claimcheck worker`) ingests each line of a job."""
    return partial(
        ingest_shared,
        runtime=runtime,
        session_factory=session_factory,
        max_bytes=runtime.settings.max_article_bytes,
    )
