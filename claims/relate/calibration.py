"""One calibrated score: the probability that the relation a pair gets is the right one.

Each decision rule gives a raw confidence on its own scale (the model's probability,
a cosine). An isotonic map per relation returned (agree, conflict, related,
unrelated), fitted on labelled development pairs, turns it into how often that
relation is right at that raw score; relations with too few pairs share one map
fitted on all of them. Maps per rule were tried: with a dozen rules, most with under
a hundred labelled pairs, they fitted noise (out-of-fold expected calibration error
0.069 against 0.028 per relation and 0.030 for one shared map;
bench/bench_score_calibration.py). The maps live in a small JSON file next to the
relation model and name the model version they were fitted for.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

DEFAULT_CALIBRATION = "calibration.json"
# Below this many labelled pairs a relation's own map is too noisy: it uses the shared one.
MIN_PAIRS = 30
_SHARED = "*"


@dataclass(frozen=True, slots=True)
class Scored:
    """One labelled development pair as the scorer related it."""

    relation: str
    raw: float
    correct: bool


@dataclass(frozen=True)
class ScoreCalibration:
    """Isotonic maps from raw score to probability of being right, per relation."""

    model_version: str
    maps: dict[str, tuple[list[float], list[float]]]

    def probability(self, relation: str, raw: float) -> float:
        xs, ys = self.maps.get(relation) or self.maps[_SHARED]
        return float(np.interp(raw, xs, ys))

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps({"model_version": self.model_version, "maps": self.maps}, indent=1) + "\n",
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: Path | None = None) -> ScoreCalibration:
        source = path or resources.files("claims.data.relation").joinpath(DEFAULT_CALIBRATION)
        data = json.loads(source.read_text(encoding="utf-8"))
        maps = {rule: (list(xs), list(ys)) for rule, (xs, ys) in data["maps"].items()}
        return cls(model_version=data["model_version"], maps=maps)


def _isotonic(raw: Sequence[float], correct: Sequence[bool]) -> tuple[list[float], list[float]]:
    """Breakpoints of the isotonic regression of correctness on raw score."""
    from sklearn.isotonic import IsotonicRegression

    x = np.asarray(raw, dtype=float)
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
        x, np.asarray(correct, dtype=float)
    )
    return [float(v) for v in fitted.X_thresholds_], [float(v) for v in fitted.y_thresholds_]


def fit_calibration(scored: Sequence[Scored], model_version: str) -> ScoreCalibration:
    """Maps for every relation with enough pairs, and the shared map for the others."""
    maps = {_SHARED: _isotonic([s.raw for s in scored], [s.correct for s in scored])}
    for relation in sorted({s.relation for s in scored}):
        mine = [s for s in scored if s.relation == relation]
        if len(mine) >= MIN_PAIRS and len({s.correct for s in mine}) == 2:
            maps[relation] = _isotonic([s.raw for s in mine], [s.correct for s in mine])
    return ScoreCalibration(model_version=model_version, maps=maps)


def reliability_table(
    probabilities: Sequence[float], correct: Sequence[bool], bins: int = 10
) -> tuple[list[tuple[float, float, float, int]], float]:
    """Rows (bin low, mean predicted, observed accuracy, count) and the expected
    calibration error."""
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(correct, dtype=float)
    rows, error = [], 0.0
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = (p >= low) & ((p < high) if k < bins - 1 else (p <= high))
        if inside.any():
            rows.append((low, float(p[inside].mean()), float(y[inside].mean()), int(inside.sum())))
            error += inside.sum() / len(p) * abs(p[inside].mean() - y[inside].mean())
    return rows, float(error)
