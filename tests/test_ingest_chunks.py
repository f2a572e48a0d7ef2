"""A chunk of articles stored in one transaction: each article meets those stored before
it in the transaction, a bad one is undone alone, and a failed transaction leaves the
claim index as the database is (its articles then go in one at a time)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from claims.embed import UseM3Embedder
from claims.model import ArticleInput
from claims.pipeline import analyse_article
from claims.relate import RelationScorer
from service.jobs import ingest
from service.jobs.ingest import store_articles
from service.jobs.reconcile import ReconcileStage
from store.index import ClaimIndex
from store.models import Article, ClaimRelation, ClaimVector
from store.vectors import load_vectors

REPORTS = [
    ("seed", "نشرت روسيا 100 جندي في بوركينا فاسو."),
    ("monitor", "Russia has deployed 100 soldiers to Burkina Faso."),
    ("agence", "La Russie a déployé environ 300 soldats au Burkina Faso."),
]


@pytest.fixture(autouse=True)
def one_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """However slow this machine, the three reports share a transaction."""
    monkeypatch.setattr(ingest, "WRITE_HOLD_S", 60.0)


@pytest.fixture(scope="module")
def parts() -> tuple[UseM3Embedder, RelationScorer]:
    embedder = UseM3Embedder()
    return embedder, RelationScorer(embedder)


def make_stage(parts, tmp_path: Path) -> ReconcileStage:
    embedder, scorer = parts
    index = ClaimIndex(embedder.dim, embedder.model_id, tmp_path / "claims.faiss")
    return ReconcileStage(embedder=embedder, index=index, scorer=scorer)


def ready(stage: ReconcileStage, reports: list[tuple[str, str]]) -> list:
    analysed = [
        analyse_article(ArticleInput(source=s, text=t), max_bytes=10_000) for s, t in reports
    ]
    return list(zip(analysed, stage.prepare(analysed), strict=True))


def count_locks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per transaction that takes the store's write lock."""
    locked: list[int] = []
    lock = ingest.lock_store_for_writing
    monkeypatch.setattr(ingest, "lock_store_for_writing", lambda s: locked.append(1) or lock(s))
    return locked


def relations(session_factory: sessionmaker[Session]) -> set[tuple[str, str, str]]:
    with session_factory() as session:
        return {
            (row.claim_a.text, row.claim_b.text, row.relation)
            for row in session.scalars(select(ClaimRelation))
        }


def assert_index_is_the_database(stage: ReconcileStage, session_factory) -> None:
    with session_factory() as session:
        ids, vectors = load_vectors(session, stage.index.model_id)
    assert sorted(stage.index.ids.tolist()) == sorted(ids.tolist())
    scores, found = stage.index.search(vectors, 1)
    assert found[:, 0].tolist() == ids.tolist()  # each claim's own vector, not an older one
    assert np.allclose(scores[:, 0], 1.0, atol=1e-4)


@pytest.mark.slow
def test_a_chunk_relates_its_articles_as_one_at_a_time_would(
    parts, session_factory: sessionmaker[Session], tmp_path: Path, monkeypatch
) -> None:
    locked = count_locks(monkeypatch)
    together = make_stage(parts, tmp_path / "together")
    results = store_articles(
        ready(together, REPORTS), session_factory=session_factory, stage=together
    )
    assert [r.status for r in results] == ["new"] * 3
    chunked = relations(session_factory)
    assert len(chunked) == 3  # each article met the ones stored before it in the transaction
    assert len(locked) == 1
    assert_index_is_the_database(together, session_factory)

    with session_factory() as session:
        for article in session.scalars(select(Article)):
            session.delete(article)
        session.commit()
    alone = make_stage(parts, tmp_path / "alone")
    for report in REPORTS:
        store_articles(ready(alone, [report]), session_factory=session_factory, stage=alone)
    assert relations(session_factory) == chunked


@pytest.mark.slow
def test_a_broken_article_is_undone_alone_and_the_rest_meet_each_other(
    parts, session_factory: sessionmaker[Session], tmp_path: Path, monkeypatch
) -> None:
    stage = make_stage(parts, tmp_path)
    made = ready(stage, REPORTS)
    call = ReconcileStage.__call__

    def breaks_on_monitor(self, session, article, prepared) -> None:
        call(self, session, article, prepared)
        if "Russia has deployed" in next(iter(article.claims.values())).text:
            raise RuntimeError("the stage broke")

    monkeypatch.setattr(ReconcileStage, "__call__", breaks_on_monitor)
    results = store_articles(made, session_factory=session_factory, stage=stage)
    assert [type(r).__name__ for r in results] == ["IngestOutcome", "RuntimeError", "IngestOutcome"]
    assert {(a.split()[0], b.split()[0]) for a, b, _ in relations(session_factory)} == {
        ("نشرت", "La")
    }
    assert_index_is_the_database(stage, session_factory)


@pytest.mark.slow
def test_a_failed_commit_leaves_the_index_as_the_database_and_stores_each_alone(
    parts, session_factory: sessionmaker[Session], tmp_path: Path, caplog
) -> None:
    stage = make_stage(parts, tmp_path)
    made = ready(stage, REPORTS)
    failures = iter([RuntimeError("disk full")])

    def fail_first_commit(session: Session) -> None:
        if session.in_nested_transaction():
            return  # an article's savepoint
        failure = next(failures, None)
        if failure is not None:
            raise failure

    event.listen(session_factory, "before_commit", fail_first_commit)
    try:
        results = store_articles(made, session_factory=session_factory, stage=stage)
    finally:
        event.remove(session_factory, "before_commit", fail_first_commit)
    assert "storing 3 articles together failed; one at a time now" in caplog.text
    assert [r.status for r in results] == ["new"] * 3
    assert len(relations(session_factory)) == 3
    with session_factory() as session:
        assert len(session.scalars(select(ClaimVector.claim_id)).all()) == len(stage.index)
    assert_index_is_the_database(stage, session_factory)


@pytest.mark.slow
def test_the_write_lock_is_let_go_between_transactions_once_held_long_enough(
    parts, session_factory: sessionmaker[Session], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(ingest, "WRITE_HOLD_S", 0.0)
    stage = make_stage(parts, tmp_path)
    locked = count_locks(monkeypatch)
    results = store_articles(ready(stage, REPORTS), session_factory=session_factory, stage=stage)
    assert [r.status for r in results] == ["new"] * 3
    assert len(locked) == 3  # a transaction an article: the lock is let go after each
    assert len(relations(session_factory)) == 3
    assert_index_is_the_database(stage, session_factory)
