"""The `claimcheck` command line: corpus, review, index, models and their evaluations.

Each module holds one `typer.Typer`; top-level commands join the app unnamed, a
group (`db`, `index`, `eval`, `train`) under its name.
"""

from __future__ import annotations

import sys

import typer

from claims.embed import EmbedderError
from service.cli import corpus, db, evaluation, index, relations, serve, training, worker
from service.cli.common import CliError
from service.config import SettingsError
from store.db import DatabaseError
from store.vectors import EmbeddingModelMismatch

app = typer.Typer(
    name="claimcheck",
    help="Claim-level fact-checking and source reconciliation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for commands in (corpus.app, relations.app, serve.app, worker.app):
    app.add_typer(commands)
app.add_typer(db.app, name="db")
app.add_typer(index.app, name="index")
app.add_typer(evaluation.app, name="eval")
app.add_typer(training.app, name="train")


def main() -> None:
    """Console entry point: known failures become one-line messages, never tracebacks."""
    try:
        app()
    except (
        CliError,
        DatabaseError,
        EmbedderError,
        EmbeddingModelMismatch,
        SettingsError,
        OSError,
    ) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.secho("interrupted; committed articles are kept", err=True)
        sys.exit(130)
