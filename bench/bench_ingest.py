"""Ingest overhead: how close `claimcheck ingest` comes to the embedder's own speed.

The corpus is built deterministically from ANS (../shared/data/ans/train.csv): its
3,242 distinct sentences, in order of first appearance, are dealt out ten to an article
(sentence i goes to article i mod 325), so the two sides of an ANS pair land in
neighbouring articles of different outlets (five outlets, article j is outlet j mod 5)
and get related. Each run uses a fresh SQLite store, in a child process:

- embedder only: load the default embedder and encode every sentence once (one batch);
- ingest: `claimcheck ingest corpus.jsonl`, wall time of the whole command;
- stages: the same ingest again with timers around each stage (exclusive time: a stage
  called inside another is counted once, in the inner one), to see where time goes; it
  runs every stage in one process (no second process reading ahead), so its total is
  the work, not the wall time of a plain ingest.

Prints embedder-only time, ingest time, their ratio (the aim is >= 0.6), claims per
second, candidate pairs scored per claim and the per-stage split.

    python bench/bench_ingest.py [--root OTHER_CHECKOUT] [--repeat 2]

`--root` runs another checkout's code against the same corpus (before/after figures in
one sitting); the machine is shared, so run both interleaved and more than once.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANS_TRAIN = ROOT.parent / "shared" / "data" / "ans" / "train.csv"
SENTENCES_PER_ARTICLE = 10
OUTLETS = 5
STAGES = (
    "clean",
    "language",
    "segment",
    "extract",
    "slots",
    "embed",
    "index",
    "candidates",
    "relate",
    "store",
    "cluster",
    "commit",
)
_COST = re.compile(r"relate: (\d+) candidate pairs scored for (\d+) new claims")


def ans_sentences(path: Path = ANS_TRAIN) -> list[str]:
    """Distinct sentences of ANS train, in order of first appearance."""
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in ("s1", "s2"):
                sentence = row[side].strip()
                if sentence:
                    seen.setdefault(sentence, None)
    return list(seen)


def write_corpus(sentences: list[str], out: Path) -> int:
    """The articles as JSONL, one paragraph per sentence; returns how many articles."""
    count = -(-len(sentences) // SENTENCES_PER_ARTICLE)
    with out.open("w", encoding="utf-8") as handle:
        for article in range(count):
            paragraphs = sentences[article::count]
            record = {
                "source": f"outlet-{article % OUTLETS}",
                "url": f"https://example.org/ans/{article}",
                "text": "\n\n".join(paragraphs),
                "published_at": "2024-01-01",
                "language": "ar",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def _child_env(root: Path, data_dir: str) -> dict[str, str]:
    env = {**os.environ, "CLAIMCHECK_DATA_DIR": data_dir, "PYTHONPATH": str(root)}
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.pop("CLAIMCHECK_DATABASE_URL", None)
    return env


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall seconds, and CPU seconds (user + system) of the child: on a shared machine
    the wall time swings with the neighbours' load, the CPU time much less."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_child(root: Path, args: list[str]) -> tuple[Timing, str]:
    with tempfile.TemporaryDirectory() as data_dir:
        cpu = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, *args],
            cwd=root,
            env=_child_env(root, data_dir),
            capture_output=True,
            text=True,
        )
        timing = Timing(time.perf_counter() - started, _children_cpu() - cpu)
    if done.returncode != 0:
        raise SystemExit(f"{args} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return timing, done.stdout


def _capped(threads: int | None) -> str:
    """Child code that holds BLAS to `threads` threads (None: as shipped, one per core)."""
    if threads is None:
        return ""
    # numpy first: the thread controller only sees the BLAS libraries already loaded.
    return f"import numpy\nfrom claims.blas import cap_blas_threads\ncap_blas_threads({threads})\n"


def embedder_only(root: Path, sentences_file: Path, threads: int | None = None) -> Timing:
    code = _capped(threads) + (
        "import json, sys\n"
        "from claims.embed import make_embedder\n"
        "texts = json.loads(open(sys.argv[1], encoding='utf-8').read())\n"
        "make_embedder().encode(texts)\n"
    )
    timing, _ = _run_child(root, ["-c", code, str(sentences_file)])
    return timing


def ingest(root: Path, corpus: Path, threads: int | None = None) -> tuple[Timing, int, int]:
    """Time of `claimcheck ingest`, new claims and candidate pairs scored."""
    code = _capped(threads) + "from service.cli import main; main()"
    timing, out = _run_child(root, ["-c", code, "ingest", str(corpus)])
    cost = _COST.search(out)
    if cost is None:
        raise SystemExit(f"no relate line in the output:\n{out}")
    return timing, int(cost.group(2)), int(cost.group(1))


def staged(root: Path, corpus: Path, threads: int | None = None) -> dict[str, float]:
    """Exclusive seconds per stage of one instrumented ingest (plus `other`, `total`)."""
    args = [str(Path(__file__).resolve()), "--child-stages", str(corpus)]
    _, out = _run_child(root, args + (["--threads", str(threads)] if threads else []))
    return json.loads(out.strip().splitlines()[-1])


class StageClock:
    """Exclusive time per stage: entering a stage pauses the one it was called from."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self._stack: list[tuple[str, float]] = []

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            now = time.perf_counter()
            if self._stack:
                outer, since = self._stack[-1]
                self.seconds[outer] += now - since
            self._stack.append((stage, now))
            try:
                return function(*args, **kwargs)
            finally:
                end = time.perf_counter()
                _, since = self._stack.pop()
                self.seconds[stage] += end - since
                if self._stack:
                    self._stack[-1] = (self._stack[-1][0], end)

        return timed

    def patch(self, target: Any, name: str, stage: str) -> None:
        if hasattr(target, name):
            setattr(target, name, self.wrap(stage, getattr(target, name)))


