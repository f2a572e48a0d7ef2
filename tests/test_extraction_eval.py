"""The extraction scorer: span-overlap matching and slot accuracy on the hand-written gold."""

from pathlib import Path

from conftest import SEEDS_DIR as SEEDS

from claims.extraction_eval import GoldClaim, evaluate_extraction, load_gold, score_article
from claims.model import Claim, ClaimSlots, Quantity

GOLD = Path(__file__).parent / "gold" / "seed_claims.json"

TEXT = "نشرت روسيا 100 جندي في بوركينا فاسو، وهو أول انتشار كبير للقوات الروسية."


def gold_deployment() -> GoldClaim:
    return GoldClaim(
        text="نشرت روسيا 100 جندي في بوركينا فاسو",
        start=0,
        end=35,
        expected={
            "places": ["burkina_faso"],
            "quantities": [{"low": 100, "high": 100, "unit": "soldiers"}],
        },
    )


def test_gold_has_forty_claims_with_slots_and_every_text_is_in_its_seed():
    articles = load_gold(GOLD, SEEDS)
    assert len(articles) == 5
    with_slots = [c for a in articles for c in a.claims if set(c.expected) - {"speaker"}]
    assert len(with_slots) >= 40
    for article in articles:
        for claim in article.claims:
            assert article.text[claim.start : claim.end] == claim.text


def test_overlapping_prediction_matches_and_slots_are_judged():
    slots = ClaimSlots(places=["burkina_faso"], quantities=[Quantity("100", 100, 100, "soldiers")])
    predicted = [Claim(TEXT[:35], 0, 35, "ar", slots=slots)]
    report = score_article(predicted, [gold_deployment()])
    assert (report.precision, report.recall, report.slot_accuracy) == (1.0, 1.0, 1.0)


def test_a_whole_paragraph_does_not_match_a_short_gold_claim():
    predicted = [Claim(TEXT * 4, 0, len(TEXT) * 4, "ar")]
    report = score_article(predicted, [gold_deployment()])
    assert report.matched == 0


def test_claims_not_check_worthy_are_not_predictions():
    predicted = [Claim(TEXT[:35], 0, 35, "ar", check_worthy=False)]
    assert score_article(predicted, [gold_deployment()]).predicted == 0


def test_wrong_quantity_counts_against_slot_accuracy():
    slots = ClaimSlots(places=["burkina_faso"], quantities=[Quantity("10", 10, 10, "soldiers")])
    report = score_article([Claim(TEXT[:35], 0, 35, "ar", slots=slots)], [gold_deployment()])
    assert report.slot_accuracy == 0.5


def test_extraction_on_seeds_keeps_its_measured_quality():
    report = evaluate_extraction(load_gold(GOLD, SEEDS))
    assert report.recall >= 0.85 and report.precision >= 0.7
    assert report.slot_accuracy >= 0.9
