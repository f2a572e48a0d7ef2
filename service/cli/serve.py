"""`claimcheck serve` and the user commands: run the API and web UI, hand out API keys."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from service.cli.common import CliError, DbOption, open_database, settings_for
from service.config import ENV_PREFIX
from store.db import make_session_factory, unit_of_work
from store.users import ROLES, UserError, create_user, find_user, issue_api_key, revoke_api_key

app = typer.Typer(no_args_is_help=True, add_completion=False)

# Read by numpy's BLAS and by faiss' OpenMP when a worker process starts.
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes. Each keeps its claim index level with the database, "
            "so any of them answers as one would.",
        ),
    ] = 1,
    db: DbOption = None,
) -> None:
    """Serve the HTTP API (docs at /docs) and the fact-checkers' web UI (at /)."""
    import uvicorn

    from service.api.app import create_app
    from service.api.threads import THREADS_PER_CORE
    from service.cores import usable_cores

    settings = settings_for(db)
    open_database(settings).dispose()
    typer.echo(f"claimcheck on http://{host}:{port}/  (API docs: /docs)")
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port)
        return
    # Each worker process builds its own app from the environment, so --db must be there.
    os.environ[f"{ENV_PREFIX}DATABASE_URL"] = settings.database_url
    # And shares the cores with its siblings: BLAS and OpenMP threads that each expect a
    # core of their own spin while they wait for one (pair compare at 16 clients with two
    # workers on two cores: 65 req/s with a thread per core in each worker, 120 with one).
    cores = max(1, usable_cores() // workers)
    for variable in _THREAD_VARIABLES:
        os.environ.setdefault(variable, str(cores))
    # Likewise the requests each works on at once (service/api/threads.py).
    os.environ.setdefault(f"{ENV_PREFIX}API_THREADS", str(THREADS_PER_CORE * cores))
    uvicorn.run(
        "service.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # A worker imports the models' libraries on start (8 s on a busy 2-core machine);
        # uvicorn's 5 s default took that for a hang and restarted it over and over.
        timeout_worker_healthcheck=60,
    )


def _issue(db: str | None, name: str, *, role: str | None) -> None:
    """Print a new key for `name`, creating the user first when a role is given."""
    engine = open_database(settings_for(db))
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            user = (
                create_user(session=session, name=name, role=role)
                if role is not None
                else find_user(session=session, name=name)
            )
            issued = issue_api_key(session=session, user=user)
    except UserError as exc:
        raise CliError(str(exc)) from exc
    finally:
        engine.dispose()
    typer.echo(f"API key for {name} (shown once, keep it safe):")
    typer.echo(issued.key)


@app.command("user-add")
def user_add(
    name: Annotated[str, typer.Argument(help="The user's unique name.")],
    role: Annotated[
        str,
        typer.Option(
            help=f"One of {', '.join(ROLES)}: readers read, editors also ingest and compare, "
            "reviewers also assign and decide conflicts, admins do all and manage users."
        ),
    ] = "reviewer",
    db: DbOption = None,
) -> None:
    """Create a user with a role and print their first API key, alone on the last line
    (it is not stored in clear)."""
    _issue(db, name, role=role)


@app.command("key-add")
def key_add(
    name: Annotated[str, typer.Argument(help="An existing reviewer's name.")],
    db: DbOption = None,
) -> None:
    """Print a new API key for an existing reviewer (to replace a lost or revoked one)."""
    _issue(db, name, role=None)


@app.command("key-revoke")
def key_revoke(
    prefix: Annotated[str, typer.Argument(help="The key's first characters, e.g. cc_AbCd1234.")],
    db: DbOption = None,
) -> None:
    """Revoke API keys by prefix; requests with them get 401 from now on."""
    engine = open_database(settings_for(db))
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            count = revoke_api_key(session=session, prefix=prefix)
    except UserError as exc:
        raise CliError(str(exc)) from exc
    finally:
        engine.dispose()
    typer.echo(f"revoked {count} key{'s' if count != 1 else ''} starting with {prefix}")
