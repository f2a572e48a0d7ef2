"""Word-level view of a claim: folded tokens with a light stem, and their alignment.

Two titles about one event mostly share words; what they do not share (an antonym,
a negator, another number or name) is where a conflict hides. Arabic words carry
clitics and inflection (يرتفع / ارتفاع / ارتفعت), so matching is on a light stem
plus a character-bigram fallback for the forms the stemmer misses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from claims.arabic import cased_tokens, is_arabic, strip_proclitics, tokens
from claims.slots.quantities import is_number_word
from claims.slots.surface import token_spans

# Pronoun, plural and feminine endings; longest first. Stripped once, only when a
# three-letter core remains, which keeps most roots intact.
_AR_SUFFIXES = ("هما", "ات", "ون", "ين", "ان", "ها", "هم", "نا", "وا", "ه", "ي", "ت", "ا")
# Imperfect-verb prefixes (ya-, ta-, na-) and the alef of derived masdars (iftiʿal, infiʿal).
_AR_PREFIXES = "يتنا"
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
# Function words (ar, en, fr): what links a word to its subject, and no subject itself.
FUNCTION_WORDS = frozenset(
    {"في", "من", "الي", "علي", "عن", "مع", "بين", "بعد", "قبل", "منذ", "رغم", "وسط", "امام", "عند",
     "تزامنا", "بالتزامن", "بسبب", "جراء", "اثر", "the", "a", "an", "of", "in", "on", "at",
     "to", "with", "as", "amid", "while", "after", "before", "despite", "for", "by", "from",
     "and", "le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "à", "au", "aux", "en",
     "avec", "alors", "que", "malgré", "après", "avant", "par", "pour", "et"}
)  # fmt: skip
_SOFT_MATCH = 0.6


@lru_cache(maxsize=65536)
def stem_word(word: str, *, clitics: bool = True) -> str:
    """Light stem of one word (folded first), so verb and noun forms of a root meet.

    `clitics=False` keeps a leading ب/ل/و/ف, which is sometimes the root's first
    letter (براءة): lexicons index both readings of each entry.
    """
    (token,) = tokens(word)[:1] or [""]
    if not is_arabic(token):
        if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
            return token[:-1]
        return token
    stem = strip_proclitics(token) if clitics else token
    for suffix in _AR_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    for _ in range(2):
        if len(stem) >= 4 and stem[0] in _AR_PREFIXES:
            stem = stem[1:]
        # Masdar long vowel before the last radical: رتفاع -> رتفع, نخفاض -> نخفض.
        if len(stem) >= 5 and stem[-2] == "ا":
            stem = stem[:-2] + stem[-1]
    return stem


@lru_cache(maxsize=8192)
def word_segments(text: str) -> tuple[int, ...]:
    """For each word of `tokens(text)`, the index of the whitespace segment holding it:
    the unit in which the embedder names a span of the text."""
    return tuple(k for k, segment in enumerate(text.split()) for _ in tokens(segment))


def is_number(word: str) -> bool:
    return bool(_NUMBER.match(word))


@dataclass(frozen=True)
class Alignment:
    """Folded words of both sides, their stems, and which word of A matches which of B.

    What is derived from the matches is computed once: features, explanations and the
    scorer each read it.
    """

    words_a: list[str]
    words_b: list[str]
    stems_a: list[str]
    stems_b: list[str]
    matches: list[tuple[int, int]]
    # The texts as written, for what folding loses (capitals); read only when asked.
    text_a: str = ""
    text_b: str = ""

    @cached_property
    def capitals_a(self) -> frozenset[int]:
        """Positions of A's words written with a capital (`capitalised`)."""
        return capitalised(self.text_a, len(self.words_a))

    @cached_property
    def capitals_b(self) -> frozenset[int]:
        return capitalised(self.text_b, len(self.words_b))

    @cached_property
    def only_a(self) -> list[int]:
        matched = {i for i, _ in self.matches}
        return [i for i in range(len(self.words_a)) if i not in matched]

    @cached_property
    def only_b(self) -> list[int]:
        matched = {j for _, j in self.matches}
        return [j for j in range(len(self.words_b)) if j not in matched]

    @cached_property
    def role_swaps(self) -> list[tuple[int, int, int]]:
        """Matched triples x-v-y of A (positions in A) that read y-v-x in B: subject and
        object traded places ("PSG beat Inter" / "Inter beat PSG").

        A paraphrase that only fronts the verb (VSO to SVO) moves one word, never both ends.
        """
        order = sorted(self.matches)
        n = len(order)
        return [
            (order[x][0], order[v][0], order[y][0])
            for x in range(n)
            for v in range(x + 1, n)
            for y in range(v + 1, n)
            if order[x][1] > order[v][1] > order[y][1]
        ]

    def written(self, side: int, indices: Sequence[int]) -> str:
        """Words of side 0 (A) or 1 (B) as the text writes them (letters, marks and case):
        a run of neighbours with what stands between them, others apart. The folded
        words where the text cannot be mapped back."""
        text, words = (self.text_a, self.words_a) if side == 0 else (self.text_b, self.words_b)
        spans = token_spans(text) if text else ()
        if len(spans) != len(words):
            return " ".join(words[i] for i in indices)
        runs: list[list[int]] = []
        for i in sorted(indices):
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        return " ".join(text[spans[run[0]][0] : spans[run[-1]][1]] for run in runs)

    def span_in_b(self, first: int, last: int) -> tuple[int, int]:
        """(first, last) positions in B of the matched words of A's run first..last."""
        partners = [j for i, j in self.matches if first <= i <= last]
        return min(partners), max(partners)

    @cached_property
    def jaccard(self) -> float:
        """Matched words over the words of either side."""
        union = len(self.words_a) + len(self.words_b) - len(self.matches)
        return len(self.matches) / union if union else 0.0

    @cached_property
    def edit_spans(self) -> list[tuple[list[int], list[int]]]:
        """Unshared words of A and B grouped by the gap between in-order matched words.

        A gap with words on both sides is a substitution (سوريا -> اليمن, ارتفاع -> انخفاض),
        one-sided gaps are insertions or deletions: a minimal edit that flips a claim
        looks different from a paraphrase that rewrites it.
        """
        anchors = [(-1, -1)]
        for i, j in self.matches:
            if j > anchors[-1][1]:
                anchors.append((i, j))
        anchors.append((len(self.words_a), len(self.words_b)))
        anchors_a, anchors_b = zip(*anchors, strict=True)
        spans: list[tuple[list[int], list[int]]] = [([], []) for _ in anchors[1:]]
        for i in self.only_a:
            spans[bisect.bisect(anchors_a, i) - 1][0].append(i)
        for j in self.only_b:
            spans[bisect.bisect(anchors_b, j) - 1][1].append(j)
        return [(span_a, span_b) for span_a, span_b in spans if span_a or span_b]


