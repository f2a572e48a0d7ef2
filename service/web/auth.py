"""Who is at the browser, and proof that a form came from one of our pages.

Signing in turns an API key into a server-side session: the cookie carries a random
token (HttpOnly, SameSite=Lax, Secure where configured, expiring with the session),
the database its hash. Logging out deletes the row, so a copied cookie dies with it.

Every form carries a CSRF token that must equal the one in the `claimcheck_csrf`
cookie (double submit); a page of another origin can neither read that cookie nor
set it for us. A POST whose Origin header names another host is refused as well.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from service.api.deps import SessionDep, client_address, require
from service.api.errors import ApiError
from store.models import User
from store.users import OpenedSession, close_session, live_api_key, open_session, session_user

SESSION_COOKIE = "claimcheck_session"
CSRF_COOKIE = "claimcheck_csrf"
CSRF_FIELD = "csrf_token"
_TOKEN_BYTES = 32


class SignInRequired(Exception):
    """A page needs a signed-in user; the browser is sent to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def sign_in_redirect(request: Request, exc: SignInRequired) -> Response:
    return RedirectResponse(f"/ui/login?next={quote(exc.next_url, safe='/')}", status_code=303)


def safe_next(next_url: str | None) -> str:
    """Where to go after signing in: a path on this site only, never another host."""
    if not next_url or not next_url.startswith("/") or next_url.startswith(("//", "/\\")):
        return "/"
    return next_url


def csrf_token(request: Request) -> str:
    """The browser's CSRF token, made (and set on the response by `render`) if it has none."""
    current = request.cookies.get(CSRF_COOKIE, "")
    if len(current) >= _TOKEN_BYTES:
        return current
    if not getattr(request.state, "new_csrf_token", None):
        request.state.new_csrf_token = secrets.token_urlsafe(_TOKEN_BYTES)
    return request.state.new_csrf_token


def _cookie_options(request: Request) -> dict:
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": request.app.state.settings.secure_cookies,
        "path": "/",
    }


def set_csrf_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, **_cookie_options(request))


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # old browsers and non-browser clients; the token still has to match
    return urlsplit(origin).netloc == request.headers.get("host", "")


def check_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    """A dependency of every form POST: the token matches the cookie, the origin is ours."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (
        cookie and hmac.compare_digest(cookie.encode(), csrf_token.encode())
    ) or not _same_origin(request):
        raise ApiError(
            403,
            "csrf_failed",
            "this form did not come from a claimcheck page (or it expired); "
            "reload the page and try again",
        )


CsrfChecked = Depends(check_csrf)


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who the page is for, as plain values: an error page is rendered after the
    request's transaction has ended, when the user row can no longer be read."""

    id: int
    name: str
    role: str


def browser_user(request: Request, session: Session) -> User | None:
    user = session_user(session=session, token=request.cookies.get(SESSION_COOKIE, ""))
    if user is not None:
        request.state.viewer = Viewer(id=user.id, name=user.name, role=user.role)
    return user


def _page_user(permission: str):
    def dependency(request: Request, session: SessionDep) -> User:
        user = browser_user(request, session)
        if user is None:
            if request.method == "GET":
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                raise SignInRequired(target)
            raise ApiError(401, "unauthorized", "sign in first: your session ended")
        return require(user=user, permission=permission)

    return dependency


PageReader = Annotated[User, Depends(_page_user("read"))]
PageReviewer = Annotated[User, Depends(_page_user("review"))]


def sign_in(*, request: Request, session: Session, api_key: str) -> OpenedSession:
    """Open a session for a live key; failed keys spend the address's sign-in budget."""
    throttle = request.app.state.login_throttle
    address = client_address(request)
    throttle.check(address)
    row = live_api_key(session=session, key=api_key)
    if row is None:
        throttle.count(address)
        raise ApiError(401, "invalid_api_key", "the API key is unknown or revoked")
    hours = request.app.state.settings.session_hours
    return open_session(session=session, api_key=row, lifetime=timedelta(hours=hours))


def start_session(request: Request, response: Response, opened: OpenedSession) -> None:
    """Set the session cookie, and a fresh CSRF token so none from before sign-in survives."""
    response.set_cookie(
        SESSION_COOKIE, opened.token, max_age=opened.expires_in_s, **_cookie_options(request)
    )
    set_csrf_cookie(request, response, secrets.token_urlsafe(_TOKEN_BYTES))


def end_session(request: Request, response: Response, session: Session) -> None:
    close_session(session=session, token=request.cookies.get(SESSION_COOKIE, ""))
    response.delete_cookie(SESSION_COOKIE, path="/")
