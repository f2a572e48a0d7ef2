"""Score claim extraction against the hand-written gold: span precision/recall, slot accuracy.

A predicted check-worthy claim matches a gold claim when their spans overlap on
at least half of the gold span and a quarter of the predicted one (a whole
paragraph predicted as one claim does not match each fact inside it). Slots are
judged only on matched pairs and only on the slots the gold lists.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claims.clean import clean_article
from claims.extract import extract_claims
from claims.model import Claim

MIN_GOLD_COVERAGE = 0.5
MIN_PREDICTED_COVERAGE = 0.25
_LIST_SLOTS = ("actors", "places", "recipients", "equipment")
_ATTRIBUTION_FIELDS = ("speaker", "denied", "hedged")


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """One hand-listed claim; `start`/`end` locate its text in the cleaned seed."""

    text: str
    start: int
    end: int
    expected: dict[str, Any]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    language: str
    published_at: date | None
    claims: list[GoldClaim]


@dataclass(slots=True)
class ExtractionReport:
    """Counts behind every figure, so reports can be summed across articles."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    slot_checks: Counter[str] = field(default_factory=Counter)
    slot_hits: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def slot_accuracy(self) -> float:
        """Micro-average over every judged slot of every matched claim (attribution excluded)."""
        names = [n for n in self.slot_checks if n not in _ATTRIBUTION_FIELDS]
        checks = sum(self.slot_checks[n] for n in names)
        return sum(self.slot_hits[n] for n in names) / checks if checks else 0.0

    def accuracy_of(self, name: str) -> float:
        checks = self.slot_checks[name]
        return self.slot_hits[name] / checks if checks else 0.0

    def add(self, other: ExtractionReport) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.slot_checks.update(other.slot_checks)
        self.slot_hits.update(other.slot_hits)


def load_gold(gold_path: Path, seeds_dir: Path) -> list[GoldArticle]:
    """Gold articles with spans located in the cleaned seed text."""
    raw = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = []
    for name, entry in raw["seeds"].items():
        text = clean_article((seeds_dir / f"{name}.txt").read_text(encoding="utf-8"))
        claims = []
        for claim in entry["claims"]:
            start = text.find(claim["text"])
            if start < 0:
                raise ValueError(f"gold claim not in cleaned {name}: {claim['text'][:60]}")
            expected = {**claim.get("slots", {})}
            expected.update({k: claim[k] for k in _ATTRIBUTION_FIELDS if k in claim})
            claims.append(GoldClaim(claim["text"], start, start + len(claim["text"]), expected))
        published = entry.get("published_at")
        articles.append(
            GoldArticle(
                name=name,
                text=text,
                language=entry.get("language", "ar"),
                published_at=date.fromisoformat(published) if published else None,
                claims=claims,
            )
        )
    return articles


def score_article(predicted: list[Claim], gold: list[GoldClaim]) -> ExtractionReport:
    """Match check-worthy predictions to gold one-to-one, best overlap first, and judge slots."""
    worthy = [claim for claim in predicted if claim.check_worthy]
    report = ExtractionReport(predicted=len(worthy), gold=len(gold))
    candidates = sorted(
        (
            (-_overlap(p, g), i, j)
            for i, p in enumerate(worthy)
            for j, g in enumerate(gold)
            if _matches(p, g)
        ),
    )
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    for _, i, j in candidates:
        if i in used_predicted or j in used_gold:
            continue
        used_predicted.add(i)
        used_gold.add(j)
        report.matched += 1
        _judge_slots(worthy[i], gold[j], report)
    return report


def evaluate_extraction(
    articles: list[GoldArticle],
    extract: Callable[..., list[Claim]] = extract_claims,
) -> ExtractionReport:
    """Run `extract` on every gold article and sum the scores."""
    total = ExtractionReport()
    for article in articles:
        predicted = extract(
            article.text, language=article.language, published_at=article.published_at
        )
        total.add(score_article(predicted, article.claims))
    return total


def _overlap(predicted: Claim, gold: GoldClaim) -> int:
    return max(0, min(predicted.end, gold.end) - max(predicted.start, gold.start))


def _matches(predicted: Claim, gold: GoldClaim) -> bool:
    shared = _overlap(predicted, gold)
    return shared >= MIN_GOLD_COVERAGE * (
        gold.end - gold.start
    ) and shared >= MIN_PREDICTED_COVERAGE * (predicted.end - predicted.start)


def _judge_slots(predicted: Claim, gold: GoldClaim, report: ExtractionReport) -> None:
    slots = predicted.slots
    for name, expected in gold.expected.items():
        if name in _ATTRIBUTION_FIELDS:
            actual: Any = getattr(predicted, name)
            hit = actual == expected
        elif name in _LIST_SLOTS:
            hit = set(getattr(slots, name)) == set(expected)
        elif name == "quantities":
            hit = _same_multiset(
                [(q.low, q.high, q.unit) for q in slots.quantities],
                [(q["low"], q["high"], q["unit"]) for q in expected],
            )
        elif name == "dates":
            hit = Counter((p.start and p.start.isoformat(), p.end and p.end.isoformat())
                          for p in slots.dates) == Counter(
                (d["start"], d["end"]) for d in expected
            )  # fmt: skip
        else:
            hit = getattr(slots, name) == expected
        report.slot_checks[name] += 1
        report.slot_hits[name] += hit


def _same_multiset(actual: list[tuple], expected: list[tuple]) -> bool:
    remaining = list(actual)
    for low, high, unit in expected:
        for index, (a_low, a_high, a_unit) in enumerate(remaining):
            if a_unit == unit and _close(a_low, low) and _close(a_high, high):
                del remaining[index]
                break
        else:
            return False
    return not remaining


def _close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=1e-6)
