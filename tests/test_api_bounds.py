"""Values past what a column can hold are refused as client errors, never 500s: ids and
offsets past the 32-bit range, NUL characters in text. Checked on SQLite and PostgreSQL."""

from __future__ import annotations

import test_api_support as support
from fastapi.testclient import TestClient
from test_api_support import World, assert_error, auth
from test_web_pages import sign_in

from store.models import MAX_ROW_ID

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous

PAST_SQLITE = 2**63  # 9223372036854775808
PAST_POSTGRES = 2**31  # 2147483648


ID_PATHS = [
    "/claims/{n}",
    "/conflicts/{n}",
    "/conflicts/{n}/reviews",
    "/clusters/{n}",
    "/articles/{n}",
    "/articles/{n}/conflicts",
]


def test_ids_past_the_column_range_are_422(client: TestClient) -> None:
    for path in ID_PATHS:
        for value in (PAST_POSTGRES, PAST_SQLITE):
            assert_error(client.get(path.format(n=value)), 422, "validation_error")


def test_page_ids_past_the_column_range_are_422(client: TestClient, world: World) -> None:
    sign_in(client, world.reviewer_key)
    for path in ("/ui/conflicts/{n}", "/ui/articles/{n}", "/ui/clusters/{n}"):
        for value in (PAST_POSTGRES, PAST_SQLITE):
            assert client.get(path.format(n=value)).status_code == 422, path


def test_offsets_and_assignee_ids_past_the_column_range_are_422(
    client: TestClient, world: World
) -> None:
    for path, param in (
        ("/conflicts", "offset"),
        ("/conflicts", "assignee_id"),
        ("/articles", "offset"),
        ("/articles/1/conflicts", "offset"),
    ):
        for value in (PAST_POSTGRES, PAST_SQLITE):
            assert_error(client.get(path, params={param: value}), 422, "validation_error")
        assert client.get(path, params={param: MAX_ROW_ID}).status_code == 200


def test_assigning_a_user_id_past_the_range_is_422(client: TestClient, world: World) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": PAST_SQLITE},
        headers=auth(world.reviewer_key),
    )
    assert_error(response, 422, "validation_error")


def test_every_integer_a_client_sends_is_bounded_in_the_schema(client: TestClient) -> None:
    """The rule behind the cases above, for every route to come: no unbounded integer in
    a path, a query or a request body."""
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]

    def integers(spec: dict) -> list[dict]:
        return [o for o in spec.get("anyOf", [spec]) if o.get("type") == "integer"]

    sent: dict[str, dict] = {}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for parameter in operation.get("parameters", []):
                for option in integers(parameter["schema"]):
                    sent[f"{method} {path} {parameter['name']}"] = option
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                schema_ = media["schema"]
                refs = [schema_, *schema_.get("anyOf", []), *schema_.get("oneOf", [])]
                for ref in (r["$ref"].split("/")[-1] for r in refs if "$ref" in r):
                    for field, spec in components[ref].get("properties", {}).items():
                        for option in integers(spec):
                            sent[f"{ref}.{field}"] = option
    assert "get /conflicts assignee_id" in sent and "AssignRequest.assignee_id" in sent
    assert [
        name for name, option in sent.items() if option.get("maximum", 2**63) > MAX_ROW_ID
    ] == []


def test_a_nul_in_a_review_note_is_422_on_every_backend(client: TestClient, world: World) -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": "confirmed", "note": "checked\x00"},
        headers=auth(world.reviewer_key),
    )
    assert "NUL" in assert_error(response, 422, "validation_error")["message"]
    assert client.get(f"/conflicts/{world.conflict_id}").json()["status"] == "open"


def test_a_nul_in_a_query_is_422(client: TestClient) -> None:
    for path, param in (
        ("/conflicts", "source"),
        ("/conflicts", "q"),
        ("/articles", "source"),
        ("/articles", "url"),
    ):
        assert_error(client.get(path, params={param: "Reu\x00ters"}), 422, "validation_error")


def test_a_nul_in_the_queue_pages_filters_is_422(client: TestClient, world: World) -> None:
    sign_in(client, world.reviewer_key)
    assert client.get("/", params={"source": "Reu\x00ters"}).status_code == 422
    assert client.get("/", params={"q": "\x00"}).status_code == 422
