"""Turn the evidence behind a relation into conflict types and one sentence quoting both sides."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.arabic import fold
from claims.relate.features import in_vocabulary
from claims.relate.lexicon import Lexicon, opposite
from claims.relate.slot_diff import PARTY_KINDS, SlotConflict
from claims.relate.words import Alignment, is_number
from claims.slots.entities import entity_kind, find_mentions, is_entity, tokenize
from claims.slots.events import debunk_words, failing_words
from claims.slots.surface import Folded, fold_with_origin


@dataclass(frozen=True, slots=True)
class Evidence:
    """A conflict type with what each side says, ready to quote."""

    kind: str
    a: str
    b: str

    @classmethod
    def one_side(cls, kind: str, side: int, words: str) -> Evidence:
        """What only side 0 (A) or 1 (B) says: its negation or denial, quoted."""
        return cls(kind, words, "") if side == 0 else cls(kind, "", words)

    def sentence(self) -> str:
        if self.kind == "polarity" and self.a and self.b:
            return f"A says {self.a}, B says {self.b}"
        if self.kind in ("polarity", "denial"):
            side, words = ("A", self.a) if self.a else ("B", self.b)
            verb = "denies" if self.kind == "denial" else "negates"
            return f"{side} {verb} it ({words})"
        return f"{self.kind}: A: {self.a}; B: {self.b}"


def _marked(alignment: Alignment, vocabulary: frozenset[str], side: str) -> str:
    """The side's words in `vocabulary` (its negators, its deniers), as written."""
    stems = alignment.stems_a if side == "a" else alignment.stems_b
    marked = [k for k, stem in enumerate(stems) if in_vocabulary(stem, vocabulary)]
    return alignment.written("ab".index(side), marked) if marked else ""


def _is_count(word: str) -> bool:
    """A number that is not a year: differing years are a date, which the slots compare."""
    return is_number(word) and not (len(word) == 4 and 1900 <= float(word) <= 2100)


def swapped_roles(alignment: Alignment, swap: tuple[int, int, int]) -> Evidence:
    """Who did what to whom, reversed: a subject-verb-object run of A (positions x, v,
    y) that B reads backwards, quoted from both sides ("PSG beat Inter" / "Inter beat
    PSG")."""
    x, _, y = swap
    low, high = alignment.span_in_b(x, y)
    return Evidence(
        "actor",
        alignment.written(0, range(x, y + 1)),
        alignment.written(1, range(low, high + 1)),
    )


