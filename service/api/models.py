"""The models the API runs (embedder, relation scorer, claim index), built on first use.

The app starts in milliseconds and routes that never compare, search or ingest never
load a model. One claim index serves search and ingestion, behind one lock: faiss
is not safe to search while it is added to, and articles are ingested one at a time.
`claims.relate.RelationScorer` is optional: without it a pair comparison or an ingest
answers 503 and neighbours come back with `relation: null`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
from sqlalchemy.orm import Session

from claims.embed import Embedder, make_embedder
from claims.model import ClaimSlots, Relation
from service.config import Settings
from service.jobs.reconcile import ReconcileStage
from store.index import ClaimIndex, ids_checksum
from store.vectors import check_model, load_vector_ids

log = logging.getLogger("claimcheck.api")


class RelationScorer(Protocol):
    """What `claims.relate.RelationScorer` offers: one relation per pair, in one batch."""

    version: str

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
    ) -> list[Relation]: ...


class ClaimSearch:
    """The persisted claim index, reloaded when the stored vectors change under it
    (another process ingested), shared by search and ingestion."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.lock = threading.RLock()
        self._index: ClaimIndex | None = None
        self._stage: ReconcileStage | None = None

    def index(self, session: Session) -> ClaimIndex:
        """The index, caught up with the database; call with `lock` held."""
        stored = ids_checksum(load_vector_ids(session, self.embedder.model_id))
        if self._index is None or self._index.sidecar().ids_sha256 != stored:
            check_model(session, self.embedder.model_id)
            self._index = ClaimIndex.load_or_rebuild(
                session, self.settings.index_path, self.embedder.model_id, self.embedder.dim
            )
        return self._index

    def nearest(
        self, *, session: Session, vectors: np.ndarray, k: int
    ) -> list[list[tuple[int, float]]]:
        """Nearest stored claims for a batch of L2-normalised vectors: (claim id, cosine)."""
        with self.lock:
            scores, ids = self.index(session).search(vectors, k)
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores, strict=True) if i >= 0]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]

    def ingest_stage(self, session: Session, scorer: RelationScorer) -> ReconcileStage:
        """The ingest stage on the current index; call with `lock` held.

        Kept across requests so the index file is written every so often, not per article.
        """
        index = self.index(session)
        if self._stage is None or self._stage.index is not index:
            self._stage = ReconcileStage(embedder=self.embedder, index=index, scorer=scorer)
        return self._stage

    def save(self) -> None:
        """Write what ingestion added to the index file (at shutdown)."""
        with self.lock:
            if self._stage is not None:
                self._stage.save()


def _load_scorer(embedder: Embedder) -> RelationScorer | None:
    try:
        from claims.relate import RelationScorer as Scorer  # type: ignore[attr-defined]
    except ImportError:
        log.warning("claims.relate.RelationScorer is not available; compare gives no relations")
        return None
    return Scorer(embedder)


class ServiceModels:
    """The models, each built on first use (tests may assign their own)."""

    def __init__(
        self,
        settings: Settings,
        *,
        scorer_factory: Callable[[Embedder], RelationScorer | None] = _load_scorer,
    ) -> None:
        self.settings = settings
        self._scorer_factory = scorer_factory
        self._lock = threading.RLock()
        self._built: dict[str, Any] = {}

    def _get(self, name: str, build: Callable[[], Any]) -> Any:
        with self._lock:
            if name not in self._built:
                self._built[name] = build()
            return self._built[name]

    def set(self, **models: Any) -> None:
        """Put ready-made models in place (tests, or a process that already loaded them)."""
        with self._lock:
            self._built.update(models)

    @property
    def embedder(self) -> Embedder:
        return self._get("embedder", lambda: make_embedder(self.settings.embedder))

    @property
    def scorer(self) -> RelationScorer | None:
        return self._get("scorer", lambda: self._scorer_factory(self.embedder))

    @property
    def search(self) -> ClaimSearch:
        return self._get("search", lambda: ClaimSearch(self.settings, self.embedder))

    def close(self) -> None:
        if "search" in self._built:
            self._built["search"].save()
