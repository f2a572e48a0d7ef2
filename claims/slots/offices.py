"""Whose office a title names: "وزير خارجية بوركينا فاسو", "السفير الروسي", "Mali's
foreign minister", "the foreign minister of Niger", "l'ambassadeur russe".

An office (gazetteer kind `office`) says what someone did a thing as, and the country
written with it says whose official they are. Two reports that give one statement to
the foreign minister of two countries, or to two countries' ambassadors, disagree on
who said it, though both name "a foreign minister". Each office comes out as
`OFFICE@COUNTRY` (`foreign_minister@burkina_faso`).

Where the country stands is grammar, not data:
- Arabic and French put it right after the office, as a genitive ("وزير خارجية مالي",
  "سفير روسيا") or an adjective ("السفير الروسي", "l'ambassadeur russe"); French also
  after "de"/"du" ("l'ambassadeur de Russie", "le ministre des Affaires étrangères du
  Mali");
- French puts a demonym inside a minister's title too ("le ministre burkinabè des
  Affaires étrangères"), where the title itself is no longer one alias;
- English puts it right before, as an adjective or a possessive ("the Russian
  ambassador", "Mali's foreign minister"), or after "of" ("the foreign minister of
  Niger").
The country an ambassador is posted to comes after other words ("لدى مالي", "to
Mali", "au Mali") and is never read as theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.slots.entities import Mention, Tokens, find_mentions, tokenize

_COUNTRY = "country"
# Words between an office and its country that say "of": the possessive's "s"
# (tokenised apart from "Mali's") before an English office, "of" or "de" after one.
_OF_AFTER = {"en": frozenset({"of"}), "fr": frozenset({"de", "du", "d"}), "ar": frozenset()}
_POSSESSIVE = "s"
# A French minister's title with a demonym inside: "ministre" and the title's rest
# after the demonym, at most this many words ("des Affaires étrangères").
_MINISTER = "ministre"
_TITLE_REST = 4
# Whether a country written right after the office is its own, per language: an
# English title takes its country in front ("the Russian ambassador"), so a country
# right after it ("the ambassador Mali hosted") is another party.
_ADJACENT_AFTER = frozenset({"ar", "fr"})


def find_offices(tokens: Tokens, mentions: Sequence[Mention], language: str) -> list[str]:
    """`OFFICE@COUNTRY` for each office written with its country, in order, no repeats."""
    by_start = {m.index: m for m in mentions}
    by_end = {m.index + m.length: m for m in mentions}
    found = []
    for office in (m for m in mentions if m.kind == "office"):
        country = _country_after(tokens, office, by_start, language) or _country_before(
            tokens, office, by_end, language
        )
        if country is not None:
            found.append(f"{office.entity_id}@{country}")
    if language == "fr":
        found += _minister_with_demonym(tokens, mentions)
    return list(dict.fromkeys(found))


def _minister_with_demonym(tokens: Tokens, mentions: Sequence[Mention]) -> list[str]:
    """ "ministre malien de la Défense": the title read without the demonym, whose
    country it is."""
    found = []
    for country in (m for m in mentions if _is_country(m)):
        start, end = country.index, country.index + country.length
        if start == 0 or tokens.words[start - 1].lower() != _MINISTER:
            continue
        for rest in range(_TITLE_REST, 0, -1):
            title = tokenize(" ".join([_MINISTER, *tokens.words[end : end + rest]]))
            office = find_mentions(title, context=None)
            if office and office[0].kind == "office" and office[0].length == len(title.words):
                found.append(f"{office[0].entity_id}@{country.entity_id}")
                break
    return found


def _country_after(
    tokens: Tokens, office: Mention, by_start: dict[int, Mention], language: str
) -> str | None:
    end = office.index + office.length
    if language in _ADJACENT_AFTER and _is_country(by_start.get(end)):
        return by_start[end].entity_id
    if end < len(tokens.words) and tokens.words[end].lower() in _OF_AFTER.get(language, ()):
        following = by_start.get(end + 1)
        return following.entity_id if _is_country(following) else None
    return None


def _country_before(
    tokens: Tokens, office: Mention, by_end: dict[int, Mention], language: str
) -> str | None:
    if language != "en":
        return None
    start = office.index
    if _is_country(by_end.get(start)):
        return by_end[start].entity_id
    if start > 0 and tokens.words[start - 1].lower() == _POSSESSIVE:
        before = by_end.get(start - 1)
        return before.entity_id if _is_country(before) else None
    return None


def _is_country(mention: Mention | None) -> bool:
    return mention is not None and mention.kind == _COUNTRY
