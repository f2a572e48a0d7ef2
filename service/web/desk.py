"""What the reviewers' desk shows of a conflict: where the two claims differ, each claim
in its paragraph, and the claims of other outlets that agree with each side.

The differing spans come from the relation's explanation, which quotes each side as
written ("quantity: A: 100 جندي; B: about 300 soldiers", "A says withdraw, B says
deploy", "B denies it (ينفي)", "A has «يزور» where B has «يلغي زيارته»", "only B says
«…»"): what it quotes is found in the claim and marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from service.web.templating import Segment, highlight
from store import conflicts
from store.models import Claim, Conflict

# One quoted piece of an explanation; pieces are joined by "; " and the whole ends
# with "." (or ": a change over time." for claims far apart in time).
_END = r"(?=; |: a change over time\.$|\.$|$)"
_QUOTES = (
    re.compile(r"(?:[a-z]+: )?A: (?P<a>.+?); B: (?P<b>.+?)" + _END),
    re.compile(r"A says (?P<a>.+?), B says (?P<b>.+?)" + _END),
    re.compile(r"A (?:denies|negates) it \((?P<a>.+?)\)"),
    re.compile(r"B (?:denies|negates) it \((?P<b>.+?)\)"),
    re.compile(r"A has «(?P<a>[^»]+)» where B has «(?P<b>[^»]+)»"),
    re.compile(r"only A says «(?P<a>[^»]+)»"),
    re.compile(r"only B says «(?P<b>[^»]+)»"),
)
# A paragraph longer than this is cut around the claim, so the two stay side by side.
PARAGRAPH_CHARS = 900


def quoted_phrases(explanation: str) -> tuple[list[str], list[str]]:
    """What the explanation quotes of side A and of side B ('-' means nothing)."""
    sides: dict[str, list[str]] = {"a": [], "b": []}
    for pattern in _QUOTES:
        for match in pattern.finditer(explanation):
            for side, words in match.groupdict().items():
                if words and words.strip() != "-":
                    sides[side].append(words.strip())
    return sides["a"], sides["b"]


def _find(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` occurs in `text`; failing that, each of its comma-separated parts
    or words (a quote of several numbers, 'A: 100, 300')."""
    folded = text.casefold()
    for candidates in ([phrase], re.split(r",\s*", phrase), phrase.split()):
        spans = []
        for candidate in candidates:
            needle = candidate.strip().casefold()
            if len(needle) < 2 and not needle.isdigit():
                continue
            start = folded.find(needle)
            while start >= 0:
                spans.append((start, start + len(needle)))
                start = folded.find(needle, start + len(needle))
        if spans:
            return spans
    return []


def differing_segments(text: str, phrases: list[str]) -> list[Segment]:
    """The claim's text cut into plain runs and marked runs (`focus`) where it differs."""
    spans = [span for phrase in phrases for span in _find(text, phrase)]
    return highlight(text, [(start, end, 0) for start, end in spans], focus=0)


@dataclass(frozen=True, slots=True)
class Paragraph:
    segments: list[Segment]
    cut_before: bool
    cut_after: bool


def paragraph_of(claim: Claim) -> Paragraph:
    """The paragraph of the cleaned article that holds the claim, the claim highlighted."""
    text = claim.article.cleaned_text
    start = text.rfind("\n", 0, claim.start_char) + 1
    end = text.find("\n", claim.end_char)
    end = len(text) if end < 0 else end
    cut_before = cut_after = False
    if end - start > PARAGRAPH_CHARS:
        room = max(0, (PARAGRAPH_CHARS - (claim.end_char - claim.start_char)) // 2)
        new_start, new_end = max(start, claim.start_char - room), min(end, claim.end_char + room)
        cut_before, cut_after = new_start > start, new_end < end
        start, end = new_start, new_end
    span = (claim.start_char - start, claim.end_char - start, claim.id)
    return Paragraph(highlight(text[start:end], [span], focus=claim.id), cut_before, cut_after)


@dataclass(frozen=True, slots=True)
class Side:
    """One column of the conflict page."""

    label: str
    claim: Claim
    segments: list[Segment]
    paragraph: Paragraph
    agreeing: list[Claim] = field(default_factory=list)


def conflict_sides(*, session: Session, conflict: Conflict) -> list[Side]:
    relation = conflict.relation
    phrases_a, phrases_b = quoted_phrases(relation.explanation)
    agreeing = conflicts.agreeing_claims(
        session=session, claim_ids=[relation.claim_a_id, relation.claim_b_id]
    )
    return [
        Side(
            label=label,
            claim=claim,
            segments=differing_segments(claim.text, phrases),
            paragraph=paragraph_of(claim),
            agreeing=agreeing[claim.id],
        )
        for label, claim, phrases in (
            ("A", relation.claim_a, phrases_a),
            ("B", relation.claim_b, phrases_b),
        )
    ]
