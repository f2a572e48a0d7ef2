"""Slot comparison rules: intervals for quantities, granularity for dates, ids for entities."""

from datetime import date

import pytest

from claims.model import ClaimSlots, Period, Quantity
from claims.relate import RelationScorer, compare_slots, quantities_agree


def soldiers(text: str, low: float | None, high: float | None, approximate: bool = False):
    return Quantity(text, low, high, unit="soldier", approximate=approximate)


def test_troop_count_100_vs_about_300_is_a_quantity_conflict():
    a = ClaimSlots(quantities=[soldiers("100 soldiers", 100, 100)])
    b = ClaimSlots(quantities=[soldiers("about 300 soldiers", 270, 330, approximate=True)])
    diff = compare_slots(a, b)
    assert diff.kinds == ["quantity"]
    assert (diff.conflicts[0].a, diff.conflicts[0].b) == ("100 soldiers", "about 300 soldiers")


def test_more_than_100_million_and_110_million_agree():
    more_than = Quantity("more than 100 million dollars", 100e6, None, unit="usd")
    exact = Quantity("110 million dollars", 110e6, 110e6, unit="usd")
    assert quantities_agree(more_than, exact)
    assert (
        compare_slots(ClaimSlots(quantities=[more_than]), ClaimSlots(quantities=[exact])).kinds
        == []
    )


def test_two_bounds_the_same_way_give_the_bound_as_the_figure() -> None:
    """ "Up to 35.3%" and "up to 53%" report two maxima; "more than 100" and "more than
    300" two floors: each pair disagrees, while a bound and a figure inside it agree."""
    up_to = Quantity("up to 35.3%", None, 35.3, unit="percent")
    assert not quantities_agree(up_to, Quantity("up to 53%", None, 53.0, unit="percent"))
    assert quantities_agree(up_to, Quantity("jusqu'à 35,3 %", None, 35.3, unit="percent"))
    more = soldiers("more than 100", 100, None)
    assert not quantities_agree(more, soldiers("more than 300", 300, None))
    assert quantities_agree(more, soldiers("300", 300, 300))


def test_a_figure_for_a_part_disagrees_with_no_figure_for_the_whole() -> None:
    """ "In Paris alone, 87,000" does not dispute "more than a million in France"."""
    whole = Quantity("more than a million", 1e6, None, unit="people")
    part = Quantity("87,000", 87_000, 87_000, unit="people", part=True)
    assert quantities_agree(whole, part)
    assert not quantities_agree(whole, Quantity("87,000", 87_000, 87_000, unit="people"))


def test_a_round_figure_agrees_with_the_precise_one_it_rounds() -> None:
    """ "A 2,000 tip" for 2,084, "34%" for 33.9%: rounded to the round figure's last
    digit and at most 5% off. "100" is no rounding of 80, nor "300" of 100."""
    assert quantities_agree(Quantity("2,000", 2000, 2000), Quantity("2,084", 2084, 2084))
    assert quantities_agree(soldiers("1,200", 1200, 1200), soldiers("1240", 1240, 1240))
    percent = Quantity("33,9 %", 33.9, 33.9, unit="percent")
    assert quantities_agree(Quantity("34 %", 34, 34, unit="percent"), percent)
    assert not quantities_agree(soldiers("100", 100, 100), soldiers("80", 80, 80))
    assert not quantities_agree(soldiers("300", 300, 300), soldiers("100", 100, 100))
    assert not quantities_agree(soldiers("1,300", 1300, 1300), soldiers("1,240", 1240, 1240))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("قتل 1240 شخصا في الفيضانات", "قتل 1200 شخص في الفيضانات"),
        ("A pizza driver received a 2,084 dollar tip", "Pizza driver gets 2,000 dollar tip"),
        (
            "Le chômage a atteint 7,46 % au troisième trimestre",
            "Le chômage a atteint 7,5 % au troisième trimestre",
        ),
    ],
)
def test_a_rounded_figure_is_no_quantity_conflict(scorer: RelationScorer, a: str, b: str) -> None:
    assert "quantity" not in scorer.relate([(a, b)])[0].conflict_types


def test_dozens_and_40_agree():
    dozens = Quantity("dozens", 24, 99, unit=None, approximate=True)
    forty = Quantity("40", 40, 40)
    assert quantities_agree(dozens, forty)