def _instrumented_ingest(corpus: Path) -> None:
    """Run `claimcheck ingest` in this process with timers round each stage's functions."""
    from sqlalchemy.orm import Session

    import claims.embed
    import claims.extract
    import claims.pipeline
    import service.jobs.ingest
    import service.jobs.read_ahead
    import service.jobs.reconcile
    from service.cli import app
    from store.index import ClaimIndex

    clock = StageClock()
    plan = [
        (claims.pipeline, "clean_article", "clean"),
        (claims.pipeline, "detect_language", "language"),
        (claims.pipeline, "extract_claims", "extract"),
        (claims.extract, "split_sentences", "segment"),
        (claims.extract, "extract_slots", "slots"),
        (claims.embed.UseM3Embedder, "encode", "embed"),
        (claims.embed.UseM3Embedder, "encode_with_spans", "embed"),
        (ClaimIndex, "search", "index"),
        (ClaimIndex, "add", "index"),
        (ClaimIndex, "save", "index"),
        (service.jobs.reconcile, "candidate_pairs", "candidates"),
        (service.jobs.reconcile, "known_pairs", "candidates"),
        (service.jobs.reconcile, "relate_pairs", "relate"),
        (service.jobs.reconcile, "cluster_around", "cluster"),
        (Session, "flush", "store"),
        (Session, "commit", "commit"),
    ]
    # Every stage in this process, where the timers are: no second process reading ahead.
    service.jobs.read_ahead._second_core = lambda: False
    for module in (service.jobs.ingest, service.jobs.read_ahead, service.jobs.reconcile):
        for name in dir(module):
            value = getattr(module, name)
            origin = getattr(value, "__module__", "") or ""
            if callable(value) and origin.startswith("store.") and not isinstance(value, type):
                plan.append((module, name, "store"))
    for target, name, stage in plan:
        clock.patch(target, name, stage)
    started = time.perf_counter()
    try:
        app(["ingest", str(corpus)], standalone_mode=False)
    finally:
        total = time.perf_counter() - started
    seconds = dict(clock.seconds)
    seconds["other"] = total - sum(seconds.values())
    seconds["total"] = total
    print(json.dumps(seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code runs")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-stages", action="store_true", help="skip the instrumented run")
    parser.add_argument(
        "--threads",
        type=int,
        help="cap BLAS threads in both children (1 compares work on a busy machine, where "
        "a second thread mostly spins)",
    )
    parser.add_argument("--child-stages", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_stages is not None:
        if args.threads:
            import numpy  # noqa: F401  (the thread controller sees only loaded libraries)

            from claims.blas import cap_blas_threads

            cap_blas_threads(args.threads)
        _instrumented_ingest(args.child_stages)
        return
    root = args.root.resolve()
    sentences = ans_sentences()
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "ans_articles.jsonl"
        articles = write_corpus(sentences, corpus)
        sentences_file = Path(work) / "sentences.json"
        sentences_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        print(f"code: {root}; corpus: {len(sentences)} ANS sentences in {articles} articles")
        print(
            f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
            f"BLAS threads: {args.threads or 'one per core (as shipped)'}"
        )
        for run in range(1, args.repeat + 1):
            embed = embedder_only(root, sentences_file, args.threads)
            done, claims, pairs = ingest(root, corpus, args.threads)
            print(
                f"run {run}: embedder only {embed.wall:.2f} s (CPU {embed.cpu:.2f} s); "
                f"ingest {done.wall:.2f} s (CPU {done.cpu:.2f} s); "
                f"ratio {embed.wall / done.wall:.2f} (CPU {embed.cpu / done.cpu:.2f}); "
                f"{claims / done.wall:.0f} claims/s "
                f"({claims} claims); {pairs / max(claims, 1):.2f} pairs scored per claim"
            )
        if not args.no_stages:
            seconds = staged(root, corpus, args.threads)
            total = seconds.pop("total")
            print(f"stages of one instrumented ingest ({total:.2f} s in process, exclusive):")
            for stage in (*STAGES, "other"):
                value = seconds.get(stage, 0.0)
                print(f"  {stage:<11}{value:7.2f} s  {100 * value / total:5.1f}%")


if __name__ == "__main__":
    main()
