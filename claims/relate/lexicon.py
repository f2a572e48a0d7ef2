"""Antonym and negation lexicons for Arabic, English and French, keyed by word stem, and
the affiliations that let slot comparison see "Wagner" inside "Russian".

The lists live as TSV files in `claims/data/relation/` (sources in their header
comments); this module only parses them into lookup tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from claims.relate.words import stem_word

_DATA = "claims.data.relation"
# The future particle glued to an imperfect verb: س + ي/ت/ن ("ستواصل", "سيتوقف"). Not
# "سأ", folded to "سا" like the first letters of "أسابيع".
_FUTURE = "س"
_IMPERFECT = frozenset("يتن")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """`poles` maps a stem to the (concept, pole) pairs it expresses, e.g. ('direction', '+')."""

    poles: dict[str, frozenset[tuple[str, str]]]
    negators: frozenset[str]
    deniers: frozenset[str]

    def poles_of(self, stem: str) -> frozenset[tuple[str, str]]:
        """The poles of a stem; an Arabic future ("ستواصل", "سيتوقف") is read as its verb."""
        found = self.poles.get(stem)
        if found is None and len(stem) > 4 and stem[0] == _FUTURE and stem[1] in _IMPERFECT:
            found = self.poles.get(stem_word(stem[1:]))
        return found or frozenset()


def opposite(pole: tuple[str, str]) -> tuple[str, str]:
    """The other pole of the same concept: ('direction', '+') -> ('direction', '-')."""
    concept, sign = pole
    return concept, "-" if sign == "+" else "+"


def _rows(name: str) -> list[list[str]]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


# Words far more common than the lexicon entries their stems collide with: "قال" (said)
# is the stem of "أقال" (dismissed), "أنه" (that it) of "أنهى" (ended), "قبل" (before) of
# "قبل" (accepted). Their stems carry no pole: every "وقال" read as a dismissal weighs on
# every quoted claim. ("يتعلق", is about, meets "علّق", suspended, which news uses as
# much: kept.)
_COLLIDING = ("قال", "أنه", "قبل")


@cache
def load_lexicon() -> Lexicon:
    """Parse the packaged lexicons once; stems are computed with the alignment stemmer."""
    poles: dict[str, set[tuple[str, str]]] = {}
    colliding = {stem_word(word) for word in _COLLIDING}
    for concept, pole, _lang, forms in _rows("antonyms.tsv"):
        for form in forms.split(","):
            for stem in {stem_word(form), stem_word(form, clitics=False)} - colliding:
                poles.setdefault(stem, set()).add((concept, pole))
    negators: set[str] = set()
    deniers: set[str] = set()
    for kind, _lang, forms in _rows("negation.tsv"):
        target = negators if kind == "negation" else deniers
        target.update(stem_word(form) for form in forms.split(","))
    return Lexicon(
        poles={stem: frozenset(values) for stem, values in poles.items()},
        negators=frozenset(negators),
        deniers=frozenset(deniers),
    )


@cache
def load_affiliations() -> dict[str, frozenset[str]]:
    """Everything each slot value belongs to, links followed to the end (diop -> mali -> africa)."""
    parents: dict[str, set[str]] = {}
    for value, parent in _rows("affiliations.tsv"):
        parents.setdefault(value, set()).add(parent)

    def ancestors(value: str, seen: frozenset[str]) -> set[str]:
        found = set()
        for parent in parents.get(value, ()):
            if parent not in seen:
                found |= {parent} | ancestors(parent, seen | {parent})
        return found

    return {value: frozenset(ancestors(value, frozenset({value}))) for value in parents}
