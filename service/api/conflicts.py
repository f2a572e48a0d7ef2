"""The conflict queue over HTTP: list, read, assign, review. Reads are open, writes need a key."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from service.api.deps import CurrentUser, PageDep, SessionDep
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

router = APIRouter(prefix="/conflicts", tags=["conflicts"])

StatusFilter = Literal["open", "confirmed", "dismissed", "needs_more_info", "all"]
NOT_FOUND = {404: {"model": ErrorResponse, "description": "no conflict with this id"}}
WRITE_ERRORS = {
    401: {"model": ErrorResponse, "description": "missing, unknown or revoked API key"},
    **NOT_FOUND,
}


@router.get("", summary="The conflict queue, most urgent first")
def list_conflicts(
    session: SessionDep,
    page: PageDep,
    status: Annotated[StatusFilter, Query(description="`all` lists every status")] = "open",
    source: Annotated[str | None, Query(description="only conflicts involving this outlet")] = None,
    assignee_id: Annotated[int | None, Query(description="only this reviewer's conflicts")] = None,
) -> PageOut[ConflictOut]:
    queue = conflicts.conflict_queue(
        session=session,
        status=None if status == "all" else status,
        source=source,
        assignee_id=assignee_id,
        limit=page.limit,
        offset=page.offset,
    )
    return PageOut[ConflictOut].of(queue, ConflictOut.of)


@router.get(
    "/{conflict_id}", summary="One conflict with its evidence and reviews", responses=NOT_FOUND
)
def get_conflict(session: SessionDep, conflict_id: int) -> ConflictDetailOut:
    return ConflictDetailOut.of(conflicts.get_conflict(session=session, conflict_id=conflict_id))


@router.post("/{conflict_id}/assign", summary="Assign to a reviewer", responses=WRITE_ERRORS)
def assign_conflict(
    session: SessionDep, user: CurrentUser, conflict_id: int, body: AssignRequest
) -> ConflictOut:
    return ConflictOut.of(
        conflicts.assign(session=session, conflict_id=conflict_id, assignee_id=body.assignee_id)
    )


@router.post(
    "/{conflict_id}/reviews",
    status_code=201,
    summary="Record a decision (appends to the audit trail)",
    responses={
        **WRITE_ERRORS,
        409: {"model": ErrorResponse, "description": "decision not allowed in this status"},
    },
)
def review_conflict(
    session: SessionDep, user: CurrentUser, conflict_id: int, body: ReviewRequest
) -> ReviewOut:
    review = conflicts.record_review(
        session=session,
        conflict_id=conflict_id,
        reviewer=user,
        decision=body.decision,
        note=body.note,
    )
    return ReviewOut.model_validate(review)


@router.get("/{conflict_id}/reviews", summary="The audit trail, oldest first", responses=NOT_FOUND)
def list_reviews(session: SessionDep, conflict_id: int) -> list[ReviewOut]:
    reviews = conflicts.list_reviews(session=session, conflict_id=conflict_id)
    return [ReviewOut.model_validate(review) for review in reviews]
