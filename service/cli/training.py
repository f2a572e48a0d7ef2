"""`claimcheck train relations`: retrain the relation model into a file of the user's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from service.cli.common import CliError, DataDirOption, EmergentDirOption, rounded
from service.config import load_settings

app = typer.Typer(help="Retrain the models.", no_args_is_help=True)


@app.command("relations")
def train_relations(
    data_dir: DataDirOption = None,
    emergent_dir: EmergentDirOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the model (default: relation_model.npz in the data dir)."
        ),
    ] = None,
) -> None:
    """Retrain the relation model on ANS train and Emergent train and write it; prints
    the grouped CV scores, the conflict precision by threshold and ANS dev.

    The installed package's model is never overwritten: point CLAIMCHECK_RELATION_MODEL
    at the new file to use it.
    """
    from claims.relate import train_relation_model

    settings = load_settings(ans_dir=data_dir, emergent_dir=emergent_dir)
    path = out or settings.data_dir / "relation_model.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        report = train_relation_model(
            settings.ans_dir, out=path, emergent_dir=settings.emergent_dir
        )
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    typer.echo(
        f"wrote {report.path} ({report.n_train} real pairs + {report.n_synthetic} synthetic)"
    )
    typer.echo(f"use it with CLAIMCHECK_RELATION_MODEL={report.path.resolve()}")
    for source, scores in report.cv.items():
        low, high = scores.get("macro_f1_95", (None, None))
        interval = f" [{low:.3f}, {high:.3f}]" if low is not None else ""
        typer.echo(f"grouped CV {source}: macro-F1 {scores['macro_f1']:.3f}{interval}")
    if report.dev is not None:
        typer.echo(f"ANS dev (model alone): macro-F1 {report.dev['macro_f1']:.3f}")
    if report.conflict_precision:
        names = list(report.conflict_precision)
        typer.echo("conflict precision, out of fold: threshold " + " ".join(names))
        for rows in zip(*report.conflict_precision.values(), strict=True):
            cells = " ".join(
                f"{row.precision:.3f}/{row.flagged}" if row.precision is not None else "-"
                for row in rows
            )
            typer.echo(f"  {rows[0].threshold:.2f} {cells}")
    typer.echo(json.dumps(rounded({"cv": report.cv, "dev": report.dev}), indent=2))
