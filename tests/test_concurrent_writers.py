"""Several writers on one store give what one writer gives: real `claimcheck ingest`
processes at once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from store.db import make_engine, make_session_factory, unit_of_work
from store.export import export_document
from store.migrations import upgrade
from tests.conftest import POSTGRES_URL

CLAIMCHECK = Path(sys.executable).with_name("claimcheck")
FIXTURES = Path(__file__).parent / "fixtures"
# Russian deployments in the Sahel told by outlets in English and French. Both halves
# bring every outlet, so two processes meet new sources at the same moment.
STORIES = sorted((FIXTURES / "restatements").glob("*.txt")) + sorted(
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
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'replay.db'}"
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


@pytest.mark.slow
def test_two_ingests_at_once_give_what_one_ingest_gives(
    engine: Engine, database_url: str, replay_url: str, tmp_path: Path
) -> None:
    """Two processes ingest the halves of a feed at the same time, both bringing the
    same new outlets; one process then ingests the feed in the order the two stored it.

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

    by_url = {line["url"]: line for line in lines}
    replay_engine = make_engine(replay_url)
    upgrade(replay_engine)
    try:
        feed = _write(tmp_path / "in-commit-order.jsonl", [by_url[url] for url in order])
        _finish(_ingest(replay_url, tmp_path / "replay-data", feed))
        expected_order, expected_relations, expected_clusters = _outcome(replay_engine)
    finally:
        replay_engine.dispose()

    assert expected_order == order
    assert relations and clusters
    assert relations == expected_relations
    assert clusters == expected_clusters
