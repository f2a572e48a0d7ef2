"""The learned layer: a logistic regression and a one-hidden-layer perceptron over pair
features, mixed in probability space, as a portable artefact.

Weights live in one `.npz` (arrays plus a JSON config with the version, the embedder
it was trained with and the training settings), so loading needs numpy only.
`train_relation_model` rebuilds it from ANS and Emergent in one call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from claims.blas import blas_threads
from claims.embed import SpanEmbedder
from claims.relate.features import (
    ALIGNMENT_NAMES,
    EVIDENCE_NAMES,
    HASH_DIM,
    alignment_features,
    cosine_features,
    hash_group_scale,
    hashed_features,
)
from claims.relate.lexicon import load_lexicon
from claims.relate.words import Alignment, align, word_segments

MODEL_VERSION = "relation-lr-mlp-2026.12.1"
# Model classes; ANS 'disagree' is our 'conflict', 'other' is later split into
# related/unrelated by the scorer.
CLASSES: tuple[str, ...] = ("agree", "conflict", "other")
ANS_TO_CLASS = {"agree": "agree", "disagree": "conflict", "other": "other"}
DEFAULT_ARTEFACT = "relation_model.npz"
# Chosen by 5-fold cross-validation on ANS train (macro-F1 and log-loss, see
# train_relation_model). In the linear model a block's weight loosens the prior on its
# coefficients: the diff-span vectors carry most of the agree/conflict signal and count
# most. The perceptron adds the interactions. Since diff spans are pooled from their
# texts (2026.11.3), CV macro-F1 / log-loss, first by (diff_geometry, diff, geometry)
# with C 0.5 and 64 units: (1.5, 1, 1) 0.762 / 0.419, (3, 2, 1) 0.773 / 0.421,
# (3, 2, 2) 0.775 / 0.420, (4, 2.5, 1.5) 0.778 / 0.423, (5, 3, 1) 0.781 / 0.429; then at
# (4, 2.5, 1.5): C 1.0 0.773 / 0.424, C 0.25 0.786 / 0.421, 128 units 0.785 / 0.419,
# C 0.25 with 128 units 0.789 / 0.418.
# Since 2026.11.5 the model also learns from Emergent train (English claim/headline); its
# classes are balanced within their own source, then the source weighs `source_weights`
# (see train._balanced and docs/model_card.md for how the weight was chosen).
DEFAULT_CONFIG: dict[str, Any] = {
    "C": 0.25,
    "hash_weights": {"words": 0.5, "chars": 0.6, "edits": 0.5, "lexicon": 0.5},
    "embedding_weights": {"diff_geometry": 4.0, "diff": 2.5, "geometry": 1.5, "text": 1.0},
    "mlp_hidden": 128,
    "mlp_alpha": 0.01,
    "synthetic_per_kind": 150,
    "synthetic_weight": 0.5,
    "source_weights": {"ans": 1.0, "emergent": 0.5},
    "seed": 0,
}


@dataclass(slots=True)
class PairBatch:
    """Everything the model reads about a batch of pairs, computed once and reused.

    `embedding` is [|u-v|, u*v, u, v] for the two texts and `diff_embedding` the same
    for the spans of words only one side has: the symmetric part says how close the
    sides are, the raw part what kind of words were changed (a negator, a place).
    """

    alignments: list[Alignment]
    evidence: np.ndarray
    buckets: list[list[int]]
    embedding: np.ndarray
    diff_embedding: np.ndarray

    @property
    def cosine(self) -> np.ndarray:
        return self.evidence[:, EVIDENCE_NAMES.index("cosine")]


def _geometry(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.hstack([np.abs(u - v), u * v, u, v]).astype(np.float32)


def pair_batch(pairs: list[tuple[str, str]], embedder: SpanEmbedder) -> PairBatch:
    """Align, embed (whole texts and the words only one side has) and featurise, in one pass.

    A side's diff span is pooled from its own text's tokens (`claims.use_m3`), so it
    costs no encoding of its own; a span with no words is the zero vector.
    """
    lexicon = load_lexicon()
    alignments = [align(a, b) for a, b in pairs]
    # Each distinct text is encoded once: a claim recurs across its pairs.
    row = {text: k for k, text in enumerate(dict.fromkeys(t for pair in pairs for t in pair))}
    spans = [
        (row[text], {segments[w] for w in only})
        for (a, b), al in zip(pairs, alignments, strict=True)
        for text, segments, only in (
            (a, word_segments(a), al.only_a),
            (b, word_segments(b), al.only_b),
        )
    ]
    vectors, span_vectors = embedder.encode_with_spans(list(row), spans)
    u = vectors[[row[a] for a, _ in pairs]]
    v = vectors[[row[b] for _, b in pairs]]
    du, dv = span_vectors[0::2], span_vectors[1::2]
    n = len(pairs)
    per_pair = [alignment_features(al, lexicon) for al in alignments]
    evidence = np.hstack(
        [
            cosine_features(u, v, du, dv),
            np.stack(per_pair) if n else np.zeros((0, len(ALIGNMENT_NAMES)), np.float32),
        ]
    )
    return PairBatch(
        alignments=alignments,
        evidence=evidence,
        buckets=[hashed_features(al, lexicon) for al in alignments],
        embedding=_geometry(u, v),
        diff_embedding=_geometry(du, dv),
    )


def _embedding_scale(config: dict[str, Any], width: int) -> np.ndarray:
    """Column weights of [diff_embedding | embedding], each four equal parts wide."""
    w = config["embedding_weights"]
    parts = [w["diff_geometry"]] * 2 + [w["diff"]] * 2 + [w["geometry"]] * 2 + [w["text"]] * 2
    return np.repeat(np.array(parts, dtype=np.float32), width // 4)


def _bucket_coordinates(batch: PairBatch) -> tuple[np.ndarray, np.ndarray]:
    rows = np.repeat(np.arange(len(batch.buckets)), [len(b) for b in batch.buckets])
    cols = np.fromiter((c for b in batch.buckets for c in b), dtype=np.int64, count=len(rows))
    return rows, cols


def design_matrix(batch: PairBatch, mean: np.ndarray, scale: np.ndarray, config: dict) -> Any:
    """Sparse [scaled evidence | weighted hashed features | weighted embedding blocks].

    The same layout `RelationModel.linear_logits` reads back block by block.
    """
    import scipy.sparse as sp

    rows, cols = _bucket_coordinates(batch)
    weights = hash_group_scale(config["hash_weights"])
    hashed = sp.csr_matrix((weights[cols], (rows, cols)), shape=(len(batch.buckets), HASH_DIM))
    dense = np.hstack([batch.diff_embedding, batch.embedding])
    blocks = [
        sp.csr_matrix((batch.evidence - mean) / scale),
        hashed,
        sp.csr_matrix(dense * _embedding_scale(config, batch.embedding.shape[1])),
    ]
    return sp.hstack(blocks).tocsr()


def perceptron_inputs(batch: PairBatch, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Dense [scaled evidence | diff_embedding | embedding]: the perceptron's view."""
    evidence = ((batch.evidence - mean) / scale).astype(np.float32)
    return np.hstack([evidence, batch.diff_embedding, batch.embedding])


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def mix_probabilities(
    linear: np.ndarray, perceptron: np.ndarray | None, temperatures: np.ndarray, mix: float
) -> np.ndarray:
    """Each member's tempered softmax, averaged with weight `mix` on the perceptron."""
    p = softmax(linear / temperatures[0])
    if perceptron is None or mix == 0:
        return p
    return (1 - mix) * p + mix * softmax(perceptron / temperatures[1])


