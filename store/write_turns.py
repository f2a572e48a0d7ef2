"""Turns at SQLite's write lock, so a writer that has waited goes before one that just wrote.

SQLite hands its write lock to whoever asks first once it is free, and a waiting
connection asks again only when its busy handler wakes (up to 100 ms apart). An ingest
that commits a chunk and begins the next within a millisecond takes the lock again
every time: a reviewer's decision waited 6 s behind 60 articles. PostgreSQL queues
lock requests in order and needs none of this.

Every SQLite writer holds a shared `flock` on `<database>-turn` while it waits for the
write lock (`watch`). A writer that writes again and again (`lock_store_for_writing`)
first takes that lock exclusively, for an instant (`let_waiting_writers_in`): it gets it
once every waiting writer has got the write lock, so each waits one transaction at most.
"""

from __future__ import annotations

import os
import time

from sqlalchemy import Engine, event

try:
    import fcntl
except ImportError:  # not a POSIX system: SQLite's own order, as before
    fcntl = None

# Longest a repeat writer defers to waiting ones; past it, a writer stuck in its busy
# handler no longer holds the store up.
MAX_DEFER_S = 2.0
_POLL_S = 0.002
# Statements that make a connection wait for the write lock when it holds none.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN IMMEDIATE")
_WRITE_HEAD = max(map(len, _WRITES))


def _turn_file(engine: Engine) -> str | None:
    database = engine.url.database
    if fcntl is None or not database or database == ":memory:":
        return None
    return f"{database}-turn"


def watch(engine: Engine) -> None:
    """Make every write that begins a transaction on this SQLite file wait its turn."""
    path = _turn_file(engine)
    if path is None:
        return

    @event.listens_for(engine, "before_cursor_execute")
    def _queue(conn, _cursor, statement, _params, _context, _many) -> None:
        # Every statement passes here: only its opening words are looked at.
        head = statement.lstrip()[:_WRITE_HEAD].upper()
        if not head.startswith(_WRITES) or conn.connection.dbapi_connection.in_transaction:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_SH)
        conn.info["write_turn"] = fd

    @event.listens_for(engine, "after_cursor_execute")
    def _served(conn, *_args) -> None:
        _leave(conn)

    @event.listens_for(engine, "handle_error")
    def _failed(context) -> None:
        if context.connection is not None:
            _leave(context.connection)


def _leave(conn) -> None:
    fd = conn.info.pop("write_turn", None)
    if fd is not None:
        os.close(fd)


def let_waiting_writers_in(engine: Engine) -> None:
    """Return once every writer now waiting for the write lock has had it (or after
    `MAX_DEFER_S`): called by a writer about to take the lock again."""
    path = _turn_file(engine)
    if path is None:
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + MAX_DEFER_S
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return
                time.sleep(_POLL_S)
    finally:
        os.close(fd)
