"""Candidates and clusters: which claims are related, and clusters as a view of relations."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claims.candidates import MAX_CANDIDATES, blocking_keys, choose_candidates
from claims.cluster import ClusterEdge, communities, reuse_cluster_ids, ties_a_cluster
from claims.embed import UseM3Embedder
from claims.model import ArticleInput, Relation
from claims.relate import RelationScorer
from claims.slots import extract_slots
from service.jobs.ingest import ingest_article
from service.jobs.reconcile import EmbeddedClaims, ReconcileStage, cluster_around
from store.articles import StoredArticle
from store.claims import read_claims
from store.clusters import recluster_all
from store.db import unit_of_work
from store.index import ClaimIndex
from store.models import Claim, ClaimRelation, ClaimVector
from store.relations import add_relations
from tests.test_index import add_article_with_claims


def test_an_arabic_and_an_english_deployment_share_a_key_whatever_their_cosine() -> None:
    arabic = extract_slots("نشرت روسيا 100 جندي في بوركينا فاسو", language="ar")
    english = extract_slots("Russia deployed about 300 soldiers to Burkina Faso", language="en")
    shared = set(blocking_keys(arabic)) & set(blocking_keys(english))
    assert "party:burkina_faso|event:presence" in shared
    assert "figure:soldiers|event:presence" in shared


def test_statements_without_an_event_meet_on_the_two_parties_they_name() -> None:
    a = extract_slots("Diop called Ukraine a terrorist state", language="en")
    b = extract_slots("قال ديوب إن أوكرانيا تدعم الإرهاب", language="ar")
    assert "parties:diop+ukraine" in set(blocking_keys(a)) & set(blocking_keys(b))


def test_a_close_neighbour_is_a_candidate_and_a_distant_one_only_with_a_key() -> None:
    chosen = choose_candidates({1: 0.7, 2: 0.3, 3: 0.3, 4: 0.1}, {3: 1, 4: 2})
    assert [c.claim_id for c in chosen] == [1, 3]


def test_a_claim_costs_at_most_the_cap_closest_first() -> None:
    cosines = {i: 0.5 + i / 1000 for i in range(100)}
    chosen = choose_candidates(cosines, {})
    assert len(chosen) == MAX_CANDIDATES
    assert chosen[0].claim_id == 99


def test_agreements_conflicts_and_changes_over_time_tie_clusters() -> None:
    assert ties_a_cluster("agree", False) and ties_a_cluster("conflict", False)
    assert ties_a_cluster("related", True)
    assert not ties_a_cluster("related", False) and not ties_a_cluster("unrelated", False)


def _clique(nodes: list[int], weight: float = 0.9) -> list[ClusterEdge]:
    return [ClusterEdge(a, b, weight) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]


def test_one_loose_edge_does_not_merge_two_stories() -> None:
    edges = _clique([1, 2, 3, 4]) + _clique([5, 6, 7, 8]) + [ClusterEdge(4, 5, 0.3)]
    assert communities(edges) == [[1, 2, 3, 4], [5, 6, 7, 8]]


def test_clusters_do_not_depend_on_the_order_edges_arrive_in() -> None:
    edges = _clique([1, 2, 3]) + _clique([3, 4, 5, 6], 0.6) + [ClusterEdge(6, 9, 0.5)]
    shuffled = edges[:]
    random.Random(3).shuffle(shuffled)
    assert communities(shuffled) == communities(edges)


def test_a_cluster_keeps_its_id_when_most_of_its_claims_had_it() -> None:
    assert reuse_cluster_ids([[1, 2, 3], [4, 5]], {1: 7, 2: 7, 3: None, 4: 7}) == [7, None]


def _partition(session: Session) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for claim_id, cluster_id in session.execute(select(Claim.id, Claim.cluster_id)):
        if cluster_id is not None:
            groups.setdefault(cluster_id, set()).add(claim_id)
    return {frozenset(g) for g in groups.values()}


def test_incremental_clustering_equals_full_reclustering(
    session_factory: sessionmaker[Session],
) -> None:
    """Twelve articles of five outlets relate their claims to earlier ones as they arrive."""
    rng = np.random.default_rng(11)
    stored: list[tuple[int, int]] = []  # (claim id, story)
    for article in range(12):
        picked = rng.choice(6, size=3, replace=False)
        with unit_of_work(session_factory) as session:
            ids = add_article_with_claims(
                session, f"outlet-{article % 5}", [f"{article}-{s}" for s in picked]
            )
            pairs, verdicts = [], []
            for claim_id, story in zip(ids, picked, strict=True):
                for other, other_story in stored:
                    if rng.random() < 0.7:
                        pairs.append((other, claim_id))
                        agree = other_story == story or rng.random() < 0.05
                        verdicts.append(Relation("agree" if agree else "related", 0.8))
            add_relations(session=session, pairs=pairs, relations=verdicts, scorer_version="t")
            cluster_around(session, ids)
        stored += list(zip(ids, picked.tolist(), strict=True))

    with session_factory() as session:
        incremental = _partition(session)
    with unit_of_work(session_factory) as session:
        summary = recluster_all(session)
    with session_factory() as session:
        assert _partition(session) == incremental
    assert summary.created == summary.removed == 0
    assert summary.clusters > 1


@pytest.fixture(scope="module")
def reconcile_parts() -> tuple[UseM3Embedder, RelationScorer]:
    embedder = UseM3Embedder()
    return embedder, RelationScorer(embedder)


@pytest.mark.slow
def test_one_deployment_told_by_three_outlets_in_three_languages_is_one_cluster(
    reconcile_parts, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    embedder, scorer = reconcile_parts
    index = ClaimIndex(embedder.dim, embedder.model_id, tmp_path / "claims.faiss")
    stage = ReconcileStage(embedder=embedder, index=index, scorer=scorer)
    reports = [
        ("seed", "بالإضافة إلى ذلك، نشرت روسيا 100 جندي في بوركينا فاسو."),
        ("monitor", "Russia has deployed 100 soldiers to Burkina Faso."),
        ("agence", "La Russie a déployé environ 300 soldats au Burkina Faso."),
    ]
    for source, text in reports:
        ingest_article(
            ArticleInput(source=source, text=text),
            session_factory=session_factory,
            max_bytes=10_000,
            stage=stage,
        )

    with pytest.raises(RuntimeError), unit_of_work(session_factory) as session:
        late = ["Russia sent 100 soldiers to Burkina."]
        ids = add_article_with_claims(session, "late", late)
        article = StoredArticle(
            session.get_one(Claim, ids[0]).article_id, read_claims(session, ids)
        )
        stage(session, article, EmbeddedClaims(embedder.encode(late), [[]]))
        raise RuntimeError("the article's transaction failed")
    stage.rolled_back()

    with session_factory() as session:
        clusters = _partition(session)
        kinds = {
            (row.relation, tuple(row.conflict_types))
            for row in session.scalars(select(ClaimRelation))
        }
        stored = sorted(session.scalars(select(ClaimVector.claim_id)))
        reloaded = ClaimIndex.load_or_rebuild(
            session, tmp_path / "claims.faiss", embedder.model_id, embedder.dim
        )
    assert [len(group) for group in clusters] == [3]
    assert ("agree", ()) in kinds and ("conflict", ("quantity",)) in kinds
    assert sorted(index.ids.tolist()) == stored == sorted(reloaded.ids.tolist())
