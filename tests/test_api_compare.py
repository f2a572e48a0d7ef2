"""`POST /claims/compare`: validation never loads a model; the neighbour path is wired
end to end (real database and faiss index, stand-in embedder and scorer)."""

from __future__ import annotations

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import (
    ARABIC_CLAIM,
    ENGLISH_CLAIM,
    WordHashEmbedder,
    World,
    YearScorer,
    assert_error,
    auth,
)

from service.api.app import create_app
from store.db import unit_of_work
from store.vectors import save_vectors

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous


@pytest.fixture(autouse=True)
def as_editor(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Comparing is an editor's job: every request here is sent with an editor's key."""
    client.headers["Authorization"] = f"Bearer {support.key_for(session_factory, 'nour', 'editor')}"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "body"),
        ({"a": "Wagner left Mali"}, "body.pair.b"),
        ({"a": "", "b": "x"}, "at least 1 character"),
        ({"a": "   ", "b": "x"}, "at least 1 character"),
        ({"a": "x" * 5001, "b": "x"}, "at most 5000 characters"),
        ({"claim": "x" * 5001}, "at most 5000 characters"),
        ({"claim": "Wagner left Mali", "k": 0}, "greater than or equal to 1"),
        ({"claim": "Wagner left Mali", "k": 51}, "less than or equal to 50"),
        ({"claim": "Wagner left Mali", "a": "x"}, "Extra inputs"),
        ({"a": "x", "b": "y", "language": "de"}, "language"),
        ({"a": "x", "b": "y", "lang_b": "es"}, "lang_b"),
        ({"a": "123", "b": "Wagner left Mali"}, "`a` has no letters, so nothing to compare"),
        ({"a": "روسيا سلمت مالي مروحيتين", "b": "🙂🙂 🎉"}, "`b` has no letters"),
        ({"a": "2023", "b": "Wagner left Mali", "lang_a": "en"}, "`a` has no letters"),
        ({"claim": "100 - 300"}, "`claim` has no letters"),
        (
            {"a": "Wagner left Mali", "b": "Die Regierung hat 1000 Soldaten nach Mali geschickt"},
            "`b` is in German; claimcheck reads Arabic, English and French (if it is one of "
            "them, say which with `lang_b`)",
        ),
        (
            {"a": "El gobierno envió mil soldados a Malí ayer", "b": "Wagner a quitté le Mali"},
            "`a` is in Spanish",
        ),
        ({"a": "وصل 300 جندي روسي إلى مالي", "b": "政府今天通过了法律"}, "a script other than"),
        (
            {"claim": "Die Regierung hat 1000 Soldaten nach Mali geschickt"},
            "say which with `language`",
        ),
        (
            {"a": "x", "b": "y", "language": "ar", "lang_b": "en"},
            "`language` (ar) sets both sides and `lang_b` (en) disagrees with it",
        ),
    ],
)
def test_invalid_compare_requests_are_422_without_loading_models(
    client: TestClient, body: dict, says: str
) -> None:
    error = assert_error(client.post("/claims/compare", json=body), 422, "validation_error")
    assert says in error["message"]
    assert client.app.state.runtime._built == {}


def test_text_of_exactly_5000_chars_is_accepted(client: TestClient) -> None:
    client.app.state.runtime.set(scorer=YearScorer())
    response = client.post("/claims/compare", json={"a": "x" * 5000, "b": "y"})
    assert response.status_code == 200


def test_pair_returns_the_scorers_relation(client: TestClient) -> None:
    client.app.state.runtime.set(scorer=YearScorer())
    body = client.post(
        "/claims/compare",
        json={"a": "Wagner deployed in 2021", "b": "Wagner deployed in 2022", "language": "en"},
    ).json()
    assert body["mode"] == "pair"
    assert body["relation"]["relation"] == "conflict"
    assert body["relation"]["conflict_types"] == ["date"]
    assert body["slots_a"]["dates"][0]["text"] == "2021"
    assert body["slots_b"]["dates"][0]["text"] == "2022"


class LanguageRecorder(YearScorer):
    """Remembers the languages each pair was related in."""

    def __init__(self) -> None:
        self.languages: list[tuple[str | None, str | None]] = []

    def relate(self, pairs, slots=None, languages=None, vectors=None):
        self.languages += list(languages)
        return super().relate(pairs, slots, languages, vectors)


@pytest.mark.parametrize(
    ("hints", "languages"),
    [
        ({}, ("ar", "en")),
        ({"lang_a": "ar", "lang_b": "en"}, ("ar", "en")),
        ({"lang_b": "fr"}, ("ar", "fr")),
        ({"language": "ar"}, ("ar", "ar")),
        ({"language": "ar", "lang_a": "ar"}, ("ar", "ar")),
    ],
)
def test_each_side_of_a_mixed_pair_has_its_own_language_hint(
    client: TestClient, hints: dict, languages: tuple[str, str]
) -> None:
    recorder = LanguageRecorder()
    client.app.state.runtime.set(scorer=recorder)
    body = {"a": "وصل 300 جندي روسي إلى مالي", "b": "Russia sent 1,000 soldiers to Mali", **hints}
    response = client.post("/claims/compare", json=body)
    assert response.status_code == 200, response.text
    assert recorder.languages == [languages]


def test_a_hint_lets_a_text_the_detector_calls_german_through(client: TestClient) -> None:
    recorder = LanguageRecorder()
    client.app.state.runtime.set(scorer=recorder)
    german_looking = "Bundeswehr Soldaten Mali"
    body = {"a": "Wagner left Mali", "b": german_looking, "lang_b": "en"}
    assert client.post("/claims/compare", json=body).status_code == 200
    assert recorder.languages == [("en", "en")]


def test_an_impossible_date_is_read_as_no_date_not_a_server_error(client: TestClient) -> None:
    client.app.state.runtime.set(scorer=YearScorer())
    response = client.post(
        "/claims/compare",
        json={"a": "Wagner arrived on 31 June 2023", "b": "وصلت فاغنر في 31 يونيو 2023"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["slots_a"]["dates"] == []


def test_neighbours_are_the_nearest_stored_claims_with_their_relation(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    embedder = WordHashEmbedder()
    claims = {world.arabic_claim_id: ARABIC_CLAIM, world.english_claim_id: ENGLISH_CLAIM}
    with unit_of_work(session_factory) as session:
        save_vectors(
            session, list(claims), embedder.encode(list(claims.values())), embedder.model_id
        )
    client.app.state.runtime.set(embedder=embedder, scorer=YearScorer())

    query = "The group has been deployed in Mali since December 2021"
    body = client.post("/claims/compare", json={"claim": query, "k": 1}).json()
    assert body["mode"] == "neighbours"
    [nearest] = body["neighbours"]
    assert nearest["id"] == world.english_claim_id
    assert nearest["source"] == "Reuters"
    assert nearest["article_id"] == world.english_article_id
    assert 0.5 < nearest["similarity"] <= 1.0
    assert nearest["relation"]["relation"] == "conflict"

    both = client.post("/claims/compare", json={"claim": query, "k": 50}).json()["neighbours"]
    assert {n["id"] for n in both} == set(claims)


@pytest.mark.slow
def test_real_scorer_finds_the_date_conflict_between_arabic_and_english(
    client: TestClient,
) -> None:
    response = client.post("/claims/compare", json={"a": ARABIC_CLAIM, "b": ENGLISH_CLAIM})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["relation"]["relation"] == "conflict"
    assert body["relation"]["conflict_types"] == ["date"]
    assert body["slots_a"]["dates"] and body["slots_b"]["dates"]


def test_each_key_has_a_compare_budget(engine, settings, session_factory) -> None:
    app = create_app(settings.model_copy(update={"compare_rate": "2/minute"}))
    editor = support.key_for(session_factory, "samir", "editor")
    with TestClient(app, raise_server_exceptions=False) as limited:
        limited.app.state.runtime.set(scorer=YearScorer())
        body, headers = {"a": "Wagner came in 2021", "b": "Wagner came in 2022"}, auth(editor)
        codes = [
            limited.post("/claims/compare", json=body, headers=headers).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        other = support.key_for(session_factory, "salma", "editor")
        assert limited.post("/claims/compare", json=body, headers=auth(other)).status_code == 200
