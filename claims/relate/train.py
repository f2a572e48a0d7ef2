"""Rebuild the relation artefact from ANS train plus synthetic pairs, with cross-validated scores.

Model selection is by 5-fold cross-validation on train only; ANS dev stays for the
one final report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claims.ans import load_ans, score_labels
from claims.embed import Embedder, make_embedder
from claims.relate.features import EVIDENCE_NAMES
from claims.relate.model import (
    ANS_TO_CLASS,
    CLASSES,
    DEFAULT_CONFIG,
    MODEL_VERSION,
    PairBatch,
    RelationModel,
    design_matrix,
    pair_batch,
)
from claims.relate.synthetic import synthetic_pairs

_TEMPERATURES = np.linspace(0.5, 3.0, 51)
_TO_ANS = {"agree": "agree", "conflict": "disagree", "other": "other"}


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """Where the artefact went and how it scored in cross-validation on train."""

    path: Path
    cv: dict[str, Any]
    n_train: int
    n_synthetic: int


def _fit(batch: PairBatch, y: np.ndarray, weights: np.ndarray, config: dict) -> RelationModel:
    from sklearn.linear_model import LogisticRegression

    mean = batch.evidence.mean(axis=0)
    scale = batch.evidence.std(axis=0)
    scale[scale == 0] = 1.0
    # Balanced class weights: 'other' is 2% of ANS but a third of macro-F1.
    counts = {c: weights[y == c].sum() for c in CLASSES}
    balanced = np.array([weights[k] * len(y) / (len(CLASSES) * counts[c]) for k, c in enumerate(y)])
    classifier = LogisticRegression(C=config["C"], max_iter=5000)
    classifier.fit(design_matrix(batch, mean, scale, config), y, sample_weight=balanced)
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    return RelationModel(
        coef=classifier.coef_[order].astype(np.float32),
        intercept=classifier.intercept_[order].astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        temperature=1.0,
        config=config,
    )


def _subset(batch: PairBatch, idx: np.ndarray) -> PairBatch:
    return PairBatch(
        alignments=[batch.alignments[i] for i in idx],
        evidence=batch.evidence[idx],
        buckets=[batch.buckets[i] for i in idx],
        embedding=batch.embedding[idx],
        diff_embedding=batch.diff_embedding[idx],
    )


def _temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """Softmax temperature minimising the out-of-fold log-loss."""
    gold = np.array([CLASSES.index(c) for c in y])
    best, best_loss = 1.0, np.inf
    for t in _TEMPERATURES:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -log_p[np.arange(len(gold)), gold].mean()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def cross_validated_logits(
    batch: PairBatch,
    y: np.ndarray,
    weights: np.ndarray,
    n_real: int,
    config: dict[str, Any],
    folds: int,
) -> np.ndarray:
    """Out-of-fold logits for the first `n_real` pairs; synthetic pairs join every training fold."""
    from sklearn.model_selection import StratifiedKFold

    synthetic_idx = np.arange(n_real, len(y))
    logits = np.zeros((n_real, len(CLASSES)))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=config["seed"])
    for train_idx, test_idx in splitter.split(np.zeros(n_real), y[:n_real]):
        fit_idx = np.concatenate([train_idx, synthetic_idx])
        model = _fit(_subset(batch, fit_idx), y[fit_idx], weights[fit_idx], config)
        logits[test_idx] = model.logits(_subset(batch, test_idx))
    return logits


def train_relation_model(
    data_dir: Path,
    *,
    out: Path | None = None,
    embedder: Embedder | None = None,
    folds: int = 5,
    **overrides: Any,
) -> TrainingReport:
    """Cross-validate on ANS train, then fit on all of it and write the artefact to `out`.

    `out` defaults to the packaged artefact; `overrides` replace entries of DEFAULT_CONFIG.
    """
    config = {**DEFAULT_CONFIG, **overrides}
    embedder = embedder or make_embedder("use-m3")
    rows = load_ans(data_dir, "train")
    synthetic = synthetic_pairs(
        [r.s1 for r in rows], seed=config["seed"], per_kind=config["synthetic_per_kind"]
    )
    pairs = [(r.s1, r.s2) for r in rows] + [(a, b) for a, b, _ in synthetic]
    y = np.array([ANS_TO_CLASS[r.stance] for r in rows] + [label for _, _, label in synthetic])
    weights = np.array([1.0] * len(rows) + [config["synthetic_weight"]] * len(synthetic))
    batch = pair_batch(pairs, embedder)

    logits = cross_validated_logits(batch, y, weights, len(rows), config, folds)
    predicted = [_TO_ANS[CLASSES[k]] for k in logits.argmax(axis=1)]
    cv = score_labels([r.stance for r in rows], predicted)
    n = len(rows)

    final = _fit(batch, y, weights, config)
    meta = {
        **config,
        "version": MODEL_VERSION,
        "embedder": embedder.model_id,
        "evidence_names": list(EVIDENCE_NAMES),
        "classes": list(CLASSES),
        "n_train": n,
        "n_synthetic": len(synthetic),
        "cv_folds": folds,
        "cv_macro_f1": round(cv["macro_f1"], 4),
    }
    model = RelationModel(
        coef=final.coef,
        intercept=final.intercept,
        mean=final.mean,
        scale=final.scale,
        temperature=_temperature(logits, y[:n]),
        config=meta,
    )
    path = out or Path(__file__).resolve().parents[1] / "data" / "relation" / "relation_model.npz"
    model.save(path)
    return TrainingReport(path=path, cv=cv, n_train=n, n_synthetic=len(synthetic))
