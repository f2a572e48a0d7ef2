"""Random text, dates and numbers never crash the pipeline or the compare endpoint: an
article is analysed or rejected with a reason, slots are read or not, a request is
answered 200 or 422, never 500. Examples are fixed (derandomized) so CI stays repeatable;
about 20 seconds in all (2,000 random examples each passed while writing them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_api_support import key_for

from claims.model import ArticleInput
from claims.pipeline import ArticleRejected, analyse_article
from claims.slots import extract_slots
from service.api.app import create_app
from service.config import Settings
from store.db import make_engine, make_session_factory
from store.migrations import upgrade

WORDS = [
    "نشرت",
    "روسيا",
    "جندي",
    "مالي",
    "فاغنر",
    "ينفي",
    "ذلك",
    "قال",
    "إن",
    "في",
    "نحو",
    "أكثر",
    "من",
    "ألف",
    "مليون",
    "١٢٣",
    "عام",
    "الماضي",
    "Russia",
    "deployed",
    "soldiers",
    "about",
    "dozens",
    "said",
    "denied",
    "it",
    "Monday",
    "last",
    "week",
    "Wagner",
    "Bamako",
    "La",
    "Russie",
    "a",
    "déployé",
    "soldats",
    "environ",
    "hier",
    "a",
    "démenti",
    "selon",
]
MONTHS = [
    "يونيو", "حزيران", "شباط", "فبراير", "كانون الأول/ ديسمبر", "أغسطس (آب)",
    "June", "February", "Sept", "juin", "février", "décembre",
]  # fmt: skip
MARKS = [".", "،", "؛", ",", "«", "»", '"', "(", ")", ":", "؟", "\n", "\n\n", " - ", "%"]
MARKUP = [
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "&#39;",
    "&nbsp;",
    "<b>",
    "<script>x</script>",
    "\ud800",
    "\x00",
]

numbers = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, places=3).map(str),
    st.integers(0, 10**7).map(lambda n: f"{n:,}"),
)
dates = st.one_of(
    st.tuples(st.integers(0, 40), st.sampled_from(MONTHS), st.integers(0, 9999)).map(
        lambda d: f"{d[0]} {d[1]} {d[2]}"
    ),
    st.tuples(st.sampled_from(MONTHS), st.integers(0, 40), st.integers(1000, 3000)).map(
        lambda d: f"{d[0]} {d[1]}, {d[2]}"
    ),
    st.dates().map(date.isoformat),
)
fragments = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARKS),
    st.sampled_from(MARKUP),
    numbers,
    dates,
    st.text(max_size=12),
)
texts = st.lists(fragments, min_size=1, max_size=60).map(" ".join)
languages = st.sampled_from([None, "ar", "en", "fr"])
publication = st.one_of(st.none(), st.dates())

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@settings(FUZZ, max_examples=60)
@given(text=texts, source=st.text(max_size=30), language=languages, published=publication)
def test_an_article_is_analysed_or_rejected_with_a_reason(
    text: str, source: str, language: str | None, published: date | None
) -> None:
    article = ArticleInput(source=source, text=text, language=language, published_at=published)
    try:
        analysed = analyse_article(article)
    except ArticleRejected as exc:
        assert str(exc)
        return
    for claim in analysed.claims:
        assert analysed.cleaned_text[claim.start : claim.end] == claim.text


@FUZZ
@given(text=texts, language=st.sampled_from(["ar", "en", "fr"]), published=publication)
def test_slots_are_read_from_any_text(text: str, language: str, published: date | None) -> None:
    slots = extract_slots(text, language=language, published_at=published)
    for period in slots.dates:
        assert period.start is None or period.end is None or period.start <= period.end


@pytest.fixture(scope="module")
def compare_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real app with the real models on an empty SQLite store, asked by an editor
    whose compare budget the run cannot spend."""
    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{data_dir / 'fuzz.db'}"
    engine = make_engine(url)
    upgrade(engine)
    key = key_for(make_session_factory(engine), "nour", "editor")
    engine.dispose()
    config = Settings(data_dir=data_dir, database_url=url, compare_rate="1000000/minute")
    with TestClient(create_app(config), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        yield client


@pytest.mark.slow
@settings(FUZZ, max_examples=40)
@given(
    body=st.one_of(
        st.fixed_dictionaries(
            {"a": texts, "b": texts},
            optional={
                key: st.sampled_from(["ar", "en", "fr", "de"])
                for key in ("language", "lang_a", "lang_b")
            },
        ),
        st.fixed_dictionaries({"claim": texts}, optional={"k": st.integers(-5, 60)}),
    )
)
def test_compare_answers_every_request_without_a_server_error(
    compare_client: TestClient, body: dict
) -> None:
    # Sent as ASCII JSON: a lone surrogate travels as "\ud800", as any client may send it
    # (the test client's own encoder refuses one).
    response = compare_client.post(
        "/claims/compare",
        content=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code in (200, 422), response.text
