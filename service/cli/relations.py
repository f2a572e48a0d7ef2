"""`claimcheck compare`, `eval ans` and `train relations`: the relation model from the shell."""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated, Any

import typer
from tqdm import tqdm

from claims.ans import load_ans
from claims.model import MAX_CLAIM_CHARS
from service.cli.common import CliError

app = typer.Typer(no_args_is_help=True, add_completion=False)

# Smaller batches finish before a progress bar would help.
PROGRESS_FROM = 1000

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder with ANS train.csv/dev.csv (default: CLAIMCHECK_ANS_DIR, "
        "else ../shared/data/ans).",
    ),
]


def _ans_dir(data_dir: Path | None) -> Path:
    return data_dir or Path(os.environ.get("CLAIMCHECK_ANS_DIR", "../shared/data/ans"))


def _scorer():
    from claims.relate import RelationScorer

    return RelationScorer()


@app.command("train")
def train(
    data_dir: DataDirOption = None,
    out: Annotated[
        Path | None, typer.Option(help="Where to write the artefact (default: the packaged one).")
    ] = None,
) -> None:
    """Retrain the relation model on ANS train and write its artefact; prints the CV scores."""
    from claims.relate import train_relation_model

    try:
        report = train_relation_model(_ans_dir(data_dir), out=out)
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    typer.echo(f"wrote {report.path} ({report.n_train} ANS pairs + {report.n_synthetic} synthetic)")
    typer.echo(json.dumps(_rounded(report.cv), ensure_ascii=False, indent=2))


@app.command("eval-ans")
def eval_ans(
    split: Annotated[str, typer.Option(help="ANS split to score: train or dev.")] = "dev",
    data_dir: DataDirOption = None,
) -> None:
    """Accuracy, macro-F1, per-class F1 and confusion matrix of the shipped model on ANS."""
    from claims.ans import evaluate_ans

    try:
        rows = load_ans(_ans_dir(data_dir), split)
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    typer.echo(json.dumps(_rounded(evaluate_ans(_scorer(), rows)), indent=2))


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


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