@dataclass(frozen=True, slots=True)
class Perceptron:
    """One ReLU hidden layer: the nonlinear interactions of evidence and embeddings
    that the linear model cannot express."""

    hidden: np.ndarray
    hidden_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray

    def logits(self, inputs: np.ndarray) -> np.ndarray:
        activation = np.maximum(inputs @ self.hidden + self.hidden_bias, 0.0)
        return activation @ self.output + self.output_bias


@dataclass(frozen=True)
class RelationModel:
    """Linear weights over `design_matrix`, an optional perceptron over `perceptron_inputs`,
    a softmax temperature for each and the weight of the perceptron in the mix."""

    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    perceptron: Perceptron | None
    temperatures: np.ndarray
    mix: float
    config: dict[str, Any]

    @cached_property
    def _weighted_coef(self) -> tuple[np.ndarray, np.ndarray]:
        """The hashed and embedding coefficients times their block weights, as
        `design_matrix` scaled the inputs: computed once, read by every batch."""
        n_ev = len(self.mean)
        hashed = self.coef[:, n_ev : n_ev + HASH_DIM] * hash_group_scale(
            self.config["hash_weights"]
        )
        tail = self.coef[:, n_ev + HASH_DIM :]
        return hashed, tail * _embedding_scale(self.config, tail.shape[1] // 2)

    def linear_logits(self, batch: PairBatch) -> np.ndarray:
        n_ev = len(self.mean)
        out = ((batch.evidence - self.mean) / self.scale) @ self.coef[:, :n_ev].T + self.intercept
        hashed, tail = self._weighted_coef
        rows, cols = _bucket_coordinates(batch)
        np.add.at(out, rows, hashed[:, cols].T)
        dense = np.hstack([batch.diff_embedding, batch.embedding])
        return out + dense @ tail.T

    def perceptron_logits(self, batch: PairBatch) -> np.ndarray | None:
        if self.perceptron is None:
            return None
        return self.perceptron.logits(perceptron_inputs(batch, self.mean, self.scale))

    def predict_proba(self, batch: PairBatch) -> np.ndarray:
        """Calibrated class probabilities in CLASSES order (one BLAS thread: the products
        are small, 1 GFLOP for 2,000 pairs)."""
        with blas_threads(1):
            linear, perceptron = self.linear_logits(batch), self.perceptron_logits(batch)
        return mix_probabilities(linear, perceptron, self.temperatures, self.mix)

    def save(self, path: Path) -> None:
        layers = {}
        if self.perceptron is not None:
            # float16 halves the artefact; its rounding moves a logit by about 1e-3.
            layers = {
                "hidden": self.perceptron.hidden.astype(np.float16),
                "hidden_bias": self.perceptron.hidden_bias.astype(np.float32),
                "output": self.perceptron.output.astype(np.float32),
                "output_bias": self.perceptron.output_bias.astype(np.float32),
            }
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            temperatures=self.temperatures.astype(np.float32),
            mix=np.float32(self.mix),
            config=np.array(json.dumps(self.config, ensure_ascii=False, sort_keys=True)),
            **layers,
        )

    @classmethod
    def load(cls, path: Path | None = None) -> RelationModel:
        """The packaged artefact by default; refuses one built for another feature layout."""
        source = path or resources.files("claims.data.relation").joinpath(DEFAULT_ARTEFACT)
        with source.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            config = json.loads(str(data["config"]))
            if config.get("evidence_names") != list(EVIDENCE_NAMES) or (
                config.get("hash_dim") != HASH_DIM
            ):
                raise ValueError(f"relation artefact {source} was built for other features")
            perceptron = None
            if "hidden" in data:
                perceptron = Perceptron(
                    hidden=data["hidden"].astype(np.float32),
                    hidden_bias=data["hidden_bias"],
                    output=data["output"],
                    output_bias=data["output_bias"],
                )
            return cls(
                coef=data["coef"],
                intercept=data["intercept"],
                mean=data["mean"],
                scale=data["scale"],
                perceptron=perceptron,
                temperatures=data["temperatures"],
                mix=float(data["mix"]),
                config=config,
            )
