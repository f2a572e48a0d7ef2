"""`claimcheck worker`: take ingest jobs (`POST /ingest/jobs`) from a PostgreSQL queue."""

from __future__ import annotations

import logging
import time
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from service.cli.common import CliError, DbOption, open_database, settings_for
from service.jobs.ingest import shared_ingest_one
from service.jobs.ingest_jobs import work_on_next_job, worker_name
from service.runtime import Runtime
from store.db import make_session_factory

app = typer.Typer()


@app.command()
def worker(
    once: Annotated[
        bool, typer.Option("--once", help="Work one job, if any is waiting, then exit.")
    ] = False,
    poll: Annotated[
        float, typer.Option(min=0.1, help="Seconds between looks at an empty queue.")
    ] = 2.0,
    db: DbOption = None,
) -> None:
    """Ingest queued upload jobs, one at a time, until stopped (Ctrl-C).

    Any number of workers may share one PostgreSQL database: each job is taken by one
    (FOR UPDATE SKIP LOCKED) and heartbeats while it runs; a job whose worker died is
    taken again from its last checkpoint. On SQLite the server runs the jobs itself.
    """
    settings = settings_for(db)
    if make_url(settings.database_url).get_backend_name() == "sqlite":
        raise CliError(
            "on SQLite `claimcheck serve` runs ingest jobs itself; "
            "`claimcheck worker` is for PostgreSQL"
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    factory = make_session_factory(open_database(settings))
    runtime = Runtime(settings)
    name = worker_name("worker")
    ingest_one = shared_ingest_one(runtime=runtime, session_factory=factory)
    typer.echo(f"{name}: waiting for ingest jobs")
    while True:
        worked = work_on_next_job(
            session_factory=factory,
            ingest_one=ingest_one,
            worker=name,
            max_bytes=settings.max_article_bytes,
        )
        if worked is not None:
            runtime.save()
            typer.echo(f"ingest job {worked[0]}: {worked[1]}")
        if once:
            return
        if worked is None:
            time.sleep(poll)
