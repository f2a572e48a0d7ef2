"""The heavy objects jobs and requests need (embedder, relation scorer, claim index).

One holder per process: a CLI command makes one, the API keeps one on the app. Each
object is built on first use, so commands and routes that never need a model start in
milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from claims.embed import Embedder, make_embedder
from claims.model import PairScorer
from service.config import Settings
from service.jobs.reconcile import ReconcileStage
from store.index import ClaimIndex
from store.vectors import check_model


class Runtime:
    """Models built on first use and kept; safe to share between request threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._built: dict[str, Any] = {}
        # Held by request threads while they search or add to the index: faiss is not safe
        # for both at once, and the API ingests one article at a time.
        self.index_lock = threading.RLock()

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
        """The configured embedder: what clustering and the claim index use."""
        return self._get("embedder", lambda: make_embedder(self.settings.embedder))

    @property
    def scorer(self) -> PairScorer:
        """The relation scorer, on the embedder its model was trained on: the configured
        one's weights when that is the same model (`make_embedder` keeps one per model).
        Calls made at once by several threads (API requests) are related as one batch."""
        return self._get("scorer", self._build_scorer)

    def _build_scorer(self) -> PairScorer:
        from claims.relate import RelationScorer
        from claims.relate.combining import CombiningScorer

        return CombiningScorer(RelationScorer(artefact=self.settings.relation_model))

    def index(self, session: Session) -> ClaimIndex:
        """The claim index, level with the database: loaded on first use, then caught up
        with what other processes (API workers, ingests) stored since, by the claim-id
        watermark (one index lookup when nothing changed; deletions are looked for every
        few seconds)."""
        with self._lock:
            if "index" in self._built:
                self._built["index"].catch_up(session)
            return self._loaded_index(session)

    def _loaded_index(self, session: Session) -> ClaimIndex:
        """The claim index, loaded (and so levelled) on first use, as it is after that."""
        model_id = self.embedder.model_id
        with self._lock:
            index = self._built.get("index")
            if index is None:
                check_model(session, model_id)
                index = ClaimIndex.load_or_rebuild(
                    session, self.settings.index_path, model_id, self.embedder.dim
                )
                self._built["index"] = index
            return index

    def reconcile_stage(self, session: Session) -> ReconcileStage:
        return ReconcileStage(embedder=self.embedder, index=self.index(session), scorer=self.scorer)

    def ingest_stage(self, session: Session) -> ReconcileStage:
        """The stage the API ingests with: kept from article to article, so the index file
        is written every so often rather than per article, and renewed with the index.
        The stage levels the index itself, under the store's write lock, so it is not
        caught up here as well."""
        index = self._loaded_index(session)
        with self._lock:
            stage = self._built.get("stage")
            if stage is None or stage.index is not index:
                stage = ReconcileStage(embedder=self.embedder, index=index, scorer=self.scorer)
                self._built["stage"] = stage
            return stage

    def save(self) -> None:
        """Write what `ingest_stage` added to the index file (the API does at shutdown)."""
        with self._lock:
            stage = self._built.get("stage")
        if stage is not None:
            stage.save()
