"""Batch ingest over HTTP: an editor uploads a JSONL file and gets a job back; the job is
worked in the background (by the server on SQLite, by `claimcheck worker` on PostgreSQL),
lists its rejected lines as `claimcheck ingest` names them, and outlives the process
that was working it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import (
    ARABIC_TEXT,
    ENGLISH_TEXT,
    WordHashEmbedder,
    World,
    YearScorer,
    assert_error,
    auth,
)

from service.api.app import create_app
from service.config import Settings
from service.jobs.ingest import ingest_article, shared_ingest_one
from service.jobs.ingest_jobs import work_on_next_job
from service.readers import jsonl_lines
from store.db import unit_of_work
from store.ingest_jobs import JobProgress, add_ingest_job, claim_ingest_job, save_job_progress
from store.models import IngestJob, utcnow

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous, newsroom = support.reader_key, support.anonymous, support.newsroom

WIRE = {
    "source": "Sahara Wire",
    "url": "https://sahara-wire.example/2024/05/20/wagner",
    "language": "en",
    "text": "Wagner fighters were deployed in Mali in 2021 according to officials in Bamako.",
}
AGENCE = {
    "source": "Agence Sahel",
    "language": "en",
    "text": "Wagner fighters were deployed in Mali in 2022 according to officials in Bamako.",
}
# Four lines, two of them bad, as an outlet's export might hold them.
FEED = "\n".join(
    [json.dumps(WIRE), "{not json", json.dumps(AGENCE), json.dumps({"text": "no outlet"})]
).encode()

only_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
only_postgres = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)


def upload(client: TestClient, body: bytes, name: str = "feed.jsonl"):
    return client.post("/ingest/jobs", files={"file": (name, body, "application/x-ndjson")})


def finished(client: TestClient, job_id: int, timeout_s: float = 30.0) -> dict:
    """The job once done: the server's runner works it on SQLite; on PostgreSQL this test
    is the worker, doing what `claimcheck worker` does."""
    state = client.app.state
    if state.job_runner is None:
        work_on_next_job(
            session_factory=state.session_factory,
            ingest_one=shared_ingest_one(
                runtime=state.runtime, session_factory=state.session_factory
            ),
            worker="worker@test:1",
            max_bytes=state.settings.max_article_bytes,
        )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/ingest/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout_s} s")


def test_an_uploaded_feed_is_ingested_and_its_bad_lines_are_listed(
    newsroom: TestClient,
) -> None:
    submitted = upload(newsroom, FEED)
    assert submitted.status_code == 202, submitted.text
    job = submitted.json()
    assert job["status"] == "queued" and job["lines_total"] == 4
    assert job["submitted_by"] == "nadia" and job["name"] == "feed.jsonl"
    assert submitted.headers["location"] == f"/ingest/jobs/{job['id']}"

    done = finished(newsroom, job["id"])
    assert done["status"] == "done", done
    assert done["lines_done"] == 4
    assert (done["new"], done["duplicate"], done["rejected"], done["claims"]) == (2, 0, 2, 2)
    assert done["rejections"] == [
        {"line": 2, "reason": "not valid JSON (Expecting property name enclosed in double quotes)"},
        {"line": 4, "reason": "missing string field 'source'"},
    ]
    stored = newsroom.get("/articles", params={"source": "Agence Sahel"}).json()
    [article] = stored["items"]
    [conflict] = newsroom.get(f"/articles/{article['id']}/conflicts").json()["items"]
    assert conflict["relation"]["conflict_types"] == ["date"]


def test_the_same_feed_again_is_all_duplicates(newsroom: TestClient) -> None:
    finished(newsroom, upload(newsroom, FEED).json()["id"])
    again = finished(newsroom, upload(newsroom, FEED).json()["id"])
    assert (again["new"], again["duplicate"], again["rejected"]) == (0, 2, 2)


def test_jobs_are_listed_newest_first_a_page_at_a_time(newsroom: TestClient) -> None:
    first = upload(newsroom, FEED, "monday.jsonl").json()["id"]
    second = upload(newsroom, FEED, "tuesday.jsonl").json()["id"]
    page = newsroom.get("/ingest/jobs", params={"limit": 1}).json()
    assert page["total"] == 2 and page["next_offset"] == 1
    assert [job["id"] for job in page["items"]] == [second]
    rest = newsroom.get("/ingest/jobs", params={"limit": 1, "offset": 1}).json()
    assert [job["name"] for job in rest["items"]] == ["monday.jsonl"]
    assert "rejections" not in rest["items"][0]
    finished(newsroom, first)
    finished(newsroom, second)
    done = newsroom.get("/ingest/jobs", params={"status": "done"}).json()
    assert done["total"] == 2


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "empty"),
        (b"\n  \n", "empty"),
        (b"source,text\nSahara Wire,Wagner left Mali\n", "not JSONL"),
        (json.dumps([WIRE, AGENCE]).encode(), "not JSONL"),
        (json.dumps(WIRE, indent=2).encode(), "not JSONL"),
        (b"\xff\xfe" + json.dumps(WIRE).encode("utf-16-le"), "not JSONL"),
    ],
)
def test_an_upload_that_is_not_jsonl_is_refused_whole(
    newsroom: TestClient, body: bytes, says: str
) -> None:
    error = assert_error(upload(newsroom, body), 422, "bad_upload")
    assert says in error["message"]
    assert newsroom.get("/ingest/jobs").json()["total"] == 0


def test_a_request_without_a_file_is_a_422(newsroom: TestClient) -> None:
    assert_error(newsroom.post("/ingest/jobs", data={"name": "x"}), 422, "validation_error")


def test_an_upload_over_the_limit_is_a_413(
    engine, database_url: str, tmp_path: Path, world: World
) -> None:
    small = Settings(data_dir=tmp_path, database_url=database_url, max_upload_bytes=1000)
    app = create_app(small)
    app.state.runtime.set(embedder=WordHashEmbedder(), scorer=YearScorer())
    with TestClient(app, raise_server_exceptions=False) as small_client:
        small_client.headers.update(auth(world.editor_key))
        assert_error(upload(small_client, FEED * 20), 413, "body_too_large")
        assert upload(small_client, FEED).status_code == 202


def test_readers_follow_jobs_but_only_editors_submit_them(
    client: TestClient, anonymous: TestClient, world: World
) -> None:
    client.app.state.runtime.set(embedder=WordHashEmbedder(), scorer=YearScorer())
    assert_error(upload(client, FEED), 403, "forbidden")
    assert_error(upload(anonymous, FEED), 401)
    job = client.post(
        "/ingest/jobs", files={"file": ("f.jsonl", FEED)}, headers=auth(world.editor_key)
    ).json()
    assert client.get(f"/ingest/jobs/{job['id']}").status_code == 200
    assert client.get("/ingest/jobs").json()["total"] == 1
    assert_error(anonymous.get("/ingest/jobs"), 401)
    assert_error(client.get("/ingest/jobs/999"), 404, "not_found")


def test_a_running_job_is_held_by_its_worker_until_its_heartbeat_stops(
    session_factory: sessionmaker[Session],
) -> None:
    job_id = _queued(session_factory)
    with unit_of_work(session_factory) as session:
        assert claim_ingest_job(session=session, worker="a").id == job_id
    with unit_of_work(session_factory) as session:
        assert claim_ingest_job(session=session, worker="b") is None
    _heartbeat_long_ago(session_factory, job_id)
    with unit_of_work(session_factory) as session:
        assert claim_ingest_job(session=session, worker="b").id == job_id
    with unit_of_work(session_factory) as session:
        late = save_job_progress(
            session=session, job_id=job_id, worker="a", progress=JobProgress(lines_done=4)
        )
    assert late is False


def _queued(
    session_factory: sessionmaker[Session], body: bytes = FEED, name: str = "f.jsonl"
) -> int:
    """A job submitted by nobody in particular and not yet taken: its id."""
    with unit_of_work(session_factory) as session:
        return add_ingest_job(
            session=session,
            name=name,
            body=body,
            lines_total=len(jsonl_lines(body)),
            submitted_by_id=None,
        ).id


def _heartbeat_long_ago(session_factory: sessionmaker[Session], job_id: int) -> None:
    with unit_of_work(session_factory) as session:
        session.execute(
            update(IngestJob)
            .where(IngestJob.id == job_id)
            .values(heartbeat_at=utcnow() - timedelta(hours=1))
        )


def _job_left_running(session_factory: sessionmaker[Session], body: bytes) -> int:
    """A job a process took and checkpointed after its first line, then died holding a
    minute and more ago."""
    job_id = _queued(session_factory, body, name="feed.jsonl")
    with unit_of_work(session_factory) as session:
        claim_ingest_job(session=session, worker="server@gone:1")
    with unit_of_work(session_factory) as session:
        save_job_progress(
            session=session,
            job_id=job_id,
            worker="server@gone:1",
            progress=JobProgress(lines_done=1, rejected=1, rejections=[{"line": 1, "reason": "x"}]),
        )
    _heartbeat_long_ago(session_factory, job_id)
    return job_id


@only_sqlite
def test_a_job_left_running_by_a_server_that_died_is_finished_by_the_next(
    engine, settings: Settings, session_factory: sessionmaker[Session], world: World
) -> None:
    job_id = _job_left_running(session_factory, FEED)
    app = create_app(settings)
    app.state.runtime.set(embedder=WordHashEmbedder(), scorer=YearScorer())
    with TestClient(app) as restarted:
        restarted.headers.update(auth(world.editor_key))
        done = finished(restarted, job_id)
    assert done["status"] == "done" and done["worker"].startswith("server@")
    # Line 1 was checkpointed before the crash; the new server went on from line 2.
    assert (done["new"], done["rejected"], done["lines_done"]) == (1, 3, 4)
    assert [r["line"] for r in done["rejections"]] == [1, 2, 4]


def test_a_stopping_worker_hands_its_job_back_at_its_checkpoint(
    session_factory: sessionmaker[Session],
) -> None:
    job_id = _queued(session_factory)
    ingest_one = partial(ingest_article, session_factory=session_factory, max_bytes=10_000)
    stop_before_line_3 = iter([False, False, True]).__next__
    work = partial(
        work_on_next_job, session_factory=session_factory, ingest_one=ingest_one, max_bytes=10_000
    )
    assert work(worker="a", should_stop=stop_before_line_3) == (job_id, "released")
    with unit_of_work(session_factory) as session:
        job = session.get(IngestJob, job_id)
        assert (job.status, job.lines_done, job.new, job.rejected) == ("queued", 2, 1, 1)
    assert work(worker="b") == (job_id, "done")
    with unit_of_work(session_factory) as session:
        job = session.get(IngestJob, job_id)
        assert (job.worker, job.lines_done, job.new, job.rejected) == ("b", 4, 2, 2)


@only_postgres
def test_two_workers_never_take_the_same_job(session_factory: sessionmaker[Session]) -> None:
    ids = [_queued(session_factory, name=name) for name in ("a.jsonl", "b.jsonl")]
    with unit_of_work(session_factory) as first, unit_of_work(session_factory) as second:
        # The first claim's row stays locked until its transaction ends: skipped, not waited on.
        taken = [claim_ingest_job(session=s, worker=w) for s, w in ((first, "a"), (second, "b"))]
        third = claim_ingest_job(session=second, worker="b")
    assert [job.id for job in taken] == ids and third is None


@only_postgres
@pytest.mark.slow
def test_a_worker_process_takes_up_a_job_whose_worker_died(
    engine, database_url: str, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    body = "\n".join(
        json.dumps({"source": source, "language": language, "text": text})
        for source, language, text in (
            ("Al Jazeera", "ar", ARABIC_TEXT),
            ("Reuters", "en", ENGLISH_TEXT),
        )
    ).encode()
    job_id = _job_left_running(session_factory, body)
    worker = subprocess.run(
        [Path(sys.executable).parent / "claimcheck", "worker", "--once", "--db", database_url],
        env={**os.environ, "CLAIMCHECK_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    assert f"ingest job {job_id}: done" in worker.stdout
    with unit_of_work(session_factory) as session:
        job = session.get(IngestJob, job_id)
        assert job.status == "done" and job.worker.startswith("worker@")
        assert (job.lines_done, job.new, job.rejected) == (2, 1, 1)
