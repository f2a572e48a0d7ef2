"""Read-only views of what a conflict rests on: claims, their articles, their clusters."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from service.api.deps import SessionDep
from service.api.schemas import ArticleOut, ClaimOut, ClusterOut, ErrorResponse, HealthOut
from store import conflicts

router = APIRouter()


def _not_found(kind: str) -> dict:
    return {404: {"model": ErrorResponse, "description": f"no {kind} with this id"}}


@router.get("/health", tags=["meta"], summary="Liveness and database reachability")
def health(session: SessionDep) -> HealthOut:
    session.execute(text("SELECT 1"))
    return HealthOut(status="ok", database="ok")


@router.get(
    "/clusters/{cluster_id}",
    tags=["evidence"],
    summary="A cluster's claims grouped by source",
    responses=_not_found("cluster"),
)
def get_cluster(session: SessionDep, cluster_id: int) -> ClusterOut:
    return ClusterOut.of(conflicts.get_cluster(session=session, cluster_id=cluster_id))


@router.get(
    "/articles/{article_id}",
    tags=["evidence"],
    summary="An article's cleaned text with its claims as character spans",
    responses=_not_found("article"),
)
def get_article(session: SessionDep, article_id: int) -> ArticleOut:
    return ArticleOut.model_validate(conflicts.get_article(session=session, article_id=article_id))


@router.get(
    "/claims/{claim_id}", tags=["evidence"], summary="One claim", responses=_not_found("claim")
)
def get_claim(session: SessionDep, claim_id: int) -> ClaimOut:
    return ClaimOut.model_validate(conflicts.get_claim(session=session, claim_id=claim_id))