@lru_cache(maxsize=65536)
def _bigrams(stem: str) -> frozenset[str]:
    return frozenset(stem[i : i + 2] for i in range(len(stem) - 1)) or frozenset({stem})


def _similarity(x: str, y: str) -> float:
    if is_number(x) or is_number(y):
        return float(x == y)
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return 0.9
    bx, by = _bigrams(x), _bigrams(y)
    return 2 * len(bx & by) / (len(bx) + len(by))


def align(text_a: str, text_b: str) -> Alignment:
    """Match equal stems first, then the most similar remaining pairs above a threshold."""
    words_a, words_b = tokens(text_a), tokens(text_b)
    stems_a = [stem_word(w) for w in words_a]
    stems_b = [stem_word(w) for w in words_b]
    matches: list[tuple[int, int]] = []
    free_by_stem: dict[str, list[int]] = {}
    for j in reversed(range(len(stems_b))):
        free_by_stem.setdefault(stems_b[j], []).append(j)
    unmatched_a = []
    for i, stem in enumerate(stems_a):
        free = free_by_stem.get(stem)
        if free:
            matches.append((i, free.pop()))
        else:
            unmatched_a.append(i)
    # Only pairs sharing a bigram can reach _SOFT_MATCH (a shared prefix of three
    # letters shares one too), so the others are never scored: across scripts, none are.
    # Number words never soft-match ("billion" / "million": alike in letters, never in value).
    by_bigram: dict[str, list[int]] = {}
    for j in sorted(j for free in free_by_stem.values() for j in free):
        if is_number_word(words_b[j]):
            continue
        for bigram in _bigrams(stems_b[j]):
            by_bigram.setdefault(bigram, []).append(j)
    candidates = []
    for i in unmatched_a:
        if is_number_word(words_a[i]):
            continue
        near = {j for bigram in _bigrams(stems_a[i]) for j in by_bigram.get(bigram, ())}
        for j in near:
            score = _similarity(stems_a[i], stems_b[j])
            if score >= _SOFT_MATCH:
                candidates.append((score, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_a and j not in used_b:
            matches.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return Alignment(words_a, words_b, stems_a, stems_b, sorted(matches), text_a, text_b)


def capitalised(text: str, count: int) -> frozenset[int]:
    """Positions of the words a Latin-script text writes with a capital ("beat Inter
    Milan"): names the gazetteer may not know, where the first word's capital says
    nothing alone. None in a headline written in title case (no word but function
    words in lower case), where capitals say nothing."""
    cased = cased_tokens(text)
    if len(cased) != count:
        return frozenset()
    latin = [word for word in cased if word[:1].isalpha() and not is_arabic(word)]
    if not any(word[:1].islower() and word not in FUNCTION_WORDS for word in latin):
        return frozenset()  # title case, or no Latin words
    return frozenset(k for k, word in enumerate(cased) if word[:1].isupper())
