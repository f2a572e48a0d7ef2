"""Roles: a reader reads, an editor also ingests and compares, a reviewer also assigns
and decides, an admin does all of it and manages users and keys. Each rule is checked
through the API, with the key of each role."""

from __future__ import annotations

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from test_api_support import World, assert_error, auth
from typer.testing import CliRunner

from service.cli.serve import app as serve_cli
from store.db import unit_of_work
from store.users import ROLE_PERMISSIONS, verify_api_key

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous


@pytest.fixture
def keys(world: World, reader_key: str) -> dict[str, str]:
    return {
        "reader": reader_key,
        "editor": world.editor_key,
        "reviewer": world.reviewer_key,
        "admin": world.admin_key,
    }


def test_the_role_table() -> None:
    assert {
        "reader": {"read"},
        "editor": {"read", "ingest"},
        "reviewer": {"read", "review"},
        "admin": {"read", "ingest", "review", "admin"},
    } == ROLE_PERMISSIONS


# (method, path, body, roles allowed); paths use the test world's ids.
RULES = [
    ("GET", "/conflicts", None, {"reader", "editor", "reviewer", "admin"}),
    ("GET", "/me", None, {"reader", "editor", "reviewer", "admin"}),
    ("POST", "/claims/compare", {"a": "", "b": ""}, {"editor", "admin"}),
    ("POST", "/articles", {"source": "x"}, {"editor", "admin"}),
    ("POST", "/conflicts/{conflict}/assign", {"assignee_id": None}, {"reviewer", "admin"}),
    ("POST", "/conflicts/{conflict}/reviews", {"decision": "x"}, {"reviewer", "admin"}),
    ("GET", "/users", None, {"admin"}),
    ("POST", "/users", {"name": ""}, {"admin"}),
    ("POST", "/users/{reviewer}/keys", None, {"admin"}),
    ("PATCH", "/users/{reviewer}", {"role": "x"}, {"admin"}),
    ("DELETE", "/keys/cc_nosuchkey", None, {"admin"}),
]


def test_each_route_admits_exactly_its_roles(
    client: TestClient, anonymous: TestClient, world: World, keys: dict[str, str]
) -> None:
    for method, path, body, allowed in RULES:
        url = path.format(conflict=world.conflict_id, reviewer=world.reviewer_id)
        assert_error(anonymous.request(method, url, json=body), 401)
        for role, key in keys.items():
            response = client.request(method, url, json=body, headers=auth(key))
            if role in allowed:
                assert response.status_code not in (401, 403), (method, path, role, response.text)
            else:
                error = assert_error(response, 403, "forbidden")
                article = "an" if role in ("editor", "admin") else "a"
                assert f"is {article} {role};" in error["message"]


def test_me_says_who_the_key_belongs_to(client: TestClient, world: World) -> None:
    client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": world.reviewer_id},
        headers=auth(world.reviewer_key),
    )
    me = client.get("/me", headers=auth(world.reviewer_key)).json()
    assert me == {
        "id": world.reviewer_id,
        "name": "amina",
        "role": "reviewer",
        "permissions": ["read", "review"],
        "assigned_open": 1,
    }


def test_an_admin_creates_users_hands_out_keys_and_revokes_them(
    client: TestClient, world: World
) -> None:
    admin = auth(world.admin_key)
    created = client.post("/users", json={"name": "leila", "role": "editor"}, headers=admin)
    assert created.status_code == 201
    body = created.json()
    assert body["user"]["role"] == "editor" and body["key"].startswith(body["prefix"])
    assert client.get("/me", headers=auth(body["key"])).json()["name"] == "leila"
    assert_error(client.post("/users", json={"name": "leila"}, headers=admin), 409)
    assert_error(client.post("/users", json={"name": "x", "role": "boss"}, headers=admin), 422)

    promoted = client.patch(
        f"/users/{body['user']['id']}", json={"role": "reviewer"}, headers=admin
    )
    assert promoted.json()["role"] == "reviewer"
    assert client.get("/me", headers=auth(body["key"])).json()["permissions"] == [
        "read",
        "review",
    ]
    second = client.post(f"/users/{body['user']['id']}/keys", headers=admin).json()
    assert second["key"] != body["key"]
    assert client.delete(f"/keys/{body['prefix']}", headers=admin).status_code == 204
    assert_error(client.get("/me", headers=auth(body["key"])), 401, "invalid_api_key")
    assert client.get("/me", headers=auth(second["key"])).status_code == 200
    names = {user["name"]: user["role"] for user in client.get("/users", headers=admin).json()}
    assert names["leila"] == "reviewer" and names["omar"] == "admin"


def test_conflicts_are_assigned_only_to_reviewers(client: TestClient, world: World) -> None:
    with unit_of_work(client.app.state.session_factory) as session:
        editor_id = verify_api_key(session=session, key=world.editor_key).id
    response = client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": editor_id},
        headers=auth(world.reviewer_key),
    )
    assert "is an editor; only reviewers and admins" in assert_error(response, 422)["message"]


def test_user_add_takes_a_role_and_prints_the_key_alone_on_its_last_line(
    engine, database_url: str, session_factory
) -> None:
    runner = CliRunner()
    result = runner.invoke(
        serve_cli, ["user-add", "sara", "--role", "editor", "--db", database_url]
    )
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert key.startswith("cc_") and " " not in key
    with unit_of_work(session_factory) as session:
        user = verify_api_key(session=session, key=key)
        assert (user.name, user.role) == ("sara", "editor")
    default = runner.invoke(serve_cli, ["user-add", "yasmin", "--db", database_url])
    with unit_of_work(session_factory) as session:
        key = default.output.strip().splitlines()[-1]
        assert verify_api_key(session=session, key=key).role == "reviewer"
    bad = runner.invoke(serve_cli, ["user-add", "zed", "--role", "boss", "--db", database_url])
    assert bad.exit_code != 0
