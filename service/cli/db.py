"""`claimcheck db upgrade`: the database schema."""

from __future__ import annotations

import typer

from service.cli.common import DbOption, settings_for
from store.db import make_engine
from store.migrations import upgrade

app = typer.Typer(help="Database schema.", no_args_is_help=True)


@app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Apply all Alembic migrations (the only way the schema is made)."""
    settings = settings_for(db)
    upgrade(make_engine(settings.database_url))
    typer.echo("database is at the latest schema")
