"""Detect whether an article is Arabic, English or French, and nothing else.

The detector knows a few decoy languages besides the three we support, so a
Spanish or Persian text is recognised as such and answered with None instead
of being forced into the nearest supported language.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lingua import ConfidenceValue, Language, LanguageDetector, LanguageDetectorBuilder

_SUPPORTED = {Language.ARABIC: "ar", Language.ENGLISH: "en", Language.FRENCH: "fr"}
_DECOYS = (
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.GERMAN,
    Language.DUTCH,
    Language.TURKISH,
    Language.PERSIAN,
    Language.URDU,
    Language.RUSSIAN,
)
# Below a dozen letters n-gram statistics are noise ("ok" comes out Turkish).
_MIN_LETTERS = 12
# How little of the detector's confidence may go to the three languages before a text
# is called another one: German and Spanish sentences leave them under 0.03, short
# English headlines keep 0.24 or more ("Wagner left Mali": English 0.24, German 0.24).
_SUPPORTED_CONFIDENCE_FLOOR = 0.1
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _detector() -> LanguageDetector:
    """Built once, on first use: loading the n-gram models takes about a second."""
    return LanguageDetectorBuilder.from_languages(*_SUPPORTED, *_DECOYS).build()


def detect_language(text: str) -> str | None:
    """'ar', 'en' or 'fr'; None for another language or too little text to tell."""
    if len(_LETTER.findall(text)) < _MIN_LETTERS:
        return None
    return _SUPPORTED.get(_confidences(text)[0].language)


def likeliest_language(text: str) -> str | None:
    """For a claim, which is short: `detect_language`, else the likeliest of the three
    unless the text is clearly in another language (`other_language`). A headline full
    of names may lean Dutch or German ("Tiger Woods is selling his island in Lake
    Mlaren, Sweden": Dutch 0.54, English 0.29) and still be English; an article is not
    guessed at this way, it is refused with a reason."""
    detected = detect_language(text)
    if detected is not None or len(_LETTER.findall(text)) < _MIN_LETTERS:
        return detected
    if other_language(text) is not None:
        return None
    supported = [c for c in _confidences(text) if c.language in _SUPPORTED]
    return _SUPPORTED[max(supported, key=lambda c: c.value).language]


@lru_cache(maxsize=4096)
def _confidences(text: str) -> tuple[ConfidenceValue, ...]:
    return tuple(_detector().compute_language_confidence_values(text))


# Letters of the scripts the three languages are written in.
_SUPPORTED_SCRIPT = re.compile(
    r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
    r"\ufe70-\ufefcA-Za-z\u00c0-\u024f\u1e00-\u1eff]"
)


def has_letters(text: str) -> bool:
    """Whether a text has a letter in any script: digits, punctuation and emoji say
    nothing claimcheck can read."""
    return _LETTER.search(text) is not None


def other_language(text: str) -> str | None:
    """The language a text is clearly written in when that is none of the three ('German',
    'Persian', or 'a script other than Arabic or Latin'); None when it is one of them or
    too short or mixed to tell."""
    if not in_supported_script(text):
        return "a script other than Arabic or Latin"
    if len(_LETTER.findall(text)) < _MIN_LETTERS:
        return None
    confidences = _confidences(text)
    supported = sum(c.value for c in confidences if c.language in _SUPPORTED)
    if confidences[0].language in _SUPPORTED or supported >= _SUPPORTED_CONFIDENCE_FLOOR:
        return None
    return confidences[0].language.name.capitalize()


def reading_problem(text: str, given: str | None = None) -> str | None:
    """Why a text cannot be compared as a claim of the three languages, or None: no
    letters at all, or clearly another language (unless its language is `given`: the
    caller knows better than the detector)."""
    if not has_letters(text):
        return "has no letters, so nothing to compare"
    language = None if given else other_language(text)
    if language is not None:
        return f"is in {language}; claimcheck reads Arabic, English and French"
    return None


def in_supported_script(text: str) -> bool:
    """Whether most letters are Arabic or Latin: Chinese or Cyrillic text is not one of
    the three languages, whatever cleaning or detection would make of it."""
    letters = len(_LETTER.findall(text))
    return letters == 0 or 2 * len(_SUPPORTED_SCRIPT.findall(text)) >= letters
