"""Exact (IndexFlatIP) versus HNSW versus IVF-PQ for claim search: recall@10, speed, memory.

Synthetic 512-d vectors shaped like claim embeddings (many small tight groups of
restatements around story centres), L2-normalised. Run:

    python bench/bench_index.py                 # 10k and 100k
    python bench/bench_index.py --sizes 1000000 # the 1M row (its HNSW build: 35 min on 2 cores)
    python bench/bench_index.py --sizes 100000 --ivfpq  # IVF-PQ instead of HNSW (docs/scaling.md)
"""

from __future__ import annotations

import argparse
import resource
import time

import faiss
import numpy as np

DIM = 512
K = 10
QUERIES = 256
# Clustering only uses neighbours above its link threshold (claims.cluster).
LINK_COSINE = 0.6
LINK_K = 32


def synthetic_claims(n: int, rng: np.random.Generator) -> np.ndarray:
    """n unit vectors in groups of ~5 restatements around ~n/5 story centres."""
    centres = rng.standard_normal((max(1, n // 5), DIM), dtype=np.float32)
    which = rng.integers(0, len(centres), size=n)
    vectors = centres[which] + 0.6 * rng.standard_normal((n, DIM), dtype=np.float32)
    faiss.normalize_L2(vectors)
    return vectors


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def link_recall_of(found_links: np.ndarray, link_scores: np.ndarray, links: np.ndarray) -> float:
    """Share of the exact cos >= LINK_COSINE neighbours an approximate search still finds."""
    rows = np.nonzero(link_scores >= LINK_COSINE)[0]
    return float(np.mean([links[i] in found_links[row] for i, row in enumerate(rows)]))


def bench_ivfpq(
    base: np.ndarray,
    queries: np.ndarray,
    ids: np.ndarray,
    truth: np.ndarray,
    link_scores: np.ndarray,
    links: np.ndarray,
    nlist: int,
    pq_m: int,
    nprobes: list[int],
) -> None:
    """IVF-PQ (8-bit codes, `pq_m` bytes a vector) trained on the base itself, the way a
    shard would be trained on a sample of its claims."""
    n = len(base)
    index = faiss.index_factory(DIM, f"IVF{nlist},PQ{pq_m}", faiss.METRIC_INNER_PRODUCT)
    _, train = timed(lambda: index.train(base))
    _, add = timed(lambda: index.add_with_ids(base, ids))
    size = len(faiss.serialize_index(index))
    for nprobe in nprobes:
        index.nprobe = nprobe
        (_, found), search = timed(lambda: index.search(queries, K))
        recall = np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth, strict=True)])
        _, found_links = index.search(queries, LINK_K)
        print(
            f"n={n:>9,} ivfpq IVF{nlist},PQ{pq_m} nprobe={nprobe:<3} train {train:6.1f}s "
            f"add {add:5.1f}s  search {1000 * search:8.1f} ms ({1e6 * search / QUERIES:7.0f} µs/q)"
            f"  size {size / 2**20:8.1f} MiB ({size / n:.0f} B/vector)  recall@10 {recall:.3f}  "
            f"recall of cos≥{LINK_COSINE} neighbours "
            f"{link_recall_of(found_links, link_scores, links):.3f} ({len(links)})"
        )


def bench(
    n: int,
    m: int,
    ef_construction: int,
    ef_searches: list[int],
    ivfpq: tuple[int, int, list[int]] | None = None,
) -> None:
    rng = np.random.default_rng(n)
    data = synthetic_claims(n + QUERIES, rng)
    base, queries = data[:n], data[n:]
    ids = np.arange(n, dtype=np.int64)

    flat = faiss.IndexIDMap(faiss.IndexFlatIP(DIM))
    _, flat_build = timed(lambda: flat.add_with_ids(base, ids))
    (_, truth), flat_search = timed(lambda: flat.search(queries, K))
    link_scores, link_truth = flat.search(queries, LINK_K)
    links = link_truth[link_scores >= LINK_COSINE]
    flat_bytes = len(faiss.serialize_index(flat))
    print(
        f"n={n:>9,} flat  build {flat_build:7.2f}s  search {QUERIES} q "
        f"{1000 * flat_search:8.1f} ms ({1e6 * flat_search / QUERIES:7.0f} µs/q)  "
        f"size {flat_bytes / 2**20:8.1f} MiB  recall@10 1.000"
    )
    flat.reset()  # free its memory before the approximate index is built
    if ivfpq is not None:
        bench_ivfpq(base, queries, ids, truth, link_scores, links, *ivfpq)
        return

    inner = faiss.IndexHNSWFlat(DIM, m, faiss.METRIC_INNER_PRODUCT)
    inner.hnsw.efConstruction = ef_construction
    hnsw = faiss.IndexIDMap(inner)
    _, hnsw_build = timed(lambda: hnsw.add_with_ids(base, ids))
    hnsw_bytes = len(faiss.serialize_index(hnsw))
    for ef in ef_searches:
        inner.hnsw.efSearch = ef
        (_, found), hnsw_search = timed(lambda: hnsw.search(queries, K))
        recall = np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth, strict=True)])
        _, found_links = hnsw.search(queries, LINK_K)
        link_recall = link_recall_of(found_links, link_scores, links)
        print(
            f"n={n:>9,} hnsw  M={m} efC={ef_construction} efS={ef:<4} build {hnsw_build:7.1f}s  "
            f"search {1000 * hnsw_search:8.1f} ms ({1e6 * hnsw_search / QUERIES:7.0f} µs/q)  "
            f"size {hnsw_bytes / 2**20:8.1f} MiB  recall@10 {recall:.3f}  "
            f"recall of cos≥{LINK_COSINE} neighbours {link_recall:.3f} ({len(links)})"
        )
    print(f"peak RSS so far {rss_mib():,.0f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--m", type=int, default=32)
    parser.add_argument("--ef-construction", type=int, default=80)
    parser.add_argument("--ef-search", type=int, nargs="+", default=[128, 256, 512])
    parser.add_argument("--ivfpq", action="store_true", help="IVF-PQ in place of HNSW")
    parser.add_argument("--nlist", type=int, default=1024)
    parser.add_argument("--pq-m", type=int, default=64, help="bytes per vector")
    parser.add_argument("--nprobe", type=int, nargs="+", default=[16, 64])
    args = parser.parse_args()
    print(f"faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads, dim {DIM}")
    ivfpq = (args.nlist, args.pq_m, args.nprobe) if args.ivfpq else None
    for n in args.sizes:
        bench(n, args.m, args.ef_construction, args.ef_search, ivfpq)


if __name__ == "__main__":
    main()
