"""Evidence endpoints: claims with their source, article text with spans, clusters by source."""

from __future__ import annotations

import test_api_support as support
from fastapi.testclient import TestClient
from test_api_support import ARABIC_CLAIM, ARABIC_TEXT, World

client, settings, world = support.client, support.settings, support.world
reader_key, anonymous = support.reader_key, support.anonymous


def test_claim_carries_its_article_and_source(client: TestClient, world: World) -> None:
    body = client.get(f"/claims/{world.arabic_claim_id}").json()
    assert body["text"] == ARABIC_CLAIM
    assert body["language"] == "ar"
    assert body["article"]["id"] == world.arabic_article_id
    assert body["article"]["source"]["name"] == "Al Jazeera"
    assert body["cluster_id"] == world.cluster_id


def test_article_spans_point_at_the_claims_in_cleaned_text(
    client: TestClient, world: World
) -> None:
    body = client.get(f"/articles/{world.arabic_article_id}").json()
    assert body["cleaned_text"] == ARABIC_TEXT
    [claim] = body["claims"]
    assert body["cleaned_text"][claim["start_char"] : claim["end_char"]] == ARABIC_CLAIM


def test_cluster_groups_claims_by_source_and_lists_its_conflicts(
    client: TestClient, world: World
) -> None:
    body = client.get(f"/clusters/{world.cluster_id}").json()
    by_source = {group["source"]: [c["id"] for c in group["claims"]] for group in body["sources"]}
    assert by_source == {
        "Al Jazeera": [world.arabic_claim_id],
        "Reuters": [world.english_claim_id],
    }
    assert [conflict["id"] for conflict in body["conflicts"]] == [world.conflict_id]
