"""Relation quality on the restatement gold, tuning and held-out halves apart: planted
conflicts, false conflicts, accuracy.

Each gold pair (tests/fixtures/restatements/gold_pairs.json) is mapped to two
extracted claims (the first claim of its file containing its text), then related with
`RelationScorer` on the claims' own slots. The bar: every planted conflict found with
its type, no agreeing pair flagged as a conflict.

    HF_HUB_OFFLINE=1 python bench/bench_relations.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.clean import clean_article  # noqa: E402
from claims.extract import extract_claims  # noqa: E402
from claims.model import Claim, Relation  # noqa: E402
from claims.relate import RelationScorer  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
RESTATEMENTS = ROOT / "tests" / "fixtures" / "restatements"


@dataclass(frozen=True, slots=True)
class CorpusClaim:
    claim_id: int
    source: str
    language: str
    claim: Claim


def load_corpus() -> list[CorpusClaim]:
    """Claims of the Arabic seeds and the English/French restatements, one source a file."""
    corpus: list[CorpusClaim] = []
    for path in sorted(SEEDS.glob("*.txt")) + sorted(RESTATEMENTS.glob("*.txt")):
        language = path.name[:2] if path.name[:2] in ("en", "fr") else "ar"
        claims = extract_claims(clean_article(path.read_text(encoding="utf-8")), language=language)
        corpus += [
            CorpusClaim(len(corpus) + i, path.name, language, c) for i, c in enumerate(claims)
        ]
    return corpus


def find_claim(corpus: list[CorpusClaim], side: dict[str, str]) -> int | None:
    """The first claim of the side's file that contains the side's text."""
    for item in corpus:
        if item.source == side["file"] and side["text"] in item.claim.text:
            return item.claim_id
    return None


@dataclass(frozen=True, slots=True)
class GoldOutcome:
    """One gold pair next to what the scorer said about it."""

    gold: dict
    a: CorpusClaim
    b: CorpusClaim
    relation: Relation

    @property
    def planted_conflict(self) -> bool:
        return self.gold["relation"] == "conflict"

    @property
    def conflict_found(self) -> bool:
        """Found as a conflict whose first-named type is the planted one."""
        types = self.relation.conflict_types
        return (
            self.relation.relation == "conflict"
            and bool(types)
            and types[0] == self.gold["conflict_type"]
        )

    @property
    def false_conflict(self) -> bool:
        return self.gold["relation"] == "agree" and self.relation.relation == "conflict"

    @property
    def correct(self) -> bool:
        if self.planted_conflict:
            return self.conflict_found
        return self.relation.relation == self.gold["relation"]


def gold_claim_pairs() -> list[tuple[dict, CorpusClaim | None, CorpusClaim | None]]:
    """Each gold pair with its two extracted claims; None for a side no claim contains."""
    corpus = load_corpus()
    gold = json.loads((RESTATEMENTS / "gold_pairs.json").read_text(encoding="utf-8"))["pairs"]
    found = [(p, find_claim(corpus, p["a"]), find_claim(corpus, p["b"])) for p in gold]
    return [
        (p, None if a is None else corpus[a], None if b is None else corpus[b]) for p, a, b in found
    ]


def relate_gold(scorer: RelationScorer) -> tuple[list[GoldOutcome], list[dict]]:
    """Every resolvable gold pair related in one batch; unresolved pairs are returned apart."""
    pairs = gold_claim_pairs()
    resolved = [(p, a, b) for p, a, b in pairs if a is not None and b is not None]
    missing = [p for p, a, b in pairs if a is None or b is None]
    relations = scorer.relate(
        [(a.claim.text, b.claim.text) for _, a, b in resolved],
        slots=[(a.claim.slots, b.claim.slots) for _, a, b in resolved],
        languages=[(a.language, b.language) for _, a, b in resolved],
    )
    outcomes = [
        GoldOutcome(pair, a, b, relation)
        for (pair, a, b), relation in zip(resolved, relations, strict=True)
    ]
    return outcomes, missing


def main() -> None:
    outcomes, missing = relate_gold(RelationScorer())
    for pair in missing:
        print(f"unresolved: {pair['a']} / {pair['b']}")
    print(f"{'':4} {'gold':<18} {'predicted':<28} {'score':>5}  pair / explanation")
    for o in outcomes:
        gold = o.gold["relation"] + (f"/{o.gold['conflict_type']}" if o.planted_conflict else "")
        predicted = o.relation.relation
        if o.relation.conflict_types:
            predicted += "/" + ",".join(o.relation.conflict_types)
        if o.relation.temporal:
            predicted += " (temporal)"
        mark = "ok" if o.correct else "MISS"
        print(
            f"{mark:<4} {gold:<18} {predicted:<28} {o.relation.score:5.2f}  "
            f"{o.a.language}-{o.b.language} {o.gold['a']['text'][:40]!r} / "
            f"{o.gold['b']['text'][:40]!r}\n{'':66}{o.relation.explanation[:110]}"
        )
    for split, label in (("tune", "tuning half"), ("held_out", "held-out half")):
        half = [o for o in outcomes if o.gold["split"] == split]
        planted = [o for o in half if o.planted_conflict]
        agreeing = [o for o in half if o.gold["relation"] == "agree"]
        print(
            f"\n{label}: planted conflicts found with the right type "
            f"{sum(o.conflict_found for o in planted)}/{len(planted)}; agreeing pairs flagged "
            f"as conflict {sum(o.false_conflict for o in agreeing)}/{len(agreeing)}; relations "
            f"right {sum(o.correct for o in half)}/{len(half)}"
        )


if __name__ == "__main__":
    main()
