"""`claimcheck index rebuild [--reembed]`: the faiss claim index from the stored vectors."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli.common import CliError, DbOption, open_database, settings_for
from service.runtime import Runtime
from store.claims import all_readings
from store.db import make_session_factory, unit_of_work
from store.index import ClaimIndex
from store.vectors import EmbeddingModelMismatch, check_model, save_vectors

app = typer.Typer(help="The faiss claim index.", no_args_is_help=True)

# Claims embedded per encoder call while re-embedding: one matrix operation each.
_REEMBED_BATCH = 256


@app.command()
def rebuild(
    reembed: Annotated[
        bool,
        typer.Option(
            "--reembed", help="Embed every claim again with the configured embedder first."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Rebuild the index file from the vectors in the database."""
    settings = settings_for(db)
    factory = make_session_factory(open_database(settings))
    embedder = Runtime(settings).embedder
    with unit_of_work(factory) as session:
        if reembed:
            readings = all_readings(session)
            for start in range(0, len(readings), _REEMBED_BATCH):
                ids, texts = zip(*readings[start : start + _REEMBED_BATCH], strict=True)
                save_vectors(session, list(ids), embedder.encode(list(texts)), embedder.model_id)
            typer.echo(f"re-embedded {len(readings)} claims with {embedder.model_id}")
        try:
            check_model(session, embedder.model_id)
        except EmbeddingModelMismatch as exc:
            raise CliError(str(exc)) from None
    with factory() as session:
        index = ClaimIndex(embedder.dim, embedder.model_id, settings.index_path)
        index.rebuild(session)
    typer.echo(f"index {settings.index_path}: {len(index)} claims ({index.kind})")
