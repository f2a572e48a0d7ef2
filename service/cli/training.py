"""`claimcheck train relations`: retrain the relation model into a file of the user's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from service.cli.common import CliError, DataDirOption, rounded
from service.config import load_settings

app = typer.Typer(help="Retrain the models.", no_args_is_help=True)


@app.command("relations")
def train_relations(
    data_dir: DataDirOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the model (default: relation_model.npz in the data dir)."
        ),
    ] = None,
) -> None:
    """Retrain the relation model on ANS train and write it; prints the CV scores.

    The installed package's model is never overwritten: point CLAIMCHECK_RELATION_MODEL
    at the new file to use it.
    """
    from claims.relate import train_relation_model

    settings = load_settings(ans_dir=data_dir)
    path = out or settings.data_dir / "relation_model.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        report = train_relation_model(settings.ans_dir, out=path)
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    typer.echo(f"wrote {report.path} ({report.n_train} ANS pairs + {report.n_synthetic} synthetic)")
    typer.echo(f"use it with CLAIMCHECK_RELATION_MODEL={report.path.resolve()}")
    typer.echo(json.dumps(rounded(report.cv), ensure_ascii=False, indent=2))
