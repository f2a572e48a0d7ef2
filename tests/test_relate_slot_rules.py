"""Slot comparison of restatements: affiliations, role noise, nearest figures, relative dates."""

from dataclasses import replace
from datetime import date

from claims.model import ClaimSlots, Period, Quantity
from claims.relate import compare_slots, quantities_agree
from claims.slots import extract_slots


def about(value: float, unit: str = "people") -> Quantity:
    return Quantity(f"about {value:g}", value * 0.9, value * 1.1, unit=unit, approximate=True)


def relative(text: str, granularity: str) -> Period:
    return Period(text, None, None, granularity, relative=True)


def test_wagner_mercenaries_and_russian_mercenaries_are_not_an_actor_conflict():
    diff = compare_slots(ClaimSlots(actors=["wagner"]), ClaimSlots(actors=["russia"]))
    assert diff.conflicts == []


def test_a_minister_of_another_country_is_an_actor_conflict():
    diff = compare_slots(ClaimSlots(actors=["diop"]), ClaimSlots(actors=["algeria"]))
    assert diff.kinds == ["actor"]


def test_mali_and_the_sahel_are_one_place_said_more_or_less_precisely():
    assert compare_slots(ClaimSlots(places=["mali"]), ClaimSlots(places=["sahel"])).conflicts == []


def test_russia_read_as_actor_on_one_side_and_place_on_the_other_is_no_conflict():
    # "تقارباً مع موسكو" makes Moscow an actor, "moved closer to Moscow" a place.
    a = ClaimSlots(actors=["goita", "russia"], places=["mali"])
    b = ClaimSlots(actors=["mali", "goita"], places=["russia"])
    diff = compare_slots(a, b)
    assert diff.conflicts == [] and diff.shared == ["goita", "russia", "mali"]


def test_about_18000_and_about_25000_do_not_agree():
    assert not quantities_agree(about(18000), about(25000))


def test_a_single_figure_is_compared_with_the_nearest_of_two():
    # "Russia recruited about 18,000, Ukraine more than 15,000" against "about 25,000".
    more_than = Quantity("15", 15000, None, unit="people")
    diff = compare_slots(
        ClaimSlots(quantities=[about(18000), more_than]), ClaimSlots(quantities=[about(25000)])
    )
    assert diff.kinds == ["quantity"]
    assert (diff.conflicts[0].a, diff.conflicts[0].b) == ("about 18000", "about 25000")


def test_bare_weekdays_are_not_compared_when_publication_dates_are_unknown():
    # "الجمعة" and "jeudi" name no day until an article's publication date anchors them.
    a = ClaimSlots(dates=[relative("الجمعة", "day")])
    b = ClaimSlots(dates=[relative("jeudi", "day")])
    assert compare_slots(a, b).conflicts == []


def test_weekdays_anchored_to_publication_dates_conflict_when_the_days_differ():
    published = date(2025, 2, 24)  # a Monday: Friday the 21st, Thursday the 20th
    a = extract_slots(
        "حفل السفارة الروسية في مالي يوم الجمعة", language="ar", published_at=published
    )
    b = extract_slots(
        "Russian embassy ceremony in Mali on Thursday", language="en", published_at=published
    )
    assert compare_slots(a, b).kinds == ["date"]


def test_a_month_without_its_year_is_read_in_the_year_of_the_other_date():
    a = extract_slots("الانقلاب الذي وقع في تموز/ يوليو في النيجر", language="ar")
    b = extract_slots("The coup in Niger took place in August 2023", language="en")
    assert [(c.kind, c.a, c.b) for c in compare_slots(a, b).conflicts] == [
        ("date", "في تموز/ يوليو", "in August 2023")
    ]


def test_last_july_in_arabic_and_french_agree_when_publication_dates_are_unknown():
    a = ClaimSlots(dates=[relative("في يوليو الماضي", "month")])
    b = ClaimSlots(dates=[relative("en juillet dernier", "month")])
    diff = compare_slots(a, b)
    assert diff.conflicts == [] and diff.agreements == ["في يوليو الماضي"]


def test_dates_years_apart_are_kept_for_the_scorer_to_quote():
    a = Period("August 2020", date(2020, 8, 1), date(2020, 8, 31), "month")
    b = Period("since May 2021", date(2021, 5, 1), date(2021, 5, 31), "month")
    diff = compare_slots(ClaimSlots(dates=[a]), ClaimSlots(dates=[b]))
    assert diff.temporal and diff.conflicts == []
    assert (diff.distant_dates.a, diff.distant_dates.b) == ("August 2020", "since May 2021")


def close_kinds(a: ClaimSlots, b: ClaimSlots) -> list[str]:
    diff = compare_slots(a, b)
    assert diff.conflicts == []  # the plain reading sees nothing
    return [c.kind for c in diff.close_conflicts]


def test_another_person_is_another_actor_on_a_close_reading():
    """Lavrov is covered by "Moscow" alone, not by Putin or a defence minister of Moscow;
    only of one main event that is no statement."""
    lavrov = ClaimSlots(actors=["lavrov", "russia"], places=["mali"], event_type="visit")
    putin = ClaimSlots(actors=["putin", "russia"], event_type="visit")
    assert close_kinds(lavrov, putin) == ["actor"]
    minister = ClaimSlots(actors=["defence_minister", "russia"], event_type="visit")
    assert close_kinds(lavrov, minister) == ["actor"]
    assert close_kinds(lavrov, ClaimSlots(actors=["russia"], event_type="visit")) == []
    assert close_kinds(lavrov, ClaimSlots(actors=["foreign_minister"], event_type="visit")) == []
    said = ClaimSlots(actors=["putin", "russia"], event_type="statement")
    assert close_kinds(replace(lavrov, event_type="statement"), said) == []
    assert close_kinds(lavrov, replace(putin, event_type="deliver")) == []


def test_an_umbrella_beside_a_specific_value_covers_nothing_else_on_a_close_reading():
    """ "Weapons and attack helicopters" against fighter jets, "Africa, such as Mali and
    the CAR" against "Mali and Chad"; the umbrella alone still covers its members."""
    helicopters = ClaimSlots(equipment=["weapons", "helicopters"], event_type="deliver")
    jets = ClaimSlots(equipment=["aircraft"], event_type="deliver")
    assert close_kinds(helicopters, jets) == ["equipment"]
    assert close_kinds(ClaimSlots(equipment=["weapons"], event_type="deliver"), jets) == []
    listed = ClaimSlots(actors=["russia"], places=["africa", "mali", "car"], event_type="deploy")
    chad = ClaimSlots(actors=["russia"], places=["mali", "chad"], event_type="deploy")
    assert close_kinds(listed, chad) == ["place"]
    africa = ClaimSlots(actors=["russia"], places=["africa"], event_type="deploy")
    assert close_kinds(africa, chad) == []
