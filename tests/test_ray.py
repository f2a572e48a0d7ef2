"""`claimcheck ingest --ray` and `rescore --ray` on a local Ray started here: the work fans
out to Ray tasks, and the store comes out as a plain run makes it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from store.db import make_engine, make_session_factory, unit_of_work
from store.export import export_document

ray = pytest.importorskip("ray")

runner = CliRunner()


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """Two CPUs on this machine, no dashboard, no usage report: nothing leaves the box."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _store(url: str) -> dict:
    """What the store says, without the ids' or the clock's say."""
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        document = export_document(session=session)
    engine.dispose()
    texts = {claim["id"]: claim["text"] for claim in document["claims"]}
    return {
        "claims": sorted((c["text"], c["start"], str(c["slots"])) for c in document["claims"]),
        "clusters": sorted(
            sorted(texts[i] for i in cluster["claim_ids"]) for cluster in document["clusters"]
        ),
        "relations": sorted(
            (texts[r["a"]], texts[r["b"]], r["relation"], tuple(r["conflict_types"]))
            for r in document["relations"]
        ),
        "scores": sorted(r["score"] for r in document["relations"]),
    }


def _same_store(found: dict, expected: dict) -> bool:
    """The same rows; scores alike to a thousandth (vectors read back from the store and
    vectors just encoded differ in the last float bits, and a calibrated score can sit
    on a rounding edge)."""
    rows = ("claims", "clusters", "relations")
    return all(found[k] == expected[k] for k in rows) and found["scores"] == pytest.approx(
        expected["scores"], abs=1e-3
    )


@pytest.mark.slow
def test_ingest_and_rescore_on_ray_make_the_store_a_plain_run_makes(
    local_ray: None, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path / "data"))
    plain, on_ray = (f"sqlite:///{tmp_path / name}.db" for name in ("plain", "ray"))
    for url, extra in ((plain, []), (on_ray, ["--ray"])):
        result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", url, *extra])
        assert result.exit_code == 0, result.output
    expected = _store(plain)
    assert expected["relations"] and expected["claims"]
    assert _same_store(_store(on_ray), expected)

    rescored = runner.invoke(app, ["rescore", "--all", "--ray", "--db", on_ray])
    assert rescored.exit_code == 0, rescored.output
    assert f"{len(expected['relations'])} re-scored" in rescored.stdout
    assert _same_store(_store(on_ray), expected)


def test_without_ray_the_command_line_never_imports_it() -> None:
    check = "import sys, service.cli; sys.exit('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], timeout=60).returncode == 0
