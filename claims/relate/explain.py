"""Turn the evidence behind a relation into conflict types and one sentence quoting both sides."""

from __future__ import annotations

from dataclasses import dataclass

from claims.relate.features import opposite_poles
from claims.relate.lexicon import Lexicon
from claims.relate.slot_diff import SlotConflict
from claims.relate.words import Alignment, is_number


@dataclass(frozen=True, slots=True)
class Evidence:
    """A conflict type with what each side says, ready to quote."""

    kind: str
    a: str
    b: str

    def sentence(self) -> str:
        if self.kind == "polarity" and self.a and self.b:
            return f"A says {self.a}, B says {self.b}"
        if self.kind in ("polarity", "denial"):
            side, words = ("A", self.a) if self.a else ("B", self.b)
            verb = "denies" if self.kind == "denial" else "negates"
            return f"{side} {verb} it ({words})"
        return f"{self.kind}: A: {self.a}; B: {self.b}"


def _marked(alignment: Alignment, vocabulary: frozenset[str], side: str) -> list[str]:
    words = alignment.words_a if side == "a" else alignment.words_b
    stems = alignment.stems_a if side == "a" else alignment.stems_b
    return [w for w, s in zip(words, stems, strict=True) if s in vocabulary or s[1:] in vocabulary]


def text_evidence(alignment: Alignment, lexicon: Lexicon) -> list[Evidence]:
    """Conflicts visible in the words alone: antonyms, negation or denial on one side, numbers."""
    found = [Evidence("polarity", a, b) for _, a, b in opposite_poles(alignment, lexicon)]
    for kind, vocabulary in (("polarity", lexicon.negators), ("denial", lexicon.deniers)):
        marked_a = _marked(alignment, vocabulary, "a")
        marked_b = _marked(alignment, vocabulary, "b")
        if bool(marked_a) != bool(marked_b):
            found.append(Evidence(kind, " ".join(marked_a), " ".join(marked_b)))
    numbers_a = [alignment.words_a[i] for i in alignment.only_a if is_number(alignment.words_a[i])]
    numbers_b = [alignment.words_b[j] for j in alignment.only_b if is_number(alignment.words_b[j])]
    if numbers_a and numbers_b:
        found.append(Evidence("quantity", ", ".join(numbers_a), ", ".join(numbers_b)))
    return found


def from_slots(conflicts: list[SlotConflict]) -> list[Evidence]:
    return [Evidence(c.kind, c.a, c.b) for c in conflicts]


def differing_words(alignment: Alignment, limit: int = 6) -> str:
    """'A: w1 w2; B: w3' over the words only one side has, for conflicts no rule names."""
    only_a = " ".join(alignment.words_a[i] for i in alignment.only_a[:limit]) or "-"
    only_b = " ".join(alignment.words_b[j] for j in alignment.only_b[:limit]) or "-"
    return f"A: {only_a}; B: {only_b}"


def explanation(evidence: list[Evidence]) -> str:
    """One sentence from at most three pieces of evidence, most specific first."""
    pieces = list(dict.fromkeys(e.sentence() for e in evidence))[:3]
    return "; ".join(pieces) + "." if pieces else ""
