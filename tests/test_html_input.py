"""HTML articles read like their plain text: one paragraph per <p>, entities decoded,
page furniture and scripts gone; .html files and HTML in JSONL are ingested."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claims.clean import clean_article
from claims.model import ArticleInput
from claims.pipeline import analyse_article
from service.jobs.ingest import ingest_items
from service.readers import read_articles
from store.db import unit_of_work
from store.models import Article, Claim

# The paragraph after the first ends with a denial that points back ("ينفي ذلك") and a
# quotation; the English one carries an ampersand, apostrophes and a no-break space.
ENGLISH = "Russia's defence ministry said 1,000 soldiers & trainers had arrived in Bamako."


def _page(paragraphs: list[str]) -> str:
    """A scraped page: navigation, a script, the article as <p>s with entities, a footer."""
    body = "".join(
        "<p>"
        + html.escape(p).replace("1,000 ", "1,000&nbsp;").replace("&#x27;", "&#39;")
        + "</p>\n"
        for p in paragraphs
    )
    return (
        "<!DOCTYPE html><html><head><title>Lavrov in Bamako</title>"
        "<script>var related = '<p>Other story</p>';</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/africa'>Africa</a></li></ul></nav>"
        f"<article>{body}</article>"
        "<footer><p>© 2023 Example News</p></footer></body></html>"
    )


@pytest.fixture
def seed_paragraphs(seeds_dir: Path) -> list[str]:
    text = (seeds_dir / "004_a25b87eb672c9413.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()] + [ENGLISH]


def test_an_html_article_gives_the_claims_of_its_plain_text(seed_paragraphs: list[str]) -> None:
    plain = analyse_article(ArticleInput(source="a", text="\n".join(seed_paragraphs)))
    page = analyse_article(ArticleInput(source="a", text=_page(seed_paragraphs)))
    assert page.cleaned_text == plain.cleaned_text
    assert page.claims == plain.claims
    assert any(claim.slots.refers_to for claim in page.claims)  # "ينفي ذلك" found its antecedent


def test_two_paragraphs_stay_two() -> None:
    cleaned = clean_article(
        "<p>Russia deployed 100 soldiers to Mali.</p><p>Mali's junta denied it on Monday.</p>"
    )
    assert cleaned == "Russia deployed 100 soldiers to Mali.\n\nMali's junta denied it on Monday."


def test_entities_never_reach_the_claims() -> None:
    analysed = analyse_article(
        ArticleInput(
            source="a",
            text="<p>Russia&#39;s army &amp; Wagner sent 300&nbsp;soldiers to Mali in 2023.</p>",
        )
    )
    [claim] = analysed.claims
    assert claim.text == "Russia's army & Wagner sent 300 soldiers to Mali in 2023"


def test_entities_in_plain_text_are_decoded_and_lines_kept() -> None:
    cleaned = clean_article("Russia &amp; Mali signed a deal.\nWagner&#39;s men arrived in 2023.")
    assert cleaned == "Russia & Mali signed a deal.\n\nWagner's men arrived in 2023."


def test_markup_inside_a_plain_text_keeps_its_line_breaks() -> None:
    cleaned = clean_article("Russia sent <b>300</b> soldiers to Mali.\nMali denied it on Monday.")
    assert cleaned == "Russia sent 300 soldiers to Mali.\n\nMali denied it on Monday."


def test_html_files_and_html_in_jsonl_are_ingested(
    tmp_path: Path, session_factory: sessionmaker[Session], seed_paragraphs: list[str]
) -> None:
    (tmp_path / "lavrov.html").write_text(_page(seed_paragraphs), encoding="utf-8")
    line = {"source": "wire", "text": "<p>Russia&#39;s army sent 300 soldiers to Mali in 2023.</p>"}
    (tmp_path / "wire.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    summary = ingest_items(
        read_articles([tmp_path], max_bytes=1_000_000),
        session_factory=session_factory,
        max_bytes=1_000_000,
    )
    assert (summary.new, summary.rejected) == (2, 0)
    with unit_of_work(session_factory) as session:
        cleaned = session.scalars(select(Article.cleaned_text)).all()
        texts = session.scalars(select(Claim.text)).all()
    assert not any("<" in text or "&#" in text or "&amp;" in text for text in cleaned)
    assert "Russia's army sent 300 soldiers to Mali in 2023" in texts
