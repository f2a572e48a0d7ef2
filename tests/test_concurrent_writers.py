"""Several writers on one store give what one writer gives: real `claimcheck ingest`
processes at once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import assert_error, auth, build_world, key_for

import store.db
from service.api.app import create_app
from service.config import Settings
from service.jobs.ingest import ingest_items
from service.readers import read_articles
from service.runtime import Runtime
from store.articles import source_id
from store.clusters import recluster_all
from store.db import lock_store_for_writing, make_engine, make_session_factory, unit_of_work
from store.export import export_document
from store.migrations import upgrade
from store.models import Article, Source
from tests.conftest import empty_database

CLAIMCHECK = Path(sys.executable).with_name("claimcheck")
FIXTURES = Path(__file__).parent / "fixtures"
# Russian deployments in the Sahel told by outlets in English and French. Both halves
# bring every outlet, so two processes meet new sources at the same moment. Every second
# restatement: enough same-story articles to race on, at half the cost of all of them.
STORIES = sorted((FIXTURES / "restatements").glob("*.txt"))[::2] + sorted(
    (FIXTURES / "extraction").glob("*.txt")
)
OUTLETS = ("wire", "agence")


def _lines() -> list[dict[str, str]]:
    return [
        {
            "source": OUTLETS[position % len(OUTLETS)],
            "url": f"https://example.org/{path.stem}",
            "text": path.read_text(encoding="utf-8"),
        }
        for position, path in enumerate(STORIES)
    ]


def _write(path: Path, lines: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return path


def _ingest(url: str, data_dir: Path, feed: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CLAIMCHECK_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [str(CLAIMCHECK), "ingest", str(feed), "--db", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _ingest_here(engine: Engine, settings: Settings, feed: Path) -> None:
    """One ingest as `claimcheck ingest` runs it, in this process (models loaded once)."""
    factory = make_session_factory(engine)
    runtime = Runtime(settings)
    with factory() as session:
        stage = runtime.reconcile_stage(session)
    summary = ingest_items(
        read_articles([feed], max_bytes=settings.max_article_bytes),
        session_factory=factory,
        max_bytes=settings.max_article_bytes,
        stage=stage,
    )
    assert summary.rejected == 0, summary.problems


def _finish(process: subprocess.Popen[str]) -> str:
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    return output


def _outcome(engine: Engine) -> tuple[list[str], set[tuple], set[frozenset]]:
    """Articles in the order they were stored; relations and clusters by claim text,
    not id (ids differ between stores)."""
    with unit_of_work(make_session_factory(engine)) as session:
        document = export_document(session=session)
    articles = {a["id"]: a for a in document["articles"]}
    claim = {c["id"]: (articles[c["article_id"]]["source"], c["text"]) for c in document["claims"]}
    relations = {
        (claim[r["a"]], claim[r["b"]], r["relation"], tuple(r["conflict_types"]))
        for r in document["relations"]
    }
    clusters = {frozenset(claim[i] for i in k["claim_ids"]) for k in document["clusters"]}
    return [a["url"] for a in document["articles"]], relations, clusters


@pytest.fixture
def replay_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty store on the same backend, for the one-process run."""
    backend = "sqlite" if database_url.startswith("sqlite") else "postgres"
    with empty_database(backend, tmp_path, "replay") as url:
        yield url


@pytest.mark.slow
def test_two_ingests_at_once_give_what_one_ingest_gives(
    engine: Engine, database_url: str, replay_url: str, tmp_path: Path
) -> None:
    """Two processes ingest the halves of a feed at the same time, both bringing the
    same new outlets; `recluster` leaves their clusters as they are; one process then
    ingests the feed in the order the two stored it.

    Relating is order-dependent (a pair is related from its newer claim, each claim
    costs at most MAX_CANDIDATES pairs, the scorer is not symmetric in every case), so
    "what one ingest gives" means one ingest of the articles in the order they were
    committed: with the store's writers taking turns and each catching up with the
    others' claims first, nothing else may differ.
    """
    lines = _lines()
    half = len(lines) // 2
    feeds = [
        _write(tmp_path / "first.jsonl", lines[:half]),
        _write(tmp_path / "second.jsonl", lines[half:]),
    ]
    shared_data = tmp_path / "shared-data"
    processes = [_ingest(database_url, shared_data, feed) for feed in feeds]
    for process in processes:
        _finish(process)
    order, relations, clusters = _outcome(engine)
    assert sorted(order) == sorted(line["url"] for line in lines)

    with unit_of_work(make_session_factory(engine)) as session:
        recluster_all(session)
    assert _outcome(engine)[2] == clusters, "recluster changed the incremental clusters"

    by_url = {line["url"]: line for line in lines}
    feed = _write(tmp_path / "in-commit-order.jsonl", [by_url[url] for url in order])
    replay_engine = make_engine(replay_url)
    upgrade(replay_engine)
    one = Settings(data_dir=tmp_path / "one", database_url=replay_url)
    try:
        _ingest_here(replay_engine, one, feed)
        expected_order, expected_relations, expected_clusters = _outcome(replay_engine)
    finally:
        replay_engine.dispose()

    assert expected_order == order
    assert relations and clusters
    assert relations == expected_relations
    assert clusters == expected_clusters


