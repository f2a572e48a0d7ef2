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
from service.readers import InputProblem

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


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
