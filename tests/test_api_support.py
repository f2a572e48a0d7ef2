"""Shared set-up for the API and web tests: a small real newsroom world in the database.

Other `test_api_*`/`test_web_*` modules import these fixtures; the tests here check
the set-up itself (health, docs) so a broken world fails in one obvious place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from claims.model import Relation
from service.api.app import create_app
from service.config import Settings
from store.db import unit_of_work
from store.models import Article, Claim, ClaimRelation, Cluster, Conflict, Source
from store.users import create_user, issue_api_key, revoke_api_key

# Sentences from the seed corpus (000_782a8c22042beca3.txt) and an English report
# disagreeing on the date Wagner was deployed.
ARABIC_TEXT = (
    "تعرض دور روسيا في أمن إفريقيا للتدقيق الأكبر بعد أن أعلنت مجموعة مرتزقة فاجنر "
    "الأسبوع الماضي أنها تغادر مالي.\nتم نشر فاجنر في مالي منذ ديسمبر 2021 واتهم "
    "مرارًا وتكرارًا بانتهاكات حقوق الإنسان."
)
ARABIC_CLAIM = "تم نشر فاجنر في مالي منذ ديسمبر 2021"
ENGLISH_TEXT = (
    "Wagner announced it was leaving Mali. The group has been deployed in Mali since "
    "December 2022, officials said."
)
ENGLISH_CLAIM = "The group has been deployed in Mali since December 2022"


class WordHashEmbedder:
    """A deterministic bag-of-words embedder: shared words make close vectors."""

    model_id = "test-word-hash"
    dim = 64

    def encode(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                matrix[row, hashlib.sha256(word.encode()).digest()[0] % self.dim] += 1.0
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


class YearScorer:
    """Calls two claims in conflict when they mention different years."""

    version = "test-years"
    embedder = WordHashEmbedder()

    def relate(
        self, pairs: list[tuple[str, str]], slots=None, languages=None, vectors=None
    ) -> list[Relation]:
        relations = []
        for a, b in pairs:
            years_a = {w for w in a.split() if w.isdigit() and len(w) == 4}
            years_b = {w for w in b.split() if w.isdigit() and len(w) == 4}
            clash = bool(years_a and years_b and years_a != years_b)
            relations.append(
                Relation(
                    relation="conflict" if clash else "agree",
                    score=0.9,
                    conflict_types=["date"] if clash else [],
                    explanation=f"{sorted(years_a)} vs {sorted(years_b)}" if clash else "",
                )
            )
        return relations


@dataclass(frozen=True)
class World:
    """Ids and clear API keys of what `world` put in the database."""

    conflict_id: int
    cluster_id: int
    arabic_article_id: int
    english_article_id: int
    arabic_claim_id: int
    english_claim_id: int
    reviewer_id: int
    reviewer_key: str
    other_user_id: int
    revoked_key: str
    editor_key: str
    admin_key: str


def add_article(
    session: Session, *, source: Source, text: str, language: str, title: str | None = None
) -> Article:
    article = Article(
        source=source,
        url=f"https://example.org/{source.name}/{abs(hash(text))}",
        title=title,
        published_at=date(2024, 12, 16),
        language=language,
        raw_text=text,
        cleaned_text=text,
        content_hash=f"{abs(hash((source.name, text))):064d}"[:64],
    )
    session.add(article)
    return article


def add_claim(
    session: Session, *, article: Article, text: str, cluster: Cluster | None = None
) -> Claim:
    start = article.cleaned_text.index(text)
    claim = Claim(
        article=article,
        text=text,
        start_char=start,
        end_char=start + len(text),
        language=article.language,
        slots={},
        cluster=cluster,
    )
    session.add(claim)
    return claim


def add_conflict(
    session: Session,
    *,
    claim_a: Claim,
    claim_b: Claim,
    priority: float,
    cluster: Cluster | None = None,
    explanation: str = "December 2021 vs December 2022",
) -> Conflict:
    relation = ClaimRelation(
        claim_a=claim_a,
        claim_b=claim_b,
        relation="conflict",
        score=0.91,
        conflict_types=["date"],
        explanation=explanation,
        temporal=False,
        scorer_version="test",
    )
    conflict = Conflict(
        relation=relation,
        cluster_id=cluster.id if cluster is not None else None,
        priority=priority,
        status="open",
    )
    session.add_all([relation, conflict])
    session.flush()
    return conflict


@pytest.fixture
def world(session_factory: sessionmaker[Session]) -> World:
    return build_world(session_factory)


def build_world(session_factory: sessionmaker[Session]) -> World:
    """Two outlets disagreeing on a date, a conflict between them, a user of each role."""
    with unit_of_work(session_factory) as session:
        jazeera = Source(name="Al Jazeera")
        reuters = Source(name="Reuters")
        session.add_all([jazeera, reuters])
        cluster = Cluster()
        session.add(cluster)
        arabic = add_article(
            session, source=jazeera, text=ARABIC_TEXT, language="ar", title="فاجنر تغادر مالي"
        )
        english = add_article(session, source=reuters, text=ENGLISH_TEXT, language="en")
        session.flush()
        claim_ar = add_claim(session, article=arabic, text=ARABIC_CLAIM, cluster=cluster)
        claim_en = add_claim(session, article=english, text=ENGLISH_CLAIM, cluster=cluster)
        session.flush()
        conflict = add_conflict(
            session, claim_a=claim_ar, claim_b=claim_en, priority=0.9, cluster=cluster
        )
        reviewer = create_user(session=session, name="amina", role="reviewer")
        other = create_user(session=session, name="pierre", role="reviewer")
        editor = create_user(session=session, name="nadia", role="editor")
        admin = create_user(session=session, name="omar", role="admin")
        key = issue_api_key(session=session, user=reviewer)
        revoked = issue_api_key(session=session, user=other)
        session.flush()
        revoke_api_key(session=session, prefix=revoked.prefix)
        return World(
            conflict_id=conflict.id,
            cluster_id=cluster.id,
            arabic_article_id=arabic.id,
            english_article_id=english.id,
            arabic_claim_id=claim_ar.id,
            english_claim_id=claim_en.id,
            reviewer_id=reviewer.id,
            reviewer_key=key.key,
            other_user_id=other.id,
            revoked_key=revoked.key,
            editor_key=issue_api_key(session=session, user=editor).key,
            admin_key=issue_api_key(session=session, user=admin).key,
        )


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url)


def key_for(session_factory: sessionmaker[Session], name: str, role: str) -> str:
    """A new user with this role, and their API key."""
    with unit_of_work(session_factory) as session:
        return issue_api_key(
            session=session, user=create_user(session=session, name=name, role=role)
        ).key


@pytest.fixture
def reader_key(session_factory: sessionmaker[Session]) -> str:
    """The key of ines, a reader: what `client` sends unless a test says otherwise."""
    return key_for(session_factory, "ines", "reader")


@pytest.fixture
def client(engine: Engine, settings: Settings, reader_key: str) -> Iterator[TestClient]:
    """The app on the migrated test database, reading with a reader's key; server errors
    come back as responses."""
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        test_client.headers["Authorization"] = f"Bearer {reader_key}"
        yield test_client


@pytest.fixture
def anonymous(client: TestClient) -> TestClient:
    """The same app, asked without any key or cookie."""
    return TestClient(client.app, raise_server_exceptions=False)


@pytest.fixture
def newsroom(client: TestClient, world: World) -> TestClient:
    """Stand-in models (bag-of-words vectors, a year scorer) and an editor's key."""
    client.app.state.runtime.set(embedder=WordHashEmbedder(), scorer=YearScorer())
    client.headers["Authorization"] = f"Bearer {world.editor_key}"
    return client


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape: {"error": {"code", "message"}}, with a readable message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def test_health_reports_database_reachable(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_openapi_documents_every_endpoint_with_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/health",
        "/conflicts",
        "/conflicts/{conflict_id}",
        "/conflicts/{conflict_id}/assign",
        "/conflicts/{conflict_id}/reviews",
        "/clusters/{cluster_id}",
        "/articles/{article_id}",
        "/claims/{claim_id}",
        "/claims/compare",
    ):
        assert path in paths, path
    assert (
        "examples" in paths["/claims/compare"]["post"]["requestBody"]["content"]["application/json"]
    )
    assert set(schema["components"]["securitySchemes"]) == {"Bearer API key", "X-API-Key"}
    assert client.get("/docs").status_code == 200


def test_app_starts_without_loading_any_model(client: TestClient) -> None:
    assert client.app.state.runtime._built == {}
