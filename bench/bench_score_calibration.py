"""Is a relation's score the probability that it is right? Reliability before and after.

Labelled development pairs are scored with the raw confidences of the decision rules:
ANS dev (development data), the tuning half of the restatement gold and the tuning half
of our own pair set (tests/fixtures/pairs/pairs.jsonl; TUNING data). Isotonic maps per
relation (claims/relate/calibration.py) are fitted on four fifths of the groups and
applied to the fifth, in turn, so every probability printed is out of fold. A relation is right
when it is the gold one, related and unrelated counting as one ("neither").

    python bench/bench_score_calibration.py [--write]

`--write` fits on every pair and writes claims/data/relation/calibration.json for the
shipped model.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_relations import relate_gold  # noqa: E402
from claims.ans import load_ans  # noqa: E402
from claims.relate import RelationScorer  # noqa: E402
from claims.relate.calibration import (  # noqa: E402
    DEFAULT_CALIBRATION,
    Scored,
    fit_calibration,
    reliability_table,
)

ANS = ROOT.parent / "shared" / "data" / "ans"
OWN_PAIRS = ROOT / "tests" / "fixtures" / "pairs" / "pairs.jsonl"
_NEITHER = {"related": "neither", "unrelated": "neither", "other": "neither"}
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Labelled:
    group: str
    a: str
    b: str
    gold: str
    languages: tuple[str | None, str | None] = (None, None)


def development_pairs() -> list[Labelled]:
    rows = load_ans(ANS, "dev")
    pairs = [
        Labelled(f"ans:{r.s1}", r.s1, r.s2, {"disagree": "conflict"}.get(r.stance, r.stance))
        for r in rows
    ]
    if OWN_PAIRS.exists():
        for line in OWN_PAIRS.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["split"] == "tune":
                pairs.append(
                    Labelled(
                        f"own:{item['group']}",
                        item["a"],
                        item["b"],
                        item["relation"],
                        (item["lang_a"], item["lang_b"]),
                    )
                )
    return pairs


def scored(scorer: RelationScorer) -> tuple[list[Scored], list[str], list[str]]:
    """Every development pair as the rules score it (raw), with its group and rule."""
    pairs = development_pairs()
    relations = scorer.relate([(p.a, p.b) for p in pairs], languages=[p.languages for p in pairs])
    out = [
        Scored(
            r.relation,
            r.score,
            _NEITHER.get(r.relation, r.relation) == _NEITHER.get(p.gold, p.gold),
        )
        for p, r in zip(pairs, relations, strict=True)
    ]
    rules = [r.rule for r in relations]
    groups = [p.group for p in pairs]
    outcomes, _ = relate_gold(scorer)
    for outcome in outcomes:
        if outcome.gold["split"] == "tune":
            out.append(Scored(outcome.relation.relation, outcome.relation.score, outcome.correct))
            groups.append(f"restatement:{outcome.gold['a']['text']}")
            rules.append(outcome.relation.rule)
    return out, groups, rules


def _fold(group: str) -> int:
    return sum(map(ord, group)) % FOLDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the shipped calibration")
    args = parser.parse_args()
    scorer = RelationScorer()
    scorer.calibration = None  # raw confidences
    items, groups, rules = scored(scorer)
    out_of_fold = [0.0] * len(items)
    for fold in range(FOLDS):
        train = [s for s, g in zip(items, groups, strict=True) if _fold(g) != fold]
        calibration = fit_calibration(train, scorer.version)
        for k, (item, group) in enumerate(zip(items, groups, strict=True)):
            if _fold(group) == fold:
                out_of_fold[k] = calibration.probability(item.relation, item.raw)
    correct = [s.correct for s in items]
    print(f"{len(items)} labelled development pairs, model {scorer.version}")
    for label, probabilities in (
        ("raw rule confidence", [min(max(s.raw, 0.0), 1.0) for s in items]),
        ("calibrated, out of fold", out_of_fold),
    ):
        rows, error = reliability_table(probabilities, correct)
        print(f"\n{label}: expected calibration error {error:.3f}")
        print(f"  {'bin':>5}  {'predicted':>9}  {'observed':>8}  {'pairs':>5}")
        for low, predicted, observed, count in rows:
            print(f"  {low:5.1f}  {predicted:9.3f}  {observed:8.3f}  {count:5d}")
    by_rule: dict[str, list[bool]] = {}
    for item, rule in zip(items, rules, strict=True):
        by_rule.setdefault(rule, []).append(item.correct)
    print(
        "\nright by rule: "
        + ", ".join(f"{r} {sum(v)}/{len(v)}" for r, v in sorted(by_rule.items()))
    )
    if args.write:
        path = ROOT / "claims" / "data" / "relation" / DEFAULT_CALIBRATION
        fit_calibration(items, scorer.version).save(path)
        print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
