"""Read-only views of what a conflict rests on: claims and their clusters."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import Reader, RowId, SessionDep
from service.api.schemas import ClaimOut, ClusterOut, ErrorResponse
from store import conflicts

router = APIRouter(tags=["evidence"])


def _not_found(kind: str) -> dict:
    return {404: {"model": ErrorResponse, "description": f"no {kind} with this id"}}


@router.get(
    "/clusters/{cluster_id:int}",
    summary="A cluster's claims grouped by source",
    responses=_not_found("cluster"),
)
def get_cluster(session: SessionDep, user: Reader, cluster_id: RowId) -> ClusterOut:
    return ClusterOut.of(conflicts.get_cluster(session=session, cluster_id=cluster_id))


@router.get("/claims/{claim_id:int}", summary="One claim", responses=_not_found("claim"))
def get_claim(session: SessionDep, user: Reader, claim_id: RowId) -> ClaimOut:
    return ClaimOut.model_validate(conflicts.get_claim(session=session, claim_id=claim_id))
