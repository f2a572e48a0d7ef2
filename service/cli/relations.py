"""`claimcheck compare`: the relation between two claims, or of every pair in a file."""

from __future__ import annotations

import json
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated, Any

import typer
from tqdm import tqdm

from claims.language import reading_problem
from claims.model import MAX_CLAIM_CHARS, SUPPORTED_LANGUAGES, PairScorer
from service.cli.common import CliError
from service.config import load_settings
from service.readers import InputProblem
from service.runtime import Runtime

app = typer.Typer()

# Smaller batches finish before a progress bar would help.
PROGRESS_FROM = 1000


@app.command("compare")
def compare(
    a: Annotated[str | None, typer.Argument(help="First claim.")] = None,
    b: Annotated[str | None, typer.Argument(help="Second claim.")] = None,
    pairs: Annotated[
        Path | None, typer.Option(help='JSONL input, one {"a": ..., "b": ...} per line.')
    ] = None,
    out: Annotated[Path | None, typer.Option(help="JSONL output (default: stdout).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes for --pairs (default: one per core)."),
    ] = None,
    lang_a: Annotated[
        str | None, typer.Option(help="Language of A if known: ar, en or fr (else detected).")
    ] = None,
    lang_b: Annotated[
        str | None, typer.Option(help="Language of B if known: ar, en or fr (else detected).")
    ] = None,
) -> None:
    """Relate two claims (or every pair of a JSONL file) and print the relation with both slots.

    A text without letters, or clearly in a language other than Arabic, English and
    French, is refused; --lang-a/--lang-b name a side's language when detection is
    wrong. With --pairs they apply to every line that names none ("lang_a", "lang_b").

    With --pairs, every line that is not a pair is reported on stderr as FILE:LINE:
    reason and left out of the output; the other lines are related, in order.

    \b
    Exit status:
      0  every pair was related
      1  some lines were rejected (see stderr); the others were related
      2  nothing could run (no claims given, unreadable file, a worker died)
    """
    from service.jobs.compare import compare_records

    hints = {key: lang for key, lang in (("lang_a", lang_a), ("lang_b", lang_b)) if lang}
    for key, lang in hints.items():
        if lang not in SUPPORTED_LANGUAGES:
            expected = ", ".join(SUPPORTED_LANGUAGES)
            raise CliError(f"--{key.replace('_', '-')} must be one of {expected}, not {lang!r}")
    if pairs is None:
        if a is None or b is None:
            raise CliError('give two claims, compare "A" "B", or --pairs FILE.jsonl')
        problem = _pair_problem({"a": a, "b": b, **hints})
        if problem:
            raise CliError(f"compare: {problem}")
        record = compare_records(_scorer(), [{"a": a, "b": b, **hints}])[0]
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    records, problems = _read_pairs(pairs, hints)
    for problem in problems:
        typer.secho(f"rejected {problem}", fg=typer.colors.YELLOW, err=True)
    results = _compare_all(records, workers) if records else []
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results)
    if out is None:
        sys.stdout.write(lines)
    else:
        out.write_text(lines, encoding="utf-8")
        typer.echo(f"wrote {len(results)} relations to {out}")
    if problems:
        typer.echo(f"{len(problems)} line{'s' if len(problems) != 1 else ''} rejected", err=True)
        raise typer.Exit(1)


def _compare_all(records: list[dict[str, Any]], workers: int | None) -> list[dict[str, Any]]:
    from service.jobs.compare import compare_batch

    with tqdm(
        total=len(records), desc="compare", unit="pair", disable=len(records) < PROGRESS_FROM
    ) as bar:
        try:
            return compare_batch(_scorer(), records, workers=workers, progress=bar.update)
        except BrokenProcessPool as exc:
            raise CliError("a worker process died (out of memory?); try --workers 1") from exc


def _read_pairs(
    path: Path, hints: dict[str, str]
) -> tuple[list[dict[str, Any]], list[InputProblem]]:
    """The pairs of a JSONL file, and a problem for each line that is not one; a line
    without its own language hints takes `hints`."""
    records: list[dict[str, Any]] = []
    problems: list[InputProblem] = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                problems.append(InputProblem(where, f"invalid UTF-8 at byte {exc.start}"))
                continue
            except json.JSONDecodeError as exc:
                problems.append(InputProblem(where, f"not valid JSON ({exc.msg})"))
                continue
            if not isinstance(record, dict):
                problems.append(InputProblem(where, 'expected an object with "a" and "b" texts'))
                continue
            record = {**hints, **record}
            problem = _pair_problem(record)
            if problem:
                problems.append(InputProblem(where, problem))
            else:
                records.append(record)
    return records, problems


def _pair_problem(record: dict[str, Any]) -> str | None:
    """Both sides must be readable text of 1 to MAX_CLAIM_CHARS characters and any
    language hint one of the three, as the API demands."""
    for key in ("a", "b"):
        value, hint_key = record.get(key), f"lang_{key}"
        hint = record.get(hint_key)
        if not isinstance(value, str) or not value.strip():
            return f'"{key}" must be a non-empty text'
        if len(value) > MAX_CLAIM_CHARS:
            return f'"{key}" is longer than {MAX_CLAIM_CHARS} characters'
        if hint is not None and hint not in SUPPORTED_LANGUAGES:
            return f'"{hint_key}" must be one of {", ".join(SUPPORTED_LANGUAGES)}, not {hint!r}'
        problem = reading_problem(value, hint)
        if problem:
            return f'"{key}" {problem}'
    return None


def _scorer() -> PairScorer:
    return Runtime(load_settings()).scorer
