"""Runtime settings from the environment, with defaults that need no set-up."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from claims.embed import DEFAULT_EMBEDDER

DEFAULT_MAX_ARTICLE_BYTES = 1_000_000


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    embedder: str = DEFAULT_EMBEDDER
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES

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
        )
