"""`claimcheck compare`: one pair or a JSONL batch, with clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.model import Relation
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
        (("123", "456"), '"a" has no letters, so nothing to compare'),
        (("روسيا سلمت مالي مروحيتين", "🙂🙂"), '"b" has no letters'),
        (
            ("Wagner left Mali", "Die Regierung hat 1000 Soldaten nach Mali geschickt"),
            '"b" is in German; claimcheck reads Arabic, English and French',
        ),
        (("El gobierno envió mil soldados a Malí ayer", "x"), '"a" is in Spanish'),
        (("政府今天通过了法律", "Wagner left Mali"), '"a" is in a script other than'),
        (("--lang-a", "de", "x", "y"), "--lang-a must be one of ar, en, fr, not 'de'"),
    ],
)
def test_bad_pairs_are_clear_errors(args: tuple[str, ...], says: str) -> None:
    result = run(*args)
    assert isinstance(result.exception, CliError)
    assert says in str(result.exception)


def test_every_bad_jsonl_line_is_reported_with_file_and_line_and_the_exit_is_1(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pairs.jsonl"
    lines = [
        b"{not json",
        b'["a", "b"]',
        b'{"a": "x"}',
        b'{"a": 3, "b": "x"}',
        b'{"a": "\xff", "b": "x"}',
        b'{"a": "123", "b": "x"}',
        b'{"a": "x", "b": "Die Regierung hat 1000 Soldaten nach Mali geschickt"}',
        b'{"a": "x", "b": "y", "lang_b": "de"}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run("--pairs", str(path))
    assert result.exit_code == 1
    for number, says in enumerate(
        [
            "not valid JSON",
            'expected an object with "a" and "b"',
            '"b" must be a non-empty text',
            '"a" must be a non-empty text',
            "invalid UTF-8",
            '"a" has no letters',
            '"b" is in German',
            '"lang_b" must be one of ar, en, fr',
        ],
        start=1,
    ):
        assert f"rejected {path}:{number}: {says}" in result.stderr
    assert "8 lines rejected" in result.stderr
    assert result.stdout == ""


class LanguageRecorder:
    """Stands in for the scorer: remembers the languages each pair was related in."""

    def __init__(self) -> None:
        self.languages: list[tuple[str | None, str | None]] = []

    def relate(self, pairs, slots=None, languages=None, vectors=None) -> list[Relation]:
        self.languages += list(languages)
        return [Relation("related", 0.5) for _ in pairs]


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> LanguageRecorder:
    recorder = LanguageRecorder()
    monkeypatch.setattr("service.cli.relations._scorer", lambda: recorder)
    return recorder


def test_each_side_of_one_pair_takes_its_language_hint(recorder: LanguageRecorder) -> None:
    result = run("--lang-a", "en", "--lang-b", "ar", "Russia.", "روسيا.")
    assert result.exit_code == 0, result.output
    assert recorder.languages == [("en", "ar")]


def test_a_hint_lets_a_text_the_detector_calls_german_through(
    recorder: LanguageRecorder,
) -> None:
    result = run("--lang-b", "en", "Wagner left Mali", "Bundeswehr Soldaten Mali")
    assert result.exit_code == 0, result.output
    assert recorder.languages == [("en", "en")]


def test_a_lines_own_hints_win_over_the_options(tmp_path: Path, recorder: LanguageRecorder) -> None:
    path = tmp_path / "pairs.jsonl"
    lines = [
        {"a": "Russia.", "b": "Mali."},
        {"a": "Russie.", "b": "مالي.", "lang_a": "fr", "lang_b": "ar"},
        {"a": "Russia.", "b": "Mali.", "lang_b": "fr"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    result = run("--pairs", str(path), "--lang-a", "en", "--lang-b", "en", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert recorder.languages == [("en", "en"), ("fr", "ar"), ("en", "fr")]


def test_exit_statuses_are_documented_in_help() -> None:
    for command in ("compare", "ingest"):
        text = runner.invoke(app, [command, "--help"]).output
        assert "Exit status:" in text and "1  some" in text and "2  nothing could run" in text


@pytest.mark.slow
def test_one_pair_prints_the_relation_and_both_slots() -> None:
    result = run("نشرت روسيا 100 جندي في بوركينا فاسو", "Russia deployed about 300 soldiers")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["relation"] == "conflict"
    assert "quantity" in body["conflict_types"]
    assert body["slots_a"]["quantities"] and body["slots_b"]["quantities"]


@pytest.mark.slow
def test_good_lines_are_related_around_the_bad_ones(tmp_path: Path) -> None:
    path, target = tmp_path / "pairs.jsonl", tmp_path / "out.jsonl"
    good = {"id": 1, "a": "Wagner left Mali in June 2023", "b": "Wagner left Mali in July 2023"}
    path.write_text("{broken\n" + json.dumps(good) + "\n[]\n", encoding="utf-8")
    result = run("--pairs", str(path), "--out", str(target))
    assert result.exit_code == 1
    assert f"{path}:1:" in result.stderr and f"{path}:3:" in result.stderr
    [line] = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["id"] == 1


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
