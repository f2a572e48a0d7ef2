"""Run the Alembic migrations against a database URL.

The migrations live in the checkout's top-level `alembic/`; a wheel carries the same
folder as `store/alembic` (see pyproject.toml), so an installed `claimcheck` migrates
a database from any working directory.
"""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import Engine

from alembic import command

_PACKAGE_DIR = Path(__file__).resolve().parent


def migrations_dir() -> Path:
    """The Alembic script folder: inside the installed package, else in the checkout."""
    installed = _PACKAGE_DIR / "alembic"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "alembic"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    # ConfigParser interpolation would choke on '%' in passwords.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations on `engine` (sharing its connection, so in-memory SQLite works)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
