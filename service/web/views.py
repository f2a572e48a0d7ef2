"""Pages of the web UI. Like the API routes, each page is a few lines over `store/`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from service.api.deps import PageDep, SessionDep, authenticate
from service.web.templating import KEY_COOKIE, highlight, render
from store import conflicts
from store.conflicts import CONFLICT_STATUSES, DECISIONS
from store.models import Claim

router = APIRouter(include_in_schema=False)

KeyCookie = Annotated[str | None, Cookie(alias=KEY_COOKIE)]


@router.get("/")
def queue_page(
    request: Request,
    session: SessionDep,
    page: PageDep,
    status: Annotated[str, Query()] = "open",
    source: Annotated[str | None, Query()] = None,
) -> Response:
    queue = conflicts.conflict_queue(
        session=session,
        status=None if status == "all" else status,
        source=source or None,
        limit=page.limit,
        offset=page.offset,
    )
    return render(
        request,
        "queue.html",
        {"page": queue, "status": status, "source": source or "", "statuses": CONFLICT_STATUSES},
    )


@router.get("/ui/conflicts/{conflict_id}")
def conflict_page(request: Request, session: SessionDep, conflict_id: int) -> Response:
    conflict = conflicts.get_conflict(session=session, conflict_id=conflict_id)
    sides = [
        _article_side(session=session, label=label, claim=claim)
        for label, claim in (("A", conflict.relation.claim_a), ("B", conflict.relation.claim_b))
    ]
    return render(
        request, "conflict.html", {"conflict": conflict, "sides": sides, "decisions": DECISIONS}
    )


def _article_side(*, session: Session, label: str, claim: Claim) -> dict[str, Any]:
    """One column of the conflict page: the claim highlighted inside its whole article."""
    article = conflicts.get_article(session=session, article_id=claim.article_id)
    spans = [(other.start_char, other.end_char, other.id) for other in article.claims]
    return {
        "label": label,
        "claim": claim,
        "article": article,
        "segments": highlight(article.cleaned_text, spans, focus=claim.id),
    }


@router.post("/ui/conflicts/{conflict_id}/reviews")
def review_form(
    session: SessionDep,
    conflict_id: int,
    decision: Annotated[str, Form()],
    key_cookie: KeyCookie = None,
    note: Annotated[str, Form(max_length=5000)] = "",
    api_key: Annotated[str | None, Form()] = None,
) -> Response:
    reviewer = authenticate(session=session, key=api_key or key_cookie)
    conflicts.record_review(
        session=session, conflict_id=conflict_id, reviewer=reviewer, decision=decision, note=note
    )
    return RedirectResponse(f"/ui/conflicts/{conflict_id}", status_code=303)


@router.get("/ui/clusters/{cluster_id}")
def cluster_page(request: Request, session: SessionDep, cluster_id: int) -> Response:
    view = conflicts.get_cluster(session=session, cluster_id=cluster_id)
    return render(request, "cluster.html", {"view": view})


@router.get("/ui/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html")


@router.post("/ui/login")
def login(session: SessionDep, api_key: Annotated[str, Form()]) -> Response:
    """Check the key, then keep it in a cookie the browser sends only to this site's own forms."""
    authenticate(session=session, key=api_key)
    response = RedirectResponse("/", status_code=303)
    # SameSite=Strict keeps other sites' forms from posting reviews with this cookie.
    response.set_cookie(KEY_COOKIE, api_key, httponly=True, samesite="strict")
    return response


@router.post("/ui/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(KEY_COOKIE)
    return response
