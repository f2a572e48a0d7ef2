"""Split cleaned article text into sentences with character spans.

Sentences end at . ! ? ؟ … and at paragraph breaks. The Arabic comma (،) and
semicolon (؛) join clauses inside a sentence, so they are left to claim
extraction. A period is not an end inside numbers (3.5, 1,417.2), after
abbreviations and initials (U.S., M. Macron, أ.ف.ب) or before a lower-case word.
A run-on "sentence" longer than MAX_SENTENCE_CHARS is cut at clause marks or spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; `text == source[start:end]`."""

    text: str
    start: int
    end: int


# Candidate end: terminal punctuation run, then any closing quotes/brackets.
_END = re.compile(r"[.!?؟…]+(?: ?[\"'”’»)\]])*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.'-]+)[.!?؟…]*[\"'”’»)\]]*$")
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st",
        "jr", "sr", "vs", "no", "nos", "jan", "feb", "mar", "apr", "aug", "sep", "sept",
        "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "inc",
        "co", "corp", "ltd", "mm", "mme", "mlle", "me", "av", "env", "cf", "p", "pp",
        "vol", "art", "n°", "etc", "approx", "fig",
    }
)  # fmt: skip
_PARAGRAPH = re.compile(r"[^\n]+")
# Longest sentence kept whole. The seeds' longest claim has 248 characters; past four
# times that, text is a scrape without punctuation (one 867 KB "sentence" took 3 GB to
# ingest as one claim), cut into pieces no longer than this.
MAX_SENTENCE_CHARS = 1000
_CLAUSE_MARKS = "،,؛;:"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order, each with its span; blank lines never belong to one."""
    sentences: list[Sentence] = []
    for paragraph in _PARAGRAPH.finditer(text):
        offset = paragraph.start()
        start = 0
        line = paragraph.group()
        for match in _END.finditer(line):
            if _is_false_end(line, match.start(), match.end()):
                continue
            _append(sentences, text, offset + start, offset + match.end())
            start = match.end()
        _append(sentences, text, offset + start, offset + len(line))
    return sentences


def _is_false_end(line: str, punct_start: int, punct_end: int) -> bool:
    if line[punct_start] != ".":
        return False
    before = _WORD_BEFORE.search(line[: punct_start + 1])
    word = before.group(1).rstrip(".").lower() if before else ""
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    following = line[punct_end:].lstrip()
    return bool(following) and following[0].islower()


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    start, end = _trimmed(text, start, end)
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(text, start, start + MAX_SENTENCE_CHARS)
        piece = _trimmed(text, start, cut)
        sentences.append(Sentence(text[piece[0] : piece[1]], *piece))
        start, end = _trimmed(text, cut, end)
    if start < end:
        sentences.append(Sentence(text[start:end], start, end))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(text: str, start: int, limit: int) -> int:
    """End of a piece of `text[start:limit]`: after its last clause mark, else its last
    space, in its second half; else at the limit."""
    window = text[start:limit]
    for marks in (_CLAUSE_MARKS, " \t"):
        last = max(window.rfind(mark) for mark in marks)
        if last >= len(window) // 2:
            return start + last + 1
    return limit
