"""Fold text for matching while remembering where each folded character came from.

Folding drops diacritics and tatweel, so folded offsets drift from the original;
slots report their text as written, so matches are mapped back through `origin`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claims.arabic import fold, tokens

# Folding is per character here, and texts reuse a few hundred characters.
_fold_char = lru_cache(maxsize=8192)(fold)


@dataclass(frozen=True, slots=True)
class Folded:
    """`text` is the folded form; `origin[i]` is the index in `source` of folded char i."""

    source: str
    text: str
    origin: list[int]

    def written(self, start: int, end: int) -> str:
        """The source text behind folded[start:end], diacritics included (those after
        its last letter too: the tanween of "شخصاً")."""
        if start >= end:
            return ""
        stop = self.origin[end] if end < len(self.origin) else len(self.source)
        return self.source[self.origin[start] : stop].strip()


@lru_cache(maxsize=1024)
def fold_with_origin(source: str) -> Folded:
    """Fold one character at a time; characters that fold to nothing are skipped.

    Most texts have no diacritics: folding then keeps every character in place
    (only "İ" lower-cases to two), and the whole text is folded at once. Cached:
    dates, quantities, equipment, polarity and modality fold each claim in turn.
    """
    folded = fold(source)
    if len(folded) == len(source) and "İ" not in source:
        return Folded(source, folded, list(range(len(source))))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(source):
        folded = _fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return Folded(source, "".join(pieces), origin)


@lru_cache(maxsize=4096)
def token_spans(source: str) -> tuple[tuple[int, int], ...]:
    """Where each word of `claims.arabic.tokens(source)` stands in `source` itself,
    diacritics inside it included: what an explanation quotes so that a reader finds
    the words. Empty if folding one character at a time reads the text otherwise."""
    folded = fold_with_origin(source)
    spans = []
    position = 0
    for word in tokens(source):
        start = folded.text.find(word, position)
        if start < 0:
            return ()
        position = start + len(word)
        stop = folded.origin[position] if position < len(folded.origin) else len(source)
        spans.append((folded.origin[start], stop))
    return tuple(spans)
