"""Ingest jobs as a queue in the database: submitted, claimed by one worker at a time,
checkpointed, finished.

A worker claims a job with `SELECT ... FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite has
one writer and ignores the clause), then holds it by heartbeat: a job whose heartbeat is
older than the lease is anybody's again. Every write names the worker, so one that lost
its lease cannot overwrite the new holder's progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload, undefer

from store.conflicts import NotFound
from store.models import IngestJob, utcnow
from store.pagination import DEFAULT_LIMIT, Page, paginate

JOB_STATUSES = ("queued", "running", "done", "failed")
# A worker heartbeats at every checkpoint (about every second); a minute without one
# means it died, or hangs, and another may take the job.
JOB_LEASE = timedelta(seconds=60)
# Past this many, rejected lines are still counted but no longer listed one by one: the
# list is rewritten at every checkpoint.
MAX_REJECTIONS_KEPT = 1000


@dataclass(slots=True)
class JobProgress:
    """Where a job stands: the lines handled so far and what came of them."""

    lines_done: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    claims: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)

    def columns(self) -> dict[str, Any]:
        return {
            "lines_done": self.lines_done,
            "new": self.new,
            "duplicate": self.duplicate,
            "rejected": self.rejected,
            "claims": self.claims,
            "rejections": self.rejections[:MAX_REJECTIONS_KEPT],
        }


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    """A job a worker now holds: its lines and the checkpoint to go on from."""

    id: int
    name: str
    body: bytes
    progress: JobProgress


def add_ingest_job(
    *, session: Session, name: str, body: bytes, lines_total: int, submitted_by_id: int | None
) -> IngestJob:
    job = IngestJob(name=name, body=body, lines_total=lines_total, submitted_by_id=submitted_by_id)
    session.add(job)
    session.flush()
    return job


def claim_ingest_job(*, session: Session, worker: str) -> ClaimedJob | None:
    """Take the oldest queued job, or a running one whose holder's lease ran out."""
    now = utcnow()
    takeable = or_(
        IngestJob.status == "queued",
        (IngestJob.status == "running") & (IngestJob.heartbeat_at <= now - JOB_LEASE),
    )
    job = session.scalar(
        select(IngestJob)
        .where(takeable)
        .order_by(IngestJob.id)
        .limit(1)
        .options(undefer(IngestJob.body))
        .with_for_update(skip_locked=True)
    )
    if job is None:
        return None
    job.status = "running"
    job.worker = worker
    job.heartbeat_at = now
    job.started_at = job.started_at or now
    session.flush()
    progress = JobProgress(
        lines_done=job.lines_done,
        new=job.new,
        duplicate=job.duplicate,
        rejected=job.rejected,
        claims=job.claims,
        rejections=list(job.rejections),
    )
    return ClaimedJob(id=job.id, name=job.name, body=job.body, progress=progress)


def save_job_progress(
    *,
    session: Session,
    job_id: int,
    worker: str,
    progress: JobProgress,
    status: str = "running",
) -> bool:
    """Write a checkpoint (and renew the lease); with `status` done, finish the job, with
    queued, hand it back for any worker to take now (this one is stopping).

    False when the worker no longer holds the job: its lease ran out and another took it.
    """
    now = utcnow()
    values: dict[str, Any] = {**progress.columns(), "status": status, "heartbeat_at": now}
    if status == "done":
        values["finished_at"] = now
    return _update_held(session, job_id, worker, values)


def fail_ingest_job(*, session: Session, job_id: int, worker: str, error: str) -> bool:
    """Stop the job for good with the error, its last checkpoint kept."""
    values = {"status": "failed", "error": error, "finished_at": utcnow()}
    return _update_held(session, job_id, worker, values)


def _update_held(session: Session, job_id: int, worker: str, values: dict[str, Any]) -> bool:
    written = session.execute(
        update(IngestJob)
        .where(
            IngestJob.id == job_id,
            IngestJob.worker == worker,
            IngestJob.status == "running",
        )
        .values(**values)
    )
    return written.rowcount == 1


def get_ingest_job(*, session: Session, job_id: int) -> IngestJob:
    job = session.scalar(
        select(IngestJob)
        .where(IngestJob.id == job_id)
        .options(selectinload(IngestJob.submitted_by))
    )
    if job is None:
        raise NotFound("ingest job", job_id)
    return job


def list_ingest_jobs(
    *,
    session: Session,
    status: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[IngestJob]:
    """Jobs, most recently submitted first."""
    statement = select(IngestJob)
    if status is not None:
        statement = statement.where(IngestJob.status == status)
    return paginate(
        session=session,
        statement=statement.order_by(IngestJob.id.desc()),
        limit=limit,
        offset=offset,
        options=[selectinload(IngestJob.submitted_by)],
    )
