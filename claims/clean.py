"""Strip page furniture from a scraped article, keeping one paragraph per block.

Scraped news pages carry ads, bylines, captions, comment forms and "related
articles" blocks that hold *other* stories; left in, they become false claims.
HTML (a page, or markup left in a scraped body) is read as text first, one paragraph
per line (`claims.markup`). The result is deterministic and idempotent: cleaning
cleaned text changes nothing.
"""

from __future__ import annotations

import re

from claims.arabic import fold
from claims.markup import article_text

# "Read also" in each language: alone on its line it heads a list of other stories;
# followed by one story's headline it is a link set inside the article, which goes on.
_READ_ALSO = r"(?:read next|read also|also read|(?:a |à )?lire aussi|اقرا (?:ايضا|كذلك))"

# A line starting with one of these opens a block of other stories or reader
# furniture; the rest of the page is never the article (seed 004 carries a
# whole nuclear-doctrine story after "مقالات ذات صلة").
_CUT_MARKERS = re.compile(
    rf"^(?:{_READ_ALSO}\s*[:\-–—]?"
    r"|(?:مقالات ذات صله|مواضيع ذات صله|اترك تعليقا|اضف تعليقا"
    r"|read more|related|related articles|related stories|more on this story|leave a comment"
    r"|sur le même sujet|laisser un commentaire)"
    r"\s*(?:[:\-–—].*)?)[.!]?$"
)

# Whole lines that are page furniture wherever they appear: ads, and links to another
# story set inside the article ("Read also: ...", "Lire aussi : ...", "اقرأ أيضاً: ..."),
# which the text goes on after.
_FURNITURE_LINE = re.compile(
    r"^(?:\[ad_\d+\]|advertisement\b.*|sponsored\b.*|publicité\b.*|اعلان|محتوي مدفوع"
    rf"|{_READ_ALSO}\s*[:\-–—|].*|lire la suite\s*:.*"
    r"|رئيس التحرير|مدير التحرير|المصدر(?:\s*:)?(?:\s+\S+){0,3}|مصادر اضافيه\b.*"
    r"|error:.*|.*محمي من القرصنه.*|زر الذهاب الي الاعلي|العوده الي الاعلي"
    r"|لن يتم نشر عنوان بريدك الالكتروني.*|.*(?:اشترك|اشتركوا) في النشره.*"
    r"|sources? ?:.*|sources? additionnelles?.*"
    r"|back to top|retour en haut.*|subscribe to our newsletter.*|sign up for .*newsletter.*"
    r"|abonnez-vous.*|inscrivez-vous à (?:notre|la) newsletter.*"
    r"|your email address will not be published.*|votre adresse e-mail ne sera pas publiée.*"
    # A photo's caption: "Photo: ...", "Photo : ...", "صورة: ...".
    r"|(?:photo|image|صوره|الصوره)\s*:.*)$"
)
# A wire dateline opening a paragraph: a place, maybe a date, the agency's name in
# brackets (every word capitalised, or Arabic), a dash ("BAMAKO, June 10 (Reuters) - ",
# "NIAMEY, 12 juin (AFP) - ", "باماكو - 8 فبراير (الساحل نيوز) - "). The page's place is
# not a party to the claim after it.
_AGENCY = r"\((?:[A-ZÀ-Ý\u0621-\u064a][\w'’./&-]*\s*){1,5}\)"
_DATELINE = re.compile(
    rf"^[^\W\d_][\w'’.-]*(?:[ ,،]+[\w'’./-]+){{0,4}}\s*{_AGENCY}\s*[-–—]\s+(?=\w|[«\"“])"
)

# Image captions end with a photo-agency credit in brackets: "(أ.ف.ب)", "(AFP)".
_CAPTION_CREDIT = re.compile(
    r"\((?:ا\.?ف\.?ب|ا\.?ب|رويترز|د\.?ب\.?ا|afp|ap|reuters|getty images|epa)\)\s*$"
)
_SENTENCE_END = re.compile(r"[.!?؟…:»”\"]\s*$")
_ZERO_WIDTH = re.compile(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# In a name or on a terminal also: escape sequences (colours, cursor moves, window
# titles), the other control characters, joiners and invisible operators.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")
_INVISIBLE = re.compile(
    rf"{_ZERO_WIDTH.pattern}|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200c\u200d\u2060-\u2064]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")

# Lines this short without sentence-final punctuation are labels ("عاجل", "TT",
# "قضايا و آراء", a byline name, a sub-heading), never a checkable sentence.
_LABEL_MAX_WORDS = 4


def clean_article(raw: str) -> str:
    """Return the article body: furniture removed, paragraphs separated by blank lines."""
    paragraphs: list[str] = []
    seen: set[str] = set()
    text = article_text(raw)
    for line in _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line:
            continue
        key = fold(line)
        if _CUT_MARKERS.match(key):
            break
        if key in seen or _is_furniture(line, key):
            continue
        seen.add(key)
        paragraphs.append(_DATELINE.sub("", line, count=1))
    return "\n\n".join(paragraphs)


def _is_furniture(line: str, key: str) -> bool:
    if _FURNITURE_LINE.match(key) or _CAPTION_CREDIT.search(key):
        return True
    return len(line.split()) <= _LABEL_MAX_WORDS and not _SENTENCE_END.search(line)


def printable(text: str) -> str:
    """`text` without terminal escape sequences, control characters and invisible marks
    (bidi overrides, zero-width characters, BOM): what a terminal may be sent."""
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_label(text: str) -> str:
    """A source name or title as one line of visible text: two names that look the same
    are the same name."""
    return " ".join(printable(text).split())
