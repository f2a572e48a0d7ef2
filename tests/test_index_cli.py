"""`claimcheck index rebuild [--reembed]` and `claimcheck recluster` on a real database."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from claims.model import Relation
from service.cli import app
from service.cli.common import CliError
from service.config import load_settings
from store.db import unit_of_work
from store.index import sidecar_path
from store.models import Claim
from store.relations import add_relations
from store.vectors import load_vectors, save_vectors
from tests.test_index import add_article_with_claims

SOLDIERS = [
    ("seed", ["نشرت روسيا 100 جندي في بوركينا فاسو"]),
    ("monitor", ["Russia has deployed 100 soldiers to Burkina Faso."]),
    ("agence", ["La Russie a déployé environ 300 soldats au Burkina Faso."]),
]


@pytest.fixture
def configured(
    monkeypatch: pytest.MonkeyPatch, database_url: str, engine: object, tmp_path: Path
) -> Path:
    monkeypatch.setenv("CLAIMCHECK_DATABASE_URL", database_url)
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CLAIMCHECK_EMBEDDER", "use-m3")
    return load_settings().index_path


@pytest.mark.slow
def test_vectors_of_an_old_model_are_refused_until_reembedded(
    configured: Path, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        for source, texts in SOLDIERS:
            ids = add_article_with_claims(session, source, texts)
            save_vectors(session, ids, np.ones((1, 4), dtype=np.float32) / 2, "use-m3")
    runner = CliRunner()

    refused = runner.invoke(app, ["index", "rebuild"])
    assert isinstance(refused.exception, CliError)
    assert "claimcheck index rebuild --reembed" in str(refused.exception)

    rebuilt = runner.invoke(app, ["index", "rebuild", "--reembed"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "re-embedded 3 claims with use-m3+denoise" in rebuilt.output
    assert configured.exists() and sidecar_path(configured).exists()
    with session_factory() as session:
        assert load_vectors(session, "use-m3")[0].size == 0
        assert load_vectors(session, "use-m3+denoise")[0].size == 3


def test_recluster_rebuilds_the_clusters_relations_made(
    configured: Path, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        ids = [add_article_with_claims(session, s, texts)[0] for s, texts in SOLDIERS]
        add_relations(
            session=session,
            pairs=[(ids[0], ids[1]), (ids[1], ids[2])],
            relations=[Relation("agree", 0.9), Relation("conflict", 0.8, ["quantity"])],
            scorer_version="test",
        )

    clustered = CliRunner().invoke(app, ["recluster"])

    assert clustered.exit_code == 0, clustered.output
    assert "clusters: 1 (1 new, 0 removed); claims in a cluster: 3" in clustered.output
    with session_factory() as session:
        assert len(set(session.scalars(select(Claim.cluster_id)))) == 1
