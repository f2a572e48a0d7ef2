"""`claimcheck eval ans`, `eval emergent` and `eval extraction`: the shipped models
against labelled data.

Paths default to where a checkout keeps the data (relative to the working directory),
and any other place can be named.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from claims.ans import evaluate_ans, load_ans
from claims.emergent import as_ans_pairs, load_emergent
from claims.extraction_eval import evaluate_extraction, load_gold
from service.cli.common import CliError, DataDirOption, EmergentDirOption, rounded
from service.config import load_settings
from service.runtime import Runtime

app = typer.Typer(help="Measure quality on labelled data.", no_args_is_help=True)


@app.command("ans")
def eval_ans(
    split: Annotated[str, typer.Option(help="ANS split to score: train or dev.")] = "dev",
    data_dir: DataDirOption = None,
) -> None:
    """Accuracy, macro-F1, per-class F1 and confusion matrix of the relation model on ANS."""
    settings = load_settings(ans_dir=data_dir)
    try:
        rows = load_ans(settings.ans_dir, split)
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    typer.echo(json.dumps(rounded(evaluate_ans(Runtime(settings).scorer, rows)), indent=2))


@app.command("emergent")
def eval_emergent(data_dir: EmergentDirOption = None) -> None:
    """The relation scorer on Emergent train (English claim vs headline): for, against and
    observing scored as ANS's agree, disagree and other. Development data: the relation
    model was trained on these pairs, so the figure says more about the decision table."""
    settings = load_settings(emergent_dir=data_dir)
    try:
        rows = as_ans_pairs(load_emergent(settings.emergent_dir))
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    typer.echo(json.dumps(rounded(evaluate_ans(Runtime(settings).scorer, rows)), indent=2))


@app.command("extraction")
def eval_extraction(
    gold: Annotated[Path, typer.Option(help="Hand-written gold claims.")] = Path(
        "tests/gold/seed_claims.json"
    ),
    seeds: Annotated[Path, typer.Option(help="Folder of raw seed articles.")] = Path(
        "../shared/corpus/seeds"
    ),
) -> None:
    """Print claim precision/recall (span overlap) and per-slot accuracy against the gold."""
    try:
        report = evaluate_extraction(load_gold(gold, seeds))
    except FileNotFoundError as exc:
        raise CliError(
            f"{exc.filename} not found; name the files with --gold and --seeds"
        ) from None
    typer.echo(
        f"claims: {report.matched} matched / {report.predicted} predicted check-worthy / "
        f"{report.gold} gold"
    )
    typer.echo(f"precision {report.precision:.3f}  recall {report.recall:.3f}  f1 {report.f1:.3f}")
    typer.echo(f"slot accuracy (micro) {report.slot_accuracy:.3f}")
    for name in sorted(report.slot_checks):
        typer.echo(
            f"  {name:<11} {report.accuracy_of(name):.3f}  "
            f"({report.slot_hits[name]}/{report.slot_checks[name]})"
        )
