"""`claimcheck compare`: one pair or a JSONL batch, with clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.cli.common import CliError

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["compare", *args])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("only one",), "give two claims"),
        (("", "x"), '"a" must be a non-empty text'),
        (("x", "   "), '"b" must be a non-empty text'),
        (("x" * 5001, "x"), "longer than 5000 characters"),
    ],
)
def test_bad_pairs_are_clear_errors(args: tuple[str, ...], says: str) -> None:
    result = run(*args)
    assert isinstance(result.exception, CliError)
    assert says in str(result.exception)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{not json", ":1: not valid JSON"),
        ('["a", "b"]', ':1: expected an object with "a" and "b"'),
        ('{"a": "x"}', ':1: "b" must be a non-empty text'),
        ('{"a": 3, "b": "x"}', ':1: "a" must be a non-empty text'),
    ],
)
def test_bad_jsonl_lines_name_file_and_line(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    result = run("--pairs", str(path))
    assert isinstance(result.exception, CliError)
    assert says in str(result.exception)


def test_jsonl_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(b'{"a": "\xff", "b": "x"}\n')
    result = run("--pairs", str(path))
    assert "not UTF-8" in str(result.exception)


@pytest.mark.slow
def test_one_pair_prints_the_relation_and_both_slots() -> None:
    result = run("نشرت روسيا 100 جندي في بوركينا فاسو", "Russia deployed about 300 soldiers")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["relation"] == "conflict"
    assert "quantity" in body["conflict_types"]
    assert body["slots_a"]["quantities"] and body["slots_b"]["quantities"]


@pytest.mark.slow
def test_a_batch_keeps_extra_keys_and_writes_one_line_per_pair(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [
        {"id": 1, "a": "Russia delivered two helicopters to Mali", "b": "روسيا سلمت مالي مروحيتين"},
        {"id": 2, "a": "Wagner left Mali in June 2023", "b": "The weather in Paris was mild"},
    ]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")

    result = run("--pairs", str(source), "--out", str(target))

    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == [1, 2]
    assert out[1]["relation"] in {"related", "unrelated"}
    assert all({"relation", "score", "explanation", "slots_a", "slots_b"} <= r.keys() for r in out)


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_batch_in_many_chunks_keeps_its_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    import service.jobs.compare as job

    monkeypatch.setattr(job, "CHUNK", 2)
    monkeypatch.setattr(job, "MIN_PAIRS_PER_WORKER", 1)
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = ["روسيا سلمت مالي مروحيتين", "Wagner left Mali", "Mali expelled the French envoy"]
    lines = [{"id": k, "a": text, "b": text} for k, text in enumerate(texts * 2)]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")

    result = run("--pairs", str(source), "--out", str(target), "--workers", workers)

    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == list(range(6))
    assert [r["relation"] for r in out] == ["agree"] * 6
