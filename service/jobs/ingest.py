"""Ingestion job: articles are analysed, then stored with their claims, several to a
transaction and each in a savepoint of its own (`store_articles`)."""

from __future__ import annotations

import logging
import time
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
    too. Articles are stored a chunk to a transaction, each in a savepoint of its own:
    `stored` says the article's savepoint stands (later articles of the transaction
    meet its claims), `committed` and `rolled_back` what became of the transaction, so
    the stage can keep or undo in-memory effects (the faiss index) that the database's
    rollback cannot reach. An article whose savepoint was undone gets none of the three.
    """

    def prepare(self, articles: Sequence[AnalysedArticle]) -> list[Any]: ...

    def __call__(self, session: Session, article: StoredArticle, prepared: Any) -> None: ...

    def stored(self) -> None: ...

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
    return _outcome(
        store_articles([(analysed, prepared)], session_factory=session_factory, stage=stage)[0]
    )


Stored = IngestOutcome | Exception
"""What became of an article given to `store_articles`: its outcome, or its failure."""

# Longest a transaction of `store_articles` holds the store's write lock before it
# commits and takes the lock again: what a reviewer's decision may wait, plus one
# article. ANS-sized articles go in a whole read-ahead chunk (32) a transaction.
WRITE_HOLD_S = 0.5


def store_articles(
    articles: Sequence[tuple[AnalysedArticle, Any]],
    *,
    session_factory: sessionmaker[Session],
    stage: ArticleStage | None,
) -> list[Stored]:
    """Store new articles made ready by `stage.prepare`; one result per article.

    Articles share a transaction under the store's write lock, each in a savepoint of
    its own, until the transaction has held the lock `WRITE_HOLD_S`: that spares a lock,
    a commit and a session per article (the storing path's fixed costs), keeps an
    article's failure its own, and lets other writers (reviewers) in between.
    """
    results: list[Stored] = []
    while len(results) < len(articles):
        results += _store_some(
            articles[len(results) :], session_factory=session_factory, stage=stage
        )
    return results


def _store_some(
    articles: Sequence[tuple[AnalysedArticle, Any]],
    *,
    session_factory: sessionmaker[Session],
    stage: ArticleStage | None,
) -> list[Stored]:
    """Store the first of `articles` in one transaction, as many as `WRITE_HOLD_S` allows
    (one at least); their results. If the transaction itself fails (at commit, say),
    each is stored again alone, so the one that broke it is the only one lost."""
    results: list[Stored] = []
    started = time.monotonic()
    try:
        with unit_of_work(session_factory) as session:
            lock_store_for_writing(session)
            for article in articles:
                results.append(_store_one(session, *article, stage=stage))
                if time.monotonic() - started >= WRITE_HOLD_S:
                    break
    except BaseException as failure:
        if stage is not None:
            stage.rolled_back()
        if not isinstance(failure, Exception):
            raise
        if len(results) <= 1:
            return [failure]
        log.warning("storing %d articles together failed; one at a time now", len(results))
        return [
            _store_some([one], session_factory=session_factory, stage=stage)[0]
            for one in articles[: len(results)]
        ]
    if stage is not None:
        stage.committed()
    return results


def _store_one(
    session: Session, analysed: AnalysedArticle, prepared: Any, *, stage: ArticleStage | None
) -> Stored:
    """One article in its own savepoint of the chunk's transaction."""
    try:
        with session.begin_nested():
            # Again under the lock: another writer may have stored it since the first look.
            existing = existing_article_id(session=session, analysed=analysed)
            if existing is not None:
                return IngestOutcome("duplicate", existing, 0)
            stored = add_article(session=session, analysed=analysed)
            if stage is not None:
                stage(session, stored, prepared)
    except IntegrityError as exc:
        # A writer outside the lock (an older claimcheck) stored it first.
        existing = existing_article_id(session=session, analysed=analysed)
        return exc if existing is None else IngestOutcome("duplicate", existing, 0)
    except Exception as exc:
        return exc
    if stage is not None:
        stage.stored()
    return IngestOutcome("new", stored.id, len(stored.claims))


def _outcome(stored: Stored) -> IngestOutcome:
    if isinstance(stored, Exception):
        raise stored
    return stored


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
    a chunk's new articles are stored in one transaction (`store_articles`), unless
    `ingest_one` says otherwise (`--ray`: the article was analysed by a Ray task).
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
    """For each item of a prepared chunk, what reports how ingesting it went. The chunk's
    new articles are stored together first (each prepared on its own if the chunk could
    not be prepared together); a failure is raised for `ingest_item` to report."""
    entries, made = ready.entries, ready.prepared
    if made is None:
        assert stage is not None, "only a stage's preparing fails"
        entries, made = _prepared_one_by_one(entries, stage)
    fresh = [entry for entry in entries if isinstance(entry, AnalysedArticle)]
    stored = iter(
        store_articles(
            list(zip(fresh, made, strict=True)), session_factory=session_factory, stage=stage
        )
    )
    results = [next(stored) if isinstance(e, AnalysedArticle) else e for e in entries]
    return [partial(_finish, result) for result in results]


def _finish(result: Entry | Stored, article: ArticleInput) -> IngestOutcome:
    if isinstance(result, int):
        return IngestOutcome("duplicate", result, 0)
    if result is None or isinstance(result, AnalysedArticle):
        raise AssertionError("only stored articles are reported")
    return _outcome(result)


def _prepared_one_by_one(
    entries: list[Entry], stage: ArticleStage
) -> tuple[list[Entry], list[Any]]:
    """The chunk's new articles prepared each on its own, after preparing them together
    failed: an article whose own preparing fails becomes that failure."""
    kept: list[Entry] = []
    made: list[Any] = []
    for entry in entries:
        if isinstance(entry, AnalysedArticle):
            try:
                made.append(stage.prepare([entry])[0])
            except Exception as exc:
                entry = exc
        kept.append(entry)
    return kept, made


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
