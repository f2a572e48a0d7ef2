"""`POST /claims/compare`: score two texts against each other, or one text against the store.

Models (embedder, relation scorer, claim index) are built on the first compare request
and kept on the app, so the API starts in milliseconds and routes that never compare
never load a model. `claims.relate.RelationScorer` is optional: without it a pair
comparison answers 503 and neighbours come back with `relation: null`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, Protocol

import numpy as np
from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.embed import Embedder, make_embedder
from claims.model import MAX_CLAIM_CHARS, ClaimSlots, Relation
from claims.relate.scorer import claim_language, pair_languages, pair_slots
from claims.slots import extract_slots
from service.api.deps import SessionDep
from service.api.errors import ApiError
from service.api.schemas import ErrorResponse
from service.config import Settings
from store.claims import stored_reading
from store.models import Article, Claim

log = logging.getLogger("claimcheck.api")

MAX_NEIGHBOURS = 50

ClaimText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLAIM_CHARS)
]
LanguageCode = Literal["ar", "en", "fr"]


class RelationScorer(Protocol):
    """What `claims.relate.RelationScorer` offers: one relation per pair, in one batch."""

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
    ) -> list[Relation]: ...


class NeighbourSearch(Protocol):
    """Nearest stored claims for a batch of L2-normalised query vectors."""

    def nearest(
        self, *, session: Session, vectors: np.ndarray, k: int
    ) -> list[list[tuple[int, float]]]: ...


class IndexNeighbourSearch:
    """Search through `store.index.ClaimIndex`, reloaded when the stored vectors change."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self._index: Any = None
        self._lock = threading.Lock()

    def _current_index(self, session: Session) -> Any:
        from store.index import ClaimIndex, ids_checksum
        from store.vectors import load_vector_ids

        stored = ids_checksum(load_vector_ids(session, self.embedder.model_id))
        with self._lock:
            if self._index is None or self._index.sidecar().ids_sha256 != stored:
                self._index = ClaimIndex.load_or_rebuild(
                    session, self.settings.index_path, self.embedder.model_id, self.embedder.dim
                )
            return self._index

    def nearest(
        self, *, session: Session, vectors: np.ndarray, k: int
    ) -> list[list[tuple[int, float]]]:
        scores, ids = self._current_index(session).search(vectors, k)
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores, strict=True) if i >= 0]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]


def _load_scorer(embedder: Embedder) -> RelationScorer | None:
    try:
        from claims.relate import RelationScorer as Scorer  # type: ignore[attr-defined]
    except ImportError:
        log.warning("claims.relate.RelationScorer is not available; compare gives no relations")
        return None
    return Scorer(embedder)


class CompareModels:
    """The models behind compare, each built on first use (tests may assign their own)."""

    def __init__(
        self,
        settings: Settings,
        *,
        scorer_factory: Callable[[Embedder], RelationScorer | None] = _load_scorer,
        search_factory: Callable[[Settings, Embedder], NeighbourSearch] = IndexNeighbourSearch,
    ) -> None:
        self.settings = settings
        self._scorer_factory = scorer_factory
        self._search_factory = search_factory
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
    def search(self) -> NeighbourSearch:
        return self._get("search", lambda: self._search_factory(self.settings, self.embedder))


class PairRequest(BaseModel):
    """Compare two claim texts directly."""

    model_config = ConfigDict(extra="forbid")

    a: ClaimText = Field(examples=["وصل 300 جندي روسي إلى مالي"])
    b: ClaimText = Field(examples=["Russia sent 1,000 soldiers to Mali"])
    language: LanguageCode | None = Field(default=None, description="hint; detected if omitted")


class NeighboursRequest(BaseModel):
    """Find the stored claims nearest to a text and how each relates to it."""

    model_config = ConfigDict(extra="forbid")

    claim: ClaimText = Field(examples=["Wagner withdrew from Mali in June 2023"])
    k: int = Field(default=5, ge=1, le=MAX_NEIGHBOURS, description="how many neighbours")
    language: LanguageCode | None = None


def _request_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "neighbours" if "claim" in value else "pair"
    return "neighbours" if isinstance(value, NeighboursRequest) else "pair"


CompareRequest = Annotated[
    Annotated[PairRequest, Tag("pair")] | Annotated[NeighboursRequest, Tag("neighbours")],
    Discriminator(_request_kind),
]


class RelationValue(BaseModel):
    relation: str = Field(examples=["conflict"])
    score: float
    conflict_types: list[str] = Field(examples=[["quantity"]])
    explanation: str
    temporal: bool


