"""A newsroom posts articles over HTTP with an editor's key and gets back their claims and
the conflicts they opened; articles are listed and filtered; each article's conflicts."""

from __future__ import annotations

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from test_api_support import World, assert_error, auth

from service.config import Settings

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous, newsroom = support.reader_key, support.anonymous, support.newsroom

WIRE = {
    "source": "Sahara Wire",
    "url": "https://sahara-wire.example/2024/05/20/wagner",
    "title": "Wagner in Mali",
    "published_at": "2024-05-20",
    "language": "en",
    "text": "Wagner fighters were deployed in Mali in 2021 according to officials in Bamako.",
}
AGENCE = {
    "source": "Agence Sahel",
    "url": "https://agence-sahel.example/wagner",
    "published_at": "2024-05-21",
    "language": "en",
    "text": "Wagner fighters were deployed in Mali in 2022 according to officials in Bamako.",
}


def test_posting_an_article_returns_its_claims_and_the_conflicts_it_opened(
    newsroom: TestClient,
) -> None:
    first = newsroom.post("/articles", json=WIRE)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "new" and first.json()["conflicts"] == []
    assert first.headers["location"] == f"/articles/{first.json()['id']}"

    second = newsroom.post("/articles", json=AGENCE)
    assert second.status_code == 201, second.text
    body = second.json()
    assert body["article"]["source"]["name"] == "Agence Sahel"
    [claim] = body["claims"]
    assert "2022" in claim["text"]
    [conflict] = body["conflicts"]
    assert conflict["status"] == "open"
    assert conflict["relation"]["conflict_types"] == ["date"]
    sources = {
        conflict["claim_a"]["article"]["source"]["name"],
        conflict["claim_b"]["article"]["source"]["name"],
    }
    assert sources == {"Sahara Wire", "Agence Sahel"}


def test_posting_the_same_article_again_answers_200_with_the_stored_id(
    newsroom: TestClient,
) -> None:
    created = newsroom.post("/articles", json=WIRE).json()
    again = newsroom.post("/articles", json={**WIRE, "title": "Updated title"})
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["id"] == created["id"]


@pytest.mark.parametrize(
    ("change", "status", "says"),
    [
        ({"text": "   "}, 422, "text is empty"),
        ({"text": ""}, 422, "at least 1 character"),
        ({"language": "de"}, 422, "language"),
        ({"source": ""}, 422, "source"),
        ({"url": "javascript:alert(1)"}, 422, "url"),
        ({"published_at": "yesterday"}, 422, "published_at"),
        ({"text": "Wagner\x00 left"}, 422, "NUL"),
        ({"extra": 1}, 422, "Extra inputs"),
    ],
)
def test_bad_articles_are_422_and_store_nothing(
    newsroom: TestClient, change: dict, status: int, says: str
) -> None:
    response = newsroom.post("/articles", json={**WIRE, **change})
    assert says in assert_error(response, status)["message"]
    assert newsroom.get("/articles", params={"source": "Sahara Wire"}).json()["total"] == 0


def test_an_article_over_the_size_limit_is_413(
    newsroom: TestClient, engine, settings: Settings
) -> None:
    limit = settings.max_article_bytes
    response = newsroom.post("/articles", json={**WIRE, "text": "é" * (limit // 2 + 1)})
    assert "over the limit" in assert_error(response, 413, "body_too_large")["message"]
    huge = newsroom.post("/articles", json={**WIRE, "text": "x" * (4 * limit)})
    assert_error(huge, 413, "body_too_large")


def test_only_editors_and_admins_may_post_articles(
    newsroom: TestClient, anonymous: TestClient, world: World, reader_key: str
) -> None:
    assert_error(anonymous.post("/articles", json=WIRE), 401, "unauthorized")
    for key in (reader_key, world.reviewer_key):
        assert_error(newsroom.post("/articles", json=WIRE, headers=auth(key)), 403, "forbidden")
    assert newsroom.post("/articles", json=WIRE, headers=auth(world.admin_key)).status_code == 201


def test_articles_are_listed_newest_first_and_filtered(newsroom: TestClient, world: World) -> None:
    wire = newsroom.post("/articles", json=WIRE).json()["id"]
    agence = newsroom.post("/articles", json=AGENCE).json()["id"]
    listed = newsroom.get("/articles").json()
    assert [item["id"] for item in listed["items"]][:2] == [agence, wire]
    assert listed["total"] == 4  # the two of the test world as well
    by_source = newsroom.get("/articles", params={"source": "sahara wire"}).json()
    assert [item["id"] for item in by_source["items"]] == [wire]
    by_url = newsroom.get("/articles", params={"url": AGENCE["url"]}).json()
    assert [item["id"] for item in by_url["items"]] == [agence]
    since = {
        item["id"]
        for item in newsroom.get("/articles", params={"since": "2024-05-21"}).json()["items"]
    }
    assert agence in since and wire not in since
    page = newsroom.get("/articles", params={"limit": 1, "offset": 1}).json()
    assert (len(page["items"]), page["next_offset"]) == (1, 2)
    assert page["items"][0]["ingested_at"].endswith("Z")


def test_an_articles_conflicts_of_any_status(newsroom: TestClient, world: World) -> None:
    url = f"/articles/{world.english_article_id}/conflicts"
    assert [c["id"] for c in newsroom.get(url).json()["items"]] == [world.conflict_id]
    newsroom.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "dismissed"},
        headers=auth(world.reviewer_key),
    )
    [conflict] = newsroom.get(url).json()["items"]
    assert conflict["status"] == "dismissed"
    assert_error(newsroom.get("/articles/999999/conflicts"), 404, "not_found")
