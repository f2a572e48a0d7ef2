"""Bad input is rejected with its place and a reason, the same on SQLite and PostgreSQL,
and never stops a run: the rest still goes in."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from test_api_compare import WordHashEmbedder, YearScorer
from test_api_support import World
from typer.testing import CliRunner

from claims.model import ArticleInput
from claims.pipeline import AnalysedArticle, analyse_article
from claims.segment import MAX_SENTENCE_CHARS
from service.cli import app
from service.config import Settings
from service.jobs.ingest import ingest_items
from service.readers import read_articles
from store.articles import StoredArticle
from store.db import unit_of_work
from store.index import ClaimIndex, IndexPathError
from store.models import Article, Claim, Source
from store.vectors import save_vectors
from tests.test_index import DIM, MODEL, _stored_index, unit_rows

client, settings, world = support.client, support.settings, support.world
reader_key = support.reader_key

MAX_BYTES = 1_000_000
GOOD = "Russia deployed 100 soldiers to Mali in January 2023, officials said."
CHINESE = "俄罗斯于2023年向马里部署了100名士兵。\n瓦格纳集团否认了这一点。"


def _jsonl(path: Path, records: list[dict], *, bom: bool = False) -> Path:
    lines = "".join(json.dumps(r) + "\n" for r in records)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + lines.encode("utf-8"))
    return path


def _ingest(paths: list[Path], factory: sessionmaker[Session], **kwargs):
    items = read_articles(paths, max_bytes=MAX_BYTES)
    return ingest_items(items, session_factory=factory, max_bytes=MAX_BYTES, **kwargs)


def _reasons(summary) -> dict[str, str]:
    return {problem.location.rsplit(":", 1)[-1]: problem.reason for problem in summary.problems}


def test_each_bad_line_is_reported_and_the_rest_goes_in(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    path = _jsonl(
        tmp_path / "batch.jsonl",
        [
            {"source": "a", "text": "Russia deployed\u0000 100 soldiers to Mali in 2023."},
            {"source": "s" * 201, "text": GOOD},
            {"source": "b", "title": "t" * 1001, "text": GOOD},
            {"source": "c", "url": "https://example.org/" + "u" * 2000, "text": GOOD},
            {"source": "d", "text": "Russia \ud800 deployed 100 soldiers to Mali in 2023."},
            {"source": "e", "text": GOOD, "published_at": "9999-12-31T99"},
            {"source": "f", "text": CHINESE},
            {"source": "g", "text": "Wagner arrived in Bamako on 31 June 2023, officials said."},
            {"source": "h", "text": GOOD},
            {"source": "i", "text": "2023 - 100 / 300 ..."},
            {"source": "j", "text": "Die Regierung hat heute das Gesetz verabschiedet."},
            {"source": "k", "text": "Wagner confirma su salida de Mali"},
        ],
    )
    summary = _ingest([path], session_factory)
    reasons = _reasons(summary)
    assert reasons["1"] == "text holds a NUL character at 15"
    assert reasons["2"] == "source is 201 characters long, over the limit of 200"
    assert reasons["3"] == "title is 1,001 characters long, over the limit of 1,000"
    assert reasons["4"] == "url is 2,020 characters long, over the limit of 2,000"
    assert reasons["5"].startswith("text is not valid Unicode: a lone surrogate U+D800")
    assert reasons["6"] == "published_at '9999-12-31T99' is not a date (YYYY-MM-DD)"
    assert reasons["7"].startswith("unsupported language")
    assert reasons["10"] == "text has no letters: nothing to read"
    assert reasons["11"].startswith("text is in German (claimcheck reads Arabic, English")
    assert reasons["12"].startswith("unknown language (claimcheck reads Arabic, English")
    assert set(reasons) == {"1", "2", "3", "4", "5", "6", "7", "10", "11", "12"}
    assert (summary.new, summary.rejected) == (2, 10)
    with unit_of_work(session_factory) as session:
        assert sorted(session.scalars(select(Source.name))) == ["g", "h"]


def test_a_byte_order_mark_opening_a_jsonl_file_is_no_error(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    path = _jsonl(tmp_path / "bom.jsonl", [{"source": "wire", "text": GOOD}], bom=True)
    summary = _ingest([path], session_factory)
    assert (summary.new, summary.rejected) == (1, 0)


def test_invisible_and_control_characters_leave_source_names_and_titles(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    path = _jsonl(
        tmp_path / "names.jsonl",
        [
            {"source": "Wire", "text": GOOD},
            {
                "source": "\ufeff\u202eWi\u200dre\u2069\x1b[31m",
                "title": "\x1b]0;owned\x07Wagner\u200b in  Mali",
                "text": "Wagner fighters arrived in Bamako in December 2021.",
            },
        ],
    )
    summary = _ingest([path], session_factory)
    assert (summary.new, summary.rejected) == (2, 0)
    with unit_of_work(session_factory) as session:
        assert session.scalars(select(Source.name)).all() == ["Wire"]
        assert "Wagner in Mali" in session.scalars(select(Article.title)).all()


class FailsOnSource:
    """An ingestion stage with a bug that one article's data sets off."""

    def __init__(self, source: str) -> None:
        self.source = source

    def prepare(self, articles: Sequence[AnalysedArticle]) -> list[None]:
        return [None] * len(articles)

    def __call__(self, session: Session, article: StoredArticle, prepared: None) -> None:
        if session.get_one(Article, article.id).source.name == self.source:
            raise RuntimeError("the stage broke")

    def stored(self) -> None: ...

    def committed(self) -> None: ...

    def rolled_back(self) -> None: ...


