"""Signing in to the desk: server-side sessions, CSRF tokens on every form, framing and
script policy headers, and throttled sign-ins."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import World, assert_error
from test_web_pages import csrf_token, sign_in

from service.api.app import create_app
from service.config import Settings
from service.web import views as web_views
from service.web.auth import CSRF_COOKIE, SESSION_COOKIE
from store.db import unit_of_work
from store.models import Review, WebSession, utcnow
from store.users import hash_key, revoke_api_key

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous


def session_cookie(response) -> str:
    return next(c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE))


def login(client: TestClient, key: str, **headers: str):
    client.get("/ui/login")
    return client.post(
        "/ui/login",
        data={"api_key": key, "csrf_token": csrf_token(client)},
        headers=headers,
        follow_redirects=False,
    )


def test_pages_send_a_signed_out_browser_to_the_login_page(anonymous: TestClient) -> None:
    response = anonymous.get("/ui/conflicts/1?saved=2", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/login?next=/ui/conflicts/1%3Fsaved%3D2"


def test_signing_in_opens_a_server_side_session_not_a_key_cookie(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    response = login(client, world.reviewer_key)
    assert response.status_code == 303
    cookie = session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=43200" in cookie
    assert "Secure" not in cookie
    token = client.cookies[SESSION_COOKIE]
    assert world.reviewer_key not in cookie and token != world.reviewer_key
    with unit_of_work(session_factory) as session:
        stored = session.scalars(select(WebSession)).one()
        assert stored.token_hash == hash_key(token)
        assert stored.expires_at - utcnow() > timedelta(hours=11)


def test_cookies_are_secure_when_configured(engine, settings: Settings, world: World) -> None:
    app = create_app(settings.model_copy(update={"secure_cookies": True}))
    with TestClient(app, base_url="https://testserver") as browser:
        response = login(browser, world.reviewer_key)
        assert "Secure" in session_cookie(response)
        assert all("Secure" in c for c in response.headers.get_list("set-cookie"))


def test_logout_ends_the_session_on_the_server(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    sign_in(client, world.reviewer_key)
    stolen = client.cookies[SESSION_COOKIE]
    assert client.post("/ui/logout", data={"csrf_token": csrf_token(client)}).status_code == 200
    with unit_of_work(session_factory) as session:
        assert session.scalars(select(WebSession)).all() == []
    replayed = TestClient(client.app, cookies={SESSION_COOKIE: stolen})
    assert replayed.get("/", follow_redirects=False).status_code == 303


def test_an_expired_session_or_a_revoked_key_signs_the_browser_out(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    sign_in(client, world.reviewer_key)
    assert client.get("/", follow_redirects=False).status_code == 200
    with unit_of_work(session_factory) as session:
        session.scalars(select(WebSession)).one().expires_at = utcnow() - timedelta(seconds=1)
    assert client.get("/", follow_redirects=False).status_code == 303

    sign_in(client, world.reviewer_key)
    with unit_of_work(session_factory) as session:
        revoke_api_key(session=session, prefix=world.reviewer_key[:11])
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_revoked_or_unknown_key_cannot_sign_in(client: TestClient, world: World) -> None:
    for key in (world.revoked_key, "cc_not-a-key"):
        response = login(client, key)
        assert response.status_code == 401
        assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_every_form_post_without_its_csrf_token_is_refused(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    sign_in(client, world.reviewer_key)
    posts = [
        route.path.replace("{conflict_id:int}", str(world.conflict_id))
        for route in web_views.router.routes
        if "POST" in route.methods
    ]
    assert len(posts) == 4  # reviews, assign, login, logout
    for path in posts:
        data = {"decision": "confirmed", "version": "0", "to": "me", "api_key": world.reviewer_key}
        for token in (None, "x" * 43):
            form = data if token is None else {**data, "csrf_token": token}
            response = client.post(path, data=form, follow_redirects=False)
            assert response.status_code == 403, (path, token)
            assert "did not come from a claimcheck page" in response.text
    with unit_of_work(session_factory) as session:
        assert session.scalars(select(Review)).all() == []


def test_a_form_posted_from_another_origin_is_refused_even_with_the_token(
    client: TestClient, world: World
) -> None:
    sign_in(client, world.reviewer_key)
    response = client.post(
        f"/ui/conflicts/{world.conflict_id}/reviews",
        data={"decision": "confirmed", "version": "0", "csrf_token": csrf_token(client)},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert client.get(f"/conflicts/{world.conflict_id}").json()["status"] == "open"


def test_login_csrf_cannot_plant_another_users_session(client: TestClient, world: World) -> None:
    """An attacker's page posting its own key to our login form gets no session set."""
    response = client.post(
        "/ui/login", data={"api_key": world.reviewer_key}, follow_redirects=False
    )
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_signing_in_replaces_the_csrf_token(client: TestClient, world: World) -> None:
    client.get("/ui/login")
    before = client.cookies[CSRF_COOKIE]
    sign_in(client, world.reviewer_key)
    assert client.cookies[CSRF_COOKIE] != before


@pytest.mark.parametrize("path", ["/", "/ui/login", "/conflicts", "/docs", "/health"])
def test_responses_forbid_framing_and_foreign_scripts(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("style-src")[0]  # never for scripts
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts(client: TestClient, world: World) -> None:
    sign_in(client, world.reviewer_key)
    for path in ("/", f"/ui/conflicts/{world.conflict_id}", "/ui/login", "/docs", "/redoc"):
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert not re.search(r"<[^>]+\son[a-z]+=", page), path


def test_wrong_sign_ins_are_throttled_per_address(engine, settings: Settings, world: World) -> None:
    app = create_app(settings.model_copy(update={"login_rate": "5/minute"}))
    with TestClient(app, raise_server_exceptions=False) as browser:
        codes = [login(browser, "cc_guess-" + str(n)).status_code for n in range(6)]
        assert codes == [401] * 5 + [429]
        refused = login(browser, world.reviewer_key)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        api = browser.get("/me", headers=support.auth(world.reviewer_key))
        assert_error(api, 429, "too_many_requests")
