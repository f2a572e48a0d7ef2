"""HTTP load on loopback: the conflict queue and compare on a store of 100k claims.

Builds a store deterministically (seed 7) and fast, without the NLP pipeline: synthetic
articles and claims, seeded random unit vectors of the default embedder's size,
relations with their conflict items written through the store's repositories, and the
claim index file a store of that size gets (HNSW past `HNSW_THRESHOLD`). The store is
kept under .claimcheck/ and reused while its parameters match. Then `claimcheck serve`
runs on it (127.0.0.1 only) and locust, headless, drives each request kind for
`--seconds` at `--users` clients:

- GET /conflicts?limit=50 (aim: >= 300 req/s, p99 < 100 ms at 16 clients), and the
  same with every request a page no process keeps (what building one costs)
- POST /claims/compare, pair mode (aim: >= 300 req/s, p99 < 100 ms at 16 clients)
- POST /claims/compare, neighbour mode {"claim", "k": 5} (aim: p99 < 150 ms)
- GET /claims/search?k=10

    pip install -e ".[bench]"
    python bench/bench_load.py [--claims 100000] [--users 16] [--seconds 15] [--workers 1]

The server, locust and whatever else runs share the machine's cores: the table says how
many there were and the load average when it started.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from claims.embed import make_embedder  # noqa: E402
from claims.model import Relation  # noqa: E402
from service.config import load_settings  # noqa: E402
from store.db import make_engine, make_session_factory, unit_of_work  # noqa: E402
from store.index import ClaimIndex  # noqa: E402
from store.migrations import upgrade  # noqa: E402
from store.models import Article, Claim, Source  # noqa: E402
from store.relations import add_relations  # noqa: E402
from store.users import create_user, issue_api_key  # noqa: E402
from store.vectors import save_vectors  # noqa: E402

SEED = 7
OUTLETS = 20
CLAIMS_PER_ARTICLE = 10
# Relations per claim, and the share that conflict: about the issue's measured store
# (10k conflicts for 300 articles of real news), scaled down to stay cheap to build.
RELATIONS_PER_CLAIM = 0.4
KINDS = ("conflict", "agree", "related")
KIND_SHARES = (0.5, 0.3, 0.2)
CONFLICT_TYPES = ("quantity", "actor", "place", "date", "denial", "polarity")
ACTORS = ("Russian forces", "The army", "Wagner fighters", "The ministry", "Rebels", "Officials")
VERBS = ("sent", "withdrew", "reported", "denied sending", "moved", "counted")
THINGS = ("soldiers", "trucks", "wounded", "instructors", "drones", "civilians")
PLACES = ("Gao", "Kidal", "Bamako", "Timbuktu", "Niamey", "Ouagadougou", "Menaka", "Mopti")
CHUNK = 10_000


def _text(rng: np.random.Generator) -> str:
    return (
        f"{ACTORS[rng.integers(len(ACTORS))]} {VERBS[rng.integers(len(VERBS))]} "
        f"{int(rng.integers(2, 5000))} {THINGS[rng.integers(len(THINGS))]} to "
        f"{PLACES[rng.integers(len(PLACES))]} on day {int(rng.integers(1, 365))}"
    )


def build_store(data_dir: Path, claims: int) -> None:
    """Write the synthetic store into `data_dir` (an empty folder)."""
    rng = np.random.default_rng(SEED)
    settings = load_settings(data_dir=data_dir)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    factory = make_session_factory(engine)
    embedder = make_embedder(settings.embedder)
    articles = -(-claims // CLAIMS_PER_ARTICLE)
    with unit_of_work(factory) as session:
        session.execute(insert(Source), [{"name": f"outlet-{k:02d}"} for k in range(OUTLETS)])
        session.execute(
            insert(Article),
            [
                {
                    "source_id": 1 + a % OUTLETS,
                    "url": f"https://example.org/bench/{a}",
                    "language": "en",
                    "raw_text": f"Synthetic article {a}.",
                    "cleaned_text": f"Synthetic article {a}.",
                    "content_hash": hashlib.sha256(f"bench {a}".encode()).hexdigest(),
                }
                for a in range(articles)
            ],
        )
        for start in range(0, claims, CHUNK):
            rows = []
            for c in range(start, min(claims, start + CHUNK)):
                text = _text(rng)
                rows.append(
                    {
                        "article_id": 1 + c // CLAIMS_PER_ARTICLE,
                        "text": text,
                        "start_char": 0,
                        "end_char": len(text),
                        "language": "en",
                        "slots": {},
                    }
                )
            session.execute(insert(Claim), rows)
    for start in range(0, claims, CHUNK):
        stop = min(claims, start + CHUNK)
        vectors = rng.standard_normal((stop - start, embedder.dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with unit_of_work(factory) as session:
            save_vectors(session, range(start + 1, stop + 1), vectors, embedder.model_id)
    _write_relations(factory, rng, claims, articles)
    with unit_of_work(factory) as session:
        # The index a store of this size gets in production (HNSW past HNSW_THRESHOLD):
        # built once, about a minute for 100k vectors on a quiet 2-core box.
        index = ClaimIndex(embedder.dim, embedder.model_id, settings.index_path)
        index.rebuild(session)
    engine.dispose()


def _write_relations(factory, rng: np.random.Generator, claims: int, articles: int) -> None:
    wanted = int(claims * RELATIONS_PER_CLAIM)
    a = rng.integers(1, claims + 1, size=wanted * 2)
    b = rng.integers(1, claims + 1, size=wanted * 2)
    source = lambda claim: ((claim - 1) // CLAIMS_PER_ARTICLE) % OUTLETS  # noqa: E731
    pairs = sorted(
        {
            (int(min(x, y)), int(max(x, y)))
            for x, y in zip(a, b, strict=True)
            if source(x) != source(y)
        }
    )[:wanted]
    kinds = rng.choice(len(KINDS), size=len(pairs), p=KIND_SHARES)
    scores = rng.uniform(0.5, 1.0, size=len(pairs))
    types = rng.integers(len(CONFLICT_TYPES), size=len(pairs))
    relations = [
        Relation(
            relation=KINDS[kind],
            score=round(float(score), 3),
            conflict_types=[CONFLICT_TYPES[t]] if KINDS[kind] == "conflict" else [],
            explanation=f"A: {int(t) * 100} soldiers; B: {int(t) * 300} soldiers",
        )
        for kind, score, t in zip(kinds, scores, types, strict=True)
    ]
    for start in range(0, len(pairs), CHUNK):
        with unit_of_work(factory) as session:
            add_relations(
                session=session,
                pairs=pairs[start : start + CHUNK],
                relations=relations[start : start + CHUNK],
                scorer_version="bench",
            )


def ready_store(claims: int) -> Path:
    """The store for these parameters, built on first use and kept under .claimcheck/."""
    data_dir = ROOT / ".claimcheck" / f"bench-load-{claims}-seed{SEED}"
    marker = data_dir / "built.json"
    built = {"claims": claims, "seed": SEED, "index": "production"}
    if marker.exists() and json.loads(marker.read_text()) == built:
        engine = make_engine(load_settings(data_dir=data_dir).database_url)
        upgrade(engine)  # a store kept from an older checkout
        engine.dispose()
        return data_dir
    if data_dir.exists():
        for path in data_dir.iterdir():
            path.unlink()
    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build_store(data_dir, claims)
    marker.write_text(json.dumps(built))
    print(f"built the store in {time.perf_counter() - started:.0f} s: {data_dir}")
    return data_dir


def bench_key(data_dir: Path) -> str:
    """A fresh admin key (reads, compares) for this run."""
    engine = make_engine(load_settings(data_dir=data_dir).database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        name = f"bench-{os.getpid()}-{time.time_ns()}"
        user = create_user(session=session, name=name, role="admin")
        key = issue_api_key(session=session, user=user)
    engine.dispose()
    return key.key


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(url: str, key: str, body: dict | None = None) -> None:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=300):
        pass


SERVE = (sys.executable, "-c", "from service.cli import main; main()", "serve")


def start_server(data_dir: Path, port: int, key: str, workers: int = 1) -> subprocess.Popen:
    env = {
        **os.environ,
        "CLAIMCHECK_DATA_DIR": str(data_dir),
        "CLAIMCHECK_COMPARE_RATE": "100000000/minute",
        "HF_HUB_OFFLINE": "1",
    }
    env.pop("CLAIMCHECK_DATABASE_URL", None)
    server = subprocess.Popen(
        [*SERVE, f"--port={port}", f"--workers={workers}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _request(f"{base}/health", key)
            break
        except OSError as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                problem = server.stderr.read().decode()
                raise SystemExit(f"the server did not start:\n{problem}") from exc
            time.sleep(0.3)
    # Load the models and the index before anything is timed, in every worker (each
    # request goes to whichever worker accepts it first, so ask a few times each).
    for _ in range(4 * workers):
        _request(f"{base}/claims/compare", key, {"a": "Russia sent troops", "b": "Troops arrived"})
        _request(f"{base}/claims/compare", key, {"claim": "Russia sent troops", "k": 5})
    return server


def run_locust(base: str, key: str, user_class: str, users: int, seconds: int) -> dict:
    """One headless locust run of one user class; its aggregated figures."""
    with tempfile.TemporaryDirectory() as out:
        prefix = Path(out) / "run"
        subprocess.run(
            [
                sys.executable, "-m", "locust",
                "-f", str(ROOT / "bench" / "load_users.py"),
                "--headless", "--only-summary", "--skip-log",
                "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
                "--host", base, "--csv", str(prefix), user_class,
            ],
            env={**os.environ, "CLAIMCHECK_BENCH_KEY": key},
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )  # fmt: skip
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows["Aggregated"]
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p99": float(row["99%"]),
    }


SCENARIOS = (
    # The floor: what this machine serves for a request that does almost nothing (one
    # `SELECT 1`, no key), under the same locust on the same cores.
    ("GET /health (the floor)", "FloorUser", "-"),
    ("GET /conflicts?limit=50", "QueueUser", ">= 300 req/s, p99 < 100 ms"),
    # Every request a page no process keeps (more pages than the cache holds, in turn):
    # what building a page costs under load.
    ("GET /conflicts?limit=50, page never kept", "QueueMissUser", "-"),
    ("POST /claims/compare (pair)", "PairUser", ">= 300 req/s, p99 < 100 ms"),
    ("POST /claims/compare (neighbours, k=5)", "NeighbourUser", "p99 < 150 ms"),
    ("GET /claims/search (k=10)", "SearchUser", "-"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--only", nargs="*", help="user classes to run (default: all)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = parser.parse_args()
    data_dir = ready_store(args.claims)
    key = bench_key(data_dir)
    port = _free_port()
    server = start_server(data_dir, port, key, args.workers)
    try:
        print(
            f"{args.claims:,} claims; {args.workers} server process(es); "
            f"{args.users} clients for {args.seconds} s each; "
            f"{os.cpu_count()} cores shared by server, locust and others; "
            f"load average {os.getloadavg()[0]:.1f} at start"
        )
        print(f"{'request':<40}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'fail':>6}  aim")
        for label, user_class, aim in SCENARIOS:
            if args.only and user_class not in args.only:
                continue
            r = run_locust(f"http://127.0.0.1:{port}", key, user_class, args.users, args.seconds)
            print(
                f"{label:<40}{r['rps']:8.1f}{r['p50']:8.0f}{r['p99']:8.0f}{r['failures']:6d}  {aim}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
