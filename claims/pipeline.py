"""From one incoming article to its cleaned text, language, identity and claims.

This is the domain half of ingestion: no I/O, no database. Rejections are
raised as `ArticleRejected` with a reason a person can act on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from claims.arabic import fold
from claims.clean import clean_article, clean_label
from claims.extract import extract_claims
from claims.language import detect_language, has_letters, in_supported_script, other_language
from claims.model import DEFAULT_MAX_ARTICLE_BYTES, SUPPORTED_LANGUAGES, ArticleInput, Claim

_WHITESPACE = re.compile(r"\s+")
# Half of a UTF-16 pair alone: JSON's "\ud800" escape gives one, no encoding can hold it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNSUPPORTED = "claimcheck reads Arabic, English and French"


class ArticleRejected(ValueError):
    """The article cannot be ingested; the message says why."""


@dataclass(frozen=True, slots=True)
class AnalysedArticle:
    article: ArticleInput
    cleaned_text: str
    language: str
    content_hash: str
    claims: list[Claim]


def content_hash(cleaned_text: str) -> str:
    """Identity of a story's text: spelling variants and spacing do not make a new article."""
    canonical = _WHITESPACE.sub(" ", fold(cleaned_text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def analyse_article(
    article: ArticleInput, *, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> AnalysedArticle:
    """Validate, clean, identify the language of and extract claims from one article.

    Source and title are normalised (`clean_label`): invisible and control characters
    would otherwise make one outlet two, or reach a reviewer's terminal.
    """
    for name in ("source", "text", "url", "title"):
        value = getattr(article, name)
        surrogate = _LONE_SURROGATE.search(value) if value else None
        if surrogate is not None:
            raise ArticleRejected(
                f"{name} is not valid Unicode: a lone surrogate U+{ord(surrogate.group()):04X} "
                f"at character {surrogate.start()}"
            )
    article = replace(
        article,
        source=clean_label(article.source or ""),
        title=clean_label(article.title) if article.title else None,
    )
    if not article.source:
        raise ArticleRejected("source is empty")
    if not article.text or not article.text.strip():
        raise ArticleRejected("text is empty")
    size = len(article.text.encode("utf-8"))
    if size > max_bytes:
        raise ArticleRejected(f"text is {size:,} bytes, over the limit of {max_bytes:,}")
    if article.language is not None and article.language not in SUPPORTED_LANGUAGES:
        raise ArticleRejected(
            f"unsupported language {article.language!r}; expected one of "
            + ", ".join(SUPPORTED_LANGUAGES)
        )
    if not has_letters(article.text):
        raise ArticleRejected("text has no letters: nothing to read")
    cleaned = clean_article(article.text)
    if not cleaned.strip():
        if not in_supported_script(article.text):
            raise ArticleRejected(
                f"unsupported language: most letters are neither Arabic nor Latin ({_UNSUPPORTED})"
            )
        raise ArticleRejected("nothing is left after removing page furniture")
    language = article.language or detect_language(cleaned)
    if language is None:
        other = other_language(cleaned)
        raise ArticleRejected(
            (f"text is in {other}" if other else "unknown language")
            + f" ({_UNSUPPORTED}); pass a language if detection is wrong"
        )
    claims = extract_claims(cleaned, language=language, published_at=article.published_at)
    return AnalysedArticle(
        article=article,
        cleaned_text=cleaned,
        language=language,
        content_hash=content_hash(cleaned),
        claims=claims,
    )
