"""Ingestion: idempotent, a savepoint per article, bad input reported by file and line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from claims.embed import UseM3Embedder
from claims.model import ArticleInput
from claims.pipeline import AnalysedArticle
from claims.relate import RelationScorer
from service.jobs import read_ahead
from service.jobs.ingest import ingest_article, ingest_items
from service.jobs.reconcile import ReconcileStage
from service.readers import SourcedArticle, count_inputs, read_articles
from store.articles import StoredArticle
from store.db import unit_of_work
from store.export import export_document
from store.index import ClaimIndex
from store.models import Article, Claim, ClaimRelation, Source

MAX_BYTES = 1_000_000
SAHEL_EN = (
    "Russia deployed 100 soldiers to Burkina Faso in January, the first large deployment "
    "of Russian troops in the country. Russian military trainers arrived in Niger in April."
)


def ingest_paths(paths: list[Path], factory: sessionmaker[Session], **kwargs):
    items = read_articles(paths, max_bytes=kwargs.pop("max_bytes", MAX_BYTES), **kwargs)
    return ingest_items(items, session_factory=factory, max_bytes=MAX_BYTES)


def count(factory: sessionmaker[Session], model: type) -> int:
    with unit_of_work(factory) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_seeds_are_ingested_once_and_rerun_changes_nothing(session_factory, seeds_dir) -> None:
    first = ingest_paths([seeds_dir], session_factory)
    assert (first.new, first.duplicate, first.rejected) == (5, 0, 0)
    assert first.claims > 40
    claims_before = count(session_factory, Claim)

    second = ingest_paths([seeds_dir], session_factory)
    assert (second.new, second.duplicate, second.rejected) == (0, 5, 0)
    assert count(session_factory, Article) == 5
    assert count(session_factory, Claim) == claims_before


def test_txt_source_is_file_stem(session_factory, seeds_dir) -> None:
    ingest_paths([seeds_dir / "002_e55ea07608597a06.txt"], session_factory)
    with unit_of_work(session_factory) as session:
        assert session.scalars(select(Source.name)).all() == ["002_e55ea07608597a06"]


def test_seed_004_claims_stop_at_related_articles_block(session_factory, seeds_dir) -> None:
    ingest_paths([seeds_dir / "004_a25b87eb672c9413.txt"], session_factory)
    with unit_of_work(session_factory) as session:
        texts = session.scalars(select(Claim.text)).all()
        cleaned = session.scalar(select(Article.cleaned_text))
    assert texts
    assert not any("النووية" in t or "النووي" in t for t in texts)
    assert "مقالات ذات صلة" not in cleaned
    assert "[ad_" not in cleaned


def test_same_source_and_url_is_one_article(session_factory) -> None:
    first = ArticleInput(source="wire", url="https://example.org/a", text=SAHEL_EN)
    updated = ArticleInput(source="wire", url="https://example.org/a", text=SAHEL_EN + " Extra.")
    a = ingest_article(first, session_factory=session_factory, max_bytes=MAX_BYTES)
    b = ingest_article(updated, session_factory=session_factory, max_bytes=MAX_BYTES)
    assert (a.status, b.status) == ("new", "duplicate")
    assert a.article_id == b.article_id


def test_same_text_from_another_url_is_one_article(session_factory) -> None:
    a = ArticleInput(source="wire", url="https://example.org/a", text=SAHEL_EN)
    b = ArticleInput(source="wire", url="https://example.org/b", text="  " + SAHEL_EN + "\n")
    assert ingest_article(a, session_factory=session_factory, max_bytes=MAX_BYTES).status == "new"
    outcome = ingest_article(b, session_factory=session_factory, max_bytes=MAX_BYTES)
    assert outcome.status == "duplicate"


def test_failure_after_insert_leaves_nothing_half_written(session_factory) -> None:
    class ExplodingStage:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def prepare(self, articles: Sequence[AnalysedArticle]) -> list[None]:
            return [None] * len(articles)

        def __call__(self, session: Session, article: StoredArticle, prepared: None) -> None:
            raise RuntimeError("embedding backend died")

        def stored(self) -> None:
            self.calls.append("stored")

        def committed(self) -> None:
            self.calls.append("committed")

        def rolled_back(self) -> None:
            self.calls.append("rolled back")

    stage = ExplodingStage()
    article = ArticleInput(source="wire", text=SAHEL_EN)
    with pytest.raises(RuntimeError):
        ingest_article(article, session_factory=session_factory, max_bytes=MAX_BYTES, stage=stage)
    assert "stored" not in stage.calls  # its savepoint was undone: the stage keeps nothing
    assert count(session_factory, Article) == 0
    assert count(session_factory, Claim) == 0
    assert count(session_factory, Source) == 0


def test_a_long_input_is_stored_while_it_is_still_being_read(
    session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest reads at most two chunks ahead of what it stores (prepared together, the
    next one perhaps in a second process): a large JSONL streams in constant memory."""
    monkeypatch.setattr(read_ahead, "PREPARE_AHEAD", 2)
    stored_when_pulled: list[int] = []

    def articles():
        for number in range(7):
            stored_when_pulled.append(count(session_factory, Article))
            text = f"Report {number}: {SAHEL_EN}"
            yield SourcedArticle(f"feed:{number + 1}", ArticleInput(source="wire", text=text))

    summary = ingest_items(articles(), session_factory=session_factory, max_bytes=MAX_BYTES)

    assert summary.new == 7
    assert all(pulled - stored < 2 * 2 for pulled, stored in enumerate(stored_when_pulled))
    assert stored_when_pulled[-1] > 0


