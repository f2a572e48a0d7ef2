"""The ANS stance corpus (Arabic news title pairs) and how a relation scorer is scored on it.

ANS labels are agree / disagree / other; ours are agree / conflict / related /
unrelated, so conflict reads as disagree and both related and unrelated as other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.model import PairScorer
from claims.stance_csv import read_stance_csv

ANS_LABELS: tuple[str, ...] = ("agree", "disagree", "other")
_FROM_RELATION = {
    "agree": "agree",
    "conflict": "disagree",
    "related": "other",
    "unrelated": "other",
}


@dataclass(frozen=True, slots=True)
class AnsPair:
    s1: str
    s2: str
    stance: str


def load_ans(data_dir: Path, split: str) -> list[AnsPair]:
    """Rows of `<data_dir>/<split>.csv` (columns s1, s2, stance)."""
    return read_stance_csv(
        Path(data_dir) / f"{split}.csv",
        f"ANS split {split!r}",
        ANS_LABELS,
        lambda r: AnsPair(r["s1"], r["s2"], r["stance"].strip()),
    )


def ans_label(relation: str) -> str:
    return _FROM_RELATION[relation]


def score_labels(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix (rows = gold)."""
    index = {label: k for k, label in enumerate(ANS_LABELS)}
    confusion = [[0] * len(ANS_LABELS) for _ in ANS_LABELS]
    for g, p in zip(gold, predicted, strict=True):
        confusion[index[g]][index[p]] += 1
    per_class = {}
    for label, k in index.items():
        tp = confusion[k][k]
        predicted_k = sum(row[k] for row in confusion)
        gold_k = sum(confusion[k])
        precision = tp / predicted_k if predicted_k else 0.0
        recall = tp / gold_k if gold_k else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_k}
    total = sum(map(sum, confusion))
    return {
        "n": total,
        "accuracy": sum(confusion[k][k] for k in range(len(ANS_LABELS))) / total if total else 0.0,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(per_class),
        "per_class": per_class,
        "labels": list(ANS_LABELS),
        "confusion": confusion,
    }


def evaluate_ans(scorer: PairScorer, rows: Sequence[AnsPair]) -> dict[str, Any]:
    """Score a relation scorer on ANS rows, all pairs in one batch."""
    relations = scorer.relate([(r.s1, r.s2) for r in rows])
    return score_labels([r.stance for r in rows], [ans_label(x.relation) for x in relations])
