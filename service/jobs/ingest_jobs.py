"""Batch ingest over HTTP: a JSONL upload becomes a job in the database, and a worker
ingests its lines as `claimcheck ingest` would.

On SQLite the server runs the jobs itself, in a `JobRunner` thread; on PostgreSQL every
`claimcheck worker` process takes them from the same queue (`store.ingest_jobs`). Either
way a job is worked by `work_on_next_job`, line by line through `ingest_item` (the same
guard as the CLI: a bad line is a rejection, never the end of the job), with a
checkpoint about every second.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from service.jobs.ingest import IngestOne, IngestSummary, ingest_item
from service.readers import jsonl_lines, read_jsonl_line
from store.db import unit_of_work
from store.ingest_jobs import (
    ClaimedJob,
    JobProgress,
    add_ingest_job,
    claim_ingest_job,
    fail_ingest_job,
    save_job_progress,
)
from store.models import IngestJob

log = logging.getLogger(__name__)

# How often a running job writes its progress and renews its lease.
CHECKPOINT_S = 1.0


def worker_name(role: str) -> str:
    """Who holds a job, as operators read it: `worker@host:pid`."""
    return f"{role}@{socket.gethostname()}:{os.getpid()}"


def submit_ingest_job(
    *, session: Session, name: str, body: bytes, submitted_by_id: int | None
) -> IngestJob:
    """Queue an upload; raises `UploadRejected` for one that is empty or not JSONL."""
    lines = jsonl_lines(body)
    return add_ingest_job(
        session=session,
        name=name,
        body=body,
        lines_total=len(lines),
        submitted_by_id=submitted_by_id,
    )


def _summary(progress: JobProgress) -> IngestSummary:
    return IngestSummary(
        new=progress.new,
        duplicate=progress.duplicate,
        rejected=progress.rejected,
        claims=progress.claims,
    )


def _progress(
    summary: IngestSummary, lines_done: int, rejections: list[dict[str, Any]]
) -> JobProgress:
    return JobProgress(
        lines_done=lines_done,
        new=summary.new,
        duplicate=summary.duplicate,
        rejected=summary.rejected,
        claims=summary.claims,
        rejections=rejections,
    )


def run_ingest_job(
    job: ClaimedJob,
    *,
    session_factory: sessionmaker[Session],
    ingest_one: IngestOne,
    worker: str,
    max_bytes: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> str:
    """Ingest the job's lines from its checkpoint on; returns how it ended: `done`, or
    `released` (asked to stop: the job is queued again from its checkpoint; or the lease
    was lost: another worker holds it now)."""
    lines = jsonl_lines(job.body)
    summary = _summary(job.progress)
    rejections = list(job.progress.rejections)

    def checkpoint(lines_done: int, status: str = "running") -> bool:
        with unit_of_work(session_factory) as session:
            return save_job_progress(
                session=session,
                job_id=job.id,
                worker=worker,
                progress=_progress(summary, lines_done, rejections),
                status=status,
            )

    checkpoint_at = time.monotonic()
    for number in range(job.progress.lines_done + 1, len(lines) + 1):
        if should_stop():
            checkpoint(number - 1, status="queued")
            return "released"
        location = f"{job.name}:{number}"
        item = read_jsonl_line(lines[number - 1], location, language=None, max_bytes=max_bytes)
        if item is not None:
            problem = ingest_item(item, summary, ingest_one=ingest_one)
            if problem is not None:
                rejections.append({"line": number, "reason": problem.reason})
        if number < len(lines) and time.monotonic() - checkpoint_at >= CHECKPOINT_S:
            if not checkpoint(number):
                log.warning("ingest job %s: lease lost, leaving it to its new holder", job.id)
                return "released"
            checkpoint_at = time.monotonic()
    checkpoint(len(lines), status="done")
    return "done"


def work_on_next_job(
    *,
    session_factory: sessionmaker[Session],
    ingest_one: IngestOne,
    worker: str,
    max_bytes: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> tuple[int, str] | None:
    """Claim the next job and work it; returns its id and how it ended (`done`,
    `released` or `failed`), or None when none was waiting.

    A fault outside any one article (the database went away) fails the job with the
    error, so it is not retried forever.
    """
    with unit_of_work(session_factory) as session:
        job = claim_ingest_job(session=session, worker=worker)
    if job is None:
        return None
    log.info("ingest job %s (%s) taken by %s", job.id, job.name, worker)
    try:
        ended = run_ingest_job(
            job,
            session_factory=session_factory,
            ingest_one=ingest_one,
            worker=worker,
            max_bytes=max_bytes,
            should_stop=should_stop,
        )
    except Exception as exc:
        log.exception("ingest job %s failed", job.id)
        with unit_of_work(session_factory) as session:
            fail_ingest_job(
                session=session, job_id=job.id, worker=worker, error=f"{type(exc).__name__}: {exc}"
            )
        ended = "failed"
    return job.id, ended


class JobRunner:
    """The server's own worker, for SQLite: one thread taking queued jobs in turn.

    A server stopping hands its job back to the queue at once; one that died leaves it
    `running` until the lease runs out, and then this runner (or any) takes it up again
    from its checkpoint.
    """

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        ingest_one: IngestOne,
        max_bytes: int,
        poll_s: float = 2.0,
    ) -> None:
        self._session_factory = session_factory
        self._ingest_one = ingest_one
        self._max_bytes = max_bytes
        self._poll_s = poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ingest-jobs", daemon=True)
        self.worker = worker_name("server")

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """A job was submitted: look now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        """Finish the line in hand and return; the job's checkpoint stays for next start."""
        self._stop.set()
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                taken = work_on_next_job(
                    session_factory=self._session_factory,
                    ingest_one=self._ingest_one,
                    worker=self.worker,
                    max_bytes=self._max_bytes,
                    should_stop=self._stop.is_set,
                )
            except Exception:
                log.exception("looking for ingest jobs failed")
                taken = None
            if taken is None:
                self._wake.wait(self._poll_s)
