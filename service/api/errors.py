"""One error shape for the whole service: `{"error": {"code", "message"}}`, never a traceback.

Domain errors from `store/` are mapped to status codes here, once, so routes never
catch them. Pages under the web UI get the same information as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claims.pipeline import ArticleRejected
from service.api.security import security_headers
from service.readers import UploadRejected
from store.conflicts import ConflictChanged, InvalidTransition, NotAReviewer, NotFound
from store.db import is_lock_timeout
from store.index import IndexPathError
from store.users import UnknownKey, UnknownUser, UserError, UserExists
from store.vectors import EmbeddingModelMismatch

log = logging.getLogger("claimcheck.api")

# Request bodies here are small JSON documents or forms; the largest legitimate one is
# a compare request with two 5000-character texts (at most 4 bytes a character).
DEFAULT_MAX_BODY_BYTES = 64 * 1024
# Seconds a client is asked to wait when SQLite's write lock stayed taken: writers hold it
# for well under a second an article.
RETRY_AFTER_S = 1


class ApiError(Exception):
    """An error a route or dependency raises to answer with a given status and code."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "body_too_large", f"request body is larger than {limit} bytes")


def error_body(code: str, message: str, details: list[dict[str, str]] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith("/ui/") or path == "/ui"


def _limit_for(path: str, limits: dict[str, int], default: int) -> int:
    return limits.get(path.rstrip("/") or "/", default)


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    *,
    details: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if _wants_html(request):
        from service.web.templating import render_error

        return render_error(request, status=status, code=code, message=message, headers=headers)
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


_DOMAIN_STATUS: list[tuple[type[Exception], int, str]] = [
    (NotFound, 404, "not_found"),
    (UnknownUser, 404, "not_found"),
    (UnknownKey, 404, "not_found"),
    (InvalidTransition, 409, "invalid_transition"),
    (ConflictChanged, 409, "conflict_changed"),
    (UserExists, 409, "already_exists"),
    (UserError, 422, "validation_error"),
    (NotAReviewer, 422, "validation_error"),
    (ArticleRejected, 422, "article_rejected"),
    (UploadRejected, 422, "bad_upload"),
    # The store holds vectors of another model: searching or adding would mix spaces.
    (EmbeddingModelMismatch, 503, "embedding_model_mismatch"),
    (IndexPathError, 503, "index_unavailable"),
]


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "request"


def _readable(error: dict[str, Any]) -> str:
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "malformed JSON")
        return f"request body is not valid JSON: {reason}"
    if error.get("type") == "missing" and tuple(error.get("loc", ())) == ("body",):
        return "a JSON request body is required"
    return str(error.get("msg", "invalid value"))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    details = [
        {"field": _field(tuple(e.get("loc", ()))), "message": _readable(e)} for e in exc.errors()
    ]
    message = "; ".join(
        d["message"] if d["message"].startswith("request body") else f"{d['field']}: {d['message']}"
        for d in details
    )
    return error_response(request, 422, "validation_error", message, details=details)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 400 and isinstance(exc.__cause__, ApiError):
        # Raised while FastAPI read the body (BodyTooLarge); it wraps those in a 400.
        return await _api_error(request, exc.__cause__)
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI reports undecodable bytes as a bare 400; to a client it is a bad body.
        return error_response(
            request, 422, "validation_error", "request body is not valid UTF-8 JSON"
        )
    if exc.status_code == 413:
        return error_response(request, 413, "body_too_large", "request body is too large")
    codes = {
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
    }
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no route for {request.method} {request.url.path}"
    code = codes.get(exc.status_code, "http_error")
    return error_response(
        request, exc.status_code, code, message, headers=getattr(exc, "headers", None)
    )


async def _api_error(request: Request, exc: ApiError) -> Response:
    return error_response(request, exc.status, exc.code, exc.message, headers=exc.headers)


async def _domain_error(request: Request, exc: Exception) -> Response:
    for kind, status, code in _DOMAIN_STATUS:
        if isinstance(exc, kind):
            return error_response(request, status, code, str(exc))
    return await _unexpected_error(request, exc)


async def _database_error(request: Request, exc: OperationalError) -> Response:
    if is_lock_timeout(exc):
        # SQLite's single writer stayed busy past the busy timeout: worth trying again.
        return error_response(
            request,
            503,
            "database_busy",
            "the database is busy with another write; try again in a moment",
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        request,
        500,
        "internal_error",
        "the server failed to answer; the error was logged",
        headers=security_headers(request.url.path),
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(OperationalError, _database_error)
    for kind, _, _ in _DOMAIN_STATUS:
        app.add_exception_handler(kind, _domain_error)
    app.add_exception_handler(Exception, _unexpected_error)


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` (or a path's own limit) with a 413 before a route
    reads them.

    A declared Content-Length is refused up front; a chunked body is counted as it
    streams in, and the route's read fails with `BodyTooLarge` once past the limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        path_limits: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.path_limits = path_limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = _limit_for(scope["path"], self.path_limits, self.max_bytes)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            request = Request(scope)
            too_large = BodyTooLarge(limit)
            response = error_response(request, 413, too_large.code, too_large.message)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send)
