"""What every CLI command shares: settings, a migrated database, one error type."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from service.config import Settings
from store.db import make_engine, require_migrated
from store.migrations import upgrade


class CliError(RuntimeError):
    """A problem the user can fix; printed as one line, exit status 2."""


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: CLAIMCHECK_DATABASE_URL, else a SQLite file in "
        "CLAIMCHECK_DATA_DIR, default ./.claimcheck).",
    ),
]


def settings_for(db: str | None) -> Settings:
    return Settings.from_env(database_url=db)


def open_database(settings: Settings) -> Engine:
    """An engine on a migrated database; the embedded SQLite default migrates itself."""
    engine = make_engine(settings.database_url)
    if make_url(settings.database_url).get_backend_name() == "sqlite":
        upgrade(engine)
    else:
        require_migrated(engine)
    return engine
