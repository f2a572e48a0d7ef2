"""Towns and cities the gazetteer does not know, where a claim says that it names one.

The gazetteer holds countries, regions and capitals, so "a strike in the town of Bint
Jbeil" and "in the city of Nabatieh" both read as Lebanon. A locality is read only where
the wording marks it: a head noun ("بلدة", "city of", "ville de") before a name, or in
English and French a capitalised name after "in", "near", "à" ... It is kept as its
language and its folded name ("ar:بنت جبيل"), and where GeoNames knows the town, its id
("fr:tombouctou#2449067", `claims.slots.towns`): spellings differ across languages
(Tombouctou, Timbuktu, تمبكتو), so a town is compared across languages by its id only,
and by its name within one language.
"""

from __future__ import annotations

import re

from claims.slots.entities import find_mentions, tokenize
from claims.slots.surface import fold_with_origin
from claims.slots.towns import town_id

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
    return [_locality(language, name) for name in dict.fromkeys(found)]


def _locality(language: str, name: str) -> str:
    """ "lang:name#id" for a town GeoNames knows, by its whole name or else its first word
    ("مدينة تمبكتو يوم الثلاثاء": the word after a name is not always part of it)."""
    town = town_id(name)
    if town is None and " " in name:
        first = name.split()[0]
        town = town_id(first)
        name = first if town is not None else name
    return f"{language}:{name}" if town is None else f"{language}:{name}#{town}"


def locality_covered(locality: str, others: list[str]) -> bool:
    """Whether `others` leave nothing to dispute about this town: they name it (the same
    town id, or in one language the same first word: "ar:طنجه" and "ar:طنجه الساحليه"),
    or name no town it can be compared with (by id, or by spelling in its language)."""
    mine = [o for o in others if _comparable(o, locality)]
    return not mine or any(_same_town(o, locality) for o in mine)


def locality_name(locality: str) -> str:
    """The name as the claim folds it ("tombouctou")."""
    return locality.split(":", 1)[1].split("#", 1)[0]


def _comparable(x: str, y: str) -> bool:
    both_known = _town(x) is not None and _town(y) is not None
    return both_known or _language(x) == _language(y)


def _same_town(x: str, y: str) -> bool:
    if _town(x) is not None and _town(y) is not None:
        return _town(x) == _town(y)
    return _first(x) == _first(y)


def _language(locality: str) -> str:
    return locality.split(":", 1)[0]


def _town(locality: str) -> str | None:
    _, _, town = locality.partition("#")
    return town or None


def _first(locality: str) -> str:
    return locality_name(locality).split()[0]


def _arabic_name(first: str, second: str | None) -> str:
    return first if second is None or _AR_NOT_NAME.match(second) else f"{first} {second}"


def _folded(text: str) -> str:
    return fold_with_origin(text).text
