"""The application factory: one FastAPI app serving the JSON API and the web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.api import compare, conflicts, evidence
from service.api.errors import DEFAULT_MAX_BODY_BYTES, BodyLimitMiddleware, install_error_handlers
from service.config import Settings, load_settings
from service.runtime import Runtime
from service.web import views as web_views
from service.web.templating import STATIC_DIR
from store.db import make_engine, make_session_factory, require_migrated

DESCRIPTION = """
Claim-level fact-checking for Arabic, English and French news.

Articles are split into atomic claims; similar claims from different sources are
clustered; conflicting pairs become **conflicts** in a queue that fact-checkers
review. Reads are open. Writes (assign, review) need an API key, sent as
`Authorization: Bearer cc_...` or `X-API-Key: cc_...`; create one with
`claimcheck user-add NAME`.

Every error has the shape `{"error": {"code": "...", "message": "..."}}`.
"""

TAGS = [
    {"name": "conflicts", "description": "The review queue and its audit trail."},
    {"name": "evidence", "description": "Claims, articles and clusters behind a conflict."},
    {"name": "compare", "description": "Ad-hoc comparison with the relation scorer."},
    {"name": "meta", "description": "Service health."},
]


def create_app(
    settings: Settings | None = None, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
) -> FastAPI:
    """Build the app; the database is checked at startup, models load on first compare."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        require_migrated(engine)
        yield
        engine.dispose()

    app = FastAPI(
        title="claimcheck",
        version="0.1.0",
        summary="Cross-source claim conflicts for fact-checkers",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.runtime = Runtime(settings)

    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.include_router(evidence.router)
    app.include_router(conflicts.router)
    app.include_router(compare.router)
    app.include_router(web_views.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
