"""Pair features for the relation model: word-alignment evidence plus embedding geometry.

Every feature is language-agnostic (counts, ratios, lexicon poles), so a model trained
on Arabic titles applies to English and French pairs and to mixed-language pairs;
hashed diff-word features add what the lexicons miss, per language.
"""

from __future__ import annotations

import zlib

import numpy as np

from claims.relate.lexicon import Lexicon
from claims.relate.words import Alignment, is_number

EVIDENCE_NAMES: tuple[str, ...] = (
    "cosine",
    "cosine_sq",
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
    "diff_span_cosine",
    "diff_both_sides",
)
HASH_DIM = 4096


def _poles(stems: list[str], idx: list[int], lexicon: Lexicon) -> set[tuple[str, str]]:
    return {pole for i in idx for pole in lexicon.poles_of(stems[i])}


def _count(stems: list[str], vocabulary: frozenset[str]) -> int:
    # Arabic negators also come glued to a conjunction (ولم, فلا).
    return sum(s in vocabulary or (s[:1] in "وف" and s[1:] in vocabulary) for s in stems)


def _inversions(matches: list[tuple[int, int]]) -> float:
    """Share of matched word pairs whose order differs: a role swap moves words around a verb."""
    n = len(matches)
    if n < 2:
        return 0.0
    order_b = [j for _, j in sorted(matches)]
    swapped = sum(order_b[x] > order_b[y] for x in range(n) for y in range(x + 1, n))
    return swapped / (n * (n - 1) / 2)


def _role_swaps(matches: list[tuple[int, int]]) -> int:
    """Matched triples x-v-y in A that read y-v-x in B: subject and object traded places.

    A paraphrase that only fronts the verb (VSO to SVO) moves one word, never both ends.
    """
    order = sorted(matches)
    n = len(order)
    return sum(
        order[x][1] > order[v][1] > order[y][1]
        for x in range(n)
        for v in range(x + 1, n)
        for y in range(v + 1, n)
    )


def opposite_poles(alignment: Alignment, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    """(concept, word in A, word in B) for each unshared pair of words on opposite poles."""
    found = []
    for i in alignment.only_a:
        for j in alignment.only_b:
            for concept, pole in lexicon.poles_of(alignment.stems_a[i]):
                if (concept, "-" if pole == "+" else "+") in lexicon.poles_of(alignment.stems_b[j]):
                    found.append((concept, alignment.words_a[i], alignment.words_b[j]))
    return found


def evidence_features(
    alignment: Alignment, lexicon: Lexicon, cosine: float, diff_cosine: float
) -> np.ndarray:
    """The named evidence vector (see EVIDENCE_NAMES) for one aligned pair."""
    len_a, len_b = max(len(alignment.words_a), 1), max(len(alignment.words_b), 1)
    only_a, only_b = alignment.only_a, alignment.only_b
    shared = len(alignment.matches)
    poles_a = _poles(alignment.stems_a, only_a, lexicon)
    poles_b = _poles(alignment.stems_b, only_b, lexicon)
    flip = lambda p: (p[0], "-" if p[1] == "+" else "+")  # noqa: E731
    antonym = sum(flip(p) in poles_b for p in poles_a)
    same_pole = len(poles_a & poles_b)
    concepts_a = {c for c, _ in poles_a}
    concepts_b = {c for c, _ in poles_b}
    neg_a = _count(alignment.stems_a, lexicon.negators)
    neg_b = _count(alignment.stems_b, lexicon.negators)
    den_a = _count(alignment.stems_a, lexicon.deniers)
    den_b = _count(alignment.stems_b, lexicon.deniers)
    nums_a = {w for w in alignment.words_a if is_number(w)}
    nums_b = {w for w in alignment.words_b if is_number(w)}
    return np.array(
        [
            cosine,
            cosine * cosine,
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
            min(_role_swaps(alignment.matches), 3),
            diff_cosine,
            float(bool(only_a) and bool(only_b)),
        ],
        dtype=np.float32,
    )


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % HASH_DIM


def diff_word_buckets(alignment: Alignment) -> list[int]:
    """Hashed ids of the words only one side has, and of cross pairs of such words.

    Cross pairs let the model learn antonyms the lexicon lacks (ارتفاع×انخفاض) from data.
    """
    only_a = [alignment.stems_a[i] for i in alignment.only_a]
    only_b = [alignment.stems_b[j] for j in alignment.only_b]
    features = [f"a:{s}" for s in only_a] + [f"b:{s}" for s in only_b]
    features += [f"d:{s}" for s in only_a + only_b]
    buckets = {_bucket(f) for f in features}
    # A cross pair is "x:<lower>|<higher>"; its CRC extends the running CRC of
    # "x:<lower>|", so the n*m pair strings are never built.
    prefix = {s: zlib.crc32(f"x:{s}|".encode()) for s in {*only_a, *only_b}}
    encoded = {s: s.encode() for s in prefix}
    for x in only_a:
        for y in only_b:
            low, high = (x, y) if x <= y else (y, x)
            buckets.add(zlib.crc32(encoded[high], prefix[low]) % HASH_DIM)
    return sorted(buckets)
