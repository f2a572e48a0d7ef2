"""Every failure has one JSON shape: auth, unknown ids, bad bodies, big bodies, crashes."""

from __future__ import annotations

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from test_api_support import World, assert_error, auth

from service.api.app import create_app

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/conflicts/{id}/assign", {"assignee_id": None}),
        ("/conflicts/{id}/reviews", {"decision": "confirmed"}),
    ],
)
def test_writes_without_a_key_are_401_and_change_nothing(
    client: TestClient, anonymous: TestClient, world: World, path: str, body: dict
) -> None:
    url = path.format(id=world.conflict_id)
    error = assert_error(anonymous.post(url, json=body), 401, "unauthorized")
    assert "API key" in error["message"]
    assert anonymous.post(url, json=body).headers["WWW-Authenticate"] == "Bearer"
    assert client.get(f"/conflicts/{world.conflict_id}").json()["reviews"] == []


def test_unknown_or_revoked_keys_are_401(client: TestClient, world: World) -> None:
    url = f"/conflicts/{world.conflict_id}/reviews"
    body = {"decision": "confirmed"}
    for key in ("cc_not-a-real-key", world.revoked_key, "Bearer"):
        response = client.post(url, json=body, headers=auth(key))
        assert_error(response, 401, "invalid_api_key")
    assert_error(client.post(url, json=body, headers={"Authorization": "Basic abc"}), 401)


def test_x_api_key_header_is_accepted_like_bearer(anonymous: TestClient, world: World) -> None:
    response = anonymous.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "confirmed"},
        headers={"X-API-Key": world.reviewer_key},
    )
    assert response.status_code == 201


def test_reads_need_a_readers_key(client: TestClient, anonymous: TestClient, world: World) -> None:
    for url in (
        "/conflicts",
        f"/conflicts/{world.conflict_id}",
        f"/conflicts/{world.conflict_id}/reviews",
        f"/clusters/{world.cluster_id}",
        f"/articles/{world.arabic_article_id}",
        f"/claims/{world.arabic_claim_id}",
        f"/articles/{world.arabic_article_id}/conflicts",
        "/articles",
        "/me",
        "/metrics",
        "/conflicts/export",
    ):
        assert client.get(url).status_code == 200, url
        assert_error(anonymous.get(url), 401, "unauthorized")


@pytest.mark.parametrize(
    "url",
    [
        "/conflicts/999999",
        "/conflicts/999999/reviews",
        "/clusters/999999",
        "/articles/999999",
        "/claims/999999",
        "/no/such/route",
    ],
)
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    assert_error(client.get(url), 404, "not_found")


def test_review_of_unknown_conflict_is_404(client: TestClient, world: World) -> None:
    response = client.post(
        "/conflicts/999999/reviews",
        json={"decision": "confirmed"},
        headers=auth(world.reviewer_key),
    )
    assert "conflict" in assert_error(response, 404, "not_found")["message"]


def test_non_numeric_id_is_no_route(client: TestClient) -> None:
    assert_error(client.get("/conflicts/abc"), 404, "not_found")
    assert_error(client.get("/conflicts/-1"), 404, "not_found")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"decision": "confirmed",', "not valid JSON"),
        (b"", "body is required"),
        (b"{}", "decision"),
        (b'{"decision": "confirmed", "extra": 1}', "extra"),
        (b'{"decision": "confirmed", "note": "\xff\xfe\xfa"}', "UTF-8"),
        (b'["confirmed"]', "body"),
    ],
)
def test_bad_bodies_are_422_with_a_readable_message(
    client: TestClient, world: World, content: bytes, says: str
) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        content=content,
        headers={**auth(world.reviewer_key), "Content-Type": "application/json"},
    )
    error = assert_error(response, 422, "validation_error")
    assert says in error["message"]
    assert "Traceback" not in response.text


def test_note_longer_than_5000_chars_is_422(client: TestClient, world: World) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "confirmed", "note": "x" * 5001},
        headers=auth(world.reviewer_key),
    )
    assert "note" in assert_error(response, 422)["message"]


def test_oversize_body_is_413(client: TestClient, world: World) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "confirmed", "note": "x" * 100_000},
        headers=auth(world.reviewer_key),
    )
    assert_error(response, 413, "body_too_large")
    assert client.get(f"/conflicts/{world.conflict_id}").json()["reviews"] == []


def test_streamed_oversize_body_without_length_is_413(client: TestClient, world: World) -> None:
    def chunks():
        for _ in range(20):
            yield b"x" * 10_000

    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        content=chunks(),
        headers={**auth(world.reviewer_key), "Content-Type": "application/json"},
    )
    assert_error(response, 413, "body_too_large")


def test_crash_is_500_with_the_error_shape_and_no_traceback(
    engine, settings, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    @app.get("/ui/boom")
    def boom_page() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as crashing:
        response = crashing.get("/boom")
        page = crashing.get("/ui/boom")
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text
    assert "RuntimeError" not in error["message"]
    assert "secret internal detail" in caplog.text
    # Starlette answers an unhandled error outside the middleware that adds these.
    assert page.status_code == 500 and "secret" not in page.text
    for crashed in (response, page):
        assert crashed.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in crashed.headers["Content-Security-Policy"]
        assert crashed.headers["X-Content-Type-Options"] == "nosniff"
