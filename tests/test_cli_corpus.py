"""`claimcheck ingest` and `rescore` as a person runs them: every rejected line named,
a non-zero exit when something was rejected, this run's counts apart from the store's,
and a progress bar that knows its total."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_rescore
from sqlalchemy.orm import Session, sessionmaker
from test_rescore import FixedScorer
from typer.testing import CliRunner

from service.cli import app
from service.jobs.reconcile import rescore
from store.index import ClaimIndex

runner = CliRunner()
three_sources, index = test_rescore.three_sources, test_rescore.index

ARTICLE = {
    "source": "Sahara Wire",
    "language": "en",
    "text": "Russia deployed about 300 soldiers to Burkina Faso in January, officials said.",
}


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    """Six lines of which five are rejected."""
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(ARTICLE),
        "{not json",
        "[1, 2]",
        json.dumps({"source": "x"}),
        json.dumps({**ARTICLE, "published_at": "yesterday"}),
        json.dumps({**ARTICLE, "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_ingest_names_every_rejected_line_exits_1_and_keeps_run_and_store_apart(
    feed: Path, tmp_path: Path, database_url: str, engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path / "data"))
    first = runner.invoke(app, ["ingest", str(feed), "--db", database_url])
    assert first.exit_code == 1, first.output
    for number in range(2, 7):
        assert f"rejected {feed}:{number}: " in first.stderr
    assert "this run: articles: 1 new, 0 duplicate, 5 rejected" in first.stdout
    assert "in the store: 1 articles" in first.stdout

    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    again = runner.invoke(app, ["ingest", str(good), "--db", database_url])
    assert again.exit_code == 0, again.output
    assert "this run: articles: 0 new, 1 duplicate, 0 rejected; claims: 0 new" in again.stdout
    assert "conflicts: 0 opened" in again.stdout
    assert "in the store: 1 articles" in again.stdout


def test_rescore_tells_its_progress_bar_the_total(
    session_factory: sessionmaker[Session], three_sources: dict[str, int], index: ClaimIndex
) -> None:
    totals: list[int] = []
    done: list[int] = []
    rescore(
        session_factory=session_factory,
        scorer=FixedScorer("v2", "agree"),
        index=index,
        batch_size=1,
        progress=done.append,
        planned=totals.append,
    )
    assert totals == [3 + 2] and sum(done) == 5  # three claims, then two stale relations


@pytest.mark.slow
def test_rescore_command_shows_a_bar_with_a_total(
    database_url: str, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path / "data"))
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(good), "--db", database_url]).exit_code == 0
    result = runner.invoke(app, ["rescore", "--all", "--db", database_url])
    assert result.exit_code == 0, result.output
    assert "1/1" in result.stderr and "relations:" in result.stdout
    # Every state of the bar shows the total: none is drawn before it is known.
    drawn = [line for line in result.stderr.replace("\r", "\n").splitlines() if "rescore" in line]
    assert drawn and all("/1 " in line for line in drawn), drawn
