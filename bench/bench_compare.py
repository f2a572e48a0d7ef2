"""Speed of the relate stage: one-pair `claimcheck compare` latency and batch throughput.

Latency: one pair per call, languages detected and slots extracted as
`service/cli/relations.py` does, over the restatement gold pairs (Arabic against
English and French) and ANS dev pairs (Arabic), all distinct. Throughput over
distinct ANS pairs: first the `compare --pairs` job (`service.jobs.compare`, one
worker process per core, slots extracted, output records built), then one `relate`
call in this process with slots extracted inside, and with slots given as the
reconcile job does. Bar: median < 10 ms, batch >= 500 pairs/s. The machine may be
shared: the load average and CPU time (of this process only) are printed too.

    HF_HUB_OFFLINE=1 python bench/bench_compare.py [--calls 200] [--batch 2000] [--threads N]

`--threads` sets the embedder's BLAS threads (default: one per core, as shipped).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_relations import gold_claim_pairs  # noqa: E402
from claims.ans import load_ans  # noqa: E402
from claims.embed import SpanEmbedder, UseM3Embedder, make_embedder  # noqa: E402
from claims.relate import RelationScorer, pair_languages, pair_slots  # noqa: E402
from service.jobs.compare import compare_batch  # noqa: E402

ANS = ROOT.parent / "shared" / "data" / "ans"


class TimedEmbedder:
    """The scorer's embedder, with the seconds spent inside it added up."""

    def __init__(self, inner: SpanEmbedder) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.seconds = 0.0

    def _timed(self, call, *args):
        start = time.perf_counter()
        result = call(*args)
        self.seconds += time.perf_counter() - start
        return result

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._timed(self.inner.encode, texts)

    def encode_with_spans(self, texts: list[str], spans) -> tuple[np.ndarray, np.ndarray]:
        return self._timed(self.inner.encode_with_spans, texts, spans)


def ans_pairs(n: int) -> list[tuple[str, str]]:
    """Up to n distinct ANS pairs, dev first."""
    rows = load_ans(ANS, "dev") + load_ans(ANS, "train")
    return list(dict.fromkeys((r.s1, r.s2) for r in rows))[:n]


def compare_one(scorer: RelationScorer, pair: tuple[str, str]) -> None:
    """What `claimcheck compare A B` does once its scorer is loaded."""
    languages = pair_languages([pair])
    scorer.relate([pair], pair_slots([pair], languages), languages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()

    embedder = TimedEmbedder(
        UseM3Embedder(threads=args.threads) if args.threads else make_embedder()
    )
    scorer = RelationScorer(embedder)
    gold = [(a.claim.text, b.claim.text) for _, a, b in gold_claim_pairs() if a and b]
    batch = ans_pairs(args.batch + args.calls)
    singles = list(dict.fromkeys(gold + batch[args.batch :]))[: args.calls]
    batch = batch[: args.batch]
    for pair in gold[:5]:
        compare_one(scorer, pair)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    wall, cpu = [], []
    embedder.seconds = 0.0
    for pair in singles:
        start, start_cpu = time.perf_counter(), time.process_time()
        compare_one(scorer, pair)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    ms, cpu_ms = np.array(wall) * 1e3, np.array(cpu) * 1e3
    print(
        f"one-pair compare over {len(ms)} pairs ({len(set(gold) & set(singles))} restatement gold, "
        f"the rest ANS): median {np.median(ms):.1f} ms, p95 {np.percentile(ms, 95):.1f} ms; "
        f"CPU median {np.median(cpu_ms):.1f} ms (embedding {embedder.seconds / sum(wall):.0%})"
    )

    def batch_rate(label: str, slots) -> None:
        embedder.seconds = 0.0
        start, start_cpu = time.perf_counter(), time.process_time()
        scorer.relate(batch, slots)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        print(
            f"{label}: {len(batch) / seconds:.0f} pairs/s over {len(batch)} ANS pairs "
            f"({seconds:.2f} s; {len(batch) / cpu_seconds:.0f} pairs per CPU-second; "
            f"embedding {embedder.seconds / seconds:.0%})"
        )

    start = time.perf_counter()
    records = compare_batch(scorer, [{"a": a, "b": b} for a, b in batch])
    seconds = time.perf_counter() - start
    print(
        f"compare --pairs job, {os.cpu_count()} workers: {len(records) / seconds:.0f} pairs/s "
        f"over {len(records)} ANS pairs ({seconds:.2f} s)"
    )
    batch_rate("batch relate, slots extracted", None)
    batch_rate("batch relate, slots given    ", pair_slots(batch))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
