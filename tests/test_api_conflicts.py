"""The conflict queue API: ordering, filters, pagination, assignment, the review trail."""

from __future__ import annotations

from datetime import UTC, datetime

import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import World, add_article, add_claim, add_conflict, assert_error, auth

from store.db import unit_of_work
from store.models import Conflict, Review, Source

# pytest looks fixtures up among module attributes; this makes the shared ones visible.
client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous


def add_conflicts(session_factory: sessionmaker[Session], priorities: list[float]) -> list[int]:
    """One conflict per priority between a Le Monde and a BBC claim."""
    ids = []
    with unit_of_work(session_factory) as session:
        le_monde, bbc = Source(name="Le Monde"), Source(name="BBC")
        for n, priority in enumerate(priorities):
            fr = add_article(
                session,
                source=le_monde,
                text=f"Wagner a quitté le Mali en juin ({n}).",
                language="fr",
            )
            en = add_article(
                session, source=bbc, text=f"Wagner left Mali in July ({n}).", language="en"
            )
            session.flush()
            claim_fr = add_claim(session, article=fr, text="Wagner a quitté le Mali en juin")
            claim_en = add_claim(session, article=en, text="Wagner left Mali in July")
            session.flush()
            ids.append(
                add_conflict(session, claim_a=claim_fr, claim_b=claim_en, priority=priority).id
            )
    return ids


def test_queue_lists_open_conflicts_highest_priority_first(
    client: TestClient, world: World, session_factory
) -> None:
    low, high, tie = add_conflicts(session_factory, [0.1, 0.95, 0.1])
    body = client.get("/conflicts").json()
    assert [item["id"] for item in body["items"]] == [high, world.conflict_id, low, tie]
    assert body["total"] == 4
    first = body["items"][1]
    assert first["claim_a"]["article"]["source"]["name"] == "Al Jazeera"
    assert first["claim_b"]["article"]["source"]["name"] == "Reuters"
    assert first["relation"]["explanation"] == "December 2021 vs December 2022"
    assert first["relation"]["conflict_types"] == ["date"]


def test_queue_sorted_by_recency_puts_the_newest_first_whatever_its_priority(
    client: TestClient, world: World, session_factory
) -> None:
    older, newer = add_conflicts(session_factory, [0.95, 0.1])
    with unit_of_work(session_factory) as session:
        session.get(Conflict, older).created_at = datetime(2024, 1, 1, tzinfo=UTC)
        session.get(Conflict, newer).created_at = datetime(2024, 6, 1, tzinfo=UTC)
        session.get(Conflict, world.conflict_id).created_at = datetime(2024, 3, 1, tzinfo=UTC)
    by_priority = client.get("/conflicts").json()["items"]
    assert [item["id"] for item in by_priority] == [older, world.conflict_id, newer]
    recent = client.get("/conflicts", params={"sort": "recent"}).json()["items"]
    assert [item["id"] for item in recent] == [newer, world.conflict_id, older]


def test_queue_pages_cover_every_conflict_exactly_once(client: TestClient, session_factory) -> None:
    ids = add_conflicts(session_factory, [0.5, 0.4, 0.3, 0.2, 0.1])
    first = client.get("/conflicts", params={"limit": 2}).json()
    assert (first["total"], first["limit"], first["offset"], first["next_offset"]) == (5, 2, 0, 2)
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/conflicts", params={"limit": 2, "offset": offset}).json()
        seen += [item["id"] for item in page["items"]]
        offset = page["next_offset"]
    assert seen == ids
    past_end = client.get("/conflicts", params={"offset": 50}).json()
    assert past_end["items"] == [] and past_end["total"] == 5


def test_a_filter_on_the_claims_lists_the_same_rows_in_the_same_order(
    client: TestClient, world: World, session_factory
) -> None:
    # Unfiltered pages read the conflicts alone; a filter on the claims joins relation,
    # claims and outlets. Both must list the same conflicts, in the same order.
    add_conflicts(session_factory, [0.3, 0.9, 0.3, 0.6])
    for sort in ("priority", "recent"):
        alone = client.get("/conflicts", params={"sort": sort, "limit": 3}).json()
        joined = client.get("/conflicts", params={"sort": sort, "limit": 3, "q": "a"}).json()
        assert alone["total"] == joined["total"] == 5
        assert [item["id"] for item in alone["items"]] == [item["id"] for item in joined["items"]]
        assert alone["items"] == joined["items"]


def test_queue_limit_is_capped_at_200(client: TestClient) -> None:
    assert client.get("/conflicts", params={"limit": 200}).status_code == 200
    error = assert_error(client.get("/conflicts", params={"limit": 201}), 422, "validation_error")
    assert "limit" in error["message"]
    assert_error(client.get("/conflicts", params={"limit": 0}), 422)
    assert_error(client.get("/conflicts", params={"offset": -1}), 422)


