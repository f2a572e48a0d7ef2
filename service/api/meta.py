"""The service itself: health, who am I, metrics, API docs (served from local files)."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.api.deps import Reader, SessionDep
from service.api.schemas import HealthOut, MeOut
from service.web.templating import STATIC_DIR, templates
from store.conflicts import QueueFilter, status_counts
from store.db import ping
from store.users import ROLE_PERMISSIONS

router = APIRouter(tags=["meta"])

# Swagger UI and ReDoc as the fastapi-offline package ships them: the docs need no CDN.
DOCS_ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"


@router.get("/health", summary="Liveness and database reachability")
def health(session: SessionDep) -> HealthOut:
    ping(session)
    return HealthOut(status="ok", database="ok")


@router.get("/me", summary="The caller: name, role, what it may do, open conflicts assigned")
def me(session: SessionDep, user: Reader) -> MeOut:
    mine = status_counts(session=session, filters=QueueFilter(assignee_id=user.id))
    return MeOut(
        id=user.id,
        name=user.name,
        role=user.role,
        permissions=sorted(ROLE_PERMISSIONS[user.role]),
        assigned_open=mine["open"],
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics (text exposition format)",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
def metrics(request: Request, user: Reader) -> Response:
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )


@router.get("/docs", include_in_schema=False)
def swagger_ui(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "docs.html", {"title": request.app.title})


@router.get("/redoc", include_in_schema=False)
def redoc(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "redoc.html", {"title": request.app.title})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")
