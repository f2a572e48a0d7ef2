"""Property-based requests over the whole OpenAPI schema (schemathesis); any 5xx is a bug.

Every operation gets `--examples` requests built from the schema (valid ones) and as
many built to break it (wrong types, values past limits), with an admin's key so
every route is reached, against a small real world on SQLite or PostgreSQL. Compare,
search and ingest run the shipped models. Not part of CI: it takes minutes.

    .venv/bin/pip install -e ".[fuzz]"
    .venv/bin/python bench/fuzz_api.py --examples 30
    .venv/bin/python bench/fuzz_api.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test

Prints one line per operation and the requests that got a 5xx; exits 1 if any did.
The PostgreSQL run works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_api_support import build_world  # noqa: E402

from service.api.app import create_app  # noqa: E402
from service.config import Settings  # noqa: E402
from store.db import make_engine, make_session_factory  # noqa: E402
from store.migrations import upgrade  # noqa: E402


def exercise(
    client: TestClient,
    operation: schemathesis.APIOperation,
    mode: schemathesis.GenerationMode,
    *,
    examples: int,
    headers: dict[str, str],
) -> tuple[list[int], list[str]]:
    """Send up to `examples` generated requests: the statuses, and the requests that got 5xx."""
    sent: list[int] = []
    failures: list[str] = []

    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://testserver")
        kwargs.pop("base_url", None)
        kwargs["headers"] = {**(kwargs.get("headers") or {}), **headers}
        response = client.request(**kwargs)
        sent.append(response.status_code)
        if response.status_code >= 500:
            failures.append(
                f"{response.status_code} {case.method} {case.formatted_path} "
                f"query={case.query} body={case.body!r:.200}"
            )

    # An operation without parameters has nothing to break: no negative cases.
    with contextlib.suppress(Unsatisfiable):
        run()
    return sent, failures


def fuzz(database_url: str, data_dir: Path, examples: int) -> list[str]:
    engine = make_engine(database_url)
    upgrade(engine)
    world = build_world(make_session_factory(engine))
    app = create_app(Settings(data_dir=data_dir, database_url=database_url))
    headers = {"Authorization": f"Bearer {world.admin_key}"}
    failures: list[str] = []
    with TestClient(app, raise_server_exceptions=False) as client:
        schema = schemathesis.openapi.from_dict(client.get("/openapi.json").json())
        for result in schema.get_all_operations():
            operation = result.ok()
            started, statuses = time.monotonic(), Counter()
            for mode in schemathesis.GenerationMode:
                sent, failed = exercise(client, operation, mode, examples=examples, headers=headers)
                statuses.update(f"{code // 100}xx" for code in sent)
                failures += failed
            answered = ", ".join(f"{n} {kind}" for kind, n in sorted(statuses.items()))
            print(
                f"{operation.method.upper():6} {operation.path:36} {answered:18} "
                f"{time.monotonic() - started:6.1f} s",
                flush=True,
            )
    engine.dispose()
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("--examples", type=int, default=25, help="per operation and mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, schema_name = args.db, None
        if url is None:
            url = f"sqlite:///{Path(tmp) / 'fuzz.db'}"
        elif url.startswith("postgresql"):
            schema_name = f"cc_fuzz_{uuid.uuid4().hex[:8]}"
            admin = create_engine(url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema_name}"'))
            url = f"{url}?options=-csearch_path%3D{schema_name}"
        try:
            failures = fuzz(url, Path(tmp), args.examples)
        finally:
            if schema_name is not None:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema_name}" CASCADE'))
    print(f"\n{len(failures)} requests answered with a 5xx")
    for failure in failures[:50]:
        print(" ", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
