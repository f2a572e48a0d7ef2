"""Claim vectors in the database and the faiss index that is rebuilt from them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from claims.model import ClaimSlots
from store.db import unit_of_work
from store.index import ClaimIndex, ef_search_for, sidecar_path
from store.models import Article, Claim, ClaimVector, Source
from store.vectors import (
    EmbeddingModelMismatch,
    check_model,
    load_vectors,
    save_vectors,
)

MODEL = "use-m3+denoise"
DIM = 8


def unit_rows(rng: np.random.Generator, n: int, dim: int = DIM) -> np.ndarray:
    matrix = rng.standard_normal((n, dim)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def add_article_with_claims(session: Session, source: str, texts: list[str]) -> list[int]:
    """Rows as ingestion writes them, flushed so the claims have ids."""
    outlet = session.scalar(select(Source).where(Source.name == source)) or Source(name=source)
    article = Article(
        source=outlet,
        language="en",
        raw_text=" ".join(texts),
        cleaned_text=" ".join(texts),
        content_hash=f"{source}-{texts[0]}"[:64],
    )
    article.claims = [
        Claim(
            text=text,
            start_char=0,
            end_char=len(text),
            language="en",
            slots=ClaimSlots().to_dict(),
        )
        for text in texts
    ]
    session.add(article)
    session.flush()
    return [claim.id for claim in article.claims]


def test_vectors_round_trip_as_float32_bytes_with_their_model(
    session_factory: sessionmaker[Session],
) -> None:
    vectors = unit_rows(np.random.default_rng(0), 3)
    with unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "wire", ["a", "b", "c"])
        save_vectors(session, ids, vectors, MODEL)
    with session_factory() as session:
        loaded_ids, loaded = load_vectors(session, MODEL)
        row = session.get(ClaimVector, ids[0])
        assert row is not None and row.dim == DIM and len(row.vector) == DIM * 4
        assert session.get(Claim, ids[0]).embedding_model == MODEL
    assert loaded_ids.tolist() == ids
    np.testing.assert_array_equal(loaded, vectors)


def test_saving_again_replaces_the_vector_and_its_model(
    session_factory: sessionmaker[Session],
) -> None:
    rng = np.random.default_rng(1)
    with unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "wire", ["a"])
        save_vectors(session, ids, unit_rows(rng, 1), "old-model")
    new = unit_rows(rng, 1, dim=4)
    with unit_of_work(session_factory) as session:
        save_vectors(session, ids, new, MODEL)
    with session_factory() as session:
        assert load_vectors(session, "old-model")[0].size == 0
        np.testing.assert_array_equal(load_vectors(session, MODEL)[1], new)


def test_a_change_of_embedder_is_refused_with_the_command_that_fixes_it(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "wire", ["a", "b"])
        save_vectors(session, ids, unit_rows(np.random.default_rng(2), 2), "use-m3")
    with session_factory() as session:
        check_model(session, "use-m3")
        with pytest.raises(EmbeddingModelMismatch) as caught:
            check_model(session, MODEL)
    message = str(caught.value)
    assert "'use-m3' (2 vectors)" in message
    assert "claimcheck index rebuild --reembed" in message


def test_search_returns_claim_ids_by_cosine_for_a_batch() -> None:
    vectors = unit_rows(np.random.default_rng(3), 20)
    index = ClaimIndex(DIM, MODEL)
    index.add(np.arange(100, 120), vectors)
    scores, ids = index.search(vectors[[4, 7]], 3)
    assert ids[:, 0].tolist() == [104, 107]
    np.testing.assert_allclose(scores[:, 0], 1.0, rtol=1e-5)
    assert (np.diff(scores, axis=1) <= 1e-6).all()


def test_removed_claims_are_never_returned_again() -> None:
    vectors = unit_rows(np.random.default_rng(4), 10)
    index = ClaimIndex(DIM, MODEL)
    index.add(np.arange(10), vectors)
    index.remove(np.array([3]))
    _, ids = index.search(vectors[[3]], 10)
    assert 3 not in ids[0].tolist() and len(index) == 9


def test_index_switches_to_hnsw_past_the_threshold_and_still_finds_exact_matches() -> None:
    vectors = unit_rows(np.random.default_rng(5), 300)
    index = ClaimIndex(DIM, MODEL, hnsw_threshold=200)
    index.add(np.arange(150), vectors[:150])
    assert index.kind == "flat"
    index.add(np.arange(150, 300), vectors[150:])
    assert index.kind == "hnsw" and len(index) == 300
    _, ids = index.search(vectors[:50], 1)
    assert (ids[:, 0] == np.arange(50)).mean() >= 0.98
    index.remove(np.arange(10))
    assert index.kind == "hnsw" and len(index) == 290
    assert not np.isin(index.search(vectors[:10], 5)[1], np.arange(10)).any()


def _stored_index(session_factory: sessionmaker[Session], path: Path, n: int) -> np.ndarray:
    vectors = unit_rows(np.random.default_rng(6), n)
    with unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "wire", [f"claim {i}" for i in range(n)])
        save_vectors(session, ids, vectors, MODEL)
    with session_factory() as session:
        ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    return np.asarray(ids)


def test_a_saved_index_that_matches_the_database_is_loaded_not_rebuilt(
    session_factory: sessionmaker[Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "claims.faiss"
    ids = _stored_index(session_factory, path, 5)
    assert path.exists() and sidecar_path(path).exists()
    caplog.clear()
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    assert sorted(index.ids.tolist()) == ids.tolist()
    assert "rebuilding" not in caplog.text


@pytest.mark.parametrize(
    "damage",
    ["missing file", "missing sidecar", "truncated file", "other model", "garbage sidecar"],
)
def test_a_damaged_index_file_is_rebuilt_from_the_database(
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    damage: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "claims.faiss"
    ids = _stored_index(session_factory, path, 6)
    if damage == "missing file":
        path.unlink()
    elif damage == "missing sidecar":
        sidecar_path(path).unlink()
    elif damage == "truncated file":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "other model":
        sidecar_path(path).write_text(
            sidecar_path(path).read_text().replace(MODEL, "sentence-transformers:x")
        )
    else:
        sidecar_path(path).write_text("{not json")
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    assert "rebuilding" in caplog.text
    assert sorted(index.ids.tolist()) == ids.tolist()
    with session_factory() as session:
        assert "rebuilding" not in _reload_log(session, path, caplog)


def _reload_log(session: Session, path: Path, caplog: pytest.LogCaptureFixture) -> str:
    caplog.clear()
    ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    return caplog.text


def test_ingestion_killed_mid_transaction_leaves_index_and_database_in_agreement(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "claims.faiss"
    committed = _stored_index(session_factory, path, 4)
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)

    vectors = unit_rows(np.random.default_rng(7), 3)
    with pytest.raises(KeyboardInterrupt), unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "agency", ["x", "y", "z"])
        save_vectors(session, ids, vectors, MODEL)
        index.search(vectors, 4)  # the relate step reads the index mid-transaction
        raise KeyboardInterrupt  # the process is stopped before commit

    with session_factory() as session:
        assert load_vectors(session, MODEL)[0].tolist() == committed.tolist()
        reloaded = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    assert sorted(reloaded.ids.tolist()) == committed.tolist()


def test_claims_committed_after_the_last_save_are_caught_up_without_a_rebuild(
    session_factory: sessionmaker[Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "claims.faiss"
    _stored_index(session_factory, path, 4)
    caplog.clear()
    with unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "agency", ["late"])
        save_vectors(session, ids, unit_rows(np.random.default_rng(8), 1), MODEL)
    # The process died after the commit and before index.add/save.
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
        stored = load_vectors(session, MODEL)[0]
    assert "caught up with the database: 1 added, 0 removed" in caplog.text
    assert "rebuilding" not in caplog.text
    assert sorted(index.ids.tolist()) == stored.tolist() and ids[0] in stored
    with session_factory() as session:
        assert "caught up" not in _reload_log(session, path, caplog)


def test_claims_of_a_deleted_article_leave_the_index_on_next_load(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "claims.faiss"
    ids = _stored_index(session_factory, path, 3)
    with unit_of_work(session_factory) as session:
        session.delete(session.get(Claim, int(ids[0])).article)
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    assert len(index) == 0


def test_hnsw_search_breadth_grows_with_the_collection() -> None:
    assert ef_search_for(60_000) == 128
    assert ef_search_for(300_000) == 256
    assert ef_search_for(1_000_000) == 512


def test_a_new_empty_store_builds_its_index_without_a_warning(
    session_factory: sessionmaker[Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "claims.faiss"
    caplog.clear()
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    assert len(index) == 0 and path.exists()
    assert "rebuilding" not in caplog.text


def test_an_index_catches_up_with_claims_another_process_stored(
    session_factory: sessionmaker[Session],
) -> None:
    """What each API worker and each ingest does before searching: claims committed
    elsewhere since it last looked become neighbours, deleted ones stop being found."""
    rng = np.random.default_rng(6)
    mine = ClaimIndex(DIM, MODEL)
    with session_factory() as session:
        assert not mine.catch_up(session)
    with unit_of_work(session_factory) as session:
        first = add_article_with_claims(session, "wire", ["a", "b"])
        save_vectors(session, first, unit_rows(rng, 2), MODEL)
    with unit_of_work(session_factory) as session:
        later = add_article_with_claims(session, "agence", ["c"])
        vectors = unit_rows(rng, 1)
        save_vectors(session, later, vectors, MODEL)
    with session_factory() as session:
        assert mine.catch_up(session)
        assert not mine.catch_up(session)
    assert mine.ids.tolist() == first + later
    assert mine.search(vectors, 1)[1][0, 0] == later[0]

    # Deletions are looked for every `deletion_check_s` seconds, not at every search.
    mine.deletion_check_s = 3600
    with unit_of_work(session_factory) as session:
        session.execute(delete(ClaimVector).where(ClaimVector.claim_id == first[0]))
    with session_factory() as session:
        assert not mine.catch_up(session)
    mine.deletion_check_s = 0
    with session_factory() as session:
        assert mine.catch_up(session)
    assert mine.ids.tolist() == first[1:] + later
