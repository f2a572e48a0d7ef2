"""Pages of the reviewers' desk. Like the API routes, each page is a few lines over `store/`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from claims.model import SUPPORTED_LANGUAGES, ConflictType, Language
from service.api.deps import PageDep, PlainText, RowId, SessionDep
from service.api.schemas import MAX_NOTE_CHARS
from service.web.auth import (
    CsrfChecked,
    PageReader,
    PageReviewer,
    browser_user,
    end_session,
    safe_next,
    sign_in,
    start_session,
)
from service.web.desk import conflict_sides
from service.web.templating import highlight, render
from store import conflicts
from store.articles import source_names
from store.conflicts import (
    CONFLICT_STATUSES,
    ConflictChanged,
    Decision,
    InvalidTransition,
    QueueFilter,
    QueueSort,
    allowed_decisions,
)
from store.models import Conflict
from store.users import may

router = APIRouter(include_in_schema=False)

QueueStatus = Literal["open", "confirmed", "dismissed", "needs_more_info", "resolved", "all"]
CONFLICT_TYPES: tuple[str, ...] = get_args(ConflictType)
# The decision buttons of a conflict page: what each says and the key that presses it
# (`a` assigns, j/k move, ? shows them all).
DECISION_BUTTONS = {
    "confirmed": ("Confirm", "c"),
    "dismissed": ("Dismiss", "d"),
    "resolved": ("Resolve", "r"),
    "needs_more_info": ("Needs more info", "n"),
    "reopened": ("Reopen", "o"),
}


@router.get("/")
def queue_page(
    request: Request,
    session: SessionDep,
    user: PageReader,
    page: PageDep,
    status: Annotated[QueueStatus, Query()] = "open",
    mine: Annotated[bool, Query()] = False,
    source: Annotated[PlainText | None, Query(max_length=200)] = None,
    conflict_type: Annotated[ConflictType | Literal[""] | None, Query(alias="type")] = None,
    language: Annotated[Language | Literal[""] | None, Query(alias="lang")] = None,
    since: Annotated[date | Literal[""] | None, Query()] = None,
    q: Annotated[PlainText | None, Query(max_length=200)] = None,
    sort: Annotated[QueueSort, Query()] = "priority",
) -> Response:
    filters = QueueFilter(
        assignee_id=user.id if mine else None,
        source=source or None,
        conflict_type=conflict_type or None,
        language=language or None,
        opened_since=since or None,
        text=q or None,
    )
    queue = conflicts.conflict_queue(
        session=session,
        status=None if status == "all" else status,
        filters=filters,
        sort=sort,
        limit=page.limit,
        offset=page.offset,
    )
    query = {
        "source": source or "",
        "type": conflict_type or "",
        "lang": language or "",
        "since": since or "",
        "q": q or "",
        "sort": sort,
    }
    return render(
        request,
        "queue.html",
        {
            "page": queue,
            "status": status,
            "mine": mine,
            "counts": conflicts.status_counts(session=session, filters=filters),
            "mine_open": conflicts.status_counts(
                session=session, filters=QueueFilter(assignee_id=user.id)
            )["open"],
            "filters": query,
            "filter_query": urlencode(query),
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            "statuses": CONFLICT_STATUSES,
            "sources": source_names(session=session),
            "conflict_types": CONFLICT_TYPES,
            "languages": SUPPORTED_LANGUAGES,
            "can_review": may(user, "review"),
        },
    )


def _conflict_page(
    request: Request,
    session: SessionDep,
    conflict: Conflict,
    *,
    status: int = 200,
    error: str | None = None,
    note: str = "",
    saved: int | None = None,
) -> Response:
    previous_id, next_id = conflicts.adjacent_in_queue(session=session, conflict=conflict)
    return render(
        request,
        "conflict.html",
        {
            "conflict": conflict,
            "sides": conflict_sides(session=session, conflict=conflict),
            "decisions": allowed_decisions(conflict.status),
            "decision_buttons": DECISION_BUTTONS,
            "saved": next((r for r in conflict.reviews if r.id == saved), None),
            "error": error,
            "note": note,
            "previous_id": previous_id,
            "next_id": next_id,
            "can_review": may(request.state.viewer, "review"),
        },
        status=status,
    )


@router.get("/ui/conflicts/{conflict_id:int}")
def conflict_page(
    request: Request,
    session: SessionDep,
    user: PageReader,
    conflict_id: RowId,
    saved: Annotated[RowId | None, Query()] = None,
) -> Response:
    conflict = conflicts.get_conflict(session=session, conflict_id=conflict_id)
    return _conflict_page(request, session, conflict, saved=saved)


@router.post("/ui/conflicts/{conflict_id:int}/reviews", dependencies=[CsrfChecked])
def review_form(
    request: Request,
    session: SessionDep,
    user: PageReviewer,
    conflict_id: RowId,
    decision: Annotated[Decision, Form()],
    version: Annotated[int, Form(ge=0, le=2**31 - 1)],
    note: Annotated[PlainText, Form(max_length=MAX_NOTE_CHARS)] = "",
) -> Response:
    """Record the decision; if it cannot be (someone was quicker, or it no longer
    applies), show the page again with the reason and the note as typed."""
    try:
        review = conflicts.record_review(
            session=session,
            conflict_id=conflict_id,
            reviewer=user,
            decision=decision,
            note=note,
            expected_version=version,
        )
    except (InvalidTransition, ConflictChanged) as exc:
        conflict = conflicts.get_conflict(session=session, conflict_id=conflict_id)
        return _conflict_page(request, session, conflict, status=409, error=str(exc), note=note)
    return RedirectResponse(f"/ui/conflicts/{conflict_id}?saved={review.id}", status_code=303)


@router.post("/ui/conflicts/{conflict_id:int}/assign", dependencies=[CsrfChecked])
def assign_form(
    session: SessionDep,
    user: PageReviewer,
    conflict_id: RowId,
    to: Annotated[Literal["me", "nobody"], Form()] = "me",
    next_url: Annotated[PlainText | None, Form(alias="next", max_length=2000)] = None,
) -> Response:
    conflicts.assign(
        session=session,
        conflict_id=conflict_id,
        assignee_id=user.id if to == "me" else None,
        by=user,
    )
    return RedirectResponse(safe_next(next_url or f"/ui/conflicts/{conflict_id}"), 303)


@router.get("/ui/articles/{article_id:int}")
def article_page(
    request: Request, session: SessionDep, user: PageReader, article_id: RowId
) -> Response:
    article = conflicts.get_article(session=session, article_id=article_id)
    relations = conflicts.claim_relations(
        session=session, claim_ids=[claim.id for claim in article.claims]
    )
    by_claim: dict[int, list] = {claim.id: [] for claim in article.claims}
    for relation in relations:
        for mine, other in (
            (relation.claim_a, relation.claim_b),
            (relation.claim_b, relation.claim_a),
        ):
            if mine.id in by_claim and other.id not in by_claim:
                by_claim[mine.id].append((relation, other))
    spans = [(claim.start_char, claim.end_char, claim.id) for claim in article.claims]
    return render(
        request,
        "article.html",
        {
            "article": article,
            "segments": highlight(article.cleaned_text, spans, focus=None),
            "relations": by_claim,
        },
    )


@router.get("/ui/clusters/{cluster_id:int}")
def cluster_page(
    request: Request, session: SessionDep, user: PageReader, cluster_id: RowId
) -> Response:
    view = conflicts.get_cluster(session=session, cluster_id=cluster_id)
    return render(request, "cluster.html", {"view": view})


@router.get("/ui/login")
def login_page(
    request: Request,
    session: SessionDep,
    next_url: Annotated[PlainText | None, Query(alias="next", max_length=2000)] = None,
) -> Response:
    browser_user(request, session)
    return render(request, "login.html", {"next": safe_next(next_url)})


@router.post("/ui/login", dependencies=[CsrfChecked])
def login(
    request: Request,
    session: SessionDep,
    api_key: Annotated[PlainText, Form(max_length=200)],
    next_url: Annotated[PlainText | None, Form(alias="next", max_length=2000)] = None,
) -> Response:
    """Check the key and open a server-side session; the key itself is never stored."""
    opened = sign_in(request=request, session=session, api_key=api_key)
    response = RedirectResponse(safe_next(next_url), status_code=303)
    start_session(request, response, opened)
    return response


@router.post("/ui/logout", dependencies=[CsrfChecked])
def logout(request: Request, session: SessionDep) -> Response:
    response = RedirectResponse("/ui/login", status_code=303)
    end_session(request, response, session)
    return response
