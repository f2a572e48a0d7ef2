"""Find gazetteer entities in a text: every spelling, script and language maps to one id.

Arabic words carry attached conjunctions, prepositions and the article
(وروسيا، لمالي، بالنيجر، للنيجر), so both the text and the aliases are reduced
to a bare form before lookup. All-capital Latin aliases (US, UN, CAR) match
case-sensitively so the English pronoun "us" is not the United States.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claims.arabic import normalize_arabic, normalize_digits

_WORD = re.compile(r"\w+")
_ARABIC_PREFIX = re.compile(r"^(?:[وف])?(?:لل|[بلك]?ال|[بلك])?")

# نيجيري / النيجيرية means Nigerian in standard usage, but many Arabic outlets
# also write it for Nigerien (seed 002: "القوات النيجيرية" are Niger's forces).
# Resolved per article: Niger when the article names Niger and not Nigeria.
_NIGER_OR_NIGERIA = frozenset({"نيجيري", "نيجيريه", "نيجيريين", "نيجيريون"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity occurrence; `index` is its first token's position in `Tokens.words`."""

    entity_id: str
    kind: str
    index: int
    length: int


@dataclass(frozen=True, slots=True)
class Tokens:
    """Word tokens of a text in matching form: `keys` bare and lower-cased, `words` as written."""

    words: list[str]
    keys: list[str]


def tokenize(text: str) -> Tokens:
    """Tokens for entity, event and role lookup (Arabic folded, digits ASCII)."""
    words = _WORD.findall(normalize_digits(normalize_arabic(text)))
    return Tokens(words=words, keys=[bare(word) for word in words])


def bare(word: str) -> str:
    """A word without case, attached Arabic proclitics or article, for dictionary lookup."""
    word = word.lower()
    stripped = _ARABIC_PREFIX.sub("", word, count=1)
    return stripped if len(stripped) >= 2 else word


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    kinds: dict[str, str]
    by_keys: dict[tuple[str, ...], str]
    by_words: dict[tuple[str, ...], str]
    # Longest alias that starts with a key (or an exact word): most tokens start
    # none, and are passed over with one lookup.
    longest_by_key: dict[str, int]
    longest_by_word: dict[str, int]


@cache
def _gazetteer() -> _Gazetteer:
    raw = json.loads(resources.files("claims.data").joinpath("gazetteer.json").read_text("utf-8"))
    kinds: dict[str, str] = {}
    by_keys: dict[tuple[str, ...], str] = {}
    by_words: dict[tuple[str, ...], str] = {}
    for entity in raw["entities"]:
        kinds[entity["id"]] = entity["kind"]
        for alias in entity["aliases"]:
            tokens = tokenize(alias)
            if alias.isupper() and alias.isascii():
                by_words[tuple(tokens.words)] = entity["id"]
            else:
                by_keys[tuple(tokens.keys)] = entity["id"]
    return _Gazetteer(kinds, by_keys, by_words, _longest(by_keys), _longest(by_words))


def _longest(aliases: dict[tuple[str, ...], str]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for alias in aliases:
        longest[alias[0]] = max(longest.get(alias[0], 0), len(alias))
    return longest


def entity_kind(entity_id: str) -> str:
    """person, country, region, org or armed_group."""
    return _gazetteer().kinds[entity_id]


def find_mentions(tokens: Tokens, *, context: str | None = "") -> list[Mention]:
    """Longest-match entity mentions in token order; `context` (the article) resolves نيجيري.

    With `context=None` the ambiguous adjective is skipped rather than resolved.
    """
    gazetteer = _gazetteer()
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens.keys):
        resolve = _AMBIGUOUS.get(tokens.keys[i])
        longest = max(
            gazetteer.longest_by_key.get(tokens.keys[i], 0),
            gazetteer.longest_by_word.get(tokens.words[i], 0),
            resolve is not None,
        )
        for length in range(min(longest, len(tokens.keys) - i), 0, -1):
            if length == 1 and resolve is not None:
                entity_id = resolve(tokens, i, context)
            else:
                entity_id = gazetteer.by_keys.get(tuple(tokens.keys[i : i + length]))
                entity_id = entity_id or gazetteer.by_words.get(tuple(tokens.words[i : i + length]))
            if entity_id:
                mentions.append(Mention(entity_id, gazetteer.kinds[entity_id], i, length))
                i += length
                break
        else:
            i += 1
    return mentions


def find_entities(text: str, *, context: str = "") -> list[str]:
    """Canonical ids of the entities named in `text`, first mention first, no repeats."""
    return list(dict.fromkeys(m.entity_id for m in find_mentions(tokenize(text), context=context)))


def _nigerien_or_nigerian(tokens: Tokens, index: int, context: str | None) -> str | None:
    if context is None:
        return None
    return _niger_or_nigeria(context or " ".join(tokens.words))


@cache
def _niger_or_nigeria(context: str) -> str:
    named = {m.entity_id for m in find_mentions(tokenize(context), context=None)}
    return "niger" if "niger" in named and "nigeria" not in named else "nigeria"


def _qaeda_or_base(tokens: Tokens, index: int, context: str | None) -> str | None:
    """القاعدة is al-Qaeda, but قاعدة is also a (military) base, common in reports of
    Russian deployments: "قاعدة عسكرية روسية", "القاعدة الجوية". The group is always
    definite and never followed by a feminine adjective (الإرهابي is masculine)."""
    proclitics = tokens.words[index].lower().removesuffix(tokens.keys[index])
    definite = "ال" in proclitics or proclitics.endswith("لل")  # للقاعدة is لـ + القاعدة
    following = tokens.keys[index + 1] if index + 1 < len(tokens.keys) else ""
    if not definite or following.endswith("يه"):
        return None
    return _gazetteer().by_keys[(tokens.keys[index],)]


# Single words whose entity depends on where they stand: each resolver gives the
# entity id, or None where the word names no entity.
_AMBIGUOUS: dict[str, Callable[[Tokens, int, str | None], str | None]] = {
    **dict.fromkeys(_NIGER_OR_NIGERIA, _nigerien_or_nigerian),
    "قاعده": _qaeda_or_base,
}
