"""Quantities are intervals with units; years, days and model numbers are not quantities."""

import pytest

from claims.slots.quantities import find_quantities

EXACT = [
    ("نشرت روسيا 100 جندي في بوركينا فاسو", "ar", 100, "soldiers"),
    ("قُتل منهم ٣١٦ شخصاً", "ar", 316, "victims"),
    ("تم تجنيد 1417 إفريقياً", "ar", 1417, "africans"),
    ("من 35 دولة في الجيش الروسي", "ar", 35, "countries"),
    ("أجنبي من 70 جنسية", "ar", 70, "nationalities"),
    ("مقتل 7 جنود في مكمن", "ar", 7, "soldiers"),
    ("ثلاثة آلاف جندي", "ar", 3000, "soldiers"),
    ("سلمت روسيا مالي أربع مروحيات", "ar", 4, "helicopters"),
    ("بتكلفة 1,5 مليون دولار", "fr", 1_500_000, "dollars"),
    ("Russia deployed 100 soldiers to Burkina Faso", "en", 100, "soldiers"),
    ("Russia delivered two Mi-35M attack helicopters", "en", 2, "helicopters"),
    ("1,417 Africans were recruited", "en", 1417, "africans"),
    ("3.5 million dollars in aid", "en", 3_500_000, "dollars"),
    ("five tanks arrived in Bamako", "en", 5, "tanks"),
    ("12 drones were shot down", "en", 12, "drones"),
    ("2,000 troops left Niger", "en", 2000, "soldiers"),
    ("La Russie a livré deux hélicoptères", "fr", 2, "helicopters"),
    ("1 417 Africains recrutés", "fr", 1417, "africans"),
    ("1.417 recrues", "fr", 1417, "recruits"),
    ("3,5 millions d'euros", "fr", 3_500_000, "euros"),
    ("100 soldats russes", "fr", 100, "soldiers"),
    ("vingt blindés et 30 véhicules", "fr", 30, "vehicles"),
]


@pytest.mark.parametrize(("text", "language", "value", "unit"), EXACT)
def test_exact_quantity(text, language, value, unit):
    quantity = find_quantities(text, language=language)[-1]
    assert (quantity.low, quantity.high, quantity.unit) == (value, value, unit)
    assert not quantity.approximate


BOUNDED = [
    ("بتكلفة تزيد على 100 مليون دولار", "ar", 100e6, None, "dollars"),
    ("أكثر من 15 ألف أجنبي", "ar", 15_000, None, "foreigners"),
    ("قُتل منهم 316 شخصاً على الأقل", "ar", 316, None, "victims"),
    ("ما لا يقل عن 50 مدنياً", "ar", 50, None, "civilians"),
    ("أقل من 200 جندي", "ar", None, 200, "soldiers"),
    ("at least 316 people were killed", "en", 316, None, "victims"),
    ("more than 1,417 Africans", "en", 1417, None, "africans"),
    ("over 100 million dollars", "en", 100e6, None, "dollars"),
    ("up to 500 troops", "en", None, 500, "soldiers"),
    ("fewer than 20 helicopters", "en", None, 20, "helicopters"),
    ("plus de 15 000 étrangers", "fr", 15_000, None, "foreigners"),
    ("au moins 316 personnes", "fr", 316, None, "people"),
    ("moins de 200 soldats", "fr", None, 200, "soldiers"),
]


@pytest.mark.parametrize(("text", "language", "low", "high", "unit"), BOUNDED)
def test_open_bound(text, language, low, high, unit):
    quantity = find_quantities(text, language=language)[0]
    assert (quantity.low, quantity.high, quantity.unit) == (low, high, unit)


APPROXIMATE = [
    ("روسيا جندت نحو 18 ألف أجنبي", "ar", 16_200, 19_800, "foreigners"),
    ("حوالي 300 جندي", "ar", 270, 330, "soldiers"),
    ("قرابة 1000 مقاتل", "ar", 900, 1100, "fighters"),
    ("about 300 soldiers", "en", 270, 330, "soldiers"),
    ("around 1,000 Russian instructors", "en", 900, 1100, "instructors"),
    ("environ 300 soldats", "fr", 270, 330, "soldiers"),
    ("près de 1 000 mercenaires", "fr", 900, 1100, "mercenaries"),
]


@pytest.mark.parametrize(("text", "language", "low", "high", "unit"), APPROXIMATE)
def test_about_is_ten_percent_either_side(text, language, low, high, unit):
    quantity = find_quantities(text, language=language)[0]
    assert quantity.approximate
    assert quantity.low == pytest.approx(low) and quantity.high == pytest.approx(high)
    assert quantity.unit == unit


