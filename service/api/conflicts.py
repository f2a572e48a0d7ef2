"""The conflict queue over HTTP: list, read, assign, review, export.

Reads need a reader's key, assigning and deciding a reviewer's.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from claims.model import ConflictType, Language
from service.api.deps import PageDep, PlainText, Reader, Reviewer, RowId, SessionDep
from service.api.export import claimreview_response, csv_response
from service.api.schemas import (
    AssignRequest,
    ConflictDetailOut,
    ConflictOut,
    ErrorResponse,
    PageOut,
    ReviewOut,
    ReviewRequest,
)
from store import conflicts
from store.conflicts import QueueFilter, QueueSort

router = APIRouter(prefix="/conflicts", tags=["conflicts"])

StatusFilter = Literal["open", "confirmed", "dismissed", "needs_more_info", "resolved", "all"]
NOT_FOUND = {404: {"model": ErrorResponse, "description": "no conflict with this id"}}
WRITE_ERRORS = {
    401: {"model": ErrorResponse, "description": "missing, unknown or revoked API key"},
    403: {"model": ErrorResponse, "description": "the key's role is not reviewer or admin"},
    **NOT_FOUND,
    409: {"model": ErrorResponse, "description": "changed by someone else since `version`"},
}


@router.get(
    "",
    summary="The conflict queue, most urgent first",
    response_model=PageOut[ConflictOut],
    description=(
        "A page is built once and served again until anything it shows changes, in any "
        "process writing to the store. Its `ETag` lets a client that polls send "
        "`If-None-Match` and be answered 304 Not Modified while the page is the same."
    ),
    responses={304: {"description": "the page is still the one named by If-None-Match"}},
)
def list_conflicts(
    request: Request,
    session: SessionDep,
    user: Reader,
    page: PageDep,
    status: Annotated[StatusFilter, Query(description="`all` lists every status")] = "open",
    source: Annotated[
        PlainText | None, Query(max_length=200, description="either side's outlet, any case")
    ] = None,
    assignee_id: Annotated[RowId | None, Query(description="only this reviewer's")] = None,
    conflict_type: Annotated[ConflictType | None, Query(description="e.g. quantity")] = None,
    language: Annotated[Language | None, Query(description="either claim's language")] = None,
    since: Annotated[date | None, Query(description="opened on or after this day")] = None,
    q: Annotated[
        PlainText | None, Query(max_length=200, description="text in either claim or outlet")
    ] = None,
    sort: Annotated[QueueSort, Query(description="priority, or most recent first")] = "priority",
) -> Response:
    wanted = None if status == "all" else status
    filters = QueueFilter(
        assignee_id=assignee_id,
        source=source,
        conflict_type=conflict_type,
        language=language,
        opened_since=since,
        text=q,
    )

    def render() -> bytes:
        queue = conflicts.conflict_queue(
            session=session,
            status=wanted,
            filters=filters,
            sort=sort,
            limit=page.limit,
            offset=page.offset,
        )
        return PageOut[ConflictOut].of(queue, ConflictOut.of).model_dump_json().encode()

    # The generation is read first: a page built after a commit is at least that new.
    generation = conflicts.queue_generation(session=session)
    key = (generation, wanted, filters, sort, page.limit, page.offset)
    kept = request.app.state.queue_pages.get_or_make(key, render)
    headers = {"ETag": kept.etag}
    if kept.matches(request.headers.get("if-none-match")):
        return Response(status_code=304, headers=headers)
    return Response(kept.body, media_type="application/json", headers=headers)


@router.get(
    "/export",
    summary="Decided conflicts as schema.org ClaimReview (JSON-LD) or CSV with the audit trail",
    description=(
        "`format=claimreview`: one ClaimReview per claim of every confirmed, dismissed or "
        "resolved conflict, its rating saying what reviewers decided. `format=csv`: one "
        "row per entry of the audit trail of those conflicts (decisions and assignments)."
    ),
    responses={200: {"content": {"application/ld+json": {}, "text/csv": {}}}},
)
def export_conflicts(
    request: Request,
    session: SessionDep,
    user: Reader,
    format: Annotated[Literal["claimreview", "csv"], Query()] = "claimreview",
) -> Response:
    if format == "csv":
        return csv_response(session=session)
    return claimreview_response(session=session, base_url=str(request.base_url))


@router.get(
    "/{conflict_id:int}", summary="One conflict with its evidence and reviews", responses=NOT_FOUND
)
def get_conflict(session: SessionDep, user: Reader, conflict_id: RowId) -> ConflictDetailOut:
    return ConflictDetailOut.of(conflicts.get_conflict(session=session, conflict_id=conflict_id))


@router.post(
    "/{conflict_id:int}/assign",
    summary="Assign to a reviewer (recorded in the audit trail)",
    responses={
        **WRITE_ERRORS,
        422: {"model": ErrorResponse, "description": "assignee is not a reviewer"},
    },
)
def assign_conflict(
    session: SessionDep, user: Reviewer, conflict_id: RowId, body: AssignRequest
) -> ConflictOut:
    return ConflictOut.of(
        conflicts.assign(
            session=session,
            conflict_id=conflict_id,
            assignee_id=body.assignee_id,
            by=user,
            expected_version=body.version,
        )
    )


@router.post(
    "/{conflict_id:int}/reviews",
    status_code=201,
    summary="Record a decision (appends to the audit trail)",
    responses={
        **WRITE_ERRORS,
        409: {
            "model": ErrorResponse,
            "description": "decision not allowed in this status, or decided by someone else",
        },
    },
)
def review_conflict(
    session: SessionDep, user: Reviewer, conflict_id: RowId, body: ReviewRequest
) -> ReviewOut:
    review = conflicts.record_review(
        session=session,
        conflict_id=conflict_id,
        reviewer=user,
        decision=body.decision,
        note=body.note,
        expected_version=body.version,
    )
    return ReviewOut.model_validate(review)


@router.get(
    "/{conflict_id:int}/reviews",
    summary="The audit trail (decisions and assignments), oldest first",
    responses=NOT_FOUND,
)
def list_reviews(session: SessionDep, user: Reader, conflict_id: RowId) -> list[ReviewOut]:
    reviews = conflicts.list_reviews(session=session, conflict_id=conflict_id)
    return [ReviewOut.model_validate(review) for review in reviews]
