"""Whose office a title names, and one statement given to two countries' officials.

Examples written for this test, in each language the reading covers.
"""

import pytest

from claims.relate.slot_diff import compare_slots
from claims.slots import extract_slots


@pytest.mark.parametrize(
    ("text", "language", "offices"),
    [
        # Arabic: the country right after the office, genitive or adjective.
        ("وأيد وزير خارجية بوركينا فاسو تصريحات لافروف", "ar", ["foreign_minister@burkina_faso"]),
        ("وقال السفير الروسي إن التعاون يتطور", "ar", ["ambassador@russia"]),
        ("التقى سفير الصين رئيس الوزراء", "ar", ["ambassador@china"]),
        # English: in front of the office, or after "of".
        ("Mali's foreign minister backed the remarks", "en", ["foreign_minister@mali"]),
        ("The Chinese ambassador praised the ties", "en", ["ambassador@china"]),
        ("The foreign minister of Niger said so", "en", ["foreign_minister@niger"]),
        # French: an adjective after the office, or "de"/"du".
        ("L'ambassadeur chinois a salué la coopération", "fr", ["ambassador@china"]),
        ("L'ambassadeur de Russie a salué la coopération", "fr", ["ambassador@russia"]),
        ("Le ministre des Affaires étrangères du Niger a parlé", "fr", ["foreign_minister@niger"]),
        # French: a demonym inside a minister's title.
        (
            "Le ministre burkinabè des Affaires étrangères a soutenu Lavrov",
            "fr",
            ["foreign_minister@burkina_faso"],
        ),
        ("Le ministre tchadien des Finances a démissionné", "fr", ["finance_minister@chad"]),
    ],
)
def test_an_office_is_read_with_the_country_written_with_it(text, language, offices):
    assert extract_slots(text, language=language).offices == offices


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Where an ambassador is posted is not whose ambassador they are.
        ("وأشار السفير لدى مالي إلى التعاون", "ar"),
        ("The ambassador to Mali praised the ties", "en"),
        ("L'ambassadeur au Mali a salué la coopération", "fr"),
        # An English title takes its country in front: one after it is another party.
        ("The ambassador Mali welcomed spoke on Friday", "en"),
        # A title with no country.
        ("The foreign minister said the talks went well", "en"),
    ],
)
def test_a_country_not_written_as_the_office_s_own_is_not_read_as_it(text, language):
    assert extract_slots(text, language=language).offices == []


def _actor_conflicts(a: str, b: str, language: str) -> list[tuple[str, str]]:
    diff = compare_slots(extract_slots(a, language=language), extract_slots(b, language=language))
    return [(c.a, c.b) for c in diff.conflicts if c.kind == "actor"]


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        (
            "وأيد وزير خارجية النيجر تصريحات لافروف بشأن أوكرانيا",
            "وأيد وزير خارجية بوركينا فاسو تصريحات لافروف بشأن أوكرانيا",
            "ar",
        ),
        (
            "وأشاد السفير الروسي لدى مالي بالتعاون العسكري بين البلدين",
            "وأشاد السفير الصيني لدى مالي بالتعاون العسكري بين البلدين",
            "ar",
        ),
        (
            "Niger's foreign minister backed Lavrov's remarks on Ukraine",
            "Chad's foreign minister backed Lavrov's remarks on Ukraine",
            "en",
        ),
        (
            "L'ambassadeur russe au Mali a salué la coopération militaire",
            "L'ambassadeur turc au Mali a salué la coopération militaire",
            "fr",
        ),
    ],
)
def test_one_office_held_for_two_countries_is_an_actor_conflict(a, b, language):
    assert _actor_conflicts(a, b, language)


def test_an_official_known_by_name_meets_a_title_written_for_another_country():
    # Diop is Mali's foreign minister (affiliations.tsv); the title names Burkina Faso's.
    found = _actor_conflicts(
        "وأيد عبد الله ديوب تصريحات لافروف بشأن أوكرانيا",
        "وأيد وزير خارجية بوركينا فاسو تصريحات لافروف بشأن أوكرانيا",
        "ar",
    )
    assert found == [("diop", "foreign_minister, burkina_faso")]


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        # The same official both ways: by title and by name.
        (
            "Mali's foreign minister backed Lavrov's remarks",
            "Abdoulaye Diop backed Lavrov's remarks",
            "en",
        ),
        # Lavrov on both sides, another foreign minister only on one: more detail.
        (
            "Lavrov met Niger's foreign minister in Niamey",
            "Lavrov met officials in Niamey",
            "en",
        ),
        # Two officials each known by name are compared as persons, not as offices.
        ("Lavrov said Russia would help Mali", "Diop said Russia would help Mali", "en"),
        # A title on one side, a country with no official on the other.
        (
            "وأشاد السفير بالتعاون العسكري مع روسيا",
            "وأشادت النيجر بالتعاون العسكري مع روسيا",
            "ar",
        ),
    ],
)
def test_no_office_conflict_without_another_official_in_its_place(a, b, language):
    assert _actor_conflicts(a, b, language) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "وقال السفير الروسي لدى مالي إن التعاون العسكري بين البلدين يتطور تدريجيا",
            "وقال السفير الصيني لدى مالي إن التعاون العسكري بين البلدين يتطور تدريجيا",
        ),
        (
            "The Russian ambassador to Mali said military cooperation is growing steadily",
            "The Turkish ambassador to Mali said military cooperation is growing steadily",
        ),
        (
            "L'ambassadeur russe au Mali a salué la coopération militaire croissante",
            "L'ambassadeur chinois au Mali a salué la coopération militaire croissante",
        ),
    ],
)
def test_one_statement_given_to_two_countries_ambassadors_is_an_actor_conflict(scorer, a, b):
    relation = scorer.relate_one(a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["actor"])
