"""Rebuild the relation artefact from ANS train, Emergent train and synthetic pairs, with
grouped cross-validated scores.

Folds are grouped by claim: the pairs of one ANS first title, or of one Emergent claim,
never sit on both sides of a split, and a fold's synthetic pairs are made from its own
training claims, so no test claim is seen in any form. ANS dev stays for one final report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claims.ans import AnsPair, load_ans, score_labels
from claims.embed import SpanEmbedder, make_embedder
from claims.emergent import EMERGENT_TO_CLASS, EmergentPair, load_emergent
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
from claims.relate.rules import conflict_floor, model_reads
from claims.relate.synthetic import synthetic_pairs
from claims.relate.words import Alignment

_TEMPERATURES = np.linspace(0.5, 4.0, 71)
_MIXES = np.linspace(0.0, 0.8, 17)
_TO_ANS = {"agree": "agree", "conflict": "disagree", "other": "other"}
# Thresholds on the model's conflict probability for the precision table that sets
# rules.MINIMAL_EDIT_CONFLICT_P and rules.UNTYPED_CONFLICT_P.
CONFLICT_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.35, 0.96, 0.05))
BOOTSTRAP_ROUNDS = 1000


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """One real training pair: its data set, the claim it belongs to (its CV group) and
    its model class."""

    source: str
    group: str
    a: str
    b: str
    label: str
    synthetic: bool = False


def ans_training_pairs(rows: Sequence[AnsPair]) -> list[LabelledPair]:
    """ANS pairs grouped by their first title, the claim the second one is set against."""
    return [LabelledPair("ans", f"ans:{r.s1}", r.s1, r.s2, ANS_TO_CLASS[r.stance]) for r in rows]


def emergent_training_pairs(rows: Sequence[EmergentPair]) -> list[LabelledPair]:
    """Emergent claim/headline pairs grouped by claim id."""
    return [
        LabelledPair(
            "emergent", f"emergent:{r.claim_id}", r.claim, r.headline, EMERGENT_TO_CLASS[r.stance]
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class ThresholdRow:
    """How often the model's 'conflict' is right when its probability reaches `threshold`."""

    threshold: float
    flagged: int
    precision: float | None


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """Where the artefact went, its grouped-CV scores per data set (macro-F1 with a
    bootstrap 95% interval over claims), the conflict precision by threshold (out of
    fold, on pairs the model reads), and model-level ANS dev when dev.csv is there."""

    path: Path
    cv: dict[str, Any]
    n_train: int
    n_synthetic: int
    conflict_precision: dict[str, list[ThresholdRow]] = field(default_factory=dict)
    dev: dict[str, Any] | None = None


def _balanced(
    y: np.ndarray, sources: np.ndarray, weights: np.ndarray, source_weights: dict[str, float]
) -> np.ndarray:
    """Classes balanced within each source, then each source scaled by its weight.

    'other' is 2% of ANS but a third of macro-F1; balancing per source keeps Emergent's
    many hedged reports ('other' too) from swamping ANS's few unrelated titles.
    """
    out = np.zeros(len(y))
    for source in np.unique(sources):
        mine = sources == source
        for c in CLASSES:
            cell = mine & (y == c)
            if cell.any():
                share = mine.sum() / (len(CLASSES) * weights[cell].sum())
                out[cell] = weights[cell] * share * source_weights.get(str(source), 1.0)
    return out


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


def _fit(
    batch: PairBatch, y: np.ndarray, sources: np.ndarray, weights: np.ndarray, config: dict
) -> RelationModel:
    from sklearn.linear_model import LogisticRegression

    mean = batch.evidence.mean(axis=0)
    scale = batch.evidence.std(axis=0)
    scale[scale == 0] = 1.0
    balanced = _balanced(y, sources, weights, config["source_weights"])
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


