"""Which way each thing a claim names is going: "النفط يرتفع مع انخفاض المخزونات" says oil
up and stocks down, "النفط يهبط مع ارتفاع المخزونات" the reverse.

Both sides hold a rise and a fall, so no antonym stands in the other's place and the
alignment matches each side's rise with the other's (يرتفع / ارتفاع): what differs is
what goes up. A direction word's subject is the shared word next to it (past linking
words: "with", "مع", "amid"); where a shared word stands on both sides of it, the
subject is not clear and the word is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.relate.lexicon import Lexicon
from claims.relate.words import FUNCTION_WORDS, Alignment, is_number

_CONCEPT = "direction"


def opposite_directions(alignment: Alignment, lexicon: Lexicon) -> list[tuple[str, str]]:
    """A's and B's words that send one shared thing opposite ways, each as its subject
    and direction word ("النفط يرتفع", "النفط يهبط")."""
    a = _subjects(alignment.words_a, alignment.stems_a, {i for i, _ in alignment.matches}, lexicon)
    b = _subjects(alignment.words_b, alignment.stems_b, {j for _, j in alignment.matches}, lexicon)
    return [
        (_phrase(alignment.words_a, i, a[i][1]), _phrase(alignment.words_b, j, b[j][1]))
        for i, j in alignment.matches
        if i in a and j in b and a[i][0] != b[j][0]
    ]


def _phrase(words: Sequence[str], subject: int, direction: int) -> str:
    """The subject and its direction word as written in order ("النفط يرتفع", "hausse des")."""
    return " ".join(words[k] for k in sorted((subject, direction)))


def _subjects(
    words: Sequence[str], stems: Sequence[str], shared: set[int], lexicon: Lexicon
) -> dict[int, tuple[str, int]]:
    """Shared word -> (the pole it goes, the direction word), where one pole only."""
    poles = {
        k: pole
        for k, stem in enumerate(stems)
        for concept, pole in lexicon.poles_of(stem)
        if concept == _CONCEPT
    }
    found: dict[int, tuple[str, int]] = {}
    contested: set[int] = set()
    for k, pole in poles.items():
        near = {_next_word(words, poles, k, step) for step in (-1, 1)} - {None}
        subjects = [s for s in near if s in shared]
        if len(subjects) != 1:
            continue
        (subject,) = subjects
        if subject in found and found[subject][0] != pole:
            contested.add(subject)
        found.setdefault(subject, (pole, k))
    return {k: v for k, v in found.items() if k not in contested}


def _next_word(words: Sequence[str], poles: dict[int, str], k: int, step: int) -> int | None:
    """The nearest word before (-1) or after (+1) word k past linking words, unless it is
    a number or another direction word."""
    j = k + step
    while 0 <= j < len(words) and words[j] in FUNCTION_WORDS:
        j += step
    if not 0 <= j < len(words) or j in poles or is_number(words[j]):
        return None
    return j
