"""Runtime settings from `CLAIMCHECK_*` environment variables or a `.env` file, with
defaults that need no set-up. A bad value is a `SettingsError` naming its variable."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any

from limits import parse
from pydantic import Field, StringConstraints, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from claims.embed import DEFAULT_EMBEDDER
from claims.model import DEFAULT_MAX_ARTICLE_BYTES

ENV_PREFIX = "CLAIMCHECK_"
# A working day: long enough not to interrupt a shift, short enough that a forgotten
# browser does not stay signed in for a week.
DEFAULT_SESSION_HOURS = 12.0
# Failed sign-ins (UI or API key) per client address: a person mistyping a key never
# reaches it; a script guessing keys is slowed to a crawl.
DEFAULT_LOGIN_RATE = "10/minute"
# Compare requests per API key: each costs a few to tens of milliseconds of CPU.
DEFAULT_COMPARE_RATE = "120/minute"
# A batch upload is kept whole in the database until its job is done.
DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024


class SettingsError(ValueError):
    """A setting has a value claimcheck cannot use; the message names the variable."""


class Settings(BaseSettings):
    """Where data lives, which database and embedder to use, what input is too large."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_ignore_empty=True,
        extra="ignore",
        frozen=True,
    )

    data_dir: Path = Path(".claimcheck")
    # Empty means the SQLite file in the data dir.
    database_url: str = ""
    embedder: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = (
        DEFAULT_EMBEDDER
    )
    max_article_bytes: Annotated[int, Field(gt=0)] = DEFAULT_MAX_ARTICLE_BYTES
    max_upload_bytes: Annotated[int, Field(gt=0)] = DEFAULT_MAX_UPLOAD_BYTES
    # A relation model trained with `claimcheck train relations`; None: the packaged one.
    relation_model: Path | None = None
    ans_dir: Path = Path("../shared/data/ans")
    # Emergent train (English claim/headline stance), the relation model's second source.
    emergent_dir: Path = Path("../shared/data/emergent")
    # Send the desk's cookies with `Secure` (HTTPS only): on wherever the UI is served by TLS.
    secure_cookies: bool = False
    session_hours: Annotated[float, Field(gt=0)] = DEFAULT_SESSION_HOURS
    login_rate: str = DEFAULT_LOGIN_RATE
    compare_rate: str = DEFAULT_COMPARE_RATE
    # Requests a server process works on at once (its thread pool); None: two per core.
    api_threads: Annotated[int, Field(gt=0)] | None = None

    @field_validator("data_dir", "relation_model", "ans_dir", "emergent_dir")
    @classmethod
    def _expand_home(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @field_validator("login_rate", "compare_rate")
    @classmethod
    def _rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError:
            raise ValueError("expected a rate such as '10/minute' or '100/hour'") from None
        return value

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            sqlite = f"sqlite:///{(self.data_dir / 'claimcheck.db').resolve()}"
            object.__setattr__(self, "database_url", sqlite)
        return self

    @property
    def index_path(self) -> Path:
        """The faiss index file in the data dir, one per database so two never share a file."""
        url_key = hashlib.sha256(self.database_url.encode("utf-8")).hexdigest()[:12]
        return self.data_dir / f"claims-{url_key}.faiss"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment; `overrides` (command-line options) win where not None."""
    try:
        return Settings(**{key: value for key, value in overrides.items() if value is not None})
    except ValidationError as exc:
        problems = "; ".join(
            f"{ENV_PREFIX}{'_'.join(map(str, error['loc'])).upper()}={error.get('input')!r}: "
            f"{error['msg']}"
            for error in exc.errors()
        )
        raise SettingsError(f"bad setting {problems}") from None