def _join(first: PairBatch, second: PairBatch) -> PairBatch:
    return PairBatch(
        alignments=first.alignments + second.alignments,
        evidence=np.vstack([first.evidence, second.evidence]),
        buckets=first.buckets + second.buckets,
        embedding=np.vstack([first.embedding, second.embedding]),
        diff_embedding=np.vstack([first.diff_embedding, second.diff_embedding]),
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


def _synthetic_for(pairs: Sequence[LabelledPair], config: dict[str, Any]) -> list[LabelledPair]:
    """Perturbations of the ANS claims among `pairs` (the lexicons and the negator are
    Arabic-first), each in its source claim's group."""
    claims = sorted({p.a for p in pairs if p.source == "ans"})
    made = synthetic_pairs(claims, seed=config["seed"], per_kind=config["synthetic_per_kind"])
    return [LabelledPair("ans", f"ans:{a}", a, b, label, synthetic=True) for a, b, label in made]


def grouped_folds(real: Sequence[LabelledPair], folds: int, seed: int) -> list[np.ndarray]:
    """Test indices of each fold: groups kept whole, (source, class) shares kept even."""
    from sklearn.model_selection import StratifiedGroupKFold

    strata = [f"{p.source}:{p.label}" for p in real]
    groups = [p.group for p in real]
    splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
    return [test for _, test in splitter.split(np.zeros(len(real)), strata, groups)]


def cross_validated_logits(
    real: Sequence[LabelledPair],
    embedder: SpanEmbedder,
    config: dict[str, Any],
    folds: int,
) -> tuple[np.ndarray, np.ndarray | None, PairBatch]:
    """Out-of-fold logits of the linear model and the perceptron for every real pair, and
    the real pairs' batch; each fold trains on its real pairs plus synthetic pairs made
    from them alone."""
    n = len(real)
    tests = grouped_folds(real, folds, config["seed"])
    synthetic = []
    for test in tests:
        held = set(test.tolist())
        synthetic.append(_synthetic_for([p for k, p in enumerate(real) if k not in held], config))
    # Every distinct synthetic pair is featurised once, with the real ones.
    extra = list(dict.fromkeys(s for fold in synthetic for s in fold))
    position = {s: n + k for k, s in enumerate(extra)}
    everything = [*real, *extra]
    batch = pair_batch([(p.a, p.b) for p in everything], embedder)
    y, sources, weights = _targets(everything, config)

    linear = np.zeros((n, len(CLASSES)))
    perceptron = np.zeros((n, len(CLASSES))) if config["mlp_hidden"] else None
    for test, made in zip(tests, synthetic, strict=True):
        train = np.setdiff1d(np.arange(n), test)
        fit_idx = np.concatenate([train, [position[s] for s in made]]).astype(int)
        model = _fit(
            _subset(batch, fit_idx), y[fit_idx], sources[fit_idx], weights[fit_idx], config
        )
        held_out = _subset(batch, test)
        linear[test] = model.linear_logits(held_out)
        if perceptron is not None:
            perceptron[test] = model.perceptron_logits(held_out)
    return linear, perceptron, _subset(batch, np.arange(n))


def _targets(
    pairs: Sequence[LabelledPair], config: dict[str, Any]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Classes, sources and base weights (synthetic pairs weigh `synthetic_weight`)."""
    y = np.array([p.label for p in pairs])
    sources = np.array([p.source for p in pairs])
    weights = np.array([config["synthetic_weight"] if p.synthetic else 1.0 for p in pairs])
    return y, sources, weights


def _macro_f1(confusion: np.ndarray) -> np.ndarray:
    """Macro-F1 of one confusion matrix, or of a stack of them (rows = gold)."""
    tp = np.diagonal(confusion, axis1=-2, axis2=-1)
    denominator = confusion.sum(axis=-1) + confusion.sum(axis=-2)
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp, dtype=float), where=denominator > 0)
    return f1.mean(axis=-1)


def grouped_bootstrap(
    gold: Sequence[str],
    predicted: Sequence[str],
    groups: Sequence[str],
    *,
    rounds: int = BOOTSTRAP_ROUNDS,
    seed: int = 0,
) -> tuple[float, float]:
    """95% interval of macro-F1, resampling whole claims: the pairs of one claim are
    not independent evidence."""
    index = {c: k for k, c in enumerate(CLASSES)}
    cells = np.array(
        [index[g] * len(CLASSES) + index[p] for g, p in zip(gold, predicted, strict=True)]
    )
    names, group_of = np.unique(np.asarray(groups), return_inverse=True)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(names), size=(rounds, len(names)))
    scores = np.empty(rounds)
    for r in range(rounds):
        times = np.bincount(draws[r], minlength=len(names))[group_of]
        confusion = np.bincount(cells, weights=times, minlength=len(CLASSES) ** 2)
        scores[r] = _macro_f1(confusion.reshape(len(CLASSES), len(CLASSES)))
    low, high = np.percentile(scores, [2.5, 97.5])
    return float(low), float(high)


def conflict_precision(
    probabilities: np.ndarray, gold: Sequence[str], reads: np.ndarray
) -> list[ThresholdRow]:
    """Precision of the model's 'conflict' at each CONFLICT_THRESHOLDS, as
    rules._learned_conflict uses it: a pair the model reads, its conflict probability at
    the threshold and above its agree probability."""
    p_agree, p_conflict = probabilities[:, 0], probabilities[:, 1]
    right = np.asarray(gold) == "conflict"
    rows = []
    for threshold in CONFLICT_THRESHOLDS:
        flagged = reads & (p_conflict >= np.maximum(threshold, p_agree))
        count = int(flagged.sum())
        rows.append(ThresholdRow(threshold, count, float(right[flagged].mean()) if count else None))
    return rows


def _scores(
    pairs: Sequence[LabelledPair], probabilities: np.ndarray, alignments: Sequence[Alignment]
) -> tuple[dict[str, Any], dict[str, list[ThresholdRow]]]:
    """Per data set: ANS-style scores with the grouped interval; conflict precision per
    data set, pooled, and pooled by the floor `rules.conflict_floor` gives the pair (the
    pairs each of rules' two thresholds applies to)."""
    reads = np.array([model_reads(True, alignment) for alignment in alignments])
    floors = np.array([conflict_floor(alignment) for alignment in alignments])
    predicted = np.array([CLASSES[k] for k in probabilities.argmax(axis=1)])
    cv: dict[str, Any] = {}
    precision: dict[str, list[ThresholdRow]] = {}
    sources = np.array([p.source for p in pairs])
    gold = np.array([p.label for p in pairs])
    groups = np.array([p.group for p in pairs])
    for source in dict.fromkeys(sources.tolist()):
        mine = sources == source
        scores = score_labels(
            [_TO_ANS[c] for c in gold[mine]], [_TO_ANS[c] for c in predicted[mine]]
        )
        scores["macro_f1_95"] = list(grouped_bootstrap(gold[mine], predicted[mine], groups[mine]))
        scores["log_loss"] = _log_loss(probabilities[mine], gold[mine])
        cv[source] = scores
        precision[source] = conflict_precision(probabilities[mine], gold[mine], reads[mine])
    precision["pooled"] = conflict_precision(probabilities, gold, reads)
    for floor in sorted(set(floors.tolist())):
        precision[f"floor {floor}"] = conflict_precision(
            probabilities, gold, reads & (floors == floor)
        )
    return cv, precision


def load_training_pairs(ans_dir: Path, emergent_dir: Path | None) -> list[LabelledPair]:
    """ANS train, and Emergent train when a folder is named."""
    pairs = ans_training_pairs(load_ans(ans_dir, "train"))
    if emergent_dir is not None:
        pairs += emergent_training_pairs(load_emergent(emergent_dir))
    return pairs


def train_relation_model(
    data_dir: Path,
    *,
    out: Path,
    emergent_dir: Path | None = None,
    embedder: SpanEmbedder | None = None,
    folds: int = 5,
    **overrides: Any,
) -> TrainingReport:
    """Cross-validate (grouped by claim) on ANS train and Emergent train, fit on all of
    them, write the artefact to `out` and score it once on ANS dev if `data_dir` has it.

    `out` is named by the caller: the installed package's artefact is never a default.
    `overrides` replace entries of DEFAULT_CONFIG.
    """
    config = {**DEFAULT_CONFIG, **overrides}
    embedder = embedder or make_embedder("use-m3")
    real = load_training_pairs(data_dir, emergent_dir)
    linear, perceptron, batch = cross_validated_logits(real, embedder, config, folds)
    gold = np.array([p.label for p in real])
    temperatures, mix = _calibrate(linear, perceptron, gold)
    probabilities = mix_probabilities(linear, perceptron, temperatures, mix)
    cv, precision = _scores(real, probabilities, batch.alignments)

    synthetic = _synthetic_for(real, config)
    everything = [*real, *synthetic]
    y, sources, weights = _targets(everything, config)
    full = _join(batch, pair_batch([(p.a, p.b) for p in synthetic], embedder))
    final = _fit(full, y, sources, weights, config)
    meta = {
        **config,
        "version": MODEL_VERSION,
        "embedder": embedder.model_id,
        "evidence_names": list(EVIDENCE_NAMES),
        "hash_dim": HASH_DIM,
        "classes": list(CLASSES),
        "n_train": {s: int((sources[: len(real)] == s).sum()) for s in cv},
        "n_synthetic": len(synthetic),
        "cv_folds": folds,
        "cv_grouped_by": "claim",
        "cv_macro_f1": {s: round(scores["macro_f1"], 4) for s, scores in cv.items()},
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
    dev = None
    if (Path(data_dir) / "dev.csv").is_file():
        rows = load_ans(data_dir, "dev")
        dev_probabilities = model.predict_proba(pair_batch([(r.s1, r.s2) for r in rows], embedder))
        dev = score_labels(
            [r.stance for r in rows],
            [_TO_ANS[CLASSES[k]] for k in dev_probabilities.argmax(axis=1)],
        )
    return TrainingReport(
        path=out,
        cv=cv,
        n_train=len(real),
        n_synthetic=len(synthetic),
        conflict_precision=precision,
        dev=dev,
    )
