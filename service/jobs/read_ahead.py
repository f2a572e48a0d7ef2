"""Ingest's read-ahead: articles analysed and prepared a chunk at a time.

A chunk's new articles are prepared together (`ArticleStage.prepare`: their claims go
through the encoder in one call, which shares the work per distinct word piece). When
the machine has a second core, the next chunk is analysed and prepared in a second
process while this one stores the last: analysis and embedding need no database
writes, storing needs no model. The second process is forked from this one, so it
starts with the stage's models as they are, and it opens its own database connections.
Nothing here decides what is stored: a failure belongs to its article, and the
duplicate check made ahead is only a shortcut that storing makes again under the lock.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from claims.blas import cap_blas_threads
from claims.pipeline import AnalysedArticle, analyse_article
from service.cores import usable_cores
from service.readers import ReadItem, SourcedArticle
from store.articles import check_storable, existing_article_id

if TYPE_CHECKING:
    from service.jobs.ingest import ArticleStage

log = logging.getLogger(__name__)

# Articles analysed and prepared together (bench/bench_ingest.py: the embed stage of
# 325 articles took 5.5 s one article at a time, 3.2 s 32 at a time).
PREPARE_AHEAD = 32

# Per item of a chunk: a new article analysed, the id of its stored copy, the failure
# that stops it, or None for an input problem (reported without any preparing).
Entry = AnalysedArticle | int | Exception | None


@dataclass(frozen=True, slots=True)
class PreparedChunk:
    """A chunk made ready: one entry per item, and `stage.prepare`'s output for its new
    articles in order (None when preparing them together failed: each is then prepared
    on its own, so the failure stays with the article that caused it)."""

    entries: list[Entry]
    prepared: list[Any] | None


@dataclass(frozen=True, slots=True)
class _Work:
    session_factory: sessionmaker[Session]
    max_bytes: int
    stage: ArticleStage | None


def prepared_chunks(
    items: Iterable[ReadItem],
    *,
    session_factory: sessionmaker[Session],
    max_bytes: int,
    stage: ArticleStage | None,
) -> Iterator[tuple[list[ReadItem], PreparedChunk]]:
    """`items` in chunks of PREPARE_AHEAD, each with what makes it ready; at most two
    chunks are read ahead of the one being stored, so a large input streams."""
    work = _Work(session_factory, max_bytes, stage)
    chunks = _chunks(items, PREPARE_AHEAD)
    current = next(chunks, None)
    following = next(chunks, None)
    if following is None or not _second_core():
        while current is not None:
            yield current, _prepare(current, work)
            current, following = following, next(chunks, None)
        return
    with ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(work,),
    ) as pool:
        ahead: Future[PreparedChunk] | None = pool.submit(_prepare_in_worker, following)
        yield current, _prepare(current, work)
        while following is not None:
            current, following = following, next(chunks, None)
            ready = _result(ahead, current, work)
            ahead = pool.submit(_prepare_in_worker, following) if following else None
            yield current, ready


def _second_core() -> bool:
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return usable_cores() >= 2


def _result(
    ahead: Future[PreparedChunk] | None, chunk: list[ReadItem], work: _Work
) -> PreparedChunk:
    """The second process' preparation of `chunk`, or this process' own if it failed."""
    try:
        assert ahead is not None
        return ahead.result()
    except Exception:
        log.exception("preparing ahead in a second process failed; preparing here")
        return _prepare(chunk, work)


_worker: _Work | None = None


def _start_worker(work: _Work) -> None:
    # Forked: the work arrives as it was, models loaded, not pickled. The database
    # connections are the parent's: leave them to it and open new ones here.
    global _worker
    _worker = work
    bind = work.session_factory.kw.get("bind")
    if bind is not None:
        bind.dispose(close=False)
    cap_blas_threads(1)


def _prepare_in_worker(chunk: list[ReadItem]) -> PreparedChunk:
    assert _worker is not None, "worker started without its work"
    return _prepare(chunk, _worker)


def _prepare(chunk: Sequence[ReadItem], work: _Work) -> PreparedChunk:
    entries = [_entry(item, work) for item in chunk]
    fresh = [entry for entry in entries if isinstance(entry, AnalysedArticle)]
    if work.stage is None:
        return PreparedChunk(entries, [None] * len(fresh))
    try:
        return PreparedChunk(entries, work.stage.prepare(fresh))
    except Exception:
        log.exception("preparing %d articles together failed; one by one now", len(fresh))
        return PreparedChunk(entries, None)


def _entry(item: ReadItem, work: _Work) -> Entry:
    if not isinstance(item, SourcedArticle):
        return None
    try:
        analysed = analyse_article(item.article, max_bytes=work.max_bytes)
        check_storable(analysed)
    except Exception as exc:
        return exc
    try:
        with work.session_factory() as session:
            existing = existing_article_id(session=session, analysed=analysed)
    except SQLAlchemyError:
        existing = None  # storing looks again, under the lock
    return analysed if existing is None else existing


def _chunks(items: Iterable[ReadItem], size: int) -> Iterator[list[ReadItem]]:
    """`items` in lists of `size`, read lazily (the input may be a large stream)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
