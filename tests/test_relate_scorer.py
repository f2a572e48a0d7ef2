"""RelationScorer with the shipped model: conflicts are typed and quoted, across languages too."""

import numpy as np
import pytest
from conftest import relate

from claims.relate import RelationScorer, pair_languages, pair_slots
from claims.relate.calibration import Scored, fit_calibration


class FakeEmbedder:
    """Never called: the tests using it stop before embedding."""

    dim = 512

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id

    def encode(self, texts: list[str]) -> np.ndarray:
        raise AssertionError("the embedder should not be called")

    def encode_with_spans(self, texts: list[str], spans: list) -> tuple[np.ndarray, np.ndarray]:
        raise AssertionError("the embedder should not be called")


AR_100 = "نشرت روسيا 100 جندي في بوركينا فاسو"
AR_ABOUT_300 = "نشرت روسيا نحو 300 جندي في بوركينا فاسو"
EN_100 = "Russia deployed 100 soldiers to Burkina Faso"
EN_ABOUT_300 = "Russia deployed about 300 soldiers to Burkina Faso"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [(AR_100, AR_ABOUT_300), (AR_100, EN_ABOUT_300), (EN_100, EN_ABOUT_300)],
    ids=["ar-ar", "ar-en", "en-en"],
)
def test_troop_count_100_vs_about_300_is_a_quoted_quantity_conflict(scorer, a, b):
    relation = relate(scorer, a, b)
    assert relation.relation == "conflict"
    assert relation.conflict_types[0] == "quantity"
    assert "100" in relation.explanation and "300" in relation.explanation
    assert not relation.temporal


@pytest.mark.slow
def test_troop_counts_years_apart_are_a_change_over_time(scorer):
    relation = relate(
        scorer,
        "نشرت روسيا 100 جندي في مالي عام 2019",
        "In 2024 Russia deployed 300 soldiers to Mali",
    )
    assert relation.relation == "related"
    assert relation.temporal
    assert "change over time" in relation.explanation


@pytest.mark.slow
def test_one_deployment_dated_two_years_apart_is_a_date_conflict(scorer):
    # Nothing but the date differs, so nothing changed over time: the date is disputed.
    relation = relate(
        scorer,
        "Wagner was deployed in Mali in December 2021",
        "Wagner was deployed in Mali in December 2023",
    )
    assert (relation.relation, relation.conflict_types) == ("conflict", ["date"])
    assert not relation.temporal


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (EN_100, "Gold prices rose to a record high in London on Monday"),
        (AR_100, "ارتفاع أسعار الذهب في لندن إلى مستوى قياسي"),
    ],
)
def test_different_stories_are_not_agree_or_conflict(scorer, a, b):
    assert relate(scorer, a, b).relation in ("related", "unrelated")


@pytest.mark.slow
def test_moscow_denying_the_withdrawal_is_a_denial_across_languages(scorer):
    relation = relate(
        scorer,
        "أعلنت مجموعة فاغنر أنها تغادر مالي",
        "Moscow denied that Wagner is leaving Mali",
    )
    assert relation.relation == "conflict"
    assert relation.conflict_types[0] == "denial"
    assert "denied" in relation.explanation


@pytest.mark.slow
def test_a_withdrawal_against_a_deployment_is_a_conflict_across_languages(scorer):
    relation = relate(scorer, "سحبت روسيا قواتها من مالي", "Russia deployed troops to Mali")
    assert (relation.relation, relation.conflict_types) == ("conflict", ["polarity"])
    assert relation.explanation == "A says withdraw, B says deploy."


@pytest.mark.slow
def test_a_withdrawal_years_after_a_deployment_is_a_change_over_time(scorer):
    relation = relate(
        scorer, "سحبت روسيا قواتها من مالي في 2024", "Russia deployed troops to Mali in 2021"
    )
    assert (relation.relation, relation.temporal) == ("related", True)


@pytest.mark.slow
def test_wagner_mercenaries_and_russian_mercenaries_agree_across_languages(scorer):
    relation = relate(
        scorer,
        "قتل المسلحون العشرات من مرتزقة فاغنر في شمال مالي",
        "Militants killed dozens of Russian mercenaries in northern Mali",
    )
    assert relation.relation == "agree"