def test_the_progress_total_counts_what_is_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"source": "a", "text": "x"}\n\nnot json\n{"source": "b"}\n')
    (tmp_path / "one.txt").write_text(SAHEL_EN)
    paths = [feed, tmp_path / "one.txt", tmp_path / "missing.txt"]

    read = list(read_articles(paths, max_bytes=MAX_BYTES))

    assert count_inputs(paths) == len(read) == 5


@pytest.fixture
def bad_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_text("   \n\t\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Arrivée des soldats russes".encode("latin-1"))
    (folder / "huge.txt").write_text("Russia deployed soldiers. " * 50_000, encoding="utf-8")
    (folder / "german.txt").write_text(
        "Die russische Regierung hat am Montag weitere Soldaten nach Mali geschickt, "
        "teilte das Verteidigungsministerium in Moskau mit.",
        encoding="utf-8",
    )
    (folder / "good.txt").write_text(SAHEL_EN, encoding="utf-8")
    lines = [
        json.dumps({"source": "agence", "text": "Des instructeurs russes sont arrivés au Niger."}),
        "[1, 2, 3]",
        "{not json",
        json.dumps({"source": "agence"}),
        json.dumps({"source": "agence", "text": "x", "published_at": "yesterday"}),
        json.dumps({"text": "no source here"}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_bad_inputs_are_reported_and_the_rest_goes_in(session_factory, bad_batch) -> None:
    summary = ingest_paths([bad_batch], session_factory)
    assert (summary.new, summary.rejected) == (2, 9)
    reasons = {p.location.split("/")[-1]: p.reason for p in summary.problems}
    assert reasons["empty.txt"] == "text is empty"
    assert reasons["latin1.txt"].startswith("invalid UTF-8")
    assert "over the limit" in reasons["huge.txt"]
    assert reasons["german.txt"].startswith("text is in German")
    assert "expected a JSON object" in reasons["feed.jsonl:2"]
    assert "not valid JSON" in reasons["feed.jsonl:3"]
    assert "'text'" in reasons["feed.jsonl:4"]
    assert "not a date" in reasons["feed.jsonl:5"]
    assert "'source'" in reasons["feed.jsonl:6"]
    assert count(session_factory, Article) == 2


def test_script_tags_never_reach_claims(session_factory) -> None:
    text = "<script>alert('x')</script>Russia deployed 100 soldiers to Burkina Faso in January."
    ingest_article(
        ArticleInput(source="web", text=text), session_factory=session_factory, max_bytes=MAX_BYTES
    )
    with unit_of_work(session_factory) as session:
        assert all("<script" not in t for t in session.scalars(select(Claim.text)))


def test_export_has_every_key_and_spans_point_into_text(session_factory, seeds_dir) -> None:
    ingest_paths([seeds_dir], session_factory)
    with unit_of_work(session_factory) as session:
        document = export_document(session=session)
    assert set(document) == {"articles", "claims", "clusters", "relations"}
    texts = {a["id"]: a["text"] for a in document["articles"]}
    assert {"id", "source", "url", "title", "published_at", "language", "text"} <= set(
        document["articles"][0]
    )
    for claim in document["claims"]:
        span = texts[claim["article_id"]][claim["start"] : claim["end"]]
        assert claim["text"].strip() in span or span.strip() in claim["text"]
    json.dumps(document, ensure_ascii=False)


@pytest.fixture(scope="module")
def reconcile_parts() -> tuple[UseM3Embedder, RelationScorer]:
    embedder = UseM3Embedder()
    return embedder, RelationScorer(embedder)


@pytest.mark.slow
def test_seed_junta_denial_conflicts_with_wagner_fighting_in_mali(
    session_factory, seeds_dir, reconcile_parts, tmp_path
) -> None:
    embedder, scorer = reconcile_parts
    index = ClaimIndex(embedder.dim, embedder.model_id, tmp_path / "claims.faiss")
    stage = ReconcileStage(embedder=embedder, index=index, scorer=scorer)
    items = read_articles([seeds_dir], max_bytes=MAX_BYTES)
    ingest_items(items, session_factory=session_factory, max_bytes=MAX_BYTES, stage=stage)

    with unit_of_work(session_factory) as session:
        conflicts = [
            (
                relation.conflict_types,
                relation.claim_a.article.source.name[:3],
                relation.claim_b.article.source.name[:3],
                relation.claim_a.text,
                relation.claim_b.text,
            )
            for relation in session.scalars(
                select(ClaimRelation).where(ClaimRelation.relation == "conflict")
            )
        ]
    denials = [c for c in conflicts if "denial" in c[0]]
    assert denials, conflicts
    _, source_a, source_b, text_a, text_b = denials[0]
    assert (source_a, source_b) == ("000", "004")
    assert "يقاتل فاغنر مع الجيش المالي" in text_a
    assert text_b == "لكن المجلس العسكري الحاكم ينفي ذلك"
