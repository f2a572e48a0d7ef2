"""Cross-source claim clusters: the pure rules, the database job, and real restatements."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claims.cluster import (
    ClaimPoint,
    candidate_links,
    cluster_components,
    plan_cluster_update,
    slots_compatible,
)
from claims.embed import UseM3Embedder
from claims.model import ClaimSlots
from service.jobs.clustering import ClusterStage, cluster_new_claims, recluster_all
from store.db import unit_of_work
from store.index import ClaimIndex
from store.models import Claim, ClaimVector, Cluster
from store.vectors import save_vectors
from tests.test_index import add_article_with_claims

MODEL = "use-m3+denoise"
RESTATEMENTS = Path(__file__).parent / "fixtures" / "restatements"


def search_matrix(vectors: np.ndarray, k: int = 8) -> tuple[np.ndarray, np.ndarray]:
    scores = vectors @ vectors.T
    order = np.argsort(-scores, axis=1)[:, :k]
    return np.take_along_axis(scores, order, axis=1), order


def links_for(points: list[ClaimPoint], vectors: np.ndarray) -> list[tuple[int, int]]:
    scores, order = search_matrix(vectors)
    ids = np.asarray([p.claim_id for p in points])[order]
    return candidate_links(
        [p.claim_id for p in points], ids, scores, {p.claim_id: p for p in points}
    )


def near_copies(n: int, seed: int = 0, dim: int = 16) -> np.ndarray:
    base = np.random.default_rng(seed).standard_normal(dim)
    rows = base + 0.05 * np.random.default_rng(seed + 1).standard_normal((n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_claims_of_one_source_never_cluster_even_when_identical() -> None:
    points = [ClaimPoint(1, "wire"), ClaimPoint(2, "wire")]
    assert links_for(points, near_copies(2)) == []


def test_the_same_claim_from_two_sources_is_linked() -> None:
    points = [ClaimPoint(1, "wire"), ClaimPoint(2, "agency")]
    assert links_for(points, near_copies(2)) == [(1, 2)]


def test_boilerplate_that_is_not_check_worthy_never_pulls_claims_together() -> None:
    x, y = np.eye(16, dtype=np.float32)[:2]
    vectors = np.stack([x + 0.9 * y, x, x - 0.9 * y])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)  # 1 and 3 only near 2
    sources = ["wire", "agency", "monitor"]
    worthy = [ClaimPoint(i + 1, s) for i, s in enumerate(sources)]
    assert cluster_components(links_for(worthy, vectors)) == [[1, 2, 3]]
    boilerplate = [ClaimPoint(i + 1, s, check_worthy=i != 1) for i, s in enumerate(sources)]
    assert links_for(boilerplate, vectors) == []


def test_known_different_event_types_keep_claims_apart() -> None:
    assert not slots_compatible(ClaimSlots(event_type="deploy"), ClaimSlots(event_type="attack"))
    assert not slots_compatible(ClaimSlots(event_type="deliver"), ClaimSlots(event_type="kill"))
    assert slots_compatible(ClaimSlots(event_type="deploy"), ClaimSlots())


@pytest.mark.parametrize(
    ("a", "b"),
    [("deploy", "arrive"), ("deploy", "withdraw"), ("kill", "attack"), ("sign", "cancel")],
)
def test_event_types_of_one_family_may_describe_one_happening(a: str, b: str) -> None:
    assert slots_compatible(ClaimSlots(event_type=a), ClaimSlots(event_type=b))


def test_a_statement_or_denial_never_separates_claims_by_event() -> None:
    assert slots_compatible(ClaimSlots(event_type="deny"), ClaimSlots(event_type="deploy"))
    assert slots_compatible(ClaimSlots(event_type="deliver"), ClaimSlots(event_type="statement"))


def test_troops_sent_by_russia_to_mali_or_to_niger_stay_together_as_a_place_conflict() -> None:
    mali = ClaimSlots(actors=["russia"], places=["mali"], event_type="deploy")
    niger = ClaimSlots(actors=["russia"], places=["niger"], event_type="deploy")
    assert slots_compatible(mali, niger)


def test_claims_sharing_no_actor_and_no_place_are_not_clustered() -> None:
    russia_mali = ClaimSlots(actors=["russia"], places=["mali"])
    china_guinea = ClaimSlots(actors=["china"], places=["guinea"])
    points = [
        ClaimPoint(1, "wire", slots=russia_mali),
        ClaimPoint(2, "agency", slots=china_guinea),
    ]
    assert links_for(points, near_copies(2)) == []


def test_a_claim_bridging_two_clusters_merges_them_into_the_oldest() -> None:
    plan = plan_cluster_update([(5, 1), (5, 3)], {1: 7, 3: 4, 5: None})
    assert plan.merges == {7: 4}
    assert plan.joins == {5: 4, 1: 4}
    assert plan.new_clusters == []


def test_two_unclustered_claims_that_link_start_a_new_cluster() -> None:
    plan = plan_cluster_update([(2, 9)], {2: None, 9: None})
    assert plan.new_clusters == [[2, 9]] and not plan.joins and not plan.merges


def test_full_clustering_is_the_connected_components_of_links() -> None:
    assert cluster_components([(3, 1), (4, 5), (1, 2)]) == [[1, 2, 3], [4, 5]]


def _partition(session: Session) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for claim_id, cluster_id in session.execute(select(Claim.id, Claim.cluster_id)):
        if cluster_id is not None:
            groups.setdefault(cluster_id, set()).add(claim_id)
    return {frozenset(g) for g in groups.values()}


def test_incremental_clustering_equals_full_reclustering(
    session_factory: sessionmaker[Session],
) -> None:
    """Six stories, each restated by a few of five outlets, ingested article by article."""
    rng = np.random.default_rng(11)
    dim = 32
    stories = rng.standard_normal((6, dim)).astype(np.float32)
    index = ClaimIndex(dim, MODEL)
    for article in range(12):
        source = f"outlet-{article % 5}"
        picked = rng.choice(6, size=3, replace=False)
        vectors = stories[picked] + 0.15 * rng.standard_normal((3, dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with unit_of_work(session_factory) as session:
            ids = add_article_with_claims(session, source, [f"{article}-{s}" for s in picked])
            save_vectors(session, ids, vectors, MODEL)
            cluster_new_claims(session, index, ids, vectors)
        index.add(np.asarray(ids), vectors)

    with session_factory() as session:
        incremental = _partition(session)
        incremental_rows = set(session.scalars(select(Cluster.id)))
    with unit_of_work(session_factory) as session:
        summary = recluster_all(session, index)
    with session_factory() as session:
        assert _partition(session) == incremental
        assert set(session.scalars(select(Cluster.id))) == incremental_rows
    assert summary.created == summary.removed == 0
    assert 1 < summary.clusters <= 6
    for group in incremental:
        with session_factory() as session:
            sources = {session.get(Claim, i).article.source_id for i in group}
        assert len(sources) >= 2


@pytest.fixture(scope="module")
def use_m3() -> UseM3Embedder:
    return UseM3Embedder(denoise_numbers=True)


@pytest.mark.slow
def test_arabic_claim_and_its_restatements_in_english_and_french_share_a_cluster(
    use_m3: UseM3Embedder, seeds_dir: Path
) -> None:
    arabic = next(
        line
        for line in (seeds_dir / "002_e55ea07608597a06.txt").read_text().split(".")
        if "نشرت روسيا 100 جندي في بوركينا فاسو" in line
    )
    texts = [
        arabic,
        "Russia has deployed 100 soldiers to Burkina Faso, the first major deployment "
        "of Russian forces in the country.",
        "Par ailleurs, la Russie a déployé environ 300 soldats au Burkina Faso, son premier "
        "déploiement important dans ce pays.",
        "Subscribe to our newsletter to receive the day's top stories.",
    ]
    points = [ClaimPoint(i, source) for i, source in enumerate(["seed", "monitor", "agence", "x"])]
    links = links_for(points, use_m3.encode(texts))
    assert cluster_components(links) == [[0, 1, 2]]


@pytest.mark.slow
def test_ingest_stage_clusters_the_same_deployment_reported_by_three_outlets(
    use_m3: UseM3Embedder, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    index = ClaimIndex(use_m3.dim, use_m3.model_id, tmp_path / "claims.faiss")
    stage = ClusterStage(use_m3, index)
    reports = [
        ("seed", "بالإضافة إلى ذلك، نشرت روسيا 100 جندي في بوركينا فاسو."),
        ("monitor", "Russia has deployed 100 soldiers to Burkina Faso."),
        ("agence", "La Russie a déployé environ 300 soldats au Burkina Faso."),
    ]
    for source, text in reports:
        with unit_of_work(session_factory) as session:
            ids = add_article_with_claims(session, source, [text, f"{source} newsletter"])
            stage(session, session.get(Claim, ids[0]).article)
        stage.committed()

    with pytest.raises(RuntimeError), unit_of_work(session_factory) as session:
        ids = add_article_with_claims(session, "late", ["Russia sent 100 soldiers to Burkina."])
        stage(session, session.get(Claim, ids[0]).article)
        raise RuntimeError("relation scoring failed")
    stage.rolled_back()

    with session_factory() as session:
        clusters = _partition(session)
        stored = sorted(session.scalars(select(ClaimVector.claim_id)))
        reloaded = ClaimIndex.load_or_rebuild(
            session, tmp_path / "claims.faiss", use_m3.model_id, use_m3.dim
        )
    assert [len(group) for group in clusters] == [3]
    assert sorted(index.ids.tolist()) == stored == sorted(reloaded.ids.tolist())
