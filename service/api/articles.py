"""Articles over HTTP: a newsroom posts one and gets its claims and conflicts back.

An article is ingested as the CLI does it (one transaction, embedded, clustered and
related inside it), one at a time per server: the claim index is shared.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session, sessionmaker

from claims.model import ArticleInput
from claims.pipeline import ArticleRejected
from service.api.deps import Editor, PageDep, PlainText, Reader, RowId, SessionDep
from service.api.errors import ApiError
from service.api.schemas import (
    EDITOR_ONLY,
    ArticleIn,
    ArticleListItem,
    ArticleOut,
    ArticleRef,
    ClaimSpan,
    ConflictOut,
    ErrorResponse,
    IngestedArticleOut,
    PageOut,
)
from service.jobs.ingest import IngestOutcome, ingest_shared
from service.runtime import Runtime
from store import conflicts
from store.articles import list_articles
from store.db import unit_of_work
from store.pagination import MAX_LIMIT

router = APIRouter(tags=["articles"])

NOT_FOUND = {404: {"model": ErrorResponse, "description": "no article with this id"}}


class ArticleTooLarge(ApiError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            413, "body_too_large", f"text is {size:,} bytes, over the limit of {limit:,}"
        )


def ingest(
    *,
    runtime: Runtime,
    session_factory: sessionmaker[Session],
    article: ArticleInput,
    max_bytes: int,
) -> IngestOutcome:
    """Store the article unless it is already there; raises `ArticleRejected` for bad input."""
    size = len(article.text.encode("utf-8"))
    if size > max_bytes:
        raise ArticleTooLarge(size, max_bytes)
    return ingest_shared(
        article, runtime=runtime, session_factory=session_factory, max_bytes=max_bytes
    )


def ingested_article(*, session: Session, outcome: IngestOutcome) -> IngestedArticleOut:
    article = conflicts.get_article(session=session, article_id=outcome.article_id)
    found = conflicts.article_conflicts(
        session=session, article_id=article.id, limit=MAX_LIMIT, offset=0
    )
    return IngestedArticleOut(
        id=article.id,
        status=outcome.status,
        article=ArticleRef.model_validate(article),
        claims=[ClaimSpan.model_validate(claim) for claim in article.claims],
        conflicts=[ConflictOut.of(conflict) for conflict in found.items],
    )


@router.post(
    "/articles",
    status_code=201,
    summary="Ingest one article; get its claims and the conflicts it opened",
    description=(
        "The article is cleaned, split into claims, embedded, clustered with the stored "
        "claims and related to other outlets' claims, in one transaction. A new article "
        "answers 201; one already stored (same outlet and URL, or the same text) answers "
        "200 with the stored article's id, claims and conflicts. The first call loads the "
        "models and takes seconds."
    ),
    responses={
        200: {"model": IngestedArticleOut, "description": "already stored: the existing article"},
        **EDITOR_ONLY,
        413: {"model": ErrorResponse, "description": "text over CLAIMCHECK_MAX_ARTICLE_BYTES"},
        422: {"model": ErrorResponse, "description": "bad fields, empty text, unknown language"},
    },
)
def post_article(
    request: Request, response: Response, user: Editor, body: ArticleIn
) -> IngestedArticleOut:
    state = request.app.state
    try:
        outcome = ingest(
            runtime=state.runtime,
            session_factory=state.session_factory,
            article=ArticleInput(**body.model_dump()),
            max_bytes=state.settings.max_article_bytes,
        )
    except (ArticleRejected, ArticleTooLarge):
        state.metrics.ingested.labels(outcome="rejected").inc()
        raise
    state.metrics.ingested.labels(outcome=outcome.status).inc()
    if outcome.status == "duplicate":
        response.status_code = 200
    response.headers["Location"] = f"/articles/{outcome.article_id}"
    with unit_of_work(state.session_factory) as session:
        return ingested_article(session=session, outcome=outcome)


@router.get("/articles", summary="Stored articles, most recently ingested first")
def get_articles(
    session: SessionDep,
    user: Reader,
    page: PageDep,
    url: Annotated[PlainText | None, Query(max_length=2000, description="exact URL")] = None,
    source: Annotated[
        PlainText | None, Query(max_length=200, description="outlet name, any case")
    ] = None,
    since: Annotated[date | None, Query(description="published on or after this day")] = None,
) -> PageOut[ArticleListItem]:
    found = list_articles(
        session=session,
        url=url,
        source=source,
        published_since=since,
        limit=page.limit,
        offset=page.offset,
    )
    return PageOut[ArticleListItem].of(found, ArticleListItem.model_validate)


@router.get(
    "/articles/{article_id:int}",
    tags=["evidence"],
    summary="An article's cleaned text with its claims as character spans",
    responses=NOT_FOUND,
)
def get_article(session: SessionDep, user: Reader, article_id: RowId) -> ArticleOut:
    return ArticleOut.model_validate(conflicts.get_article(session=session, article_id=article_id))


@router.get(
    "/articles/{article_id:int}/conflicts",
    summary="Conflicts, of any status, that the article's claims take part in",
    responses=NOT_FOUND,
)
def get_article_conflicts(
    session: SessionDep, user: Reader, page: PageDep, article_id: RowId
) -> PageOut[ConflictOut]:
    found = conflicts.article_conflicts(
        session=session, article_id=article_id, limit=page.limit, offset=page.offset
    )
    return PageOut[ConflictOut].of(found, ConflictOut.of)
