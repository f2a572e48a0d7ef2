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
    """Relate two claims (or every pair of a JSONL file) and print the relation with both slots."""
    from service.jobs.compare import compare_batch, compare_records

    if pairs is None:
        if a is None or b is None:
            raise CliError('give two claims, compare "A" "B", or --pairs FILE.jsonl')
        _check_texts({"a": a, "b": b}, where="compare")
        record = compare_records(_scorer(), [{"a": a, "b": b}])[0]
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    records = _read_pairs(pairs)
    with tqdm(
        total=len(records), desc="compare", unit="pair", disable=len(records) < PROGRESS_FROM
    ) as bar:
        try:
            results = compare_batch(_scorer(), records, workers=workers, progress=bar.update)
        except BrokenProcessPool as exc:
            raise CliError("a worker process died (out of memory?); try --workers 1") from exc
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results)
    if out is None:
        sys.stdout.write(lines)
    else:
        out.write_text(lines, encoding="utf-8")
        typer.echo(f"wrote {len(results)} relations to {out}")


def _read_pairs(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text") from exc
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CliError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise CliError(f'{path}:{number}: expected an object with "a" and "b" texts')
        _check_texts(record, where=f"{path}:{number}")
        records.append(record)
    return records


def _check_texts(record: dict[str, Any], *, where: str) -> None:
    """Both sides must be text of 1 to MAX_CLAIM_CHARS characters, as the API demands."""
    for key in ("a", "b"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CliError(f'{where}: "{key}" must be a non-empty text')
        if len(value) > MAX_CLAIM_CHARS:
            raise CliError(f'{where}: "{key}" is longer than {MAX_CLAIM_CHARS} characters')


def _scorer() -> PairScorer:
    return Runtime(load_settings()).scorer