def test_about_300_covers_310_but_not_400():
    about = soldiers("about 300", 270, 330, approximate=True)
    assert quantities_agree(about, soldiers("310", 310, 310))
    assert not quantities_agree(about, soldiers("400", 400, 400))


def test_quantities_in_different_units_are_not_compared():
    a = ClaimSlots(quantities=[soldiers("100 soldiers", 100, 100)])
    b = ClaimSlots(quantities=[Quantity("3 tanks", 3, 3, unit="tank")])
    assert compare_slots(a, b).conflicts == []


def test_may_2024_and_28_may_2024_agree():
    month = Period("May 2024", date(2024, 5, 1), date(2024, 5, 31), "month")
    day = Period("28 May 2024", date(2024, 5, 28), date(2024, 5, 28), "day")
    diff = compare_slots(ClaimSlots(dates=[month]), ClaimSlots(dates=[day]))
    assert diff.conflicts == [] and not diff.temporal


def test_days_apart_is_a_date_conflict():
    a = Period("12 May 2024", date(2024, 5, 12), date(2024, 5, 12), "day")
    b = Period("20 May 2024", date(2024, 5, 20), date(2024, 5, 20), "day")
    assert compare_slots(ClaimSlots(dates=[a]), ClaimSlots(dates=[b])).kinds == ["date"]


def test_years_apart_is_a_change_over_time_not_a_date_conflict():
    a = Period("2023", date(2023, 1, 1), date(2023, 12, 31), "year")
    b = Period("2025", date(2025, 1, 1), date(2025, 12, 31), "year")
    diff = compare_slots(ClaimSlots(dates=[a]), ClaimSlots(dates=[b]))
    assert diff.temporal and diff.conflicts == []


def test_unresolved_relative_dates_are_ignored():
    vague = Period("last week", None, None, "week", relative=True)
    day = Period("28 May 2024", date(2024, 5, 28), date(2024, 5, 28), "day")
    assert compare_slots(ClaimSlots(dates=[vague]), ClaimSlots(dates=[day])).conflicts == []


def test_another_place_instead_is_a_place_conflict():
    diff = compare_slots(ClaimSlots(places=["mali"]), ClaimSlots(places=["niger"]))
    assert diff.kinds == ["place"]
    assert (diff.conflicts[0].a, diff.conflicts[0].b) == ("mali", "niger")


def test_an_extra_place_is_detail_not_a_conflict():
    diff = compare_slots(ClaimSlots(places=["mali"]), ClaimSlots(places=["mali", "niger"]))
    assert diff.conflicts == [] and diff.shared_entities == 1


def test_actor_and_recipient_swapped_are_both_conflicts():
    a = ClaimSlots(actors=["russia"], recipients=["mali"])
    b = ClaimSlots(actors=["mali"], recipients=["russia"])
    assert compare_slots(a, b).kinds == ["actor", "recipient"]


def test_polarity_flip_is_a_conflict():
    diff = compare_slots(ClaimSlots(), ClaimSlots(polarity="negative"))
    assert diff.kinds == ["polarity"]


def test_events_that_undo_one_another_are_named_and_others_not():
    withdrew, deployed = ClaimSlots(event_type="withdraw"), ClaimSlots(event_type="deploy")
    assert compare_slots(withdrew, deployed).opposed_events == ("withdraw", "deploy")
    assert compare_slots(ClaimSlots(event_type="arrive"), withdrew).opposed_events == (
        "arrive",
        "withdraw",
    )
    assert compare_slots(deployed, ClaimSlots(event_type="arrive")).opposed_events is None
    assert compare_slots(deployed, deployed).opposed_events is None
    assert compare_slots(withdrew, ClaimSlots()).opposed_events is None


def test_quantities_are_quoted_by_their_phrase_or_else_their_number():
    a = ClaimSlots(quantities=[Quantity("100", 100, 100, "soldiers", phrase="100 جندي")])
    b = ClaimSlots(quantities=[Quantity("300", 270, 330, "soldiers", True)])
    conflict = compare_slots(a, b).conflicts[0]
    assert (conflict.a, conflict.b) == ("100 جندي", "300")
