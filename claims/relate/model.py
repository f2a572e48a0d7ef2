"""The learned layer: a multinomial logistic regression over pair features, as a portable artefact.

Weights live in one `.npz` (arrays plus a JSON config with the version, the embedder
it was trained with and the training settings), so loading needs numpy only.
`train_relation_model` rebuilds it from the ANS corpus in one call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from claims.embed import Embedder
from claims.relate.features import EVIDENCE_NAMES, HASH_DIM, diff_word_buckets, evidence_features
from claims.relate.lexicon import load_lexicon
from claims.relate.words import Alignment, align

MODEL_VERSION = "relation-lr-2026.11.1"
# Model classes; ANS 'disagree' is our 'conflict', 'other' is later split into
# related/unrelated by the scorer.
CLASSES: tuple[str, ...] = ("agree", "conflict", "other")
ANS_TO_CLASS = {"agree": "agree", "disagree": "conflict", "other": "other"}
DEFAULT_ARTEFACT = "relation_model.npz"
# Block weights, chosen by 5-fold cross-validation on ANS train (see train_relation_model):
# hashed diff words count half, the diff-span embedding geometry three times.
DEFAULT_CONFIG: dict[str, Any] = {
    "C": 0.5,
    "hash_weight": 0.5,
    "diff_embedding_weight": 3.0,
    "embedding_weight": 1.0,
    "synthetic_per_kind": 150,
    "synthetic_weight": 0.5,
    "seed": 0,
}


@dataclass(slots=True)
class PairBatch:
    """Everything the model reads about a batch of pairs, computed once and reused."""

    alignments: list[Alignment]
    evidence: np.ndarray
    buckets: list[list[int]]
    embedding: np.ndarray
    diff_embedding: np.ndarray

    @property
    def cosine(self) -> np.ndarray:
        return self.evidence[:, EVIDENCE_NAMES.index("cosine")]


def _geometry(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.hstack([np.abs(u - v), u * v]).astype(np.float32)


def pair_batch(pairs: list[tuple[str, str]], embedder: Embedder) -> PairBatch:
    """Align, embed (whole texts and the words only one side has) and featurise, in one pass."""
    lexicon = load_lexicon()
    alignments = [align(a, b) for a, b in pairs]
    diff_a = [" ".join(al.words_a[i] for i in al.only_a) or "-" for al in alignments]
    diff_b = [" ".join(al.words_b[j] for j in al.only_b) or "-" for al in alignments]
    texts = [a for a, _ in pairs] + [b for _, b in pairs] + diff_a + diff_b
    # Each distinct text is embedded once: a claim recurs across its pairs, and across
    # languages nothing aligns, so a pair's diff spans are its whole texts.
    row = {text: k for k, text in enumerate(dict.fromkeys(texts))}
    vectors = embedder.encode(list(row))[[row[text] for text in texts]]
    n = len(pairs)
    u, v, du, dv = (vectors[k * n : (k + 1) * n] for k in range(4))
    cosine = np.einsum("ij,ij->i", u, v)
    diff_cosine = np.einsum("ij,ij->i", du, dv)
    evidence = (
        np.stack(
            [
                evidence_features(al, lexicon, float(c), float(d))
                for al, c, d in zip(alignments, cosine, diff_cosine, strict=True)
            ]
        )
        if n
        else np.zeros((0, len(EVIDENCE_NAMES)), dtype=np.float32)
    )
    return PairBatch(
        alignments=alignments,
        evidence=evidence,
        buckets=[diff_word_buckets(al) for al in alignments],
        embedding=_geometry(u, v),
        diff_embedding=_geometry(du, dv),
    )


def design_matrix(batch: PairBatch, mean: np.ndarray, scale: np.ndarray, config: dict) -> Any:
    """Sparse [scaled evidence | hashed diff words | diff-span geometry | text geometry].

    The same layout `RelationModel.logits` reads back block by block.
    """
    import scipy.sparse as sp

    n = len(batch.buckets)
    rows = [i for i, b in enumerate(batch.buckets) for _ in b]
    cols = [c for b in batch.buckets for c in b]
    hashed = sp.csr_matrix(
        (np.full(len(cols), config["hash_weight"], dtype=np.float32), (rows, cols)),
        shape=(n, HASH_DIM),
    )
    blocks = [
        sp.csr_matrix((batch.evidence - mean) / scale),
        hashed,
        sp.csr_matrix(config["diff_embedding_weight"] * batch.diff_embedding),
        sp.csr_matrix(config["embedding_weight"] * batch.embedding),
    ]
    return sp.hstack(blocks).tocsr()


@dataclass(frozen=True, slots=True)
class RelationModel:
    """Logistic-regression weights over the design of `_design`, with a softmax temperature."""

    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    temperature: float
    config: dict[str, Any]

    def logits(self, batch: PairBatch) -> np.ndarray:
        n_ev = len(self.mean)
        dense = (batch.evidence - self.mean) / self.scale
        out = dense @ self.coef[:, :n_ev].T + self.intercept
        hashed = self.coef[:, n_ev : n_ev + HASH_DIM]
        for i, buckets in enumerate(batch.buckets):
            if buckets:
                out[i] += self.config["hash_weight"] * hashed[:, buckets].sum(axis=1)
        tail = self.coef[:, n_ev + HASH_DIM :]
        geometry = np.hstack(
            [
                self.config["diff_embedding_weight"] * batch.diff_embedding,
                self.config["embedding_weight"] * batch.embedding,
            ]
        )
        return out + geometry @ tail.T

    def predict_proba(self, batch: PairBatch) -> np.ndarray:
        """Calibrated class probabilities in CLASSES order."""
        z = self.logits(batch) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            temperature=np.float32(self.temperature),
            config=np.array(json.dumps(self.config, ensure_ascii=False, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> RelationModel:
        """The packaged artefact by default; refuses one built for another feature layout."""
        source = path or resources.files("claims.data.relation").joinpath(DEFAULT_ARTEFACT)
        with source.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            config = json.loads(str(data["config"]))
            if config.get("evidence_names") != list(EVIDENCE_NAMES):
                raise ValueError(f"relation artefact {source} was built for other features")
            return cls(
                coef=data["coef"],
                intercept=data["intercept"],
                mean=data["mean"],
                scale=data["scale"],
                temperature=float(data["temperature"]),
                config=config,
            )
