"""What the service says about itself and what it hands out: metrics, offline docs,
exports of decided conflicts, semantic search, timestamps, method errors."""

from __future__ import annotations

import csv
import io
import re

import pytest
import test_api_support as support
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import (
    ARABIC_CLAIM,
    ENGLISH_CLAIM,
    WordHashEmbedder,
    World,
    YearScorer,
    assert_error,
    auth,
)

from service.api.meta import DOCS_ASSETS_DIR
from store.db import unit_of_work
from store.vectors import save_vectors

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def decide(client: TestClient, world: World, decision: str, note: str = "") -> None:
    response = client.post(
        f"/conflicts/{world.conflict_id}/reviews",
        json={"decision": decision, "note": note},
        headers=auth(world.reviewer_key),
    )
    assert response.status_code == 201, response.text


def test_every_timestamp_is_utc_with_a_z_on_every_backend(client: TestClient, world: World) -> None:
    client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": world.reviewer_id},
        headers=auth(world.reviewer_key),
    )
    decide(client, world, "confirmed")
    detail = client.get(f"/conflicts/{world.conflict_id}").json()
    stamps = [detail["created_at"], detail["updated_at"]]
    stamps += [review["created_at"] for review in detail["reviews"]]
    stamps += [item["ingested_at"] for item in client.get("/articles").json()["items"]]
    stamps += [client.get(f"/clusters/{world.cluster_id}").json()["created_at"]]
    assert stamps and all(ISO_UTC.match(stamp) for stamp in stamps), stamps


def test_metrics_count_requests_by_route_and_the_queue_by_status(
    client: TestClient, world: World
) -> None:
    client.get(f"/conflicts/{world.conflict_id}")
    client.get("/no/such/page")
    text = client.get("/metrics").text
    assert client.get("/metrics").headers["content-type"].startswith("text/plain")
    assert (
        'claimcheck_http_requests_total{method="GET",route="/conflicts/{conflict_id:int}",'
        'status="200"} 1.0' in text
    )
    assert 'route="unmatched",status="404"' in text
    assert 'claimcheck_http_request_duration_seconds_count{method="GET",route="/conflicts/' in text
    assert 'claimcheck_conflicts{status="open"} 1.0' in text
    assert 'claimcheck_conflicts{status="confirmed"} 0.0' in text


def test_metrics_count_ingested_articles_by_outcome(client: TestClient, world: World) -> None:
    client.app.state.runtime.set(embedder=WordHashEmbedder(), scorer=YearScorer())
    editor = auth(world.editor_key)
    article = {
        "source": "Wire",
        "text": "Wagner left Mali in 2023 said officials.",
        "language": "en",
    }
    client.post("/articles", json=article, headers=editor)
    client.post("/articles", json=article, headers=editor)
    client.post("/articles", json={**article, "text": "  "}, headers=editor)
    text = client.get("/metrics").text
    for outcome in ("new", "duplicate", "rejected"):
        assert f'claimcheck_articles_ingested_total{{outcome="{outcome}"}} 1.0' in text


def test_docs_are_served_from_local_files(anonymous: TestClient) -> None:
    for page, assets in (
        ("/docs", ["/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css"]),
        ("/redoc", ["/docs-assets/redoc.standalone.js"]),
    ):
        html = anonymous.get(page).text
        assert "http://" not in html and "https://" not in html, page
        for asset in assets:
            assert asset in html
            assert anonymous.get(asset).status_code == 200
    assert (DOCS_ASSETS_DIR / "swagger-ui-bundle.js").stat().st_size > 100_000
    assert anonymous.get("/static/swagger-init.js").status_code == 200
    assert anonymous.get("/openapi.json").status_code == 200


def test_get_on_compare_is_405_not_a_claim_id(client: TestClient) -> None:
    response = client.get("/claims/compare")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"


