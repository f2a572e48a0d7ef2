"""The `claimcheck` command line: corpus, review, index, models and their evaluations."""

from __future__ import annotations

import sys

import typer

from claims.embed import EmbedderError
from service.cli import extraction, index, relations, serve
from service.cli.common import CliError
from service.cli.corpus import register as register_corpus
from store.db import DatabaseError
from store.vectors import EmbeddingModelMismatch

app = typer.Typer(
    name="claimcheck",
    help="Claim-level fact-checking and source reconciliation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
register_corpus(app)
app.registered_commands += serve.app.registered_commands
app.command("compare")(relations.compare)
app.command("recluster")(index.recluster)
app.add_typer(index.app, name="index")

eval_app = typer.Typer(help="Measure quality on labelled data.", no_args_is_help=True)
eval_app.command("ans")(relations.eval_ans)
eval_app.command("extraction")(extraction.eval_extraction)
app.add_typer(eval_app, name="eval")

train_app = typer.Typer(help="Retrain the shipped models.", no_args_is_help=True)
train_app.command("relations")(relations.train)
app.add_typer(train_app, name="train")


def main() -> None:
    """Console entry point: known failures become one-line messages, never tracebacks."""
    try:
        app()
    except (CliError, DatabaseError, EmbedderError, EmbeddingModelMismatch, OSError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.secho("interrupted; committed articles are kept", err=True)
        sys.exit(130)