def _run_with_boom(tmp_path: Path) -> Path:
    """Three articles; the second comes from the outlet a broken stage trips on."""
    return _jsonl(
        tmp_path / "run.jsonl",
        [
            {"source": "wire", "text": GOOD},
            {"source": "boom", "text": "Wagner fighters arrived in Bamako in December 2021."},
            {"source": "agency", "text": "La Russie a déployé 300 soldats au Mali en 2023."},
        ],
    )


def test_an_article_that_breaks_a_stage_is_reported_and_the_run_goes_on(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    path = _run_with_boom(tmp_path)
    summary = _ingest([path], session_factory, stage=FailsOnSource("boom"))
    assert (summary.new, summary.rejected) == (2, 1)
    assert _reasons(summary) == {"2": "failed: RuntimeError: the stage broke"}
    with unit_of_work(session_factory) as session:
        assert sorted(session.scalars(select(Source.name))) == ["agency", "wire"]


class PrepareFailsOnSource(FailsOnSource):
    """A stage whose preparation breaks on one article's data: prepared with others, it
    takes the whole chunk's preparation down."""

    def prepare(self, articles: Sequence[AnalysedArticle]) -> list[None]:
        if any(a.article.source == self.source for a in articles):
            raise RuntimeError("preparing broke")
        return [None] * len(articles)

    def __call__(self, session: Session, article: StoredArticle, prepared: None) -> None: ...


def test_an_article_that_breaks_a_chunks_preparation_fails_alone(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    path = _run_with_boom(tmp_path)
    summary = _ingest([path], session_factory, stage=PrepareFailsOnSource("boom"))
    assert (summary.new, summary.rejected) == (2, 1)
    assert _reasons(summary) == {"2": "failed: RuntimeError: preparing broke"}


def test_a_run_on_sentence_becomes_claims_of_bounded_length() -> None:
    text = "Russia deployed 100 soldiers to Mali and Wagner fighters arrived in Bamako " * 400
    analysed = analyse_article(ArticleInput(source="scrape", text=text, language="en"))
    assert len(analysed.claims) > 20
    for claim in analysed.claims:
        assert len(claim.text) <= MAX_SENTENCE_CHARS
        assert analysed.cleaned_text[claim.start : claim.end] == claim.text


def test_the_conflict_queue_never_prints_terminal_escapes(
    world: World, session_factory: sessionmaker[Session], database_url: str
) -> None:
    with unit_of_work(session_factory) as session:  # a row stored before names were cleaned
        session.execute(
            update(Source)
            .where(Source.name == "Reuters")
            .values(name="\x1b[2J\x1b]0;owned\x07\u202eReuters")
        )
    # color=True: output as to a terminal, which click would not strip escapes from.
    result = CliRunner().invoke(app, ["conflicts", "--db", database_url], color=True)
    assert result.exit_code == 0, result.output
    assert "(Reuters)" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_neighbours_of_an_old_over_long_claim_are_cut_to_the_claim_limit(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    embedder = WordHashEmbedder()
    long_text = "Wagner deployed in Mali in 2022 " * 700
    with unit_of_work(session_factory) as session:
        session.execute(
            update(Claim).where(Claim.id == world.english_claim_id).values(text=long_text)
        )
        save_vectors(
            session, [world.english_claim_id], embedder.encode([long_text]), embedder.model_id
        )
    client.app.state.runtime.set(embedder=embedder, scorer=YearScorer())
    response = client.post(
        "/claims/compare",
        json={"claim": "Wagner deployed in Mali in 2021"},
        headers=support.auth(world.editor_key),
    )
    assert response.status_code == 200, response.text
    [neighbour] = response.json()["neighbours"]
    assert len(neighbour["text"]) == 5000


def test_an_index_file_holding_other_vectors_under_the_same_ids_is_rebuilt(
    session_factory: sessionmaker[Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "claims.faiss"
    ids = _stored_index(session_factory, path, 6)
    stored = unit_rows(np.random.default_rng(6), 6)  # what _stored_index saved
    foreign = ClaimIndex(DIM, MODEL, path)
    foreign.add(ids, unit_rows(np.random.default_rng(99), 6))
    foreign.save()  # index and sidecar agree with each other, not with the database
    with session_factory() as session:
        index = ClaimIndex.load_or_rebuild(session, path, MODEL, DIM)
    assert "other vectors than the database" in caplog.text
    scores, found = index.search(stored, 1)
    assert found[:, 0].tolist() == ids.tolist()
    assert np.allclose(scores[:, 0], 1.0, atol=1e-5)


def test_a_directory_at_the_index_path_is_a_clear_error(
    client: TestClient, settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    settings.index_path.mkdir(parents=True)
    with session_factory() as session, pytest.raises(IndexPathError, match="is a directory"):
        ClaimIndex.load_or_rebuild(session, settings.index_path, MODEL, DIM)
    client.app.state.runtime.set(embedder=WordHashEmbedder(), scorer=YearScorer())
    editor = support.key_for(session_factory, "nour", "editor")
    response = client.post(
        "/claims/compare", json={"claim": "Wagner deployed in Mali"}, headers=support.auth(editor)
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "index_unavailable"
    assert "is a directory" in response.json()["error"]["message"]