def test_queue_filters_by_source_on_either_side(
    client: TestClient, world: World, session_factory
) -> None:
    other = add_conflicts(session_factory, [0.5])
    by_reuters = client.get("/conflicts", params={"source": "Reuters"}).json()
    assert [item["id"] for item in by_reuters["items"]] == [world.conflict_id]
    by_bbc = client.get("/conflicts", params={"source": "BBC"}).json()
    assert [item["id"] for item in by_bbc["items"]] == other
    assert client.get("/conflicts", params={"source": "Nobody"}).json()["total"] == 0


def test_queue_filters_by_status_and_assignee(client: TestClient, world: World) -> None:
    headers = auth(world.reviewer_key)
    client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": world.reviewer_id},
        headers=headers,
    )
    mine = client.get("/conflicts", params={"assignee_id": world.reviewer_id}).json()
    assert [item["id"] for item in mine["items"]] == [world.conflict_id]
    assert (
        client.get("/conflicts", params={"assignee_id": world.other_user_id}).json()["items"] == []
    )

    client.post(
        f"/conflicts/{world.conflict_id}/reviews", json={"decision": "dismissed"}, headers=headers
    )
    assert client.get("/conflicts").json()["total"] == 0
    assert client.get("/conflicts", params={"status": "dismissed"}).json()["total"] == 1
    assert client.get("/conflicts", params={"status": "all"}).json()["total"] == 1
    assert_error(client.get("/conflicts", params={"status": "maybe"}), 422)


def test_conflict_detail_has_both_claims_relation_and_reviews(
    client: TestClient, world: World
) -> None:
    body = client.get(f"/conflicts/{world.conflict_id}").json()
    assert body["claim_a"]["id"] == world.arabic_claim_id
    assert body["claim_a"]["language"] == "ar"
    assert body["claim_b"]["text"].startswith("The group has been deployed")
    assert body["relation"]["relation"] == "conflict"
    assert body["cluster_id"] == world.cluster_id
    assert body["reviews"] == []


def test_assign_and_unassign_a_reviewer(client: TestClient, world: World) -> None:
    url = f"/conflicts/{world.conflict_id}/assign"
    headers = auth(world.reviewer_key)
    assigned = client.post(url, json={"assignee_id": world.other_user_id}, headers=headers)
    assert assigned.status_code == 200
    assert assigned.json()["assignee"] == {"id": world.other_user_id, "name": "pierre"}
    unassigned = client.post(url, json={"assignee_id": None}, headers=headers)
    assert unassigned.json()["assignee"] is None


def test_assign_to_unknown_user_is_404(client: TestClient, world: World) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": 999_999},
        headers=auth(world.reviewer_key),
    )
    assert "user" in assert_error(response, 404, "not_found")["message"]


def test_reviews_append_to_an_audit_trail_in_order(
    client: TestClient, world: World, session_factory
) -> None:
    url = f"/conflicts/{world.conflict_id}/reviews"
    headers = auth(world.reviewer_key)
    decisions = [
        ("needs_more_info", "ask the Bamako stringer"),
        ("confirmed", "Reuters corrected the year"),
        ("reopened", "correction was withdrawn"),
        ("dismissed", "both dates appear in official statements"),
    ]
    for decision, note in decisions:
        response = client.post(url, json={"decision": decision, "note": note}, headers=headers)
        assert response.status_code == 201, response.text
        assert response.json()["reviewer"]["name"] == "amina"

    trail = client.get(url).json()
    assert [(r["decision"], r["note"]) for r in trail] == decisions
    detail = client.get(f"/conflicts/{world.conflict_id}").json()
    assert detail["status"] == "dismissed"
    assert [r["decision"] for r in detail["reviews"]] == [d for d, _ in decisions]
    with unit_of_work(session_factory) as session:
        assert session.query(Review).count() == len(decisions)


def test_deciding_a_closed_conflict_again_is_409_and_leaves_no_trace(
    client: TestClient, world: World
) -> None:
    url = f"/conflicts/{world.conflict_id}/reviews"
    headers = auth(world.reviewer_key)
    assert client.post(url, json={"decision": "confirmed"}, headers=headers).status_code == 201
    again = client.post(url, json={"decision": "dismissed"}, headers=headers)
    assert "reopened" in assert_error(again, 409, "invalid_transition")["message"]
    reopen_open = client.post(url, json={"decision": "reopened"}, headers=headers)
    assert reopen_open.status_code == 201
    assert_error(client.post(url, json={"decision": "reopened"}, headers=headers), 409)
    assert [r["decision"] for r in client.get(url).json()] == ["confirmed", "reopened"]


def test_unknown_decision_is_422(client: TestClient, world: World) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "approve"},
        headers=auth(world.reviewer_key),
    )
    assert "decision" in assert_error(response, 422, "validation_error")["message"]


def test_reviews_cannot_be_edited_or_deleted_over_http(client: TestClient, world: World) -> None:
    url = f"/conflicts/{world.conflict_id}/reviews"
    headers = auth(world.reviewer_key)
    client.post(url, json={"decision": "confirmed", "note": "first"}, headers=headers)
    for method in ("PUT", "PATCH", "DELETE"):
        response = client.request(method, url, json={"decision": "dismissed"}, headers=headers)
        assert_error(response, 405, "method_not_allowed")
    assert [r["note"] for r in client.get(url).json()] == ["first"]