VAGUE = [
    ("بقتل العشرات من الجنود", "ar", 20, 99, "soldiers"),
    ("عشرات المرتزقة", "ar", 20, 99, "mercenaries"),
    ("مئات المقاتلين", "ar", 200, 999, "fighters"),
    ("آلاف الطلبة الأفارقة", "ar", 2000, 9999, "students"),
    ("dozens of soldiers", "en", 20, 99, "soldiers"),
    ("hundreds of fighters", "en", 200, 999, "fighters"),
    ("des dizaines de soldats", "fr", 20, 99, "soldiers"),
    ("des centaines de combattants", "fr", 200, 999, "fighters"),
    ("une centaine de soldats russes", "fr", 90, 110, "soldiers"),
]


@pytest.mark.parametrize(("text", "language", "low", "high", "unit"), VAGUE)
def test_vague_quantity_is_a_wide_interval(text, language, low, high, unit):
    quantity = find_quantities(text, language=language)[0]
    assert (quantity.low, quantity.high, quantity.unit, quantity.approximate) == (
        low,
        high,
        unit,
        True,
    )


NOT_QUANTITIES = [
    ("تم نشر فاجنر في مالي منذ ديسمبر 2021", "ar"),
    ("بين عامي 2023 و2025", "ar"),
    ("واندلعت الحرب في 24 فبراير 2022", "ar"),
    ("طائرات هليكوبتر من طراز «مي - 35 إم»", "ar"),
    ("in July 2024", "en"),
    ("the Mi-35M helicopter", "en"),
    ("one of the reasons", "en"),
    ("le 14 juillet 2024", "fr"),
    ("en 2023", "fr"),
]


@pytest.mark.parametrize(("text", "language"), NOT_QUANTITIES)
def test_years_days_and_model_numbers_are_not_quantities(text, language):
    assert find_quantities(text, language=language) == []


def test_arabic_indic_digits_read_like_western_ones():
    assert find_quantities("نشرت روسيا ١٠٠ جندي", language="ar")[0].low == 100


def test_quantity_text_is_as_written():
    assert find_quantities("قُتل ٣١٦ شخصاً", language="ar")[0].text == "٣١٦"


@pytest.mark.parametrize(
    ("text", "language", "phrase"),
    [
        ("قُتل ٣١٦ شخصاً في الهجوم", "ar", "٣١٦ شخصاً"),
        ("نشرت روسيا نحو 300 جندي في مالي", "ar", "نحو 300 جندي"),
        ("صفقة بقيمة أكثر من 100 مليون دولار", "ar", "أكثر من 100 مليون دولار"),
        ("قتل العشرات من الجنود", "ar", "العشرات من الجنود"),
        ("Russia deployed about 300 soldiers to Mali", "en", "about 300 soldiers"),
        ("Moscow handed two Mi-35M attack helicopters", "en", "two Mi-35M attack helicopters"),
        ("They recruited 1,417 fighters at least", "en", "1,417 fighters at least"),
        ("La Russie a envoyé environ 300 soldats", "fr", "environ 300 soldats"),
        ("Wagner lost 100 in Mali", "en", "100"),
    ],
)
def test_the_phrase_quotes_hedge_number_scale_and_unit_as_written(text, language, phrase):
    assert find_quantities(text, language=language)[0].phrase == phrase


@pytest.mark.parametrize(
    ("text", "value", "unit", "written"),
    [
        ("قتل 300شخص في الهجوم", 300, "victims", "300"),
        ("وصل 1,000جندي روسي", 1000, "soldiers", "1,000"),
    ],
)
def test_a_number_run_into_an_arabic_word_is_read(
    text: str, value: int, unit: str, written: str
) -> None:
    """Scraped Arabic often drops the space after a figure."""
    (quantity,) = find_quantities(text, language="ar")
    assert (quantity.low, quantity.unit, quantity.text) == (value, unit, written)


