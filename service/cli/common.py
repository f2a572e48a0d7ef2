"""What every CLI command shares: settings, a migrated database, one error type."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from service.config import Settings, load_settings
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


DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder with ANS train.csv/dev.csv (default: CLAIMCHECK_ANS_DIR, "
        "else ../shared/data/ans).",
    ),
]

EmergentDirOption = Annotated[
    Path | None,
    typer.Option(
        help="Folder with Emergent train.csv (default: CLAIMCHECK_EMERGENT_DIR, "
        "else ../shared/data/emergent)."
    ),
]


def settings_for(db: str | None) -> Settings:
    return load_settings(database_url=db)


def open_database(settings: Settings) -> Engine:
    """An engine on a migrated database; the embedded SQLite default migrates itself."""
    engine = make_engine(settings.database_url)
    if make_url(settings.database_url).get_backend_name() == "sqlite":
        upgrade(engine)
    else:
        require_migrated(engine)
    return engine


def rounded(value: Any) -> Any:
    """Floats at four decimals, inside dicts and lists too: scores as people read them."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value
