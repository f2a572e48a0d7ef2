"""Extraction throughput on the five Arabic seeds: sentences/second and claims/second.

Cleaning is done once up front; the timed loop is `extract_claims` (segmentation,
clause splitting, attribution and slots) repeated until at least two seconds pass.

    python bench/bench_extract.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.clean import clean_article  # noqa: E402
from claims.extract import extract_claims  # noqa: E402
from claims.segment import split_sentences  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum timed duration")
    args = parser.parse_args()

    texts = [clean_article(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    sentences = sum(len(split_sentences(text)) for text in texts)
    extract_claims(texts[0], language="ar")  # warm the gazetteer and regex caches

    rounds, claims = 0, 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        claims = sum(len(extract_claims(text, language="ar")) for text in texts)
        rounds += 1
    elapsed = time.perf_counter() - started

    print(f"{len(texts)} articles, {sentences} sentences, {claims} claims per round")
    print(f"{rounds} rounds in {elapsed:.2f} s")
    print(f"{rounds * sentences / elapsed:,.0f} sentences/s")
    print(f"{rounds * claims / elapsed:,.0f} claims/s")


if __name__ == "__main__":
    main()