def test_a_number_run_into_a_latin_word_is_a_name_or_an_ordinal() -> None:
    assert find_quantities("F16 jets flew on the 4th", language="en") == []


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        ("حقق الفيلم مليار دولار في شهره الأول", "ar", 1e9, "dollars"),
        ("وصل ألف جندي روسي إلى باماكو", "ar", 1e3, "soldiers"),
        ("The film made a billion dollars in its first month", "en", 1e9, "dollars"),
        ("A thousand soldiers landed in Bamako", "en", 1e3, "soldiers"),
        ("Le film a rapporté un milliard de dollars", "fr", 1e9, "dollars"),
        ("Mille soldats sont arrivés à Bamako", "fr", 1e3, "soldiers"),
    ],
)
def test_a_scale_word_with_no_number_counts_one(
    text: str, language: str, value: float, unit: str
) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.low, quantity.high, quantity.unit) == (value, value, unit)


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("صفقة بقيمة 3 مليارات دولار", "ar", 3e9),
        ("نشرت روسيا ثلاثة آلاف جندي", "ar", 3e3),
        ("Russia paid one million dollars", "en", 1e6),
        ("La Russie a payé deux millions de dollars", "fr", 2e6),
    ],
)
def test_a_scale_word_after_a_number_scales_it(text: str, language: str, value: float) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert quantity.low == value


def test_a_scale_word_opening_a_compound_it_cannot_read_is_left_unread() -> None:
    """ "مليون و200 ألف" is 1.2 million: reading the first word alone would say 1 million."""
    assert find_quantities("نزح مليون و200 ألف شخص", language="ar") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("سجّلت الكونغو أكثر من ثلاثة آلاف إصابة مؤكدة", "ar"),
        ("Congo recorded more than three thousand confirmed cases", "en"),
        ("Le Congo a enregistré plus de trois mille cas confirmés", "fr"),
    ],
)
def test_a_scaled_number_word_is_a_count_and_cases_are_counted(text: str, language: str) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.low, quantity.high, quantity.unit) == (3000, None, "cases")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("تظاهر 87 ألف شخص في باريس وحدها", "ar"),
        ("In Paris alone, 87,000 people marched against the reform", "en"),
        ("87 000 personnes ont défilé à Paris à elle seule", "fr"),
    ],
)
def test_a_figure_for_a_part_only_is_marked(text: str, language: str) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.low, quantity.part) == (87000, True)


def test_a_figure_with_no_part_marker_counts_the_whole() -> None:
    (quantity,) = find_quantities("87,000 people marched in Paris", language="en")
    assert not quantity.part


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Team 5 source: missing soldiers found at the border", "en"),
        ("Canal 3 : des soldats disparus retrouvés à la frontière", "fr"),
        ("القناة 5: العثور على جنود مفقودين قرب الحدود", "ar"),
    ],
)
def test_a_number_counts_nothing_past_a_colon(text: str, language: str) -> None:
    """The unit of a figure lies before the next break: "Team 5 source: ... soldiers"
    counts no soldiers."""
    assert [q.unit for q in find_quantities(text, language=language)] == [None]


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        ("بيعت اللوحة ب900 ألف جنيه استرليني", "ar", 900_000, "pounds"),
        ("وصل و300 جندي إلى باماكو", "ar", 300, "soldiers"),
        ("The painting sold for £165,000", "en", 165_000, "pounds"),
        ("Le tableau a été vendu 165 000 livres sterling", "fr", 165_000, "pounds"),
    ],
)
def test_a_proclitic_before_digits_and_pounds_sterling(text, language, value, unit) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.low, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("قتل خمسة عشر جنديا في الهجوم", 15, "soldiers"),
        ("وصل اثنا عشر مدربا روسيا", 12, "instructors"),
        ("جندت موسكو قرابة ثمانية عشر ألف أجنبي", 18_000, "foreigners"),
        ("أرسلت روسيا أحد عشر ألف جندي", 11_000, "soldiers"),
    ],
)
def test_an_arabic_teen_is_one_number(text: str, value: int, unit: str) -> None:
    """ "ثمانية عشر" is 18, not 8 and 10: a teen takes no "و"."""
    [quantity] = find_quantities(text, language="ar")
    assert quantity.low <= value <= quantity.high and quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("قُتل منهم 316 شخصاً على الأقل", "ar"),
        ("at least 316 of them were killed", "en"),
        ("316 people were killed in the attack", "en"),
        ("dont au moins 316 ont été tués", "fr"),
    ],
)
def test_a_count_of_people_killed_counts_victims(text: str, language: str) -> None:
    """However the dead are worded, one figure of victims: comparable across languages."""
    [quantity] = find_quantities(text, language=language)
    assert (quantity.low, quantity.unit) == (316, "victims")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ومنذ تولي الحكم في أغسطس 2020، تبنى المجلس العسكري تقاربا مع موسكو", "ar"),
        ("Since August 2020, military rulers have courted Moscow", "en"),
    ],
)
def test_a_year_before_a_comma_counts_nothing_after_it(text: str, language: str) -> None:
    """The unit of a figure lies in its own phrase: "2020، ... المجلس العسكري" counts no
    soldiers."""
    assert find_quantities(text, language=language) == []
