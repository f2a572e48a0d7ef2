"""Article text out of HTML: one line per paragraph, entities decoded, scripts dropped.

Paragraph bounds matter downstream: a quotation goes on and "ينفي ذلك" points back only
within a paragraph. trafilatura reads the page (main content of a whole page, every
block of a fragment); text that is not HTML passes through unchanged.
"""

from __future__ import annotations

import html
import re

# An opening or closing tag of an element news pages are made of, or a doctype or comment.
_TAG = re.compile(
    r"<(?:!doctype|!--|/?(?:html|head|body|p|div|br|hr|span|a|b|i|u|em|strong|small|sup|sub"
    r"|h[1-6]|ul|ol|li|dl|dt|dd|article|section|header|footer|nav|aside|main|figure"
    r"|figcaption|img|picture|table|thead|tbody|tr|td|th|blockquote|q|cite|time|pre|code"
    r"|script|style|noscript|iframe|meta|link|title|form|button|input|label)\b[^<>]*>)",
    re.IGNORECASE,
)
# Tags that bound a paragraph; a fragment without any keeps its own line breaks.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|blockquote|article|section|tr|td|figcaption|pre)\b", re.IGNORECASE
)
_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def is_html(text: str) -> bool:
    return _TAG.search(text) is not None


def article_text(raw: str) -> str:
    """The readable text of `raw`: HTML turned into lines, entities decoded elsewhere too."""
    if is_html(raw):
        return html_to_text(raw)
    if _ENTITY.search(raw):
        return html.unescape(raw)
    return raw


def html_to_text(page: str) -> str:
    """Paragraphs of an HTML page or fragment, one per line ("" when there is no text)."""
    import trafilatura

    if not _DOCUMENT.search(page):
        if not _BLOCK_TAG.search(page):
            page = page.replace("\n", "<br>\n")
        page = f"<html><body>{page}</body></html>"
    # favor_recall: furniture is `claims.clean`'s job; a lost paragraph is lost for good.
    text = trafilatura.extract(page, favor_recall=True, include_comments=False)
    return text if text is not None else trafilatura.html2txt(page)
