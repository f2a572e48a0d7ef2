"""From one incoming article to its cleaned text, language, identity and claims.

This is the domain half of ingestion: no I/O, no database. Rejections are
raised as `ArticleRejected` with a reason a person can act on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from claims.arabic import fold
from claims.clean import clean_article
from claims.extract import extract_claims
from claims.language import detect_language
from claims.model import DEFAULT_MAX_ARTICLE_BYTES, SUPPORTED_LANGUAGES, ArticleInput, Claim

_WHITESPACE = re.compile(r"\s+")


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
    """Validate, clean, identify the language of and extract claims from one article."""
    if not article.source or not article.source.strip():
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
    cleaned = clean_article(article.text)
    if not cleaned.strip():
        raise ArticleRejected("nothing is left after removing page furniture")
    language = article.language or detect_language(cleaned)
    if language is None:
        raise ArticleRejected(
            "unknown language (claimcheck reads Arabic, English and French); "
            "pass a language if detection is wrong"
        )
    claims = extract_claims(cleaned, language=language, published_at=article.published_at)
    return AnalysedArticle(
        article=article,
        cleaned_text=cleaned,
        language=language,
        content_hash=content_hash(cleaned),
        claims=claims,
    )
