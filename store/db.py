"""Engine and session set-up for SQLite (default, embedded) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, Insert, create_engine, event, func, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from store.write_turns import let_waiting_writers_in, watch

# How long a SQLite connection waits for another's write lock before "database is
# locked". Writers hold it only to store an article and relate it (analysis and
# embedding happen before), well under a second an article; a request that still
# waits this long is answered 503 with Retry-After.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# First half of the PostgreSQL advisory lock that serialises the writers of one store
# (`lock_store_for_writing`); the second half is the schema's hash, so stores in other
# schemas of one database do not wait for each other.
_WRITER_LOCK_KEY = 0x63636B31


class DatabaseError(RuntimeError):
    """The database cannot be used as configured (bad URL, not migrated)."""


def _enable_sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the API read while a batch job writes; SQLite leaves FKs off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their directory created and WAL switched on."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        watch(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commits once at the end, rolls back everything on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def lock_store_for_writing(session: Session) -> None:
    """Make the session's transaction the store's only writer until it ends.

    Storing claims and relating them to the stored ones must happen one article at a
    time across processes, or two processes each relate to a store without the
    other's claims. PostgreSQL: a transaction-scoped advisory lock. SQLite: its single
    write lock, taken up front with BEGIN IMMEDIATE (a deferred transaction that read
    first could not upgrade once another writer committed), after any writer already
    waiting for it (`store.write_turns`). Call it before the transaction has written
    anything.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:
            let_waiting_writers_in(connection.engine)
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    connection.execute(
        select(func.pg_advisory_xact_lock(_WRITER_LOCK_KEY, func.hashtext(func.current_schema())))
    )


def insert_ignoring_duplicates(session: Session, model: type[DeclarativeBase]) -> Insert:
    """INSERT .. ON CONFLICT DO NOTHING for the session's backend: a get-or-create that
    two writers can run at once without either failing on a unique key."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    return dialect.insert(model).on_conflict_do_nothing()


def ping(session: Session) -> None:
    """One round trip to the database: raises if it cannot be reached (the health check)."""
    session.execute(text("SELECT 1"))


def is_lock_timeout(error: OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's write lock."""
    return "database is locked" in str(error.orig)


def require_migrated(engine: Engine) -> None:
    """Fail with the fix in the message instead of an SQL error deep in a request."""
    if not inspect(engine).has_table("alembic_version"):
        raise DatabaseError(
            f"database {engine.url.render_as_string(hide_password=True)} has no schema; "
            "run `claimcheck db upgrade` first"
        )
