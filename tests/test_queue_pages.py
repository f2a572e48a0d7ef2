"""Queue pages kept between reads: served again while nothing they show has changed,
built afresh as soon as any writer, in this process or another, has committed a change."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import World, add_article, add_claim, add_conflict, auth

from service.api.page_cache import KeptPage, PageCache
from store import conflicts
from store.db import make_engine, make_session_factory, unit_of_work
from store.models import Article, Claim, Conflict, Source, User

client, settings, world = support.client, support.settings, support.world
reader_key = support.reader_key


def generation(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return conflicts.queue_generation(session=session)


def new_conflict(session: Session) -> None:
    le_monde, bbc = Source(name="Le Monde"), Source(name="BBC")
    fr = add_article(session, source=le_monde, text="Wagner a quitté le Mali.", language="fr")
    en = add_article(session, source=bbc, text="Wagner stayed in Mali.", language="en")
    session.flush()
    a = add_claim(session, article=fr, text="Wagner a quitté le Mali")
    b = add_claim(session, article=en, text="Wagner stayed in Mali")
    session.flush()
    add_conflict(session, claim_a=a, claim_b=b, priority=0.5)


def changes(world: World) -> dict[str, Callable[[Session], None]]:
    """One committed change per thing a queue page shows."""

    def conflict(session: Session) -> Conflict:
        return session.get(Conflict, world.conflict_id)

    return {
        "a new conflict": new_conflict,
        "a decision": lambda s: setattr(conflict(s), "status", "dismissed"),
        "an assignee": lambda s: setattr(conflict(s), "assignee_id", world.reviewer_id),
        "an explanation": lambda s: setattr(conflict(s).relation, "explanation", "2021 vs 2023"),
        "a claim": lambda s: setattr(s.get(Claim, world.english_claim_id), "text", "Wagner left"),
        "an article": lambda s: setattr(s.get(Article, world.arabic_article_id), "title", "new"),
        "an outlet": lambda s: setattr(
            s.get(Article, world.english_article_id).source, "name", "Reuters Africa"
        ),
        "a user": lambda s: setattr(s.get(User, world.reviewer_id), "name", "amina b."),
        "a deleted article": lambda s: s.delete(s.get(Article, world.english_article_id)),
    }


def test_every_committed_change_a_page_shows_moves_the_generation(
    session_factory: sessionmaker[Session], world: World
) -> None:
    for what, change in changes(world).items():
        before = generation(session_factory)
        with unit_of_work(session_factory) as session:
            change(session)
        assert generation(session_factory) > before, what


def test_a_rolled_back_change_or_a_claim_in_no_conflict_leaves_the_generation(
    session_factory: sessionmaker[Session], world: World
) -> None:
    before = generation(session_factory)
    with session_factory() as session:
        session.get(Conflict, world.conflict_id).status = "dismissed"
        session.flush()
        session.rollback()
    with unit_of_work(session_factory) as session:
        article = add_article(
            session, source=Source(name="AFP"), text="Wagner left Bamako.", language="en"
        )
        session.flush()
        add_claim(session, article=article, text="Wagner left Bamako")
    assert generation(session_factory) == before


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    builds: list[int] = []
    build = conflicts.conflict_queue

    def counted(**kwargs):
        builds.append(1)
        return build(**kwargs)

    monkeypatch.setattr(conflicts, "conflict_queue", counted)
    return builds


def test_an_unchanged_queue_is_built_once_for_every_reader(
    client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = count_builds(monkeypatch)
    first = client.get("/conflicts").json()
    assert client.get("/conflicts").json() == first
    assert client.get("/conflicts", headers=auth(world.reviewer_key)).json() == first
    assert len(builds) == 1
    assert client.get("/conflicts", params={"limit": 10}).json()["items"] == first["items"]
    assert len(builds) == 2  # another page is another key


def test_a_review_shows_on_the_next_page(client: TestClient, world: World) -> None:
    assert client.get("/conflicts").json()["total"] == 1
    client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "dismissed"},
        headers=auth(world.reviewer_key),
    )
    assert client.get("/conflicts").json()["total"] == 0
    dismissed = client.get("/conflicts", params={"status": "dismissed"}).json()
    assert dismissed["items"][0]["status"] == "dismissed"


def test_a_change_committed_by_another_process_shows_on_the_next_page(
    client: TestClient, world: World, database_url: str
) -> None:
    before = client.get("/conflicts").json()["items"][0]["claim_b"]["text"]
    other = make_engine(database_url)  # another process: its own engine and connections
    try:
        with unit_of_work(make_session_factory(other)) as session:
            session.get(Claim, world.english_claim_id).text = "Wagner left Mali in 2023"
    finally:
        other.dispose()
    after = client.get("/conflicts").json()["items"][0]["claim_b"]["text"]
    assert (before, after) == (support.ENGLISH_CLAIM, "Wagner left Mali in 2023")


def test_the_page_cache_drops_the_least_recently_used_page_first() -> None:
    cache = PageCache(size=2)
    made: list[str] = []

    def page(name: str) -> Callable[[], bytes]:
        return lambda: made.append(name) or name.encode()

    for name in ("a", "b", "a", "c", "a", "b"):
        assert cache.get_or_make(name, page(name)).body == name.encode()
    assert made == ["a", "b", "c", "b"]


def test_a_poller_is_told_not_modified_until_the_page_changes(
    client: TestClient, world: World
) -> None:
    first = client.get("/conflicts")
    etag = first.headers["etag"]
    again = client.get("/conflicts", headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert client.get("/conflicts", params={"limit": 10}, headers={"If-None-Match": etag}).json()
    client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "dismissed"},
        headers=auth(world.reviewer_key),
    )
    changed = client.get("/conflicts", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["total"] == 0 and changed.headers["etag"] != etag


def test_if_none_match_names_a_page_among_others_weakly_or_by_a_star() -> None:
    page = KeptPage.of(b'{"items": []}')
    assert page.matches(f'"other", W/{page.etag}')
    assert page.matches("*")
    assert not page.matches('"other"') and not page.matches(None)


def test_postgresql_bumps_the_generation_once_per_transaction(
    session_factory: sessionmaker[Session], world: World, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite bumps it per row: one writer at a time, no lock to order")
    before = generation(session_factory)
    with unit_of_work(session_factory) as session:
        new_conflict(session)
        session.get(Claim, world.english_claim_id).text = "Wagner left"
        session.get(Article, world.arabic_article_id).title = "new"
        session.get(Conflict, world.conflict_id).status = "dismissed"
    assert generation(session_factory) == before + 1
