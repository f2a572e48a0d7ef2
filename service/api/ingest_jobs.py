"""Batch ingest over HTTP: upload a JSONL file, get a job id, follow the job.

The job is worked in the background (`service.jobs.ingest_jobs`): by the server itself
on SQLite, by `claimcheck worker` processes on PostgreSQL.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response, UploadFile

from service.api.deps import Editor, PageDep, Reader, RowId, SessionDep
from service.api.errors import BodyTooLarge
from service.api.schemas import (
    EDITOR_ONLY,
    ErrorResponse,
    IngestJobDetailOut,
    IngestJobOut,
    JobStatus,
    PageOut,
)
from service.jobs.ingest_jobs import submit_ingest_job
from store.ingest_jobs import get_ingest_job, list_ingest_jobs

router = APIRouter(tags=["articles"])

# The name a job takes when the upload gives none (or one no column could hold).
_UPLOAD_NAME_CHARS = 300


@router.post(
    "/ingest/jobs",
    status_code=202,
    summary="Queue a JSONL file of articles for ingestion",
    description=(
        "A multipart upload, field `file`: one article per line as `claimcheck ingest` "
        "reads JSONL (`source`, `text`, optional `url`, `title`, `published_at`, "
        "`language`). Answers 202 at once with the job; follow it at `Location`. Bad lines "
        "are rejected one by one and listed with the job; an upload that is empty or not "
        "JSONL at all is refused with 422."
    ),
    responses={
        **EDITOR_ONLY,
        413: {"model": ErrorResponse, "description": "over CLAIMCHECK_MAX_UPLOAD_BYTES"},
        422: {"model": ErrorResponse, "description": "no file, an empty file, not JSONL"},
    },
)
def post_ingest_job(
    request: Request,
    response: Response,
    background: BackgroundTasks,
    session: SessionDep,
    user: Editor,
    file: UploadFile,
) -> IngestJobOut:
    limit = request.app.state.settings.max_upload_bytes
    body = file.file.read(limit + 1)
    if len(body) > limit:
        raise BodyTooLarge(limit)
    name = (file.filename or "upload.jsonl").replace("\x00", "")[:_UPLOAD_NAME_CHARS]
    job = submit_ingest_job(session=session, name=name, body=body, submitted_by_id=user.id)
    runner = request.app.state.job_runner
    if runner is not None:
        # Background tasks run once the request's transaction has committed.
        background.add_task(runner.wake)
    response.headers["Location"] = f"/ingest/jobs/{job.id}"
    return IngestJobOut.of(job)


@router.get("/ingest/jobs", summary="Ingest jobs, most recently submitted first")
def get_ingest_jobs(
    session: SessionDep,
    user: Reader,
    page: PageDep,
    status: Annotated[JobStatus | None, Query(description="only jobs in this state")] = None,
) -> PageOut[IngestJobOut]:
    found = list_ingest_jobs(session=session, status=status, limit=page.limit, offset=page.offset)
    return PageOut[IngestJobOut].of(found, IngestJobOut.of)


@router.get(
    "/ingest/jobs/{job_id:int}",
    summary="One ingest job: progress, rejected lines, results",
    responses={404: {"model": ErrorResponse, "description": "no job with this id"}},
)
def get_ingest_job_by_id(session: SessionDep, user: Reader, job_id: RowId) -> IngestJobDetailOut:
    return IngestJobDetailOut.of(get_ingest_job(session=session, job_id=job_id))
