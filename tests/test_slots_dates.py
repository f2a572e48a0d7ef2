"""Dates in three languages, both Arabic month series, and relative expressions."""

from datetime import date

import pytest

from claims.slots.dates import find_dates

PUBLISHED = date(2024, 4, 9)  # a Tuesday

ABSOLUTE = [
    ("تم نشر فاجنر في مالي منذ ديسمبر 2021", date(2021, 12, 1), date(2021, 12, 31), "month"),
    ("واندلعت الحرب في 24 فبراير 2022", date(2022, 2, 24), date(2022, 2, 24), "day"),
    ("منذ تولي الحكم في أغسطس (آب) 2020", date(2020, 8, 1), date(2020, 8, 31), "month"),
    ("في كانون الثاني 2023", date(2023, 1, 1), date(2023, 1, 31), "month"),
    ("في تشرين الأول/ أكتوبر 2023", date(2023, 10, 1), date(2023, 10, 31), "month"),
    ("في 3 حزيران 2024", date(2024, 6, 3), date(2024, 6, 3), "day"),
    ("بعد تمرد فاجنر الفاشل في عام 2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
    ("منذ عام 2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
    ("في أواخر مايو 2024", date(2024, 5, 21), date(2024, 5, 31), "month"),
    ("في منتصف آذار 2024", date(2024, 3, 11), date(2024, 3, 20), "month"),
    ("in July 2024", date(2024, 7, 1), date(2024, 7, 31), "month"),
    ("on July 14, 2024", date(2024, 7, 14), date(2024, 7, 14), "day"),
    ("on 14 July 2024", date(2024, 7, 14), date(2024, 7, 14), "day"),
    ("in early May 2023", date(2023, 5, 1), date(2023, 5, 10), "month"),
    ("in late December 2021", date(2021, 12, 21), date(2021, 12, 31), "month"),
    ("since 2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
    ("in the 1990s", date(1990, 1, 1), date(1999, 12, 31), "decade"),
    ("in summer 2023", date(2023, 6, 1), date(2023, 8, 31), "season"),
    ("le 14 juillet 2024", date(2024, 7, 14), date(2024, 7, 14), "day"),
    ("en avril 2024", date(2024, 4, 1), date(2024, 4, 30), "month"),
    ("depuis décembre 2021", date(2021, 12, 1), date(2021, 12, 31), "month"),
    ("fin mai 2024", date(2024, 5, 21), date(2024, 5, 31), "month"),
    ("en 2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
    ("à l'été 2023", date(2023, 6, 1), date(2023, 8, 31), "season"),
]


@pytest.mark.parametrize(("text", "start", "end", "granularity"), ABSOLUTE)
def test_absolute_date(text, start, end, granularity):
    period = find_dates(text)[0]
    assert (period.start, period.end, period.granularity) == (start, end, granularity)
    assert not period.relative


RELATIVE = [
    ("والأسبوع الماضي، سلمت موسكو مالي أسلحة", date(2024, 4, 1), date(2024, 4, 7), "week"),
    ("زار لافروف مالي اليوم (الثلاثاء)", date(2024, 4, 9), date(2024, 4, 9), "day"),
    ("قال الكرملين يوم الاثنين", date(2024, 4, 8), date(2024, 4, 8), "day"),
    ("أكدت روسيا اليوم الخميس", date(2024, 4, 4), date(2024, 4, 4), "day"),
    ("قطعت العلاقات العام الماضي", date(2023, 1, 1), date(2023, 12, 31), "year"),
    ("والشهر الماضي، قال غوتيريش", date(2024, 3, 1), date(2024, 3, 31), "month"),
    ("في كانون الأول/ ديسمبر الماضي", date(2023, 12, 1), date(2023, 12, 31), "month"),
    ("في يوليو الماضي", date(2023, 7, 1), date(2023, 7, 31), "month"),
    ("الانقلاب الذي وقع في تموز/ يوليو", date(2023, 7, 1), date(2023, 7, 31), "month"),
    ("في أواخر مايو", date(2023, 5, 21), date(2023, 5, 31), "month"),
    ("في منتصف آذار/ بإلغاء اتفاقها", date(2024, 3, 11), date(2024, 3, 20), "month"),
    ("وقع الهجوم أمس", date(2024, 4, 8), date(2024, 4, 8), "day"),
    ("last week", date(2024, 4, 1), date(2024, 4, 7), "week"),
    ("last July", date(2023, 7, 1), date(2023, 7, 31), "month"),
    ("last year", date(2023, 1, 1), date(2023, 12, 31), "year"),
    ("the Kremlin said on Monday", date(2024, 4, 8), date(2024, 4, 8), "day"),
    ("yesterday", date(2024, 4, 8), date(2024, 4, 8), "day"),
    ("in March", date(2024, 3, 1), date(2024, 3, 31), "month"),
    ("hier", date(2024, 4, 8), date(2024, 4, 8), "day"),
    ("la semaine dernière", date(2024, 4, 1), date(2024, 4, 7), "week"),
    ("en juillet dernier", date(2023, 7, 1), date(2023, 7, 31), "month"),
    ("l'année dernière", date(2023, 1, 1), date(2023, 12, 31), "year"),
    ("le mois dernier", date(2024, 3, 1), date(2024, 3, 31), "month"),
    ("lundi", date(2024, 4, 8), date(2024, 4, 8), "day"),
]


@pytest.mark.parametrize(("text", "start", "end", "granularity"), RELATIVE)
def test_relative_date_resolves_against_publication(text, start, end, granularity):
    period = find_dates(text, published_at=PUBLISHED)[0]
    assert (period.start, period.end, period.granularity) == (start, end, granularity)
    assert period.relative


@pytest.mark.parametrize(
    "text", ["الأسبوع الماضي", "اليوم (الثلاثاء)", "last July", "hier", "في أواخر مايو"]
)
def test_relative_date_without_publication_date_stays_open(text):
    period = find_dates(text)[0]
    assert (period.start, period.end, period.relative) == (None, None, True)


def test_two_month_series_written_together_are_one_date():
    assert len(find_dates("في كانون الأول/ ديسمبر الماضي", published_at=PUBLISHED)) == 1


def test_years_between_are_two_periods():
    periods = find_dates("بين عامي 2023 و2025")
    assert [p.start.year for p in periods] == [2023, 2025]


@pytest.mark.parametrize("text", ["she may go", "نشرت روسيا 100 جندي", "Mars is a planet"])
def test_words_that_look_like_months_alone_are_not_dates(text):
    assert find_dates(text) == []


def test_period_text_is_as_written_with_hamza_and_diacritics():
    assert (
        find_dates("وقّعت روسيا في كانون الأول/ ديسمبر 2023")[0].text
        == "في كانون الأول/ ديسمبر 2023"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Wagner arrived on 31 June 2023",
        "Wagner arrived on February 30, 2023",
        "وصلت فاغنر في 31 يونيو 2023",
        "Wagner est arrivé le 31 juin 2023",
        "Wagner arrived on 0 March 2023",
    ],
)
def test_an_impossible_day_is_not_a_date(text: str) -> None:
    assert find_dates(text, published_at=PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("أعادت روسيا فتح سفارتها في الثاني عشر من ديسمبر/كانون الأول 2023", date(2023, 12, 12)),
        ("وصلت القوات في الحادي والثلاثين من مارس 2024", date(2024, 3, 31)),
        ("بدأ الانسحاب في الأول من يناير 2024", date(2024, 1, 1)),
        ("Russia reopened its embassy on 28th December 2023", date(2023, 12, 28)),
        ("Les troupes sont arrivées le 1er mars 2024", date(2024, 3, 1)),
    ],
)
def test_a_day_written_as_an_ordinal_is_read(text: str, day: date) -> None:
    (period,) = find_dates(text)
    assert period.start == period.end == day


@pytest.mark.parametrize(
    "text",
    [
        "Senegal's presidential election, originally scheduled for 25 February, was postponed",
        "كانت الانتخابات الرئاسية من المقرر إجراؤها في 25 فبراير قبل أن يؤجلها الرئيس",
        "L'élection présidentielle, initialement prévue le 25 février, a été reportée",
    ],
)
def test_a_date_the_claim_calls_superseded_dates_nothing(text: str) -> None:
    """The plan changed: the originally scheduled day is not when the event happens."""
    assert find_dates(text, published_at=date(2024, 2, 10)) == []


def test_a_date_set_without_saying_it_changed_still_dates_the_event() -> None:
    (period,) = find_dates("The vote was set for 25 February", published_at=date(2024, 2, 10))
    assert period.start == date(2024, 2, 25)


@pytest.mark.parametrize(
    ("text", "power"),
    [
        ("ومنذ تولي الحكم في مالي، في أغسطس (آب) 2020، تبنى المجلس العسكري تقاربا مع موسكو", True),
        ("استولى الجيش على السلطة في يوليو 2023", True),
        ("the junta led by Assimi Goïta has been in power since August 2020", True),
        ("Août 2021 : une junte dirigée par Assimi Goïta prend le pouvoir au Mali", True),
        ("La junte, au pouvoir depuis août 2020, a rompu avec Paris", True),
        ("Russia deployed 100 soldiers to Burkina Faso in January 2024", False),
        ("Since taking power in 2020, the junta has signed a deal. In May 2024 it met", False),
    ],
)
def test_a_date_of_taking_power(text: str, power: bool) -> None:
    """When someone took power, or holds it since, in each language; a date in another
    sentence than the power phrase dates something else."""
    assert find_dates(text)[-1].power is power
