"""The reviewers' desk: the queue and conflict pages show the evidence first, render
Arabic right-to-left, escape everything they show, offer only allowed decisions, and
keep what a reviewer typed when a decision cannot be saved."""

from __future__ import annotations

import html
import re

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import (
    ARABIC_CLAIM,
    ENGLISH_CLAIM,
    World,
    add_article,
    add_claim,
    add_conflict,
)

from service.web.auth import CSRF_COOKIE
from service.web.desk import quoted_phrases
from service.web.templating import highlight
from store.db import unit_of_work
from store.models import Article, Claim, ClaimRelation, Cluster, Conflict, Review, Source

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous

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


def csrf_token(client: TestClient) -> str:
    return client.cookies[CSRF_COOKIE]


def sign_in(client: TestClient, key: str) -> TestClient:
    """Sign in through the login form, as a browser does (CSRF token from the page)."""
    page = client.get("/ui/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/ui/login", data={"api_key": key, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return client


@pytest.fixture
def desk(client: TestClient, world: World) -> TestClient:
    """The browser of amina, a reviewer, signed in."""
    return sign_in(client, world.reviewer_key)


def decide(desk: TestClient, conflict_id: int, decision: str, **fields: str):
    version = desk.get(f"/conflicts/{conflict_id}", headers=support.auth(fields.pop("key")))
    data = {
        "decision": decision,
        "version": str(version.json()["version"]),
        "csrf_token": csrf_token(desk),
        **fields,
    }
    return desk.post(f"/ui/conflicts/{conflict_id}/reviews", data=data, follow_redirects=False)


def test_queue_shows_both_claims_with_sources_and_explanation(
    desk: TestClient, world: World
) -> None:
    response = desk.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for expected in (ARABIC_CLAIM, ENGLISH_CLAIM, "Al Jazeera", "Reuters", "December 2021 vs"):
        assert expected in page
    assert f'href="/ui/conflicts/{world.conflict_id}"' in page


def test_arabic_claims_render_right_to_left_and_english_left_to_right(
    desk: TestClient, world: World
) -> None:
    queue = desk.get("/").text
    assert f'<blockquote lang="ar" dir="rtl">{ARABIC_CLAIM}</blockquote>' in queue
    assert f'<blockquote lang="en" dir="ltr">{ENGLISH_CLAIM}</blockquote>' in queue
    detail = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    assert '<blockquote class="claim-text" lang="ar" dir="rtl">' in detail
    assert '<blockquote class="claim-text" lang="en" dir="ltr">' in detail


def test_conflict_page_puts_both_claims_first_then_each_in_its_paragraph(
    desk: TestClient, world: World
) -> None:
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    sides, context = page.index('class="pair sides"'), page.index('class="context"')
    assert sides < page.index(ARABIC_CLAIM) < page.index(ENGLISH_CLAIM) < context
    assert "Al Jazeera" in page and "2024-12-16" in page
    assert 'href="https://example.org/Reuters/' in page  # the original article
    # Below: the claim highlighted in its own paragraph, not in the whole article.
    in_context = page[context:]
    assert f'<mark class="focus" id="claim-{world.arabic_claim_id}">{ARABIC_CLAIM}</mark>' in (
        in_context
    )
    assert "تعرض دور روسيا" not in in_context  # the article's first paragraph stays out
    assert f'href="/ui/articles/{world.arabic_article_id}#claim-{world.arabic_claim_id}"' in page


def test_each_side_names_who_made_the_claim(
    desk: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        session.get(Claim, world.arabic_claim_id).speaker = "ديمتري بيسكوف"
        session.get(Claim, world.english_claim_id).speaker = "the Malian army"
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    sides = page[page.index('id="side-A"') : page.index('class="context"')]
    a, b = sides.split('id="side-B"')
    assert 'according to <span dir="auto">ديمتري بيسكوف</span>' in a
    assert 'according to <span dir="auto">the Malian army</span>' in b


def test_differing_spans_are_marked_on_both_sides(
    desk: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        relation = session.scalar(select(ClaimRelation))
        relation.explanation = "date: A: ديسمبر 2021; B: December 2022."
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    assert '<mark class="diff">ديسمبر 2021</mark>' in page
    assert '<mark class="diff">December 2022</mark>' in page


def test_a_denial_shows_the_statement_it_denies(
    desk: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    denied = "تم نشر فاجنر في مالي منذ ديسمبر 2021"
    with unit_of_work(session_factory) as session:
        claim = session.get(Claim, world.english_claim_id)
        claim.denied = True
        claim.slots = {"refers_to": denied}
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    assert f'denies: <q lang="en" dir="ltr">{denied}</q>' in page


def test_claims_of_other_outlets_agreeing_with_a_side_are_listed(
    desk: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        text = "Wagner has been in Mali since December 2021."
        article = add_article(session, source=Source(name="AP"), text=text, language="en")
        session.flush()
        claim = add_claim(session, article=article, text=text)
        session.flush()
        session.add(
            ClaimRelation(
                claim_a_id=world.arabic_claim_id,
                claim_b_id=claim.id,
                relation="agree",
                score=0.9,
                conflict_types=[],
                explanation="",
                scorer_version="test",
            )
        )
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    side_a = page[page.index('id="side-A"') : page.index('id="side-B"')]
    assert "1 other claim agrees with A" in side_a and text in side_a
    assert "no other outlet agrees with B" in page


def test_only_allowed_decisions_are_offered(desk: TestClient, world: World) -> None:
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    offered = re.findall(r'name="decision" value="(\w+)"', page)
    assert offered == ["confirmed", "dismissed", "resolved", "needs_more_info"]
    decide(desk, world.conflict_id, "confirmed", key=world.reviewer_key)
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    assert re.findall(r'name="decision" value="(\w+)"', page) == ["resolved", "reopened"]


def test_a_saved_decision_is_confirmed_on_the_page(desk: TestClient, world: World) -> None:
    response = decide(
        desk, world.conflict_id, "needs_more_info", note="call the ministry", key=world.reviewer_key
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/ui/conflicts/{world.conflict_id}?saved=")
    page = desk.get(response.headers["location"]).text
    assert 'role="status">Saved: <strong>needs more info</strong> by amina' in page
    assert "call the ministry" in page


def test_a_decision_that_lost_a_race_keeps_the_note_as_typed(
    desk: TestClient, world: World
) -> None:
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    # pierre's colleague decides first, over the API.
    support_key = world.reviewer_key
    desk.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "dismissed"},
        headers=support.auth(support_key),
    )
    response = desk.post(
        f"/ui/conflicts/{world.conflict_id}/reviews",
        data={
            "decision": "confirmed",
            "version": version,
            "note": "Reuters <b>corrected</b> it",
            "csrf_token": csrf_token(desk),
        },
    )
    assert response.status_code == 409
    assert 'role="alert">Not saved: conflict' in response.text
    assert "changed since you read it" in response.text
    assert "Reuters &lt;b&gt;corrected&lt;/b&gt; it</textarea>" in response.text


def test_a_disallowed_decision_is_refused_with_the_note_kept(
    desk: TestClient, world: World
) -> None:
    response = decide(desk, world.conflict_id, "reopened", note="why", key=world.reviewer_key)
    assert response.status_code == 409
    assert "&#39;reopened&#39; is not allowed" in response.text
    assert ">why</textarea>" in response.text


def test_an_unknown_decision_from_a_forged_form_is_a_422(desk: TestClient, world: World) -> None:
    """As over the API: a decision no form offers is bad input, not a state conflict."""
    response = decide(desk, world.conflict_id, "approved", note="x", key=world.reviewer_key)
    assert response.status_code == 422


def test_assign_to_me_goes_into_the_history(desk: TestClient, world: World) -> None:
    response = desk.post(
        f"/ui/conflicts/{world.conflict_id}/assign",
        data={"to": "me", "csrf_token": csrf_token(desk)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    assert "assigned to amina" in page
    assert re.search(r"<strong>amina</strong>:\s*assigned to amina", page)
    trail = desk.get(f"/conflicts/{world.conflict_id}/reviews").json()
    assert [(r["decision"], r["assignee"]["name"]) for r in trail] == [("assigned", "amina")]


def test_queue_has_status_tabs_with_counts_and_my_queue(desk: TestClient, world: World) -> None:
    page = desk.get("/").text
    assert re.search(r'aria-current="page">open <span class="count">1</span>', page)
    assert re.search(r'confirmed <span class="count">0</span>', page)
    desk.post(
        f"/ui/conflicts/{world.conflict_id}/assign",
        data={"to": "me", "csrf_token": csrf_token(desk)},
    )
    mine = desk.get("/", params={"mine": "true"}).text
    assert re.search(r'aria-current="page">my queue <span class="count">1</span>', mine)
    assert f"Conflict #{world.conflict_id}" in mine
    decide(desk, world.conflict_id, "confirmed", key=world.reviewer_key)
    after = desk.get("/").text
    assert "No conflicts match." in after
    assert re.search(r'confirmed <span class="count">1</span>', after)


# (filter, whether the test world's conflict passes it)
QUEUE_FILTERS = [
    ({"source": "reuters"}, True),
    ({"source": "BBC"}, False),
    ({"type": "date"}, True),
    ({"type": "quantity"}, False),
    ({"lang": "ar"}, True),
    ({"lang": "fr"}, False),
    ({"since": "2000-01-01"}, True),
    ({"since": "2999-01-01"}, False),
    ({"q": "deployed in mali"}, True),
    ({"q": "فاجنر"}, True),
    ({"q": "Gao"}, False),
    ({"sort": "recent"}, True),
]


def test_queue_filters(desk: TestClient, world: World) -> None:
    for params, found in QUEUE_FILTERS:
        page = desk.get("/", params=params).text
        assert (f"Conflict #{world.conflict_id}" in page) is found, params


def test_source_filter_offers_every_outlet(desk: TestClient, world: World) -> None:
    page = desk.get("/").text
    assert '<option value="Al Jazeera" dir="auto">Al Jazeera</option>' in page
    assert '<option value="Reuters" dir="auto">Reuters</option>' in page


def test_article_page_highlights_its_claims_and_their_relations(
    desk: TestClient, world: World
) -> None:
    page = desk.get(f"/ui/articles/{world.arabic_article_id}").text
    assert f'<span class="other-claim" id="claim-{world.arabic_claim_id}">{ARABIC_CLAIM}' in page
    assert '<div class="article-text" lang="ar" dir="rtl">' in page
    assert 'class="tag relation-conflict">conflict</span>' in page
    assert ENGLISH_CLAIM in page
    assert f'href="/ui/conflicts/{world.conflict_id}">conflict #{world.conflict_id} (open)' in page


def test_markup_in_articles_claims_and_sources_is_shown_escaped(
    client: TestClient, world: World, session_factory
) -> None:
    conflict_id, cluster_id = hostile_conflict(session_factory)
    with unit_of_work(session_factory) as session:
        article_id = session.get(Conflict, conflict_id).relation.claim_a.article_id
    sign_in(client, world.reviewer_key)
    for url in (
        "/",
        f"/ui/conflicts/{conflict_id}",
        f"/ui/clusters/{cluster_id}",
        f"/ui/articles/{article_id}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.text)


def test_javascript_urls_are_never_rendered_as_links(
    desk: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        session.get(Article, world.arabic_article_id).url = "JavaScript:alert(1)"
    page = desk.get(f"/ui/conflicts/{world.conflict_id}").text
    assert "alert(1)" not in page
    assert 'href="https://example.org/Reuters/' in page


def test_a_reader_sees_the_desk_but_no_decision_buttons(
    client: TestClient, world: World, reader_key: str
) -> None:
    sign_in(client, reader_key)
    page = client.get(f"/ui/conflicts/{world.conflict_id}").text
    assert ENGLISH_CLAIM in page
    assert 'name="decision"' not in page and "Assign to me" not in page
    response = client.post(
        f"/ui/conflicts/{world.conflict_id}/reviews",
        data={"decision": "confirmed", "version": "0", "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 403
    with unit_of_work(client.app.state.session_factory) as session:
        assert session.scalars(select(Review)).all() == []


def test_unknown_conflict_page_is_a_404_page(desk: TestClient) -> None:
    response = desk.get("/ui/conflicts/999999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no conflict with id 999999" in response.text


def test_queue_page_links_to_the_next_page(desk: TestClient, world: World, session_factory) -> None:
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
    page = desk.get("/", params={"limit": 2}).text
    assert "1–2 of 4" in page
    assert (
        'rel="next" href="?status=open&amp;source=&amp;type=&amp;lang=&amp;since=&amp;q=&amp;'
        in (page)
    )
    assert "3–4 of 4" in desk.get("/", params={"limit": 2, "offset": 2}).text


def test_cluster_page_lists_claims_under_each_source(desk: TestClient, world: World) -> None:
    page = desk.get(f"/ui/clusters/{world.cluster_id}").text
    assert '<h2 dir="auto">Al Jazeera</h2>' in page and '<h2 dir="auto">Reuters</h2>' in page
    assert ARABIC_CLAIM in page and ENGLISH_CLAIM in page


def test_every_page_has_a_favicon(client: TestClient) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/ui/login").text


def test_highlight_survives_overlapping_and_out_of_range_spans() -> None:
    segments = highlight("abcdefghij", [(2, 5, 1), (4, 7, 2), (8, 50, 3), (-3, 1, 4)], focus=1)
    assert "".join(s.text for s in segments) == "abcdefghij"
    assert [(s.text, s.claim_id, s.focus) for s in segments if s.claim_id] == [
        ("a", 4, False),
        ("cde", 1, True),
        ("fg", 2, False),
        ("ij", 3, False),
    ]


@pytest.mark.parametrize(
    ("explanation", "side_a", "side_b"),
    [
        ("quantity: A: 100 جندي; B: about 300 soldiers.", ["100 جندي"], ["about 300 soldiers"]),
        ("A says withdraw, B says deploy.", ["withdraw"], ["deploy"]),
        ("B denies it (ينفي).", [], ["ينفي"]),
        ("A has «يزور» where B has «يلغي زيارته».", ["يزور"], ["يلغي زيارته"]),
        ("only B says «في يونيو».", [], ["في يونيو"]),
        ("date: A: June 2023; B: July 2023: a change over time.", ["June 2023"], ["July 2023"]),
        ("December 2021 vs December 2022", [], []),
    ],
)
def test_the_explanation_says_what_to_mark_on_each_side(
    explanation: str, side_a: list[str], side_b: list[str]
) -> None:
    assert quoted_phrases(explanation) == (side_a, side_b)
