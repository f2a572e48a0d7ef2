"""`POST /claims/compare` and `GET /claims/search`: score two texts against each other,
one text against the store, or find the stored claims nearest a text.

Models (embedder, relation scorer, claim index) come from the app's `Runtime`: built
on first use and kept, so the API starts in milliseconds and routes that never compare
never load a model. Comparing costs CPU, so it needs an editor's key and is rate-limited
per key (`CLAIMCHECK_COMPARE_RATE`); searching is a read.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Literal

import anyio.to_thread
import numpy as np
from fastapi import APIRouter, Body, Query, Request
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from claims.language import has_letters, reading_problem
from claims.model import MAX_CLAIM_CHARS, PairScorer, Relation
from claims.relate.scorer import claim_language, pair_languages, pair_slots
from claims.slots import extract_slots
from service.api.deps import Editor, NoNul, Reader, SessionDep
from service.api.schemas import EDITOR_ONLY, ClaimOut, ErrorResponse, SearchHit, SearchOut
from service.api.threads import compare_limiter
from service.runtime import Runtime
from store.claims import claims_with_sources, stored_reading
from store.models import Claim
from store.vectors import stored_vectors

if TYPE_CHECKING:
    from claims.model import PairVectors

MAX_NEIGHBOURS = 50

ClaimText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLAIM_CHARS),
    NoNul,
]
LanguageCode = Literal["ar", "en", "fr"]


class PairRequest(BaseModel):
    """Compare two claim texts directly."""

    model_config = ConfigDict(extra="forbid")

    a: ClaimText = Field(examples=["وصل 300 جندي روسي إلى مالي"])
    b: ClaimText = Field(examples=["Russia sent 1,000 soldiers to Mali"])
    language: LanguageCode | None = Field(
        default=None, description="hint for both sides; detected if omitted"
    )
    lang_a: LanguageCode | None = Field(
        default=None, description="hint for `a` alone (a pair in two languages)"
    )
    lang_b: LanguageCode | None = Field(default=None, description="hint for `b` alone")

    @model_validator(mode="after")
    def _readable(self) -> PairRequest:
        """One hint per side, and two texts that can be read; refused before any model loads."""
        for name, hint in (("lang_a", self.lang_a), ("lang_b", self.lang_b)):
            if self.language is not None and hint is not None and hint != self.language:
                raise _unreadable(
                    f"`language` ({self.language}) sets both sides and `{name}` ({hint}) "
                    f"disagrees with it: give `lang_a` and `lang_b` alone for a pair in "
                    "two languages"
                )
        for name, text, hint in zip("ab", (self.a, self.b), self.languages, strict=True):
            _require_readable(name, text, hint, hint_name=f"lang_{name}")
        return self

    @property
    def languages(self) -> tuple[str | None, str | None]:
        """Each side's hint: its own, else the one for both."""
        return (self.lang_a or self.language, self.lang_b or self.language)


def _unreadable(message: str) -> PydanticCustomError:
    return PydanticCustomError("unreadable_text", message)


def _require_readable(name: str, text: str, hint: str | None, *, hint_name: str) -> None:
    """A text with no letters, or clearly in a fourth language, is refused: an answer
    would only be a guess."""
    problem = reading_problem(text, hint)
    if problem is None:
        return
    if has_letters(text):
        problem += f" (if it is one of them, say which with `{hint_name}`)"
    raise _unreadable(f"`{name}` {problem}")


class NeighboursRequest(BaseModel):
    """Find the stored claims nearest to a text and how each relates to it."""

    model_config = ConfigDict(extra="forbid")

    claim: ClaimText = Field(examples=["Wagner withdrew from Mali in June 2023"])
    k: int = Field(default=5, ge=1, le=MAX_NEIGHBOURS, description="how many neighbours")
    language: LanguageCode | None = None

    @model_validator(mode="after")
    def _readable(self) -> NeighboursRequest:
        _require_readable("claim", self.claim, self.language, hint_name="language")
        return self


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
    languages = pair_languages(pairs, [body.languages])
    slots = pair_slots(pairs, languages)
    [relation] = runtime.scorer.relate(pairs, slots, languages)
    slots_a, slots_b = slots[0]
    return PairResult(
        relation=_relation(relation), slots_a=slots_a.to_dict(), slots_b=slots_b.to_dict()
    )


