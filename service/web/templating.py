"""Jinja2 set-up (autoescape always on) and the text helpers templates use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from service.web.auth import CSRF_FIELD, csrf_token, set_csrf_cookie
from store.models import iso_utc

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

# Scripts written right-to-left among the project's languages; others are left-to-right.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
KNOWN_LANGUAGES = frozenset({"ar", "en", "fr"})


def text_direction(language: str | None) -> str:
    """`dir` for text in `language`; "auto" lets the browser decide when it is unknown."""
    if language in RTL_LANGUAGES:
        return "rtl"
    return "ltr" if language in KNOWN_LANGUAGES else "auto"


def is_web_url(url: str | None) -> bool:
    """Only http(s) links are rendered: escaping does not stop a `javascript:` href."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text, either plain or one claim's span."""

    text: str
    claim_id: int | None = None
    focus: bool = False


def highlight(text: str, spans: Iterable[tuple[int, int, int]], focus: int | None) -> list[Segment]:
    """Cut `text` into plain runs and claim spans `(start, end, claim_id)`.

    Spans are clamped to the text and an overlapping later span is dropped, so a bad
    offset from extraction degrades the highlighting, never the page.
    """
    segments: list[Segment] = []
    cursor = 0
    for start, end, claim_id in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], claim_id=claim_id, focus=claim_id == focus))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def timestamp(value: datetime) -> str:
    """A stored time as reviewers read it: minutes, in UTC, and saying so."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["text_dir"] = text_direction
    env.filters["is_web_url"] = is_web_url
    env.filters["timestamp"] = timestamp
    env.filters["iso_time"] = iso_utc
    env.filters["label"] = lambda value: str(value).replace("_", " ")
    env.globals["highlight"] = highlight
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """A page with the signed-in user (if any) and this browser's CSRF token for its forms."""
    token = csrf_token(request)
    user = getattr(request.state, "viewer", None)
    context = {"user": user, "csrf_field": CSRF_FIELD, "csrf_token": token, **(context or {})}
    response = templates.TemplateResponse(
        request, name, context, status_code=status, headers=headers
    )
    if getattr(request.state, "new_csrf_token", None) == token:
        set_csrf_cookie(request, response, token)
    return response


def render_error(
    request: Request,
    *,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response:
    context = {"status": status, "code": code, "message": message}
    return render(request, "error.html", context, status=status, headers=headers)
