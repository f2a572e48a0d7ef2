"""Commands over the claim index and clusters: `index rebuild [--reembed]`, `recluster`."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import select

from claims.embed import make_embedder
from service.cli.common import CliError, DbOption, open_database, settings_for
from store.claims import stored_reading
from store.clusters import recluster_all
from store.db import make_session_factory, unit_of_work
from store.index import ClaimIndex
from store.models import Claim
from store.vectors import EmbeddingModelMismatch, check_model, save_vectors

app = typer.Typer(help="The faiss claim index and the claim clusters.", no_args_is_help=True)

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
    embedder = make_embedder(settings.embedder)
    with unit_of_work(factory) as session:
        if reembed:
            rows = session.execute(
                select(Claim.id, Claim.text, Claim.slots).order_by(Claim.id)
            ).all()
            for start in range(0, len(rows), _REEMBED_BATCH):
                batch = rows[start : start + _REEMBED_BATCH]
                vectors = embedder.encode([stored_reading(row.text, row.slots)[0] for row in batch])
                save_vectors(session, [row.id for row in batch], vectors, embedder.model_id)
            typer.echo(f"re-embedded {len(rows)} claims with {embedder.model_id}")
        try:
            check_model(session, embedder.model_id)
        except EmbeddingModelMismatch as exc:
            raise CliError(str(exc)) from None
    with factory() as session:
        index = ClaimIndex(embedder.dim, embedder.model_id, settings.index_path)
        index.rebuild(session)
    typer.echo(f"index {settings.index_path}: {len(index)} claims ({index.kind})")


@app.command()
def recluster(db: DbOption = None) -> None:
    """Recompute every cluster from the stored relations (the same clusters incremental
    ingestion gives)."""
    factory = make_session_factory(open_database(settings_for(db)))
    with unit_of_work(factory) as session:
        summary = recluster_all(session)
    typer.echo(summary.line())
