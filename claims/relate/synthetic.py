"""Synthetic training pairs made by perturbing real titles: the contradictions the lexicons name.

ANS has few number, negation and plain-antonym rewrites; adding such pairs teaches the
learned layer to trust those features. Each perturbation is deterministic for a seed.
"""

from __future__ import annotations

import random
import re

from claims.arabic import is_arabic
from claims.relate.lexicon import load_lexicon
from claims.relate.words import stem_word

_NUMBER = re.compile(r"\d+")
_HEADLINE_BREAK = re.compile(r"\s*(?:\.\.+|:|،)\s*")
_AR_IMPERFECT = re.compile(r"^[يت][\u0621-\u064A]{3,}$")


def _forms_by_pole() -> dict[tuple[str, str, bool], list[str]]:
    from importlib import resources

    text = resources.files("claims.data.relation").joinpath("antonyms.tsv").read_text("utf-8")
    forms: dict[tuple[str, str, bool], list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            concept, pole, lang, words = line.split("\t")
            forms.setdefault((concept, pole, lang == "ar"), []).extend(words.split(","))
    return forms


def swap_antonym(text: str, rng: random.Random) -> str | None:
    """Replace one lexicon word with a form of its opposite pole."""
    lexicon, forms = load_lexicon(), _forms_by_pole()
    words = text.split()
    candidates = [
        (i, concept, pole)
        for i, word in enumerate(words)
        for concept, pole in sorted(lexicon.poles_of(stem_word(word)))
    ]
    if not candidates:
        return None
    i, concept, pole = rng.choice(candidates)
    opposite = forms.get((concept, "-" if pole == "+" else "+", is_arabic(words[i])))
    if not opposite:
        return None
    words[i] = rng.choice(opposite)
    return " ".join(words)


def negate(text: str, rng: random.Random) -> str | None:
    """Put a negator before the first Arabic imperfect verb (يرتفع -> لا يرتفع)."""
    words = text.split()
    for i, word in enumerate(words):
        if _AR_IMPERFECT.match(word):
            words.insert(i, rng.choice(("لا", "لم", "لن")))
            return " ".join(words)
    return None


def change_number(text: str, rng: random.Random) -> str | None:
    """Multiply the first number by a factor that no hedge would cover."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    value = int(match.group()) * rng.choice((3, 5, 10)) + rng.randint(1, 9)
    return text[: match.start()] + str(value) + text[match.end() :]


def reorder(text: str, rng: random.Random) -> str | None:
    """Swap the two halves of a 'topic: news' headline, a meaning-preserving rewrite."""
    parts = [p for p in _HEADLINE_BREAK.split(text, maxsplit=1) if p]
    if len(parts) != 2:
        return None
    return f"{parts[1]} {parts[0]}"


def synthetic_pairs(
    texts: list[str], *, seed: int = 0, per_kind: int = 150
) -> list[tuple[str, str, str]]:
    """(a, b, label) pairs, `per_kind` of each perturbation, labels 'conflict' or 'agree'."""
    rng = random.Random(seed)
    pairs: list[tuple[str, str, str]] = []
    for make, label in (
        (swap_antonym, "conflict"),
        (negate, "conflict"),
        (change_number, "conflict"),
        (reorder, "agree"),
    ):
        made = 0
        for text in rng.sample(texts, len(texts)):
            other = make(text, rng)
            if other and other != text:
                pairs.append((text, other, label))
                made += 1
                if made == per_kind:
                    break
    return pairs