def test_search_finds_stored_claims_across_languages(
    client: TestClient, world: World, session_factory: sessionmaker[Session]
) -> None:
    embedder = WordHashEmbedder()
    claims = {world.arabic_claim_id: ARABIC_CLAIM, world.english_claim_id: ENGLISH_CLAIM}
    with unit_of_work(session_factory) as session:
        save_vectors(
            session, list(claims), embedder.encode(list(claims.values())), embedder.model_id
        )
    client.app.state.runtime.set(embedder=embedder)
    body = client.get("/claims/search", params={"q": "deployed in Mali since", "k": 1}).json()
    assert body["query"] == "deployed in Mali since"
    [hit] = body["hits"]
    assert hit["claim"]["id"] == world.english_claim_id
    assert hit["claim"]["article"]["source"]["name"] == "Reuters"
    assert 0 < hit["similarity"] <= 1
    both = client.get("/claims/search", params={"q": ARABIC_CLAIM, "k": 5}).json()["hits"]
    assert both[0]["claim"]["id"] == world.arabic_claim_id and len(both) == 2
    assert_error(client.get("/claims/search", params={"q": ""}), 422)
    assert_error(client.get("/claims/search", params={"q": "x", "k": 51}), 422)


def test_claimreview_export_rates_both_claims_of_each_decided_conflict(
    client: TestClient, world: World
) -> None:
    assert client.get("/conflicts/export").json()["@graph"] == []
    decide(client, world, "confirmed", note="Reuters later corrected to 2021")
    response = client.get("/conflicts/export", params={"format": "claimreview"})
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    assert document["@context"] == "https://schema.org"
    by_claim = {review["claimReviewed"]: review for review in document["@graph"]}
    assert set(by_claim) == {ARABIC_CLAIM, ENGLISH_CLAIM}
    english = by_claim[ENGLISH_CLAIM]
    assert english["@type"] == "ClaimReview"
    assert english["itemReviewed"]["author"] == {"@type": "Organization", "name": "Reuters"}
    assert english["itemReviewed"]["appearance"]["url"].startswith("https://example.org/Reuters/")
    assert english["reviewRating"]["alternateName"] == "Contradicted by another outlet"
    assert english["author"] == {"@type": "Person", "name": "amina"}
    assert english["url"].endswith(f"/ui/conflicts/{world.conflict_id}")
    assert "Al Jazeera reports:" in english["reviewBody"]
    assert "Reuters later corrected to 2021" in english["reviewBody"]
    assert english["inLanguage"] == "en" and by_claim[ARABIC_CLAIM]["inLanguage"] == "ar"


@pytest.mark.parametrize("decision", ["needs_more_info"])
def test_undecided_conflicts_are_not_exported(
    client: TestClient, world: World, decision: str
) -> None:
    decide(client, world, decision)
    assert client.get("/conflicts/export").json()["@graph"] == []
    rows = list(csv.reader(io.StringIO(client.get("/conflicts/export?format=csv").text)))
    assert len(rows) == 1  # the header alone


def test_csv_export_has_one_row_per_audit_entry(client: TestClient, world: World) -> None:
    client.post(
        f"/conflicts/{world.conflict_id}/assign",
        json={"assignee_id": world.reviewer_id},
        headers=auth(world.reviewer_key),
    )
    decide(client, world, "needs_more_info", note='=HYPERLINK("http://evil")')
    decide(client, world, "resolved", note="both outlets now say 2021")
    response = client.get("/conflicts/export", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["entry"], r["entry_by"], r["assignee"]) for r in rows] == [
        ("assigned", "amina", "amina"),
        ("needs_more_info", "amina", ""),
        ("resolved", "amina", ""),
    ]
    assert {r["status"] for r in rows} == {"resolved"}
    assert rows[0]["claim_a"] == ARABIC_CLAIM and rows[0]["source_b"] == "Reuters"
    assert rows[1]["note"].startswith("'=HYPERLINK")  # never a live formula in a spreadsheet
    assert all(ISO_UTC.match(r["entry_at"]) for r in rows)