@pytest.mark.slow
def test_friday_against_thursday_is_no_date_conflict_without_publication_dates(scorer):
    # A bare weekday is no event date until a publication date anchors it.
    relation = relate(
        scorer,
        "وجاءت تصريحات كامارا خلال حفل نظمته سفارة روسيا في مالي، الجمعة",
        "Sadio Camara spoke at a ceremony at the Russian embassy in Bamako on Thursday",
    )
    assert "date" not in relation.conflict_types


def test_the_scorer_shares_the_embedder_its_model_was_trained_on():
    shared = FakeEmbedder("use-m3+denoise")
    assert RelationScorer(embedder=shared).embedder is shared


def test_the_scorer_keeps_its_own_embedder_when_given_another():
    scorer = RelationScorer(embedder=FakeEmbedder("sentence-transformers:some/model"))
    assert scorer.embedder.model_id == "use-m3+denoise"


def test_no_pairs_give_no_relations():
    assert RelationScorer(embedder=FakeEmbedder("use-m3+denoise")).relate([]) == []


def test_pair_slots_reads_each_side_in_its_language():
    pairs = [("نشرت روسيا نحو 300 جندي", "La Russie a déployé 1.417 soldats")]
    assert pair_languages(pairs) == [("ar", "fr")]
    [(arabic, french)] = pair_slots(pairs)
    assert (arabic.quantities[0].low, arabic.quantities[0].high) == (270, 330)
    # French writes a thousands separator as a full stop.
    assert french.quantities[0].low == 1417


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("Wagner left Mali", "Russia sent 300 troops to Mali in 2021"), ("en", "en")),
        (("Wagner quitte le Mali", "La Russie a envoyé 300 soldats au Mali"), ("fr", "fr")),
        (
            ("Russia sent 300 troops to Mali in 2021", "Russland schickte 1000 Soldaten nach Mali"),
            ("en", None),
        ),
        (
            ("La Russie a envoyé 300 soldats au Mali", "Rusia envió mil soldados a Malí ayer"),
            ("fr", None),
        ),
    ],
)
def test_a_short_side_borrows_the_others_language_but_a_fourth_language_does_not(
    pair: tuple[str, str], expected: tuple[str | None, str | None]
) -> None:
    assert pair_languages([pair]) == [expected]


def test_given_languages_win_side_by_side():
    pairs = [("Russia.", "روسيا.")]
    assert pair_languages(pairs, [("en", "ar")]) == [("en", "ar")]
    assert pair_languages(pairs, [("en", None)]) == [("en", "ar")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("روسيا سلمت مالي مروحيتين", "روسيا سلمت مالي مروحيتين"),
        ("Wagner left Mali", "Wagner left Mali."),
        ("سلمت روسيا مالي مروحيتين", "روسيا سلمت مالي مروحيتين"),
    ],
)
def test_a_claim_restated_word_for_word_agrees(scorer: RelationScorer, a: str, b: str) -> None:
    relation = relate(scorer, a, b)
    assert relation.relation == "agree"
    assert relation.explanation.startswith("Both say:")
    # The rule's own confidence (the texts' cosine) is high; the score reported is that
    # confidence calibrated, how often an agreement is right at it on development data.
    raw_scorer = RelationScorer(embedder=scorer.embedder)
    raw_scorer.calibration = None
    raw = relate(raw_scorer, a, b)
    assert (raw.relation, raw.rule) == ("agree", relation.rule) and raw.score > 0.9
    if scorer.calibration is not None:
        expected = scorer.calibration.probability(raw.relation, raw.score)
        assert relation.score == pytest.approx(expected, abs=1e-4)


def test_calibration_maps_each_relation_with_enough_pairs_and_shares_one_for_the_rest():
    conflicts = [Scored("conflict", k / 40, k >= 10) for k in range(40)]
    agreements = [Scored("agree", 0.9, k % 2 == 0) for k in range(4)]
    calibration = fit_calibration([*conflicts, *agreements], "v")
    assert set(calibration.maps) == {"*", "conflict"}
    # A conflict's own map: right from raw 0.25 up.
    assert calibration.probability("conflict", 0.1) == 0.0
    assert calibration.probability("conflict", 0.9) == 1.0
    # Too few agreements for a map of their own: the shared one answers.
    shared = calibration.probability("agree", 0.9)
    assert shared == calibration.probability("related", 0.9) < 1.0
