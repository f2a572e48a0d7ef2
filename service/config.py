"""Runtime settings from the environment, with defaults that need no set-up."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from claims.embed import DEFAULT_EMBEDDER

DEFAULT_MAX_ARTICLE_BYTES = 1_000_000
# A working day: long enough not to interrupt a shift, short enough that a forgotten
# browser does not stay signed in for a week.
DEFAULT_SESSION_HOURS = 12.0
# Failed sign-ins (UI or API key) per client address: a person mistyping a key never
# reaches it; a script guessing keys is slowed to a crawl.
DEFAULT_LOGIN_RATE = "10/minute"
# Compare requests per API key: each costs a few to tens of milliseconds of CPU.
DEFAULT_COMPARE_RATE = "120/minute"

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    embedder: str = DEFAULT_EMBEDDER
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    # Send cookies with `Secure` (only over HTTPS): turn on wherever the UI is served by TLS.
    secure_cookies: bool = False
    session_hours: float = DEFAULT_SESSION_HOURS
    login_rate: str = DEFAULT_LOGIN_RATE
    compare_rate: str = DEFAULT_COMPARE_RATE

    @property
    def index_path(self) -> Path:
        """The faiss index file in the data dir, one per database so two never share a file."""
        url_key = hashlib.sha256(self.database_url.encode("utf-8")).hexdigest()[:12]
        return self.data_dir / f"claims-{url_key}.faiss"

    @classmethod
    def from_env(cls, *, database_url: str | None = None) -> Settings:
        data_dir = Path(os.environ.get("CLAIMCHECK_DATA_DIR", ".claimcheck")).expanduser()
        url = (
            database_url
            or os.environ.get("CLAIMCHECK_DATABASE_URL")
            or f"sqlite:///{(data_dir / 'claimcheck.db').resolve()}"
        )
        return cls(
            data_dir=data_dir,
            database_url=url,
            embedder=os.environ.get("CLAIMCHECK_EMBEDDER", DEFAULT_EMBEDDER),
            max_article_bytes=int(
                os.environ.get("CLAIMCHECK_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES)
            ),
            secure_cookies=os.environ.get("CLAIMCHECK_SECURE_COOKIES", "").lower() in _TRUE,
            session_hours=float(os.environ.get("CLAIMCHECK_SESSION_HOURS", DEFAULT_SESSION_HOURS)),
            login_rate=os.environ.get("CLAIMCHECK_LOGIN_RATE", DEFAULT_LOGIN_RATE),
            compare_rate=os.environ.get("CLAIMCHECK_COMPARE_RATE", DEFAULT_COMPARE_RATE),
        )
