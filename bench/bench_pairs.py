"""The relation scorer on our own hand-written pairs (tests/fixtures/pairs), halves apart.

The `tune` half is TUNING data (rules and thresholds may look at it); the `held_out`
half is HELD-OUT (never tuned on). For each half: accuracy over agree / conflict /
related / unrelated, macro-F1 over agree / conflict / neither (related and unrelated
as one, as ANS scores it), how often a conflict with no type (the model's alone) or
with a type is right, by language pair; and a baseline that only thresholds the
cosine (bands chosen on the tune half).

    python bench/bench_pairs.py [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.ans import score_labels  # noqa: E402
from claims.relate import RelationScorer  # noqa: E402

PAIRS = ROOT / "tests" / "fixtures" / "pairs" / "pairs.jsonl"
_THREE = {"agree": "agree", "conflict": "disagree", "related": "other", "unrelated": "other"}


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]


def _macro(gold: list[str], predicted: list[str]) -> float:
    return score_labels([_THREE[g] for g in gold], [_THREE[p] for p in predicted])["macro_f1"]


def cosine_bands(cosines: np.ndarray, gold: list[str]) -> tuple[float, float]:
    """(low, high): below low neither, above high agree, between conflict; the pair of
    thresholds with the best macro-F1 on the given pairs."""
    best = (0.0, 0.0, -1.0)
    for low in np.arange(0.2, 0.9, 0.02):
        for high in np.arange(low, 0.95, 0.02):
            predicted = [
                "unrelated" if c < low else "agree" if c >= high else "conflict" for c in cosines
            ]
            score = _macro(gold, predicted)
            if score > best[2]:
                best = (float(low), float(high), score)
    return best[0], best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    scorer = RelationScorer()
    pairs = load_pairs()
    relations = scorer.relate(
        [(p["a"], p["b"]) for p in pairs], languages=[(p["lang_a"], p["lang_b"]) for p in pairs]
    )
    texts = list(dict.fromkeys(t for p in pairs for t in (p["a"], p["b"])))
    vectors = dict(zip(texts, scorer.embedder.encode(texts), strict=True))
    cosines = np.array([float(vectors[p["a"]] @ vectors[p["b"]]) for p in pairs])
    tune = [k for k, p in enumerate(pairs) if p["split"] == "tune"]
    low, high = cosine_bands(cosines[tune], [pairs[k]["relation"] for k in tune])
    print(
        f"{len(pairs)} pairs; model {scorer.version}; cosine bands from the tune half: "
        f"neither < {low:.2f} <= conflict < {high:.2f} <= agree"
    )
    for split, label in (("tune", "TUNING half"), ("held_out", "HELD-OUT half")):
        idx = [k for k, p in enumerate(pairs) if p["split"] == split]
        gold = [pairs[k]["relation"] for k in idx]
        predicted = [relations[k].relation for k in idx]
        baseline = [
            "unrelated" if cosines[k] < low else "agree" if cosines[k] >= high else "conflict"
            for k in idx
        ]
        accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(idx)
        print(
            f"\n{label} ({len(idx)} pairs): accuracy {accuracy:.3f}; macro-F1 (agree/conflict/"
            f"neither) {_macro(gold, predicted):.3f}, cosine-band baseline "
            f"{_macro(gold, baseline):.3f}"
        )
        confusion = Counter(zip(gold, predicted, strict=True))
        labels = ("agree", "conflict", "related", "unrelated")
        print("  gold \\ predicted " + " ".join(f"{x:>9}" for x in labels))
        for g in labels:
            print(f"  {g:<17} " + " ".join(f"{confusion[(g, p)]:9d}" for p in labels))
        conflicts = [k for k in idx if relations[k].relation == "conflict"]
        for kind, chosen in (
            ("untyped", [k for k in conflicts if not relations[k].conflict_types]),
            ("typed", [k for k in conflicts if relations[k].conflict_types]),
        ):
            right = sum(pairs[k]["relation"] == "conflict" for k in chosen)
            print(f"  {kind} conflicts right: {right}/{len(chosen)}")
        by_pair: dict[str, list[bool]] = {}
        for k in idx:
            key = "-".join(sorted((pairs[k]["lang_a"], pairs[k]["lang_b"])))
            by_pair.setdefault(key, []).append(pairs[k]["relation"] == relations[k].relation)
        print(
            "  accuracy by languages: "
            + ", ".join(f"{key} {sum(v)}/{len(v)}" for key, v in sorted(by_pair.items()))
        )
        if args.show_errors and split == "tune":
            for k in idx:
                r = relations[k]
                if r.relation != pairs[k]["relation"]:
                    print(
                        f"  {pairs[k]['id']} gold {pairs[k]['relation']}/"
                        f"{pairs[k]['conflict_type']} got {r.relation}{r.conflict_types} "
                        f"[{r.rule}] {r.explanation[:80]}"
                    )


if __name__ == "__main__":
    main()
