"""`claimcheck eval-extraction`: extraction precision/recall and slot accuracy on the seed gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claims.extraction_eval import evaluate_extraction, load_gold

ROOT = Path(__file__).resolve().parents[2]

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.callback()
def extraction() -> None:
    """Claim extraction quality (a group, so the command keeps its name when run alone)."""


@app.command("eval-extraction")
def eval_extraction(
    gold: Annotated[Path, typer.Option(help="Hand-written gold claims.")] = ROOT
    / "tests/gold/seed_claims.json",
    seeds: Annotated[Path, typer.Option(help="Folder of raw seed articles.")] = ROOT.parent
    / "shared/corpus/seeds",
) -> None:
    """Print claim precision/recall (span overlap) and per-slot accuracy against the gold."""
    report = evaluate_extraction(load_gold(gold, seeds))
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