def _nearest(
    *, session: Session, runtime: Runtime, text: str, k: int
) -> tuple[np.ndarray, list[tuple[Claim, float]]]:
    """`text`'s vector (embedded once) and the k stored claims nearest it, each with its
    cosine similarity."""
    vectors = runtime.embedder.encode([text])
    with runtime.index_lock:
        scores, ids = runtime.index(session).search(vectors, k)
    hits = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
    claims = claims_with_sources(session, [claim_id for claim_id, _ in hits])
    return vectors[0], [(claims[claim_id], score) for claim_id, score in hits if claim_id in claims]


def nearest_claims(
    *, session: Session, runtime: Runtime, body: NeighboursRequest
) -> NeighboursResult:
    """Search the index, then score the hits in one batch: the query's vector and the
    stored ones stand in for encoding the texts again when the scorer reads the same
    embedding space."""
    query, found = _nearest(session=session, runtime=runtime, text=body.claim, k=body.k)
    claims = [claim for claim, _ in found]
    vectors = None
    model_id = runtime.embedder.model_id
    if claims and model_id == runtime.scorer.embedder.model_id:
        stored = stored_vectors(session, model_id, [c.id for c in claims])
        if stored is not None:
            vectors = [(query, stored[c.id]) for c in claims]
    relations = _relate_to_stored(runtime.scorer, body, claims, vectors)
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
    scorer: PairScorer,
    body: NeighboursRequest,
    claims: list[Claim],
    vectors: list[PairVectors] | None,
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
        vectors,
    )


@router.post(
    "/claims/compare",
    summary="Compare two claims, or find stored claims near one",
    description=(
        'Send `{"a": ..., "b": ...}` to get the relation between two texts '
        "(agree, conflict, related, unrelated) with conflict types and an explanation. "
        'Send `{"claim": ..., "k": 5}` to get the k stored claims nearest to a text, '
        "each with its source, similarity and relation to the text. Texts are 1 to 5000 "
        "characters with at least one letter, in Arabic, English or French: `language` "
        "names the language of both texts, `lang_a` and `lang_b` each side's (a pair in "
        "two languages); unnamed ones are detected. The first call loads the models and "
        "is slow; later calls are fast."
    ),
    responses={
        **EDITOR_ONLY,
        422: {
            "model": ErrorResponse,
            "description": "text empty, too long, without letters or in another language; "
            "`language` disagreeing with `lang_a`/`lang_b`; or k out of 1..50",
        },
        429: {"model": ErrorResponse, "description": "this key's compare budget is spent"},
    },
)
async def compare(
    request: Request,
    session: SessionDep,
    user: Editor,
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
    request.app.state.compare_throttle.count(f"user:{user.id}")
    runtime = _runtime(request)
    if isinstance(body, NeighboursRequest):
        return await anyio.to_thread.run_sync(
            partial(nearest_claims, session=session, runtime=runtime, body=body)
        )
    return await anyio.to_thread.run_sync(
        partial(compare_pair, runtime=runtime, body=body), limiter=compare_limiter()
    )


@router.get(
    "/claims/search",
    summary="Stored claims nearest a text, in any of Arabic, English and French",
    description=(
        "Semantic search over the claim index: the text is embedded with the store's "
        "model and the `k` nearest claims come back, most similar first. A query in one "
        "language finds claims in the others."
    ),
    responses={401: {"model": ErrorResponse, "description": "missing or unknown API key"}},
)
def search_claims(
    request: Request,
    session: SessionDep,
    user: Reader,
    q: Annotated[ClaimText, Query(description="the text to search for")],
    k: Annotated[int, Query(ge=1, le=MAX_NEIGHBOURS, description="how many claims")] = 10,
) -> SearchOut:
    _, found = _nearest(session=session, runtime=_runtime(request), text=q, k=k)
    return SearchOut(
        query=q,
        hits=[
            SearchHit(similarity=score, claim=ClaimOut.model_validate(claim))
            for claim, score in found
        ],
    )
