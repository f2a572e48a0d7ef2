"""Fan the per-article and per-pair work of `ingest` and `rescore` out to Ray tasks.

Ray tasks do what needs no database: an article's extraction and its claims' embedding
(`analyse_batch`), a batch of pairs' relation scoring (`relate_batch`). Their results come
back to the driver, which stores, relates and clusters exactly as a plain run does, one
transaction per article. Only `--ray` imports this module, so nothing else needs Ray.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import ray
from sqlalchemy.orm import Session, sessionmaker

from claims.embed import make_embedder
from claims.model import ArticleInput, ClaimSlots, PairScorer, Relation, ScorerWrapper
from claims.pipeline import AnalysedArticle, analyse_article
from service.jobs.ingest import IngestOutcome, ingest_analysed
from service.jobs.reconcile import EmbeddedClaims, ReconcileStage, embed_claims
from service.runtime import Runtime

if TYPE_CHECKING:
    from claims.model import PairVectors

# Articles per task: enough that a task outweighs its scheduling (a few ms), few enough
# that every core gets work on a small batch.
ARTICLES_PER_TASK = 8
PAIRS_PER_TASK = 256
# Tasks in flight per CPU: results stream back in order without holding the whole input.
TASKS_PER_CPU = 2


def connect(address: str | None) -> bool:
    """Join the Ray cluster at `address`, or start a local one; True if this call started
    or joined it (and so should `ray.shutdown()` it). A Ray already joined is reused."""
    if ray.is_initialized():
        return False
    # Ray reports usage to its makers unless told not to; nothing here may leave the machine.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if address is None:
        ray.init(
            address="local",
            num_cpus=os.cpu_count(),
            include_dashboard=False,
            log_to_driver=False,
        )
    else:
        ray.init(address=address, log_to_driver=False)
    return True


def disconnect() -> None:
    ray.shutdown()


def _cluster_cpus() -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _in_order(futures: Iterable[ray.ObjectRef]) -> Iterator:
    """Each task's result in submission order, keeping a bounded number in flight."""
    window = TASKS_PER_CPU * _cluster_cpus()
    pending: deque[ray.ObjectRef] = deque()
    for future in futures:
        pending.append(future)
        if len(pending) >= window:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())


Analysis = tuple[ArticleInput, AnalysedArticle | Exception, EmbeddedClaims | None]


@ray.remote
def analyse_batch(
    articles: list[ArticleInput], max_bytes: int, embedder_spec: str
) -> list[Analysis]:
    """Each article with its analysis (or the exception that rejected it) and its claims
    made ready for the driver's `ReconcileStage` (`embed_claims`: the batch's claims in
    one encoder call)."""
    analysed: list[AnalysedArticle | Exception] = []
    for article in articles:
        try:
            analysed.append(analyse_article(article, max_bytes=max_bytes))
        except Exception as exc:  # handed to the driver, which reports it as a plain run does
            analysed.append(exc)
    fresh = [result for result in analysed if isinstance(result, AnalysedArticle)]
    embedded = iter(embed_claims(make_embedder(embedder_spec), fresh))
    return [
        (article, result, next(embedded) if isinstance(result, AnalysedArticle) else None)
        for article, result in zip(articles, analysed, strict=True)
    ]


class AnalysedOnRay:
    """`ingest_one` for articles analysed ahead on Ray: hands each article's analysis and
    embedded claims to `store`, fetching task results as they are needed. It must be
    called for the articles in the order it was given them, as `ingest_items` does:
    results come back in that order."""

    def __init__(
        self,
        articles: list[ArticleInput],
        *,
        max_bytes: int,
        embedder_spec: str,
        store: Callable[..., IngestOutcome],
    ) -> None:
        futures = (
            analyse_batch.remote(list(batch), max_bytes, embedder_spec)
            for batch in _batches(articles, ARTICLES_PER_TASK)
        )
        self._analyses = (analysis for batch in _in_order(futures) for analysis in batch)
        self._store = store

    def __call__(self, article: ArticleInput) -> IngestOutcome:
        analysed, result, embedded = next(self._analyses)
        if analysed != article:
            raise RuntimeError("articles analysed on Ray must be stored in the order given")
        if isinstance(result, Exception):
            raise result
        return self._store(result, prepared=embedded)


@cache
def _scorer(artefact: Path | None) -> PairScorer:
    from claims.relate import RelationScorer

    return RelationScorer(artefact=artefact)


@ray.remote
def relate_batch(
    artefact: Path | None,
    pairs: list[tuple[str, str]],
    slots: list[tuple[ClaimSlots, ClaimSlots]] | None,
    languages: list[tuple[str | None, str | None]] | None,
    vectors: list[PairVectors] | None,
) -> list[Relation]:
    return _scorer(artefact).relate(pairs, slots, languages, vectors)


class RayScorer(ScorerWrapper):
    """A `PairScorer` whose `relate` runs as Ray tasks, each on a worker's own copy of
    the relation model (loaded once per worker process)."""

    def __init__(self, scorer: PairScorer, artefact: Path | None) -> None:
        super().__init__(scorer)
        self._artefact = artefact

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
        vectors: Sequence[PairVectors] | None = None,
    ) -> list[Relation]:
        def part(values: Sequence | None, start: int) -> list | None:
            return None if values is None else list(values[start : start + PAIRS_PER_TASK])

        futures = (
            relate_batch.remote(
                self._artefact,
                pairs[start : start + PAIRS_PER_TASK],
                part(slots, start),
                part(languages, start),
                part(vectors, start),
            )
            for start in range(0, len(pairs), PAIRS_PER_TASK)
        )
        return [relation for batch in _in_order(futures) for relation in batch]


def ray_ingest(
    articles: list[ArticleInput], *, runtime: Runtime, session_factory: sessionmaker[Session]
) -> tuple[AnalysedOnRay, ReconcileStage]:
    """`ingest_one` for these articles, analysed and embedded on Ray, and the stage that
    relates and clusters them in the driver (save it when the run ends)."""
    with session_factory() as session:
        stage = ReconcileStage(
            embedder=runtime.embedder, index=runtime.index(session), scorer=runtime.scorer
        )
    ingest_one = AnalysedOnRay(
        articles,
        max_bytes=runtime.settings.max_article_bytes,
        embedder_spec=runtime.settings.embedder,
        store=partial(ingest_analysed, session_factory=session_factory, stage=stage),
    )
    return ingest_one, stage
