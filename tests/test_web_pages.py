"""The web UI: the queue and detail pages render claims right-to-left where needed,
escape everything they show, and need an API key to record a decision."""

from __future__ import annotations

import html

import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import (
    ARABIC_CLAIM,
    ENGLISH_CLAIM,
    World,
    add_article,
    add_claim,
    add_conflict,
)

from service.web.templating import KEY_COOKIE, highlight
from store.db import unit_of_work
from store.models import Article, Cluster, Source

client, settings, world = support.client, support.settings, support.world

SCRIPT = "<script>alert(1)</script>"


def hostile_conflict(session_factory: sessionmaker[Session]) -> tuple[int, int]:
    """A conflict whose article, claim, source, speaker and explanation all carry markup."""
    with unit_of_work(session_factory) as session:
        evil, plain = Source(name=f"Evil {SCRIPT}"), Source(name="Plain")
        cluster = Cluster()
        session.add(cluster)
        text_a = f"Intro. Troops {SCRIPT} arrived in Gao. Outro."
        article_a = add_article(session, source=evil, text=text_a, language="en", title=SCRIPT)
        article_b = add_article(session, source=plain, text="No troops arrived.", language="en")
        session.flush()
        claim_a = add_claim(
            session, article=article_a, text=f"Troops {SCRIPT} arrived in Gao", cluster=cluster
        )
        claim_a.speaker = SCRIPT
        claim_b = add_claim(session, article=article_b, text="No troops arrived", cluster=cluster)
        session.flush()
        conflict = add_conflict(
            session,
            claim_a=claim_a,
            claim_b=claim_b,
            priority=0.99,
            cluster=cluster,
            explanation=f"polarity {SCRIPT}",
        )
        return conflict.id, cluster.id


def assert_escaped(page: str) -> None:
    assert SCRIPT not in page
    assert html.escape(SCRIPT, quote=False) in page or "&lt;script&gt;" in page


