"""Detect whether an article is Arabic, English or French, and nothing else.

The detector knows a few decoy languages besides the three we support, so a
Spanish or Persian text is recognised as such and answered with None instead
of being forced into the nearest supported language.
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

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
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _detector() -> LanguageDetector:
    """Built once, on first use: loading the n-gram models takes about a second."""
    return LanguageDetectorBuilder.from_languages(*_SUPPORTED, *_DECOYS).build()


def detect_language(text: str) -> str | None:
    """'ar', 'en' or 'fr'; None for another language or too little text to tell."""
    if len(_LETTER.findall(text)) < _MIN_LETTERS:
        return None
    return _SUPPORTED.get(_detector().detect_language_of(text))


# Letters of the scripts the three languages are written in.
_SUPPORTED_SCRIPT = re.compile(
    r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
    r"\ufe70-\ufefcA-Za-z\u00c0-\u024f\u1e00-\u1eff]"
)


def in_supported_script(text: str) -> bool:
    """Whether most letters are Arabic or Latin: Chinese or Cyrillic text is not one of
    the three languages, whatever cleaning or detection would make of it."""
    letters = len(_LETTER.findall(text))
    return letters == 0 or 2 * len(_SUPPORTED_SCRIPT.findall(text)) >= letters
