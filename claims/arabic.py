"""Arabic orthographic normalisation, shared by every stage that matches words.

Arabic news text spells the same word many ways: hamza on or off the alef
(أ إ آ ا), final ta marbuta written as ha (ة/ه), final ya written as alef
maqsura (ي/ى), optional diacritics and tatweel stretching. Matching is done on
a folded form; spans always point into the original text.
"""

from __future__ import annotations

import re

import pyarabic.araby as araby

_MARKS = {mark: None for mark in (*araby.TASHKEEL, araby.TATWEEL)}
_ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}
_FINAL_FORMS = {"ة": "ه", "ى": "ي"}
_DIGITS = dict(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789", strict=True))
# One translate per text: the sets are disjoint and no output is another's input.
_SPELLING = str.maketrans({**_MARKS, **_ALEF_FORMS, **_FINAL_FORMS})
_NO_MARKS = str.maketrans(_MARKS)
_ARABIC_INDIC_DIGITS = str.maketrans(_DIGITS)
_FOLD = str.maketrans({**_MARKS, **_ALEF_FORMS, **_FINAL_FORMS, **_DIGITS})
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_TOKEN = re.compile(r"[\w\u0621-\u064A]+", re.UNICODE)

# Proclitics that attach to the next word: wa- (and), fa- (so), bi- (with),
# li- (for), ka- (like), and the article al-. Stripped only when enough of the
# word remains, so short roots like "ولد" survive.
_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def normalize_arabic(text: str) -> str:
    """Fold spelling variants so equal words compare equal; keeps length-agnostic."""
    return text.translate(_SPELLING)


def strip_marks(text: str) -> str:
    """The text without diacritics and tatweel, other letters as written: the form the
    attribution, denial and anaphora patterns read, a vowelled word being the same word.
    One translate (pyarabic's strip_tashkeel and strip_tatweel remove the same marks, a
    character at a time in Python)."""
    return text.translate(_NO_MARKS)


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, one character for one (spans stay valid)."""
    return text.translate(_ARABIC_INDIC_DIGITS)


def fold(text: str) -> str:
    """The matching form of any text: Arabic folded, digits ASCII, Latin lower-cased."""
    return text.translate(_FOLD).lower()


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def tokens(text: str) -> list[str]:
    """Folded word tokens, punctuation dropped."""
    return _TOKEN.findall(fold(text))


def cased_tokens(text: str) -> list[str]:
    """The word tokens of `tokens`, one for one, in their written case."""
    return _TOKEN.findall(text.translate(_FOLD))


def strip_proclitics(token: str) -> str:
    """Light stem: remove one attached conjunction/preposition/article if the rest is a word."""
    for prefix in _PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            return token[len(prefix) :]
    return token
