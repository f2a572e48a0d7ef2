"""Find gazetteer entities in a text: every spelling, script and language maps to one id.

Arabic words carry attached conjunctions, prepositions and the article
(وروسيا، لمالي، بالنيجر، للنيجر), so both the text and the aliases are reduced
to a bare form before lookup. All-capital Latin aliases (US, UN, CAR) and an
entry's `cased` aliases match case-sensitively, so the English pronoun "us" is not
the United States and the bird "turkey" is not Türkiye. Words that name one of
several entities (عمان: Oman or Amman) are resolved by what the article names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from claims.arabic import normalize_arabic, normalize_digits

_WORD = re.compile(r"\w+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_ARABIC_PREFIX = re.compile(r"^(?:[وف])?(?:لل|[بلك]?ال|[بلك])?")
# What an Arabic word can carry in front of it. `bare` strips one run of these, so
# a name that itself begins with one of their letters (فرنسا، لبنان، باماكو) comes
# out differently with and without a proclitic ("فرنسا" -> رنسا, "بفرنسا" -> فرنسا):
# an alias is registered under every form a text word can take.
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل",
               "وب", "ول")  # fmt: skip


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

    def proclitics(self, index: int) -> str:
        """What is attached before the word's key, as written: "وب" in "وبمالي", "ال"
        in "الجزائر", nothing in "Mali"."""
        word = self.words[index].lower()
        return word[: len(word) - len(self.keys[index])]


def tokenize(text: str) -> Tokens:
    """Tokens for entity, event and role lookup (Arabic folded, digits ASCII)."""
    words = _WORD.findall(normalize_digits(normalize_arabic(text)))
    return Tokens(words=words, keys=[bare(word) for word in words])


def bare(word: str) -> str:
    """A word without case, attached Arabic proclitics or article, for dictionary lookup."""
    word = word.lower()
    stripped = _ARABIC_PREFIX.sub("", word, count=1)
    return stripped if len(stripped) >= 2 else word


def _core(word: str) -> str:
    """The word as every text spelling of it ends: folded, lower-cased, no article.
    Read before folding: ألمانيا begins with a letter of the name, not the article."""
    folded = normalize_arabic(word).lower()
    return folded[2:] if word.startswith("ال") and len(word) > 4 else folded


def _spellings(word: str) -> set[str]:
    """Every key a text word for `word` can have, with or without the article and
    proclitics: "لبنان" is looked up as بنان (لبنان، للبنان) or لبنان (بلبنان)."""
    if not _ARABIC_LETTER.match(normalize_arabic(word)):
        return {bare(word)}
    return {bare(normalize_arabic(word))} | {bare(p + _core(word)) for p in _PROCLITICS}


def alias_keys(alias: str) -> set[tuple[str, ...]]:
    """The token keys under which a text finds an alias that is not matched as written."""
    rest = tuple(tokenize(alias).keys[1:])
    return {(first, *rest) for first in _spellings(_first_word(alias))}


def _first_word(alias: str) -> str:
    """As written: folding would make ألمانيا look like the article and مانيا."""
    return _WORD.findall(normalize_digits(alias))[0]


@dataclass(frozen=True, slots=True)
class _ResolvedByArticle:
    """A word that names one of `candidates`: the one the article names otherwise,
    else `default` (None: no entity)."""

    candidates: tuple[str, ...]
    default: str | None


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    kinds: dict[str, str]
    by_keys: dict[tuple[str, ...], str]
    by_words: dict[tuple[str, ...], str]
    # Longest alias that starts with a key (or an exact word): most tokens start
    # none, and are passed over with one lookup.
    longest_by_key: dict[str, int]
    longest_by_word: dict[str, int]
    # How the first word of the aliases under a key ends. `bare` also strips a name's
    # own first letter (براغ -> راغ, بنما -> نما), which then reads like other words
    # (فراغ "void", نما "grew"): a match stands only where the text word ends like
    # the alias.
    endings: dict[tuple[str, ...], tuple[str, ...]]
    by_article: dict[str, _ResolvedByArticle]
    # Single words whose entity depends on where they stand, by key: each resolver
    # gives the entity id, or None where the word names no entity.
    resolvers: dict[str, Callable[[Tokens, int, str | None], str | None]]


@cache
def _gazetteer() -> _Gazetteer:
    raw = json.loads(resources.files("claims.data").joinpath("gazetteer.json").read_text("utf-8"))
    kinds: dict[str, str] = {}
    by_keys: dict[tuple[str, ...], str] = {}
    by_words: dict[tuple[str, ...], str] = {}
    endings: dict[tuple[str, ...], set[str]] = {}
    for entity in raw["entities"]:
        kinds[entity["id"]] = entity["kind"]
        for alias in entity["aliases"]:
            if alias.isupper() and alias.isascii():
                by_words[tuple(tokenize(alias).words)] = entity["id"]
                continue
            for key in alias_keys(alias):
                by_keys[key] = entity["id"]
                endings.setdefault(key, set()).add(_core(_first_word(alias)))
        for alias in entity.get("cased", ()):
            by_words[tuple(tokenize(alias).words)] = entity["id"]
    by_article = {
        key: _ResolvedByArticle(tuple(rule["candidates"]), rule["default"])
        for rule in raw["resolved_by_article"]
        for word in rule["words"]
        for key in _spellings(word)
    }
    resolvers = {
        **{bare(normalize_arabic(word)): _only_definite for word in raw["definite_only"]},
        **dict.fromkeys(by_article, _by_article),
        **_AMBIGUOUS,
    }
    longest_by_key, longest_by_word = _longest(by_keys), _longest(by_words)
    return _Gazetteer(
        kinds,
        by_keys,
        by_words,
        longest_by_key,
        longest_by_word,
        {key: tuple(ends) for key, ends in endings.items()},
        by_article,
        resolvers,
    )


def _longest(aliases: dict[tuple[str, ...], str]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for alias in aliases:
        longest[alias[0]] = max(longest.get(alias[0], 0), len(alias))
    return longest


def is_entity(value: str) -> bool:
    """Whether `value` is a gazetteer id (not a name only written out)."""
    return value in _gazetteer().kinds


def entity_kind(entity_id: str) -> str:
    """person, country, region, org or armed_group."""
    return _gazetteer().kinds[entity_id]


def find_mentions(tokens: Tokens, *, context: str | None = "") -> list[Mention]:
    """Longest-match entity mentions in token order; `context` (the article) resolves
    words that name one of several entities (نيجيري، عمان، Congo).

    With `context=None` such words are skipped rather than resolved.
    """
    gazetteer = _gazetteer()
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens.keys):
        resolve = gazetteer.resolvers.get(tokens.keys[i])
        longest = max(
            gazetteer.longest_by_key.get(tokens.keys[i], 0),
            gazetteer.longest_by_word.get(tokens.words[i], 0),
            resolve is not None,
        )
        for length in range(min(longest, len(tokens.keys) - i), 0, -1):
            if length == 1 and resolve is not None:
                entity_id = resolve(tokens, i, context)
            else:
                key = tuple(tokens.keys[i : i + length])
                entity_id = gazetteer.by_keys.get(key)
                if entity_id and not tokens.words[i].lower().endswith(gazetteer.endings[key]):
                    entity_id = None
                entity_id = entity_id or gazetteer.by_words.get(tuple(tokens.words[i : i + length]))
            if entity_id:
                mentions.append(Mention(entity_id, gazetteer.kinds[entity_id], i, length))
                i += length
                break
        else:
            i += 1
    return _titles_folded(mentions)


# What a title before a name is made of: an office and the country whose office it is.
_TITLE_KINDS = frozenset({"office", "country"})


def _titles_folded(mentions: list[Mention]) -> list[Mention]:
    """A title right before a person's name is that person's ("وزير الدفاع الروسي سيرغي
    شويغو", "Russian Defence Minister Sergei Shoigu"): the title's country, read on its
    own, would make the person's country a party of the claim too, and "Lavrov" against
    "Shoigu" no difference of actor. The office stays: it is what the person did it as."""
    folded: list[Mention] = []
    for mention in mentions:
        if mention.kind == "person":
            title = []
            while (
                folded
                and folded[-1].kind in _TITLE_KINDS
                and folded[-1].index + folded[-1].length == (title or [mention])[-1].index
            ):
                title.append(folded.pop())
            offices = [m for m in reversed(title) if m.kind == "office"]
            folded.extend(offices if offices else reversed(title))
        folded.append(mention)
    return folded


def find_entities(text: str, *, context: str = "") -> list[str]:
    """Canonical ids of the entities named in `text`, first mention first, no repeats."""
    return list(dict.fromkeys(m.entity_id for m in find_mentions(tokenize(text), context=context)))


def _by_article(tokens: Tokens, index: int, context: str | None) -> str | None:
    """The one candidate the article (or, without one, the text itself) names by
    another word; with none or several, the rule's default."""
    if context is None:
        return None
    rule = _gazetteer().by_article[tokens.keys[index]]
    named = [c for c in rule.candidates if c in _named_in(context or " ".join(tokens.words))]
    return named[0] if len(named) == 1 else rule.default


@lru_cache(maxsize=1024)
def _named_in(context: str) -> frozenset[str]:
    """Entities an article names unambiguously (a service sees each article once
    per claim it holds, so a bounded cache is enough)."""
    return frozenset(m.entity_id for m in find_mentions(tokenize(context), context=None))


def _definite(tokens: Tokens, index: int) -> bool:
    proclitics = tokens.words[index].lower().removesuffix(tokens.keys[index])
    return "ال" in proclitics or proclitics.endswith("لل")  # للقاعدة is لـ + القاعدة


def _only_definite(tokens: Tokens, index: int, context: str | None) -> str | None:
    """A name that is written with the article, where the bare word is something else
    (gazetteer.json `definite_only`: الرياض is Riyadh, رياض a first name)."""
    return _gazetteer().by_keys[(tokens.keys[index],)] if _definite(tokens, index) else None


def _qaeda_or_base(tokens: Tokens, index: int, context: str | None) -> str | None:
    """القاعدة is al-Qaeda, but قاعدة is also a (military) base, common in reports of
    Russian deployments: "قاعدة عسكرية روسية", "القاعدة الجوية". The group is always
    definite and never followed by a feminine adjective (الإرهابي is masculine)."""
    following = tokens.keys[index + 1] if index + 1 < len(tokens.keys) else ""
    if not _definite(tokens, index) or following.endswith("يه"):
        return None
    return _gazetteer().by_keys[(tokens.keys[index],)]


# Resolvers written in code; words resolved by the article or only with the article
# are listed in gazetteer.json (`resolved_by_article`, `definite_only`).
_AMBIGUOUS: dict[str, Callable[[Tokens, int, str | None], str | None]] = {
    "قاعده": _qaeda_or_base,
}
