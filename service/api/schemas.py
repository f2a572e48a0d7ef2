"""JSON shapes of the API. Rows become these at the edge; nothing else leaves the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from claims.model import Language
from service.api.deps import NoNul, RowId
from store.conflicts import ClusterView, Decision
from store.models import Conflict, IngestJob
from store.pagination import MAX_LIMIT, Page
from store.users import Role

T = TypeVar("T")

MAX_NOTE_CHARS = 5000
# A user's or an outlet's name, as the `name` columns hold it.
ShortName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul
]


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


# The errors of a route only editors (and admins) may call, as its OpenAPI `responses`.
EDITOR_ONLY: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "missing, unknown or revoked API key"},
    403: {"model": ErrorResponse, "description": "the key's role is not editor or admin"},
}


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
    """One entry of the audit trail: a decision, or an assignment change."""

    id: int
    decision: str = Field(
        description="a decision, or `assigned`/`unassigned` for a change of assignee"
    )
    note: str
    reviewer: UserOut = Field(description="who made the entry")
    assignee: UserOut | None = Field(description="the new assignee, for `assigned` entries")
    created_at: datetime


class ConflictOut(Schema):
    """A conflict with both claims side by side and the relation that explains it."""

    id: int
    status: str = Field(examples=["open"])
    version: int = Field(description="changes with every decision or assignment")
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


VERSION_FIELD = Field(
    default=None,
    ge=0,
    le=2**31 - 1,
    description="the conflict's `version` as you read it: refused with 409 if it changed since",
)


class AssignRequest(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"assignee_id": 3}]})

    assignee_id: RowId | None = Field(description="the reviewer's user id; null unassigns")
    version: int | None = VERSION_FIELD


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
            "confirmed (the outlets disagree), dismissed (they do not), resolved (settled: "
            "the note says which side holds) or needs_more_info decide an open conflict; "
            "reopened puts a decided one back in the queue"
        )
    )
    note: Annotated[str, StringConstraints(max_length=MAX_NOTE_CHARS), NoNul] = ""
    version: int | None = VERSION_FIELD


class MeOut(Schema):
    id: int
    name: str
    role: Role
    permissions: list[str] = Field(examples=[["read", "review"]])
    assigned_open: int = Field(description="open conflicts assigned to you")


class UserAdminOut(Schema):
    id: int
    name: str
    role: Role
    created_at: datetime


class NewUserRequest(Schema):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul
    ]
    role: Role = "reviewer"


class RoleRequest(Schema):
    model_config = ConfigDict(extra="forbid")

    role: Role


class IssuedKeyOut(Schema):
    """The clear key is in this answer only; it is stored hashed."""

    user: UserAdminOut
    key: str
    prefix: str


class ArticleIn(Schema):
    """One article as a newsroom sends it. `source` is the outlet's readable name."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source": "Sahara Wire",
                    "url": "https://sahara-wire.example/2024/05/20/burkina",
                    "title": "Russian troops in Burkina Faso",
                    "published_at": "2024-05-20",
                    "language": "en",
                    "text": "Russia deployed about 300 soldiers to Burkina Faso in January.",
                }
            ]
        },
    )

    source: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul
    ]
    text: Annotated[str, StringConstraints(min_length=1), NoNul]
    url: (
        Annotated[str, StringConstraints(max_length=2000, pattern=r"^https?://\S+$"), NoNul] | None
    ) = None
    title: Annotated[str, StringConstraints(max_length=1000), NoNul] | None = None
    published_at: date | None = None
    language: Language | None = Field(default=None, description="detected if omitted")


class ArticleListItem(ArticleRef):
    ingested_at: datetime


class IngestedArticleOut(Schema):
    id: int
    status: Literal["new", "duplicate"]
    article: ArticleRef
    claims: list[ClaimSpan]
    conflicts: list[ConflictOut] = Field(
        description="conflicts the article's claims take part in (for a new article: opened now)"
    )


class SearchHit(Schema):
    similarity: float = Field(description="cosine similarity of the embeddings")
    claim: ClaimOut


class SearchOut(Schema):
    query: str
    hits: list[SearchHit]


class HealthOut(Schema):
    status: str = Field(examples=["ok"])
    database: str = Field(examples=["ok"])


JobStatus = Literal["queued", "running", "done", "failed"]


class LineRejection(Schema):
    line: int = Field(description="line number in the upload, from 1", examples=[3])
    reason: str = Field(examples=["not valid JSON (Expecting value)"])


class IngestJobOut(Schema):
    """A batch ingest job: its progress and, as lines are done, their results."""

    id: int
    name: str = Field(description="the uploaded file's name", examples=["wires-2024-05-20.jsonl"])
    status: JobStatus
    submitted_by: str | None = Field(description="the submitter's name")
    lines_total: int
    lines_done: int
    new: int = Field(description="articles stored")
    duplicate: int = Field(description="articles already in the store")
    rejected: int = Field(description="lines that could not become an article")
    claims: int = Field(description="claims the new articles brought")
    error: str | None = Field(description="why a failed job stopped")
    worker: str | None = Field(description="the process holding or last holding the job")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def of(cls, job: IngestJob) -> Self:
        return cls.model_validate(
            {
                **{name: getattr(job, name) for name in cls.model_fields if name != "submitted_by"},
                "submitted_by": job.submitted_by.name if job.submitted_by else None,
            }
        )


class IngestJobDetailOut(IngestJobOut):
    rejections: list[LineRejection] = Field(
        description="rejected lines and why, as `claimcheck ingest` reports them (first 1,000)"
    )
