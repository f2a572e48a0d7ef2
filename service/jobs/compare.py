"""The batch behind `claimcheck compare --pairs`: records in, relations and slots out.

Large batches are spread over worker processes, one per core, each on one BLAS
thread. Relating is mostly Python (slot extraction, word alignment) around small
matrix products, so a second process nearly doubles throughput where a second
BLAS thread adds about a quarter (bench/bench_compare.py). Workers are forked from
the process that loaded the scorer: they share its weights and start at once.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from claims.blas import cap_blas_threads
from claims.relate import RelationScorer, pair_languages, pair_slots
from service.cores import usable_cores

Record = dict[str, Any]

# Pairs related per call: enough to keep the encoder's batches full, few enough
# that progress moves.
CHUNK = 1000
# Fewer pairs than this per worker, and forking costs more than it saves.
MIN_PAIRS_PER_WORKER = 200

_worker_scorer: RelationScorer | None = None


def compare_records(scorer: RelationScorer, records: list[Record]) -> list[Record]:
    """Each record with its relation and both sides' slots added; other keys pass through.
    A record's `lang_a` and `lang_b`, where given, name its sides' languages."""
    pairs = [(r["a"], r["b"]) for r in records]
    languages = pair_languages(pairs, [(r.get("lang_a"), r.get("lang_b")) for r in records])
    slots = pair_slots(pairs, languages)
    relations = scorer.relate(pairs, slots, languages)
    return [
        {**record, **relation.to_dict(), "slots_a": sa.to_dict(), "slots_b": sb.to_dict()}
        for record, relation, (sa, sb) in zip(records, relations, slots, strict=True)
    ]


def compare_batch(
    scorer: RelationScorer,
    records: list[Record],
    *,
    workers: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> list[Record]:
    """`compare_records` over any number of records, in order, on up to `workers`
    processes (default: one per core); `progress` is told each chunk's size."""
    workers = _worker_count(len(records), workers)
    size = min(CHUNK, math.ceil(len(records) / (2 * workers))) if workers > 1 else CHUNK
    chunks = [records[start : start + size] for start in range(0, len(records), size)]
    if workers == 1:
        done = map(lambda chunk: compare_records(scorer, chunk), chunks)
        return _gathered(chunks, done, progress)
    # The weights load on first use: load them here, once, for every worker to share.
    scorer.embedder.encode(["."])
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(scorer,),
    ) as pool:
        return _gathered(chunks, pool.map(_compare_chunk, chunks), progress)


def _gathered(
    chunks: list[list[Record]],
    done: Iterable[list[Record]],
    progress: Callable[[int], object] | None,
) -> list[Record]:
    """The chunks' results in order, progress told as each arrives."""
    results: list[Record] = []
    for chunk, chunk_results in zip(chunks, done, strict=True):
        results += chunk_results
        if progress is not None:
            progress(len(chunk))
    return results


def _worker_count(pairs: int, asked: int | None) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(asked or usable_cores(), pairs // MIN_PAIRS_PER_WORKER))


def _start_worker(scorer: RelationScorer) -> None:
    # Forked, so the scorer arrives as it was, not pickled.
    global _worker_scorer
    _worker_scorer = scorer
    cap_blas_threads(1)


def _compare_chunk(records: list[Record]) -> list[Record]:
    assert _worker_scorer is not None, "worker started without a scorer"
    return compare_records(_worker_scorer, records)
