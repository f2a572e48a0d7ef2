"""The rescore job: stale relations re-scored in place, missing pairs added, queue kept honest."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import add_article, add_claim, add_conflict

from claims.model import Relation
from claims.relate.rules import RULES_VERSION
from service.jobs.reconcile import rescore
from store.conflicts import record_review
from store.db import unit_of_work
from store.index import ClaimIndex
from store.models import ClaimRelation, Cluster, Conflict, Source
from store.users import create_user
from store.vectors import save_vectors

MODEL = "test-model"
DIM = 4


@dataclass
class FixedScorer:
    """Says the same relation of every pair."""

    version: str
    relation: str

    embedder = SimpleNamespace(model_id="no vectors")

    def relate(self, pairs, slots=None, languages=None, vectors=None) -> list[Relation]:
        types = ["quantity"] if self.relation == "conflict" else []
        return [Relation(self.relation, 0.8, types, "fixed") for _ in pairs]


@pytest.fixture
def index() -> ClaimIndex:
    return ClaimIndex(DIM, MODEL)


@pytest.fixture
def three_sources(session_factory: sessionmaker[Session], index: ClaimIndex) -> dict[str, int]:
    """Claims a, b, c of three sources in one cluster, one vector for all three;
    (a, b) conflicts unreviewed, (a, c) conflicts and was confirmed by a reviewer,
    (b, c) was never related."""
    with unit_of_work(session_factory) as session:
        cluster = Cluster()
        session.add(cluster)
        claims = {}
        for name in "abc":
            text = f"Russia sent {ord(name)} soldiers to Mali."
            article = add_article(session, source=Source(name=name), text=text, language="en")
            session.flush()
            claims[name] = add_claim(session, article=article, text=text, cluster=cluster)
        session.flush()
        add_conflict(
            session, claim_a=claims["a"], claim_b=claims["b"], priority=0.5, cluster=cluster
        )
        reviewed = add_conflict(
            session, claim_a=claims["a"], claim_b=claims["c"], priority=0.5, cluster=cluster
        )
        reviewer = create_user(session=session, name="amina")
        session.flush()
        record_review(
            session=session, conflict_id=reviewed.id, reviewer=reviewer, decision="confirmed"
        )
        ids = [claim.id for claim in claims.values()]
        vectors = np.tile(np.array([[1.0, 0.0, 0.0, 0.0]], dtype=np.float32), (3, 1))
        save_vectors(session, ids, vectors, MODEL)
        index.add(np.asarray(ids), vectors)
        return {name: claim.id for name, claim in claims.items()}


def relations(factory: sessionmaker[Session], ids: dict[str, int]) -> dict[str, tuple]:
    names = {claim_id: name for name, claim_id in ids.items()}
    with unit_of_work(factory) as session:
        rows = session.scalars(select(ClaimRelation)).all()
        return {
            names[row.claim_a_id] + names[row.claim_b_id]: (
                row.relation,
                row.scorer_version,
                row.conflict.status if row.conflict else None,
            )
            for row in rows
        }


def test_a_new_scorer_re_scores_and_withdraws_only_untouched_items(
    session_factory: sessionmaker[Session], index: ClaimIndex, three_sources: dict[str, int]
) -> None:
    summary = rescore(
        session_factory=session_factory, index=index, scorer=FixedScorer("v2", "agree")
    )

    assert (summary.added, summary.rescored) == (1, 2)
    assert summary.queue["withdrawn"] == 1
    assert relations(session_factory, three_sources) == {
        "ab": ("agree", "v2", None),
        "ac": ("agree", "v2", "confirmed"),  # a reviewer's verdict and trail stay
        "bc": ("agree", "v2", None),
    }


def test_rescoring_again_with_the_same_scorer_changes_nothing(
    session_factory: sessionmaker[Session], index: ClaimIndex, three_sources: dict[str, int]
) -> None:
    scorer = FixedScorer("v2", "agree")
    rescore(session_factory=session_factory, index=index, scorer=scorer)
    before = relations(session_factory, three_sources)

    summary = rescore(session_factory=session_factory, index=index, scorer=scorer)

    assert (summary.added, summary.rescored) == (0, 0)
    assert relations(session_factory, three_sources) == before


def test_conflicts_found_by_a_rescore_open_queue_items(
    session_factory: sessionmaker[Session], index: ClaimIndex, three_sources: dict[str, int]
) -> None:
    rescore(session_factory=session_factory, index=index, scorer=FixedScorer("v2", "agree"))

    summary = rescore(
        session_factory=session_factory,
        index=index,
        scorer=FixedScorer("v3", "conflict"),
        batch_size=1,
    )

    assert summary.queue["opened"] == 2
    assert relations(session_factory, three_sources) == {
        "ab": ("conflict", "v3", "open"),
        "ac": ("conflict", "v3", "confirmed"),
        "bc": ("conflict", "v3", "open"),
    }
    with unit_of_work(session_factory) as session:
        assert all(item.cluster_id is not None for item in session.scalars(select(Conflict)))


def test_the_shipped_scorers_version_names_its_model_and_its_rules(scorer) -> None:
    """New rules re-score a store as a new model does: both are in the version."""
    model, rules = scorer.version.split("+rules.")
    assert model == scorer.model.config["version"] and rules == RULES_VERSION
    assert scorer.calibration is not None  # fitted for this model and these rules


def test_a_conflict_now_unrelated_goes_with_its_unreviewed_item(
    session_factory: sessionmaker[Session], index: ClaimIndex, three_sources: dict[str, int]
) -> None:
    summary = rescore(
        session_factory=session_factory, index=index, scorer=FixedScorer("v2", "unrelated")
    )

    assert summary.queue["dropped"] == 1
    # The reviewed pair keeps its item and trail; the unreviewed one is gone with its item.
    assert relations(session_factory, three_sources) == {"ac": ("unrelated", "v2", "confirmed")}
    with unit_of_work(session_factory) as session:
        assert len(session.scalars(select(Conflict)).all()) == 1
