"""A server process works on a few requests at once: its thread pool is sized at start."""

from __future__ import annotations

import anyio.to_thread
import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from service.api.app import create_app
from service.api.threads import THREADS_PER_CORE
from service.config import Settings
from service.cores import usable_cores

settings = support.settings


def _pool_size(settings: Settings) -> int:
    with TestClient(create_app(settings)) as client:
        return client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )


def test_the_pool_is_two_threads_a_core_unless_set(engine: Engine, settings: Settings) -> None:
    assert _pool_size(settings) == THREADS_PER_CORE * usable_cores()


def test_claimcheck_api_threads_sets_the_pool(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_API_THREADS", "3")
    from_env = Settings(data_dir=settings.data_dir, database_url=settings.database_url)
    assert from_env.api_threads == 3
    assert _pool_size(from_env) == 3
