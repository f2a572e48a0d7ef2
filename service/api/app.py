"""The application factory: one FastAPI app serving the JSON API and the web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from service.api import articles, compare, conflicts, evidence, ingest_jobs, meta, users
from service.api.errors import DEFAULT_MAX_BODY_BYTES, BodyLimitMiddleware, install_error_handlers
from service.api.metrics import MetricsMiddleware, ServiceMetrics
from service.api.page_cache import PageCache
from service.api.security import SecurityHeadersMiddleware
from service.api.threads import limit_worker_threads
from service.api.throttle import Throttle
from service.config import Settings, load_settings
from service.jobs.ingest import shared_ingest_one
from service.jobs.ingest_jobs import JobRunner
from service.runtime import Runtime
from service.web import views as web_views
from service.web.auth import SignInRequired, sign_in_redirect
from service.web.templating import STATIC_DIR
from store.db import make_engine, make_session_factory, require_migrated

DESCRIPTION = """
Claim-level fact-checking for Arabic, English and French news.

Articles are split into atomic claims; similar claims from different sources are
clustered; conflicting pairs become **conflicts** in a queue that fact-checkers
review. Every route but `/health` and these docs needs an API key, sent as
`Authorization: Bearer cc_...` or `X-API-Key: cc_...`; an admin creates one with
`claimcheck user-add NAME --role ROLE`.

Roles: **reader** reads; **editor** also ingests articles and compares claims;
**reviewer** also assigns and decides conflicts; **admin** does everything and
manages users and keys. A key whose role lacks a permission gets 403.

Every error has the shape `{"error": {"code": "...", "message": "..."}}`.
"""

TAGS = [
    {"name": "articles", "description": "Ingest articles and find them again."},
    {"name": "conflicts", "description": "The review queue, its audit trail and exports."},
    {"name": "evidence", "description": "Claims, articles and clusters behind a conflict."},
    {"name": "compare", "description": "Ad-hoc comparison and semantic search."},
    {"name": "users", "description": "Users, roles and API keys (admins)."},
    {"name": "meta", "description": "Health, identity and metrics."},
]

# JSON escapes can triple an article's UTF-8 size (\\uXXXX for a 2-byte letter).
_JSON_ESCAPE_FACTOR = 3


def create_app(
    settings: Settings | None = None, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
) -> FastAPI:
    """Build the app; the database is checked at startup, models load on first use."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    runtime = Runtime(settings)
    job_runner = _job_runner(settings, engine, session_factory, runtime)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        limit_worker_threads(settings.api_threads)
        require_migrated(engine)
        if job_runner is not None:
            job_runner.start()
        yield
        if job_runner is not None:
            job_runner.stop()
        runtime.save()
        engine.dispose()

    app = FastAPI(
        title="claimcheck",
        version="0.1.0",
        summary="Cross-source claim conflicts for fact-checkers",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.runtime = runtime
    app.state.job_runner = job_runner
    app.state.metrics = ServiceMetrics(session_factory)
    app.state.login_throttle = Throttle(settings.login_rate, what="failed sign-ins")
    app.state.compare_throttle = Throttle(settings.compare_rate, what="compare requests")
    app.state.queue_pages = PageCache()

    install_error_handlers(app)
    app.add_exception_handler(SignInRequired, sign_in_redirect)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=max_body_bytes,
        path_limits={
            "/articles": _JSON_ESCAPE_FACTOR * settings.max_article_bytes + max_body_bytes,
            "/ingest/jobs": settings.max_upload_bytes + max_body_bytes,
        },
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    for router in (
        meta.router,
        articles.router,
        ingest_jobs.router,
        evidence.router,
        conflicts.router,
        compare.router,
        users.router,
        web_views.router,
    ):
        app.include_router(router)
    app.mount("/docs-assets", StaticFiles(directory=meta.DOCS_ASSETS_DIR), name="docs-assets")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _job_runner(
    settings: Settings, engine: Engine, session_factory: sessionmaker[Session], runtime: Runtime
) -> JobRunner | None:
    """The server's own ingest-job worker on SQLite; on PostgreSQL `claimcheck worker`
    processes take the jobs, and the API's threads stay free for requests."""
    if engine.dialect.name != "sqlite":
        return None
    return JobRunner(
        session_factory=session_factory,
        ingest_one=shared_ingest_one(runtime=runtime, session_factory=session_factory),
        max_bytes=settings.max_article_bytes,
    )
