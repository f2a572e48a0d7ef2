"""The heavy objects a job needs (embedder, relation scorer, claim index), built once."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.orm import Session

from claims.embed import Embedder, make_embedder
from claims.relate import RelationScorer
from service.config import Settings
from service.jobs.reconcile import ReconcileStage
from store.index import ClaimIndex
from store.vectors import check_model


class Runtime:
    """Models are loaded on first use, so commands that don't need them start fast."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def embedder(self) -> Embedder:
        return make_embedder(self.settings.embedder)

    @cached_property
    def scorer(self) -> RelationScorer:
        return RelationScorer(self.embedder)

    def index(self, session: Session) -> ClaimIndex:
        """The persisted index, checked against the database (rebuilt if stale)."""
        check_model(session, self.embedder.model_id)
        return ClaimIndex.load_or_rebuild(
            session, self.settings.index_path, self.embedder.model_id, self.embedder.dim
        )

    def reconcile_stage(self, session: Session) -> ReconcileStage:
        return ReconcileStage(embedder=self.embedder, index=self.index(session), scorer=self.scorer)