def test_two_writers_bringing_one_new_outlet_both_get_its_row(
    session_factory: sessionmaker[Session],
) -> None:
    """Both look for the outlet before either commits: a select-then-insert made the
    second fail on the unique name (and its ingest drop the article)."""
    start = threading.Barrier(2)
    found: list[int | None] = [None, None]
    failures: list[Exception] = []

    def bring(position: int) -> None:
        try:
            with unit_of_work(session_factory) as session:
                start.wait()
                found[position] = source_id(session=session, name="Agence Sahel")
                time.sleep(0.2)  # still uncommitted while the other writer inserts
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=bring, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures
    assert found[0] == found[1] is not None


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    path = tmp_path / "store.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield path, engine
    engine.dispose()


def test_a_decision_that_finds_sqlite_locked_is_503_with_retry_after(
    sqlite_store: tuple[Path, Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, engine = sqlite_store
    world = build_world(make_session_factory(engine))
    monkeypatch.setattr(store.db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{path}")
        with TestClient(create_app(settings), raise_server_exceptions=False) as client:
            response = client.post(
                f"/conflicts/{world.conflict_id}/reviews",
                json={"decision": "confirmed"},
                headers=auth(world.reviewer_key),
            )
    finally:
        writer.rollback()
        writer.close()
    assert_error(response, 503, "database_busy")
    assert response.headers["Retry-After"] == "1"


def test_a_writer_that_waited_goes_before_one_that_writes_again(
    sqlite_store: tuple[Path, Engine],
) -> None:
    """SQLite gives its write lock to whoever asks first once it is free; a writer about
    to take it again (an ingest's next chunk) first lets every waiting writer have it."""
    path, engine = sqlite_store
    factory = make_session_factory(engine)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    def wait_then_write() -> None:
        with unit_of_work(factory) as session:
            source_id(session=session, name="Agence Sahel")

    waiter = threading.Thread(target=wait_then_write)
    waiter.start()
    turn = os.open(f"{path}-turn", os.O_RDWR | os.O_CREAT)
    deadline = time.monotonic() + 30
    try:
        while _turn_is_free(turn):  # until the waiter holds its turn
            assert time.monotonic() < deadline, "the waiting writer never took its turn"
            time.sleep(0.01)
    finally:
        os.close(turn)
    time.sleep(0.5)  # the waiter's busy handler now sleeps 100 ms between tries
    with unit_of_work(factory) as session:
        session.connection()
        holder.commit()
        holder.close()
        lock_store_for_writing(session)
        sources = session.scalar(select(func.count()).select_from(Source))
    waiter.join(timeout=30)
    assert sources == 1


def _turn_is_free(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


@pytest.mark.slow
def test_review_decisions_during_an_ingest_are_saved(
    sqlite_store: tuple[Path, Engine], tmp_path: Path
) -> None:
    """An ingest holds SQLite's write lock only to store and relate an article, so a
    reviewer deciding meanwhile waits a fraction of a second, never into a 500."""
    path, engine = sqlite_store
    world = build_world(make_session_factory(engine))
    url = f"sqlite:///{path}"
    feed = _write(tmp_path / "feed.jsonl", _lines())
    ingest = _ingest(url, tmp_path / "data", feed)
    statuses, waits = [], []
    settings = Settings(data_dir=tmp_path, database_url=url)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        decisions = iter(["confirmed", "reopened"] * 1000)
        while ingest.poll() is None:
            started = time.monotonic()
            response = client.post(
                f"/conflicts/{world.conflict_id}/reviews",
                json={"decision": next(decisions)},
                headers=auth(world.reviewer_key),
            )
            waits.append(time.monotonic() - started)
            statuses.append(response.status_code)
    _finish(ingest)
    with unit_of_work(make_session_factory(engine)) as session:
        stored = session.scalar(select(func.count()).select_from(Article))
    assert stored == 2 + len(STORIES)
    assert set(statuses) == {201}, statuses
    print(f"{len(waits)} decisions during the ingest, longest {max(waits):.2f} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_every_serve_worker_finds_claims_another_process_stored(
    sqlite_store: tuple[Path, Engine], tmp_path: Path
) -> None:
    """`serve --workers 2`: each worker holds its own faiss index, and each catches up
    with the database before searching, so an ingest elsewhere (here, in the test's
    process) is seen by all."""
    path, engine = sqlite_store
    url = f"sqlite:///{path}"
    key = key_for(make_session_factory(engine), "nadia", "editor")
    port = _free_port()
    data_dir = tmp_path / "data"
    server = subprocess.Popen(
        [str(CLAIMCHECK), "serve", "--workers", "2", "--port", str(port), "--db", url],
        env={**os.environ, "CLAIMCHECK_DATA_DIR": str(data_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    story = _lines()[0]

    def neighbours() -> list[str]:
        response = httpx.post(
            f"{base}/claims/compare",
            json={"claim": story["text"].split(".")[0], "k": 3},
            headers=auth(key),
            timeout=60,
        )
        assert response.status_code == 200, response.text
        return [n["source"] for n in response.json()["neighbours"]]

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        # New connections are spread over the workers: each loads its (empty) index.
        assert [neighbours() for _ in range(4)] == [[]] * 4
        settings = Settings(data_dir=tmp_path / "elsewhere", database_url=url)
        _ingest_here(engine, settings, _write(tmp_path / "one.jsonl", [story]))
        found = [neighbours() for _ in range(6)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert all(sources and set(sources) == {story["source"]} for sources in found), found
