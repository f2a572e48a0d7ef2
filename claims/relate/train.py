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
from claims.embed import SpanEmbedder, make_embedder
from claims.relate.features import EVIDENCE_NAMES, HASH_DIM
from claims.relate.model import (
    ANS_TO_CLASS,
    CLASSES,
    DEFAULT_CONFIG,
    MODEL_VERSION,
    PairBatch,
    Perceptron,
    RelationModel,
    design_matrix,
    mix_probabilities,
    pair_batch,
    perceptron_inputs,
)
from claims.relate.synthetic import synthetic_pairs

_TEMPERATURES = np.linspace(0.5, 4.0, 71)
_MIXES = np.linspace(0.0, 0.8, 17)
_TO_ANS = {"agree": "agree", "conflict": "disagree", "other": "other"}


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """Where the artefact went and how it scored in cross-validation on train."""

    path: Path
    cv: dict[str, Any]
    n_train: int
    n_synthetic: int


def _balanced(y: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Balanced class weights: 'other' is 2% of ANS but a third of macro-F1."""
    counts = {c: weights[y == c].sum() for c in CLASSES}
    return np.array([weights[k] * len(y) / (len(CLASSES) * counts[c]) for k, c in enumerate(y)])


def _fit_perceptron(inputs: np.ndarray, y: np.ndarray, weights: np.ndarray, config: dict):
    from sklearn.neural_network import MLPClassifier

    classifier = MLPClassifier(
        (config["mlp_hidden"],),
        alpha=config["mlp_alpha"],
        batch_size=64,
        max_iter=200,
        random_state=config["seed"],
    )
    classifier.fit(inputs, y, sample_weight=weights)
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    (hidden, output), (hidden_bias, output_bias) = classifier.coefs_, classifier.intercepts_
    return Perceptron(
        hidden=hidden.astype(np.float32),
        hidden_bias=hidden_bias.astype(np.float32),
        output=output[:, order].astype(np.float32),
        output_bias=output_bias[order].astype(np.float32),
    )


def _fit(batch: PairBatch, y: np.ndarray, weights: np.ndarray, config: dict) -> RelationModel:
    from sklearn.linear_model import LogisticRegression

    mean = batch.evidence.mean(axis=0)
    scale = batch.evidence.std(axis=0)
    scale[scale == 0] = 1.0
    balanced = _balanced(y, weights)
    # Newton-CG reaches the optimum in a dozen steps where lbfgs needs hundreds.
    classifier = LogisticRegression(C=config["C"], solver="newton-cg", max_iter=1000)
    classifier.fit(design_matrix(batch, mean, scale, config), y, sample_weight=balanced)
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    perceptron = None
    if config["mlp_hidden"]:
        inputs = perceptron_inputs(batch, mean, scale)
        perceptron = _fit_perceptron(inputs, y, balanced, config)
    return RelationModel(
        coef=classifier.coef_[order].astype(np.float32),
        intercept=classifier.intercept_[order].astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        perceptron=perceptron,
        temperatures=np.ones(2, dtype=np.float32),
        mix=0.0,
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


def _log_loss(probabilities: np.ndarray, y: np.ndarray) -> float:
    gold = np.array([CLASSES.index(c) for c in y])
    return float(-np.log(np.clip(probabilities[np.arange(len(gold)), gold], 1e-12, 1)).mean())


def _calibrate(
    linear: np.ndarray, perceptron: np.ndarray | None, y: np.ndarray
) -> tuple[np.ndarray, float]:
    """Member temperatures, then the perceptron's weight, minimising out-of-fold log-loss."""

    def loss(t: np.ndarray, mix: float) -> float:
        return _log_loss(mix_probabilities(linear, perceptron, t, mix), y)

    t_linear = min(_TEMPERATURES, key=lambda t: loss(np.array([t, 1.0]), 0.0))
    if perceptron is None:
        return np.array([t_linear, 1.0]), 0.0
    t_perceptron = min(_TEMPERATURES, key=lambda t: loss(np.array([1.0, t]), 1.0))
    temperatures = np.array([t_linear, t_perceptron])
    return temperatures, float(min(_MIXES, key=lambda m: loss(temperatures, m)))


def cross_validated_logits(
    batch: PairBatch,
    y: np.ndarray,
    weights: np.ndarray,
    n_real: int,
    config: dict[str, Any],
    folds: int,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Out-of-fold logits of the linear model and the perceptron for the first `n_real`
    pairs; synthetic pairs join every training fold."""
    from sklearn.model_selection import StratifiedKFold

    synthetic_idx = np.arange(n_real, len(y))
    linear = np.zeros((n_real, len(CLASSES)))
    perceptron = np.zeros((n_real, len(CLASSES))) if config["mlp_hidden"] else None
    splitter = StratifiedKFold(folds, shuffle=True, random_state=config["seed"])
    for train_idx, test_idx in splitter.split(np.zeros(n_real), y[:n_real]):
        fit_idx = np.concatenate([train_idx, synthetic_idx])
        model = _fit(_subset(batch, fit_idx), y[fit_idx], weights[fit_idx], config)
        test = _subset(batch, test_idx)
        linear[test_idx] = model.linear_logits(test)
        if perceptron is not None:
            perceptron[test_idx] = model.perceptron_logits(test)
    return linear, perceptron


def train_relation_model(
    data_dir: Path,
    *,
    out: Path,
    embedder: SpanEmbedder | None = None,
    folds: int = 5,
    **overrides: Any,
) -> TrainingReport:
    """Cross-validate on ANS train, then fit on all of it and write the artefact to `out`.

    `out` is named by the caller: the installed package's artefact is never a default.
    `overrides` replace entries of DEFAULT_CONFIG.
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

    n = len(rows)
    linear, perceptron = cross_validated_logits(batch, y, weights, n, config, folds)
    temperatures, mix = _calibrate(linear, perceptron, y[:n])
    probabilities = mix_probabilities(linear, perceptron, temperatures, mix)
    predicted = [_TO_ANS[CLASSES[k]] for k in probabilities.argmax(axis=1)]
    cv = score_labels([r.stance for r in rows], predicted)
    cv["log_loss"] = _log_loss(probabilities, y[:n])
    cv["linear_log_loss"] = _log_loss(mix_probabilities(linear, None, temperatures, 0.0), y[:n])

    final = _fit(batch, y, weights, config)
    meta = {
        **config,
        "version": MODEL_VERSION,
        "embedder": embedder.model_id,
        "evidence_names": list(EVIDENCE_NAMES),
        "hash_dim": HASH_DIM,
        "classes": list(CLASSES),
        "n_train": n,
        "n_synthetic": len(synthetic),
        "cv_folds": folds,
        "cv_macro_f1": round(cv["macro_f1"], 4),
        "cv_log_loss": round(cv["log_loss"], 4),
    }
    model = RelationModel(
        coef=final.coef,
        intercept=final.intercept,
        mean=final.mean,
        scale=final.scale,
        perceptron=final.perceptron,
        temperatures=temperatures,
        mix=mix,
        config=meta,
    )
    model.save(out)
    return TrainingReport(path=out, cv=cv, n_train=n, n_synthetic=len(synthetic))
