"""JSON shapes of the API. Rows become these at the edge; nothing else leaves the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from store.conflicts import ClusterView, Decision
from store.models import Conflict
from store.pagination import MAX_LIMIT, Page

T = TypeVar("T")

MAX_NOTE_CHARS = 5000


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ErrorDetail(Schema):
    field: str = Field(examples=["body.decision"])
    message: str = Field(examples=["Input should be 'confirmed', 'dismissed', ..."])


class ErrorBody(Schema):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no conflict with id 42"])
    details: list[ErrorDetail] | None = None


class ErrorResponse(Schema):
    """Every error the API returns has this shape, whatever its status code."""

    error: ErrorBody


class PageOut(Schema, Generic[T]):
    """One page of a list; ask again with `offset=next_offset` until it is null."""

    items: list[T]
    total: int = Field(description="rows matching the filters, over all pages")
    limit: int = Field(le=MAX_LIMIT)
    offset: int
    next_offset: int | None

    @classmethod
    def of(cls, page: Page[Any], convert: Callable[[Any], T]) -> PageOut[T]:
        converted = page.map(convert)
        return cls(
            items=converted.items,
            total=page.total,
            limit=page.limit,
            offset=page.offset,
            next_offset=page.next_offset,
        )


class SourceOut(Schema):
    id: int
    name: str = Field(examples=["Al Jazeera"])


class ArticleRef(Schema):
    id: int
    title: str | None
    url: str | None
    published_at: date | None
    language: str = Field(examples=["ar"])
    source: SourceOut


class ClaimOut(Schema):
    id: int
    text: str = Field(examples=["وصل 300 جندي روسي إلى مالي"])
    language: str = Field(examples=["ar"])
    speaker: str | None
    hedged: bool
    denied: bool
    check_worthy: bool
    start_char: int = Field(description="span of the claim in the article's cleaned_text")
    end_char: int
    slots: dict[str, Any]
    cluster_id: int | None
    article: ArticleRef


class RelationOut(Schema):
    id: int
    relation: str = Field(examples=["conflict"])
    score: float
    conflict_types: list[str] = Field(examples=[["quantity"]])
    explanation: str = Field(examples=["300 soldiers vs 1000 soldiers"])
    temporal: bool = Field(description="the claims may both be true at different times")
    scorer_version: str


class UserOut(Schema):
    id: int
    name: str


class ReviewOut(Schema):
    id: int
    decision: str
    note: str
    reviewer: UserOut
    created_at: datetime


class ConflictOut(Schema):
    """A conflict with both claims side by side and the relation that explains it."""

    id: int
    status: str = Field(examples=["open"])
    priority: float
    cluster_id: int | None
    assignee: UserOut | None
    relation: RelationOut
    claim_a: ClaimOut
    claim_b: ClaimOut
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, conflict: Conflict) -> ConflictOut:
        return cls.model_validate(_conflict_fields(conflict))


class ConflictDetailOut(ConflictOut):
    reviews: list[ReviewOut] = Field(description="the audit trail, oldest first")

    @classmethod
    def of(cls, conflict: Conflict) -> ConflictDetailOut:
        return cls.model_validate({**_conflict_fields(conflict), "reviews": conflict.reviews})


def _conflict_fields(conflict: Conflict) -> dict[str, Any]:
    sides = {"claim_a": conflict.relation.claim_a, "claim_b": conflict.relation.claim_b}
    return {
        **{name: getattr(conflict, name) for name in ConflictOut.model_fields if name not in sides},
        **sides,
    }


class ClaimSpan(Schema):
    id: int
    text: str
    start_char: int
    end_char: int
    speaker: str | None
    cluster_id: int | None


class ArticleOut(ArticleRef):
    cleaned_text: str
    claims: list[ClaimSpan] = Field(description="claims in text order, as spans of cleaned_text")


class ConflictRef(Schema):
    id: int
    status: str
    priority: float


class SourceClaims(Schema):
    source: str
    claims: list[ClaimOut]


class ClusterOut(Schema):
    id: int
    created_at: datetime
    sources: list[SourceClaims] = Field(description="each outlet's claims, outlets by name")
    conflicts: list[ConflictRef]

    @classmethod
    def of(cls, view: ClusterView) -> ClusterOut:
        return cls(
            id=view.cluster.id,
            created_at=view.cluster.created_at,
            sources=[
                SourceClaims(source=name, claims=[ClaimOut.model_validate(c) for c in claims])
                for name, claims in view.claims_by_source.items()
            ],
            conflicts=[ConflictRef.model_validate(c) for c in view.conflicts],
        )


class AssignRequest(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"assignee_id": 3}]})

    assignee_id: int | None = Field(description="the reviewer's user id; null unassigns")


class ReviewRequest(Schema):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"decision": "confirmed", "note": "Ministry figure is 300; the 1000 is a typo."}
            ]
        },
    )

    decision: Decision = Field(
        description=(
            "confirmed/dismissed/needs_more_info decide an open conflict; "
            "reopened puts a decided one back in the queue"
        )
    )
    note: str = Field(default="", max_length=MAX_NOTE_CHARS)


class HealthOut(Schema):
    status: str = Field(examples=["ok"])
    database: str = Field(examples=["ok"])
