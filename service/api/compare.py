"""`POST /claims/compare`: score two texts against each other, or one text against the store.

Models (embedder, relation scorer, claim index) come from the app's `Runtime`: built
on the first compare request and kept, so the API starts in milliseconds and routes
that never compare never load a model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.model import MAX_CLAIM_CHARS, PairScorer, Relation
from claims.relate.scorer import claim_language, pair_languages, pair_slots
from claims.slots import extract_slots
from service.api.deps import SessionDep
from service.api.schemas import ErrorResponse
from service.runtime import Runtime
from store.claims import stored_reading
from store.models import Article, Claim

MAX_NEIGHBOURS = 50

ClaimText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLAIM_CHARS)
]
LanguageCode = Literal["ar", "en", "fr"]


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
    relation: RelationValue


class NeighboursResult(BaseModel):
    mode: Literal["neighbours"] = "neighbours"
    neighbours: list[Neighbour]


router = APIRouter(tags=["compare"])


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def _relation(value: Relation) -> RelationValue:
    return RelationValue.model_validate(value.to_dict())


def compare_pair(*, runtime: Runtime, body: PairRequest) -> PairResult:
    pairs = [(body.a, body.b)]
    languages = pair_languages(pairs, [(body.language, body.language)])
    slots = pair_slots(pairs, languages)
    [relation] = runtime.scorer.relate(pairs, slots, languages)
    slots_a, slots_b = slots[0]
    return PairResult(
        relation=_relation(relation), slots_a=slots_a.to_dict(), slots_b=slots_b.to_dict()
    )


def nearest_claims(
    *, session: Session, runtime: Runtime, body: NeighboursRequest
) -> NeighboursResult:
    """Embed the text once, search the index, then score the hits in one batch."""
    vectors = runtime.embedder.encode([body.claim])
    scores, ids = runtime.index(session).search(vectors, body.k)
    hits = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
    claims = {
        claim.id: claim
        for claim in session.scalars(
            select(Claim)
            .where(Claim.id.in_([claim_id for claim_id, _ in hits]))
            .options(selectinload(Claim.article).selectinload(Article.source))
        )
    }
    found = [(claims[claim_id], score) for claim_id, score in hits if claim_id in claims]
    relations = _relate_to_stored(runtime.scorer, body, [claim for claim, _ in found])
    return NeighboursResult(
        neighbours=[
            Neighbour(
                id=claim.id,
                text=claim.text[:MAX_CLAIM_CHARS],
                source=claim.article.source.name,
                article_id=claim.article_id,
                similarity=score,
                relation=_relation(relation),
            )
            for (claim, score), relation in zip(found, relations, strict=True)
        ]
    )


def _relate_to_stored(
    scorer: PairScorer, body: NeighboursRequest, claims: list[Claim]
) -> list[Relation]:
    """The query's slots are extracted once; stored claims bring their own slots and reading.

    A stored claim is read up to MAX_CLAIM_CHARS, as a query is: rows from before claims
    were cut to sentence length can be far longer.
    """
    if not claims:
        return []
    language = claim_language(body.claim, body.language)
    query_slots = extract_slots(body.claim, language=language or "ar")
    stored = [stored_reading(claim.text, claim.slots) for claim in claims]
    return scorer.relate(
        [(body.claim, text[:MAX_CLAIM_CHARS]) for text, _ in stored],
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
        return nearest_claims(session=session, runtime=_runtime(request), body=body)
    return compare_pair(runtime=_runtime(request), body=body)
