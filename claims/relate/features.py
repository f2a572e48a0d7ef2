"""Pair features for the relation model: word-alignment evidence plus embedding geometry.

Every evidence feature is language-agnostic (counts, ratios, lexicon poles, cosines),
so a model trained on Arabic titles applies to English and French pairs and to
mixed-language pairs; hashed features of the unshared words add what the lexicons
miss, per language.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from claims.relate.lexicon import Lexicon, opposite
from claims.relate.words import Alignment, is_number

# Cosines between the texts (a, b) and the spans of words only one side has (da, db),
# computed from the embeddings in one vectorised step.
COSINE_NAMES: tuple[str, ...] = (
    "cosine",
    "cosine_sq",
    "diff_span_cosine",
    "cosine_a_db",
    "cosine_b_da",
    "cosine_a_da",
    "cosine_b_db",
)
ALIGNMENT_NAMES: tuple[str, ...] = (
    "jaccard",
    "coverage_a",
    "coverage_b",
    "only_a",
    "only_b",
    "log_len_a",
    "log_len_b",
    "antonym",
    "same_pole",
    "pole_only_one_side",
    "negation_flip",
    "negation_any",
    "denial_flip",
    "number_mismatch",
    "number_shared",
    "order_inversions",
    "role_swap",
    "diff_both_sides",
    "substitutions",
    "deletions",
    "insertions",
)
EVIDENCE_NAMES: tuple[str, ...] = COSINE_NAMES + ALIGNMENT_NAMES
# Hashed feature groups and their bucket counts; each group gets its own weight in the
# model config, and its own slice of the hashed block.
HASH_GROUPS: tuple[tuple[str, int], ...] = (
    ("words", 4096),
    ("chars", 16384),
    ("edits", 4096),
    ("lexicon", 1024),
)
HASH_DIM = sum(size for _, size in HASH_GROUPS)
# Character n-grams reach the forms the light stemmer leaves apart (صعود / يصعد) and
# names spelt two ways; 3- and 4-grams scored best in cross-validation on ANS train.
_CHAR_NGRAMS = (3, 4)


def _poles(stems: list[str], idx: list[int], lexicon: Lexicon) -> set[tuple[str, str]]:
    return {pole for i in idx for pole in lexicon.poles_of(stems[i])}


def in_vocabulary(stem: str, vocabulary: frozenset[str]) -> bool:
    """The stem is a listed word, or one glued to an Arabic conjunction (ولم, فلا)."""
    return stem in vocabulary or (stem[:1] in "وف" and stem[1:] in vocabulary)


def _count(stems: list[str], vocabulary: frozenset[str]) -> int:
    return sum(in_vocabulary(s, vocabulary) for s in stems)


def _inversions(matches: list[tuple[int, int]]) -> float:
    """Share of matched word pairs whose order differs: a role swap moves words around a verb."""
    n = len(matches)
    if n < 2:
        return 0.0
    order_b = [j for _, j in sorted(matches)]
    swapped = sum(order_b[x] > order_b[y] for x in range(n) for y in range(x + 1, n))
    return swapped / (n * (n - 1) / 2)


def cosine_features(u: np.ndarray, v: np.ndarray, du: np.ndarray, dv: np.ndarray) -> np.ndarray:
    """COSINE_NAMES for a batch, from the L2-normalised rows of texts and diff spans."""
    cos = lambda x, y: np.einsum("ij,ij->i", x, y)  # noqa: E731
    cosine = cos(u, v)
    return np.stack(
        [cosine, cosine * cosine, cos(du, dv), cos(u, dv), cos(v, du), cos(u, du), cos(v, dv)],
        axis=1,
    ).astype(np.float32)


def alignment_features(alignment: Alignment, lexicon: Lexicon) -> np.ndarray:
    """ALIGNMENT_NAMES for one aligned pair."""
    len_a, len_b = max(len(alignment.words_a), 1), max(len(alignment.words_b), 1)
    only_a, only_b = alignment.only_a, alignment.only_b
    shared = len(alignment.matches)
    poles_a = _poles(alignment.stems_a, only_a, lexicon)
    poles_b = _poles(alignment.stems_b, only_b, lexicon)
    antonym = sum(opposite(p) in poles_b for p in poles_a)
    same_pole = len(poles_a & poles_b)
    concepts_a = {c for c, _ in poles_a}
    concepts_b = {c for c, _ in poles_b}
    neg_a = _count(alignment.stems_a, lexicon.negators)
    neg_b = _count(alignment.stems_b, lexicon.negators)
    den_a = _count(alignment.stems_a, lexicon.deniers)
    den_b = _count(alignment.stems_b, lexicon.deniers)
    nums_a = {w for w in alignment.words_a if is_number(w)}
    nums_b = {w for w in alignment.words_b if is_number(w)}
    spans = alignment.edit_spans
    return np.array(
        [
            shared / (len_a + len_b - shared),
            shared / len_a,
            shared / len_b,
            len(only_a),
            len(only_b),
            np.log1p(len_a),
            np.log1p(len_b),
            antonym,
            same_pole,
            len(concepts_a ^ concepts_b),
            float(neg_a % 2 != neg_b % 2),
            float(neg_a + neg_b > 0),
            float((den_a > 0) != (den_b > 0)),
            float(bool(nums_a - nums_b) and bool(nums_b - nums_a)),
            len(nums_a & nums_b),
            _inversions(alignment.matches),
            min(len(alignment.role_swaps), 3),
            float(bool(only_a) and bool(only_b)),
            sum(bool(span_a) and bool(span_b) for span_a, span_b in spans),
            sum(bool(span_a) and not span_b for span_a, span_b in spans),
            sum(bool(span_b) and not span_a for span_a, span_b in spans),
        ],
        dtype=np.float32,
    )


def _bucket(feature: str, size: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % size


def _word_buckets(only_a: list[str], only_b: list[str], size: int) -> set[int]:
    """Words only one side has, and cross pairs of them.

    Cross pairs let the model learn antonyms the lexicon lacks (ارتفاع×انخفاض) from data.
    """
    features = [f"a:{s}" for s in only_a] + [f"b:{s}" for s in only_b]
    features += [f"d:{s}" for s in only_a + only_b]
    buckets = {_bucket(f, size) for f in features}
    # A cross pair is "x:<lower>|<higher>"; its CRC extends the running CRC of
    # "x:<lower>|", so the n*m pair strings are never built.
    prefix = {s: zlib.crc32(f"x:{s}|".encode()) for s in {*only_a, *only_b}}
    encoded = {s: s.encode() for s in prefix}
    for x in only_a:
        for y in only_b:
            low, high = (x, y) if x <= y else (y, x)
            buckets.add(zlib.crc32(encoded[high], prefix[low]) % size)
    return buckets


@lru_cache(maxsize=65536)
def _char_buckets(side: str, stem: str, size: int) -> frozenset[int]:
    """Character 3- and 4-grams of one unshared stem; cached, as stems recur across pairs."""
    padded = f"<{stem}>"
    return frozenset(
        _bucket(f"{side}{n}:{padded[k : k + n]}", size)
        for n in _CHAR_NGRAMS
        for k in range(len(padded) - n + 1)
    )


def _all_char_buckets(only_a: list[str], only_b: list[str], size: int) -> set[int]:
    return {
        bucket
        for side, stems in (("a", only_a), ("b", only_b))
        for stem in stems
        for bucket in _char_buckets(side, stem, size)
    }


def _edit_features(alignment: Alignment) -> list[str]:
    """Substituted word pairs in place (سوريا|اليمن), and words inserted or deleted."""
    features = []
    for span_a, span_b in alignment.edit_spans:
        words_a = [alignment.stems_a[i] for i in span_a]
        words_b = [alignment.stems_b[j] for j in span_b]
        if words_a and words_b:
            features += ["s:" + "|".join(sorted((x, y))) for x in words_a for y in words_b]
            features += [f"sa:{x}" for x in words_a] + [f"sb:{y}" for y in words_b]
        else:
            features += [f"del:{x}" for x in words_a] + [f"ins:{y}" for y in words_b]
    return features


def _lexicon_features(alignment: Alignment, lexicon: Lexicon) -> list[str]:
    """Which lexicon poles, antonym concepts and negators the unshared words carry, per side."""
    poles_a = _poles(alignment.stems_a, alignment.only_a, lexicon)
    poles_b = _poles(alignment.stems_b, alignment.only_b, lexicon)
    features = [f"pa:{c}{p}" for c, p in poles_a] + [f"pb:{c}{p}" for c, p in poles_b]
    features += [f"ant:{c}" for c, p in poles_a if opposite((c, p)) in poles_b]
    for side, stems, idx in (
        ("a", alignment.stems_a, alignment.only_a),
        ("b", alignment.stems_b, alignment.only_b),
    ):
        for i in idx:
            for kind, vocabulary in (("neg", lexicon.negators), ("den", lexicon.deniers)):
                if in_vocabulary(stems[i], vocabulary):
                    features.append(f"{kind}{side}:{stems[i]}")
    return features


def hashed_features(alignment: Alignment, lexicon: Lexicon) -> list[int]:
    """Sorted bucket ids over all HASH_GROUPS, each group in its own slice of HASH_DIM."""
    only_a = [alignment.stems_a[i] for i in alignment.only_a]
    only_b = [alignment.stems_b[j] for j in alignment.only_b]
    groups: dict[str, Callable[[int], set[int]]] = {
        "words": lambda size: _word_buckets(only_a, only_b, size),
        "chars": lambda size: _all_char_buckets(only_a, only_b, size),
        "edits": lambda size: {_bucket(f, size) for f in _edit_features(alignment)},
        "lexicon": lambda size: {_bucket(f, size) for f in _lexicon_features(alignment, lexicon)},
    }
    buckets: set[int] = set()
    offset = 0
    for name, size in HASH_GROUPS:
        buckets.update(offset + b for b in groups[name](size))
        offset += size
    return sorted(buckets)


def hash_group_scale(weights: dict[str, float]) -> np.ndarray:
    """Per-bucket weight of the hashed block, from one weight per group."""
    return np.concatenate(
        [np.full(size, weights[name], dtype=np.float32) for name, size in HASH_GROUPS]
    )
