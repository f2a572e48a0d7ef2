"""`claimcheck compare`: the relation between two claims, or of every pair in a file."""

from __future__ import annotations

import json
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated, Any

import typer
from tqdm import tqdm

from claims.model import MAX_CLAIM_CHARS, PairScorer
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
) -> None:
    """Relate two claims (or every pair of a JSONL file) and print the relation with both slots.

    With --pairs, every line that is not a pair is reported on stderr as FILE:LINE:
    reason and left out of the output; the other lines are related, in order.

    \b
    Exit status:
      0  every pair was related
      1  some lines were rejected (see stderr); the others were related
      2  nothing could run (no claims given, unreadable file, a worker died)
    """
    from service.jobs.compare import compare_records

    if pairs is None:
        if a is None or b is None:
            raise CliError('give two claims, compare "A" "B", or --pairs FILE.jsonl')
        problem = _text_problem({"a": a, "b": b})
        if problem:
            raise CliError(f"compare: {problem}")
        record = compare_records(_scorer(), [{"a": a, "b": b}])[0]
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    records, problems = _read_pairs(pairs)
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


def _read_pairs(path: Path) -> tuple[list[dict[str, Any]], list[InputProblem]]:
    """The pairs of a JSONL file, and a problem for each line that is not one."""
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
            problem = (
                _text_problem(record)
                if isinstance(record, dict)
                else 'expected an object with "a" and "b" texts'
            )
            if problem:
                problems.append(InputProblem(where, problem))
            else:
                records.append(record)
    return records, problems


def _text_problem(record: dict[str, Any]) -> str | None:
    """Both sides must be text of 1 to MAX_CLAIM_CHARS characters, as the API demands."""
    for key in ("a", "b"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            return f'"{key}" must be a non-empty text'
        if len(value) > MAX_CLAIM_CHARS:
            return f'"{key}" is longer than {MAX_CLAIM_CHARS} characters'
    return None


def _scorer() -> PairScorer:
    return Runtime(load_settings()).scorer