def text_evidence(
    alignment: Alignment,
    lexicon: Lexicon,
    left_out: frozenset[str] = frozenset(),
    figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> list[Evidence]:
    """Antonyms put in each other's place: where the wordings part, one side has a word
    on one pole of a concept (other than those `left_out`) and the other its opposite
    ("يرتفع" / "يهبط").

    Only words in the same gap count: "after the French left" beside "the Russians
    entered" is two events, not "left" against "entered". Negation is the slots'
    (`ClaimSlots.polarity`, which reads double negation and each language's negators)
    and so are numbers with their bounds: the words of each side's `figures` ("at
    least", "more than") are no antonyms; `from_slots` quotes them.
    """
    found = []
    for span_a, span_b in alignment.edit_spans:
        for i in span_a:
            if alignment.words_a[i] in figures[0]:
                continue
            for j in span_b:
                if alignment.words_b[j] in figures[1]:
                    continue
                for concept, pole in lexicon.poles_of(alignment.stems_a[i]):
                    if concept in left_out:
                        continue
                    if opposite((concept, pole)) in lexicon.poles_of(alignment.stems_b[j]):
                        found.append(
                            Evidence(
                                "polarity", alignment.written(0, [i]), alignment.written(1, [j])
                            )
                        )
    return found


def whole_text_evidence(
    alignment: Alignment, lexicon: Lexicon, concepts: frozenset[str]
) -> list[Evidence]:
    """Each side on the opposite pole of one of `concepts`, wherever its words stand:
    for pairs whose words cannot align (two languages). A side that holds both poles
    of a concept says nothing about it."""
    a = _poles(alignment.words_a, alignment.stems_a, lexicon, concepts)
    b = _poles(alignment.words_b, alignment.stems_b, lexicon, concepts)
    return [
        Evidence("polarity", a[concept][pole_a], b[concept][pole_b])
        for concept in sorted(a.keys() & b.keys())
        if len(a[concept]) == len(b[concept]) == 1
        for pole_a in a[concept]
        for pole_b in b[concept]
        if pole_a != pole_b
    ]


def _poles(
    words: list[str], stems: list[str], lexicon: Lexicon, concepts: frozenset[str]
) -> dict[str, dict[str, str]]:
    """Concept -> pole -> the first word on it."""
    found: dict[str, dict[str, str]] = {}
    for word, stem in zip(words, stems, strict=True):
        for concept, pole in lexicon.poles_of(stem):
            if concept in concepts:
                found.setdefault(concept, {}).setdefault(pole, word)
    return found


def from_slots(
    conflicts: list[SlotConflict], alignment: Alignment, lexicon: Lexicon
) -> list[Evidence]:
    """Slot conflicts as evidence; a flipped polarity quotes the words that flip it.

    "Moscow denied that Wagner is leaving" is a denial of the other report, not a
    plain negation of it, when the negative side carries a denial verb.
    """
    return [_slot_evidence(c, alignment, lexicon) for c in conflicts]


def _slot_evidence(conflict: SlotConflict, alignment: Alignment, lexicon: Lexicon) -> Evidence:
    if conflict.kind in PARTY_KINDS:
        return Evidence(
            conflict.kind,
            _as_written(conflict.a, alignment.text_a),
            _as_written(conflict.b, alignment.text_b),
        )
    if conflict.kind != "polarity":
        return Evidence(conflict.kind, conflict.a, conflict.b)
    side = "a" if conflict.a == "negative" else "b"
    text = " ".join(alignment.words_a if side == "a" else alignment.words_b)
    for kind, words in (
        ("denial", _marked(alignment, lexicon.deniers, side)),
        ("denial", debunk_words(text)),
        ("polarity", _marked(alignment, lexicon.negators, side)),
        ("polarity", failing_words(text)),
    ):
        if words:
            return Evidence.one_side(kind, "ab".index(side), words)
    return Evidence("polarity", conflict.a, conflict.b)


def _as_written(ids: str, text: str) -> str:
    """Entity ids as the claim writes them ("deputy_defence_minister" -> "نائب وزير
    الدفاع", "وزير خارجية بوركينا فاسو" with its tā' marbūṭa), so a reader can find them
    in the text; an id the text does not name stays as it is."""
    tokens = tokenize(text)
    folded = fold_with_origin(text)
    written: dict[str, str] = {}
    for mention in find_mentions(tokens, context=None):
        span = tokens.words[mention.index : mention.index + mention.length]
        written.setdefault(mention.entity_id, _in_source(folded, span))
    parts = [written.get(entity, entity) for entity in ids.split(", ")]
    # An office with its country ("foreign_minister, burkina_faso") is one title.
    return " ".join(parts) if _one_title(ids) else ", ".join(parts)


def _in_source(folded: Folded, words: list[str]) -> str:
    """The source text of a run of folded words, else the words as folded."""
    pattern = r"\W+".join(re.escape(fold(word)) for word in words)
    found = re.search(rf"(?<!\w){pattern}(?!\w)", folded.text)
    return folded.written(*found.span()) if found else " ".join(words)


def _one_title(ids: str) -> bool:
    parts = ids.split(", ")
    return len(parts) == 2 and is_entity(parts[0]) and entity_kind(parts[0]) == "office"


def differing_words(alignment: Alignment, limit: int = 6) -> str:
    """What the two wordings say differently, for conflicts no slot names: each place
    where they part, A's words against B's ("A has «تقدم» where B has «تراجع»"), and
    words only one side adds."""
    parts = []
    for span_a, span_b in alignment.edit_spans:
        words_a = alignment.written(0, span_a[:limit])
        words_b = alignment.written(1, span_b[:limit])
        if words_a and words_b:
            parts.append(f"A has «{words_a}» where B has «{words_b}»")
        elif words_a:
            parts.append(f"only A says «{words_a}»")
        else:
            parts.append(f"only B says «{words_b}»")
    substitutions = [p for p in parts if " where B has " in p]
    return "; ".join((substitutions or parts)[:2]) or "the same words in another order"


def explanation(evidence: list[Evidence]) -> str:
    """One sentence from at most three pieces of evidence, most specific first."""
    pieces = list(dict.fromkeys(e.sentence() for e in evidence))[:3]
    return "; ".join(pieces) + "." if pieces else ""