def test_queue_shows_both_claims_with_sources_and_explanation(
    client: TestClient, world: World
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for expected in (ARABIC_CLAIM, ENGLISH_CLAIM, "Al Jazeera", "Reuters", "December 2021 vs"):
        assert expected in page
    assert f'href="/ui/conflicts/{world.conflict_id}"' in page


def test_arabic_claims_render_right_to_left_and_english_left_to_right(
    client: TestClient, world: World
) -> None:
    queue = client.get("/").text
    assert f'<blockquote lang="ar" dir="rtl">{ARABIC_CLAIM}</blockquote>' in queue
    assert f'<blockquote lang="en" dir="ltr">{ENGLISH_CLAIM}</blockquote>' in queue
    detail = client.get(f"/ui/conflicts/{world.conflict_id}").text
    assert '<div class="article-text" lang="ar" dir="rtl">' in detail
    assert '<div class="article-text" lang="en" dir="ltr">' in detail


def test_detail_page_highlights_each_claim_inside_its_article(
    client: TestClient, world: World
) -> None:
    page = client.get(f"/ui/conflicts/{world.conflict_id}").text
    assert f'<mark class="focus" id="claim-{world.arabic_claim_id}">{ARABIC_CLAIM}</mark>' in page
    assert f'<mark class="focus" id="claim-{world.english_claim_id}">{ENGLISH_CLAIM}</mark>' in page
    assert "No reviews yet." in page
    assert 'name="decision"' in page


def test_markup_in_articles_claims_and_sources_is_shown_escaped(
    client: TestClient, session_factory
) -> None:
    conflict_id, cluster_id = hostile_conflict(session_factory)
    for url in ("/", f"/ui/conflicts/{conflict_id}", f"/ui/clusters/{cluster_id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.text)


def test_javascript_urls_are_never_rendered_as_links(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        session.get(Article, world.arabic_article_id).url = "JavaScript:alert(1)"
    page = client.get(f"/ui/conflicts/{world.conflict_id}").text
    assert "alert(1)" not in page
    assert 'href="https://example.org/Reuters/' in page


def test_review_form_without_a_key_is_a_401_page(client: TestClient, world: World) -> None:
    response = client.post(
        f"/ui/conflicts/{world.conflict_id}/reviews",
        data={"decision": "confirmed"},
        follow_redirects=False,
    )
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/ui/login"' in response.text
    assert "No reviews yet." in client.get(f"/ui/conflicts/{world.conflict_id}").text


def test_review_form_with_key_field_records_and_redirects(client: TestClient, world: World) -> None:
    response = client.post(
        f"/ui/conflicts/{world.conflict_id}/reviews",
        data={
            "decision": "needs_more_info",
            "note": "call the ministry",
            "api_key": world.reviewer_key,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/ui/conflicts/{world.conflict_id}"
    page = client.get(f"/ui/conflicts/{world.conflict_id}").text
    assert "amina" in page and "call the ministry" in page and "needs more info" in page


def test_login_cookie_authorises_the_review_form(client: TestClient, world: World) -> None:
    login = client.post("/ui/login", data={"api_key": world.reviewer_key}, follow_redirects=False)
    assert login.status_code == 303
    cookie = login.headers["set-cookie"]
    assert f"{KEY_COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    response = client.post(
        f"/ui/conflicts/{world.conflict_id}/reviews",
        data={"decision": "confirmed"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert client.get(f"/conflicts/{world.conflict_id}").json()["status"] == "confirmed"


def test_login_with_revoked_key_is_refused(client: TestClient, world: World) -> None:
    response = client.post("/ui/login", data={"api_key": world.revoked_key}, follow_redirects=False)
    assert response.status_code == 401
    assert KEY_COOKIE not in response.headers.get("set-cookie", "")


def test_invalid_decision_in_the_ui_is_a_409_page(client: TestClient, world: World) -> None:
    url = f"/ui/conflicts/{world.conflict_id}/reviews"
    data = {"decision": "reopened", "api_key": world.reviewer_key}
    response = client.post(url, data=data, follow_redirects=False)
    assert response.status_code == 409
    assert "invalid transition" in response.text


def test_unknown_conflict_page_is_a_404_page(client: TestClient) -> None:
    response = client.get("/ui/conflicts/999999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no conflict with id 999999" in response.text


def test_queue_page_links_to_the_next_page(
    client: TestClient, world: World, session_factory
) -> None:
    with unit_of_work(session_factory) as session:
        source_a, source_b = Source(name="A"), Source(name="B")
        for n in range(3):
            a = add_article(session, source=source_a, text=f"Claim {n} here.", language="en")
            b = add_article(session, source=source_b, text=f"Other {n} here.", language="en")
            session.flush()
            add_conflict(
                session,
                claim_a=add_claim(session, article=a, text=f"Claim {n}"),
                claim_b=add_claim(session, article=b, text=f"Other {n}"),
                priority=0.1,
            )
    page = client.get("/", params={"limit": 2}).text
    assert "1–2 of 4" in page
    assert 'rel="next" href="?status=open&amp;source=&amp;offset=2&amp;limit=2"' in page
    assert "3–4 of 4" in client.get("/", params={"limit": 2, "offset": 2}).text


def test_cluster_page_lists_claims_under_each_source(client: TestClient, world: World) -> None:
    page = client.get(f"/ui/clusters/{world.cluster_id}").text
    assert '<h2 dir="auto">Al Jazeera</h2>' in page and '<h2 dir="auto">Reuters</h2>' in page
    assert ARABIC_CLAIM in page and ENGLISH_CLAIM in page


def test_highlight_survives_overlapping_and_out_of_range_spans() -> None:
    segments = highlight("abcdefghij", [(2, 5, 1), (4, 7, 2), (8, 50, 3), (-3, 1, 4)], focus=1)
    assert "".join(s.text for s in segments) == "abcdefghij"
    assert [(s.text, s.claim_id, s.focus) for s in segments if s.claim_id] == [
        ("a", 4, False),
        ("cde", 1, True),
        ("fg", 2, False),
        ("ij", 3, False),
    ]