class PairResult(BaseModel):
    mode: Literal["pair"] = "pair"
    relation: RelationValue
    slots_a: dict[str, Any] = Field(description="what was extracted from `a`")
    slots_b: dict[str, Any] = Field(description="what was extracted from `b`")


class Neighbour(BaseModel):
    id: int
    text: str
    source: str
    article_id: int
    similarity: float = Field(description="cosine similarity of the embeddings")
    relation: RelationValue | None = Field(description="null when no relation scorer is installed")


class NeighboursResult(BaseModel):
    mode: Literal["neighbours"] = "neighbours"
    neighbours: list[Neighbour]


router = APIRouter(tags=["compare"])


def _models(request: Request) -> CompareModels:
    return request.app.state.compare_models


def _relation(value: Relation) -> RelationValue:
    return RelationValue.model_validate(value.to_dict())


def compare_pair(*, models: CompareModels, body: PairRequest) -> PairResult:
    scorer = models.scorer
    if scorer is None:
        raise ApiError(503, "scorer_unavailable", "no relation scorer is installed on this server")
    pairs = [(body.a, body.b)]
    languages = pair_languages(pairs, [(body.language, body.language)])
    slots = pair_slots(pairs, languages)
    [relation] = scorer.relate(pairs, slots, languages)
    slots_a, slots_b = slots[0]
    return PairResult(
        relation=_relation(relation), slots_a=slots_a.to_dict(), slots_b=slots_b.to_dict()
    )


def nearest_claims(
    *, session: Session, models: CompareModels, body: NeighboursRequest
) -> NeighboursResult:
    """Embed the text once, search the index, then score the hits in one batch."""
    vectors = models.embedder.encode([body.claim])
    [hits] = models.search.nearest(session=session, vectors=vectors, k=body.k)
    claims = {
        claim.id: claim
        for claim in session.scalars(
            select(Claim)
            .where(Claim.id.in_([claim_id for claim_id, _ in hits]))
            .options(selectinload(Claim.article).selectinload(Article.source))
        )
    }
    found = [(claims[claim_id], score) for claim_id, score in hits if claim_id in claims]
    scorer = models.scorer
    relations: list[Relation | None] = (
        list(_relate_to_stored(scorer, body, [claim for claim, _ in found]))
        if scorer is not None and found
        else [None] * len(found)
    )
    return NeighboursResult(
        neighbours=[
            Neighbour(
                id=claim.id,
                text=claim.text,
                source=claim.article.source.name,
                article_id=claim.article_id,
                similarity=score,
                relation=_relation(relation) if relation is not None else None,
            )
            for (claim, score), relation in zip(found, relations, strict=True)
        ]
    )


def _relate_to_stored(
    scorer: RelationScorer, body: NeighboursRequest, claims: list[Claim]
) -> list[Relation]:
    """The query's slots are extracted once; stored claims bring their own slots and reading."""
    language = claim_language(body.claim, body.language)
    query_slots = extract_slots(body.claim, language=language or "ar")
    stored = [stored_reading(claim.text, claim.slots) for claim in claims]
    return scorer.relate(
        [(body.claim, text) for text, _ in stored],
        [(query_slots, slots) for _, slots in stored],
        [(language, claim.language) for claim in claims],
    )


@router.post(
    "/claims/compare",
    summary="Compare two claims, or find stored claims near one",
    description=(
        'Send `{"a": ..., "b": ...}` to get the relation between two texts '
        "(agree, conflict, related, unrelated) with conflict types and an explanation. "
        'Send `{"claim": ..., "k": 5}` to get the k stored claims nearest to a text, '
        "each with its source, similarity and relation to the text. Texts are 1 to 5000 "
        "characters. The first call loads the models and is slow; later calls are fast."
    ),
    responses={
        422: {"model": ErrorResponse, "description": "text empty, too long, or k out of 1..50"},
        503: {"model": ErrorResponse, "description": "no relation scorer installed"},
    },
)
def compare(
    request: Request,
    session: SessionDep,
    body: Annotated[
        CompareRequest,
        Body(
            openapi_examples={
                "pair": {
                    "summary": "two claims",
                    "value": {
                        "a": "وصل 300 جندي روسي إلى مالي",
                        "b": "Russia sent 1,000 soldiers to Mali",
                    },
                },
                "neighbours": {
                    "summary": "nearest stored claims",
                    "value": {"claim": "Wagner withdrew from Mali", "k": 5},
                },
            }
        ),
    ],
) -> PairResult | NeighboursResult:
    if isinstance(body, NeighboursRequest):
        return nearest_claims(session=session, models=_models(request), body=body)
    return compare_pair(models=_models(request), body=body)
