"""Shared fixtures: every database test runs on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from store.db import make_engine, make_session_factory
from store.migrations import upgrade

if TYPE_CHECKING:
    from claims.model import Relation
    from claims.relate import RelationScorer

POSTGRES_URL = os.environ.get(
    "CLAIMCHECK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS_DIR = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def scorer() -> RelationScorer:
    """The shipped relation scorer, loaded once for every test that relates pairs."""
    from claims.relate import RelationScorer

    return RelationScorer()


def relate(scorer: RelationScorer, a: str, b: str) -> Relation:
    """One pair related, languages detected."""
    return scorer.relate([(a, b)])[0]


def assert_conflict_of(relation: Relation, kind: str) -> None:
    """A conflict of this one kind."""
    assert (relation.relation, relation.conflict_types) == ("conflict", [kind])


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"seed articles not found at {SEEDS_DIR}")
    return SEEDS_DIR


@contextmanager
def empty_database(backend: str, folder: Path, name: str = "test") -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    schema = f"cc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database (through Alembic, as in production)."""
    eng = make_engine(database_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)
