"""Which way each thing a claim names is going: "النفط يرتفع مع انخفاض المخزونات" says oil
up and stocks down, "النفط يهبط مع ارتفاع المخزونات" the reverse.

Both sides hold a rise and a fall, so no antonym stands in the other's place and the
alignment matches each side's rise with the other's (يرتفع / ارتفاع): what differs is
what goes up. And two titles that send the same things the same ways in other words
("الذهب يصعد مع هبوط الدولار" / "صعود للذهب بانخفاض الدولار") put a rise where the other
has a fall, though they agree.

A direction word's subject is the nearest shared word of its own clause, past function
words and at most one word of its own ("ارتفاع في أسعار النفط", "gold prices rise"): a
linking word ("with", "مع", "as", "alors") ends a clause, and so does a conjunction
("and", "والدولار") for the words before it. Where a shared word stands on both sides of a
direction word, the one no other direction word has taken is its subject; where one
thing goes both ways in one claim, it is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claims.relate.lexicon import Lexicon
from claims.relate.words import FUNCTION_WORDS, Alignment, is_number

_CONCEPT = "direction"
# Words that start another clause: what stands past them is another thing's subject.
_LINKS = frozenset(
    {"مع", "بعد", "قبل", "رغم", "وسط", "تزامنا", "بالتزامن", "بسبب", "جراء", "اثر", "بينما",
     "فيما", "لكن", "و", "as", "amid", "while", "after", "before", "despite", "with", "and",
     "but", "alors", "tandis", "avec", "malgré", "après", "avant", "et", "mais"}
)  # fmt: skip
# Words of its own allowed between a direction word and its subject.
_OWN_WORDS = 1
# An Arabic word led by "and the" starts a conjunct ("والدولار يصعد").
_CONJUNCT = "وال"

Reading = dict[int, tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Directions:
    """How the two claims send the things they share: `opposite` holds A's and B's words
    for each shared thing sent opposite ways, each as its subject and direction word
    ("النفط يرتفع", "النفط يهبط"); `same` is whether some shared thing goes a way on both
    sides and every such thing the same way."""

    opposite: list[tuple[str, str]]
    same: bool


def directions(alignment: Alignment, lexicon: Lexicon) -> Directions:
    """Each side's reading of which way each shared thing goes, compared (once a pair)."""
    a, b = _readings(alignment, lexicon)
    both = [(i, j) for i, j in alignment.matches if i in a and j in b]
    opposite = [
        (_phrase(alignment.words_a, i, a[i][1]), _phrase(alignment.words_b, j, b[j][1]))
        for i, j in both
        if a[i][0] != b[j][0]
    ]
    return Directions(opposite, bool(both) and not opposite)


def _readings(alignment: Alignment, lexicon: Lexicon) -> tuple[Reading, Reading]:
    al = alignment
    return (
        _subjects(al.words_a, al.stems_a, {i for i, _ in al.matches}, lexicon),
        _subjects(al.words_b, al.stems_b, {j for _, j in al.matches}, lexicon),
    )


def _phrase(words: Sequence[str], subject: int, direction: int) -> str:
    """The subject and its direction word as written in order ("النفط يرتفع", "hausse des")."""
    return " ".join(words[k] for k in sorted((subject, direction)))


def _subjects(
    words: Sequence[str], stems: Sequence[str], shared: set[int], lexicon: Lexicon
) -> Reading:
    """Shared word -> (the pole it goes, the direction word), where one pole only."""
    poles = {
        k: pole
        for k, stem in enumerate(stems)
        for concept, pole in lexicon.poles_of(stem)
        if concept == _CONCEPT
    }
    candidates = {k: _candidates(words, poles, shared, k) for k in poles}
    found: dict[int, tuple[str, int]] = {}
    contested: set[int] = set()

    def assign(subject: int, k: int) -> None:
        if subject in found and found[subject][0] != poles[k]:
            contested.add(subject)
        found.setdefault(subject, (poles[k], k))

    for k, near in candidates.items():
        if len(near) == 1:
            assign(near[0], k)
    for k, near in candidates.items():
        free = [s for s in near if s not in found]
        if len(near) == 2 and len(free) == 1:
            assign(free[0], k)
    return {k: v for k, v in found.items() if k not in contested}


def _candidates(words: Sequence[str], poles: dict[int, str], shared: set[int], k: int) -> list[int]:
    """The shared words that may be direction word k's subject: the nearest on each side
    within its clause."""
    near = []
    for step in (-1, 1):
        j, own = k + step, 0
        while 0 <= j < len(words) and own <= _OWN_WORDS:
            word = words[j]
            if word in _LINKS or j in poles or is_number(word):
                break
            conjunct = word.startswith(_CONJUNCT) and len(word) > len(_CONJUNCT) + 2
            if step == 1 and conjunct:
                break
            if j in shared and word not in FUNCTION_WORDS:
                near.append(j)
                break
            if conjunct:
                break
            if word not in FUNCTION_WORDS:
                own += 1
            j += step
    return near
