"""Towns and cities the gazetteer does not know, where a claim says that it names one.

The gazetteer holds countries, regions and capitals, so "a strike in the town of Bint
Jbeil" and "in the city of Nabatieh" both read as Lebanon. A locality is read only where
the wording marks it: a head noun ("بلدة", "city of", "ville de") before a name, or in
English and French a capitalised name after "in", "near", "à" ... It is kept as its
language and its folded name ("ar:بنت جبيل"): spellings differ across languages
(Tombouctou, Timbuktu, تمبكتو), so localities are only compared within one language.
"""

from __future__ import annotations

import re

from claims.slots.entities import find_mentions, tokenize
from claims.slots.surface import fold_with_origin

_AR_HEADS = r"مدينه|بلده|قريه|محافظه|ولايه|مخيم|ميناء|مقاطعه|اقليم|ضاحيه"
_AR = re.compile(rf"(?<!\w)[وب]?(?:ال)?(?:{_AR_HEADS})\s+(\w+)(?:\s+(\w+))?")
# A second word that is no part of the name: where it lies, what follows, its adjective.
_AR_NOT_NAME = re.compile(
    r"^(?:[وفبل]?(?:جنوب|شمال|شرق|غرب|وسط)\w*|في|من|الي|علي|عن|مع|قرب|بعد|قبل|حيث|التي|الذي"
    r"|ال\w+(?:يه|ي))$"
)
_LATIN_NAME = r"([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?)"
_EN = re.compile(
    r"\b(?:(?:city|town|village|port|province|district|state|camp|coast|island|commune)\s+of"
    rf"\s+(?:the\s+)?|(?:in|at|near|off|outside)\s+){_LATIN_NAME}"
)
_FR = re.compile(
    r"(?:\b(?:ville|localité|village|région|province|préfecture|port|commune|camp|cercle"
    r"|base(?:\s+\w+){0,2})\s+(?:de\s+|d['’])|(?<!\w)(?:à|près\s+de|dans)\s+)" + _LATIN_NAME
)
_NOT_PLACES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "the", "a", "an", "this", "that", "janvier", "février", "mars",
     "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
     "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "le", "la", "les",
     "l", "un", "une"}
)  # fmt: skip


def find_localities(text: str, *, language: str) -> list[str]:
    """The localities the claim names, as "language:name", in order of mention."""
    if language == "ar":
        names = [_arabic_name(m.group(1), m.group(2)) for m in _AR.finditer(_folded(text))]
    elif language in ("en", "fr"):
        pattern = _EN if language == "en" else _FR
        names = [_folded(m.group(1)) for m in pattern.finditer(text)]
        names = [n for n in names if n.split()[0] not in _NOT_PLACES]
    else:
        return []
    found = [n for n in names if not find_mentions(tokenize(n), context=None)]
    return [f"{language}:{name}" for name in dict.fromkeys(found)]


def locality_covered(locality: str, others: list[str]) -> bool:
    """Whether `others` leave nothing to dispute about this town: they name it (one
    language, the same first word: "ar:طنجه" and "ar:طنجه الساحليه"), or name no town in
    its language, where it could only be compared by its spelling."""
    mine = [o for o in others if locality_language(o) == locality_language(locality)]
    return not mine or any(_first(o) == _first(locality) for o in mine)


def locality_language(locality: str) -> str:
    return locality.split(":", 1)[0]


def locality_name(locality: str) -> str:
    return locality.split(":", 1)[1]


def _first(locality: str) -> str:
    return locality_name(locality).split()[0]


def _arabic_name(first: str, second: str | None) -> str:
    return first if second is None or _AR_NOT_NAME.match(second) else f"{first} {second}"


def _folded(text: str) -> str:
    return fold_with_origin(text).text
