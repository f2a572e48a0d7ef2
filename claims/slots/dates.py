"""Read dates and periods in Arabic, English and French, resolved against publication.

Arabic writes months in two series, often together: "كانون الأول/ ديسمبر",
"أغسطس (آب) 2020". Relative expressions ("الأسبوع الماضي", "last July", "hier",
"اليوم (الثلاثاء)") resolve only when the publication date is known; otherwise
they are kept with `relative=True` and no interval.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from claims.model import Period
from claims.slots.surface import fold_with_origin

_MONTHS = {
    1: "يناير|كانون الثاني|january|jan|janvier",
    2: "فبراير|شباط|february|feb|février|fevrier",
    3: "مارس|اذار|march|mars",
    4: "ابريل|نيسان|april|apr|avril",
    5: "مايو|ايار|may|mai",
    6: "يونيو|يونيه|حزيران|june|juin",
    7: "يوليو|يوليه|تموز|july|juillet",
    8: "اغسطس|اب|august|aug|août|aout",
    9: "سبتمبر|ايلول|september|sept|septembre",
    10: "اكتوبر|تشرين الاول|october|oct|octobre",
    11: "نوفمبر|تشرين الثاني|november|nov|novembre",
    12: "ديسمبر|كانون الاول|december|dec|décembre|decembre",
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names.split("|")}
_MONTH_NAME = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
# "كانون الأول/ ديسمبر", "أغسطس (آب)", "آذار/ مارس": one month written twice.
_MONTH = rf"(?:{_MONTH_NAME})(?:\s*(?:/|\()\s*(?:{_MONTH_NAME})?\s*\)?)?"
_WEEKDAYS = {
    0: "الاثنين|monday|lundi", 1: "الثلاثاء|tuesday|mardi", 2: "الاربعاء|wednesday|mercredi",
    3: "الخميس|thursday|jeudi", 4: "الجمعه|friday|vendredi", 5: "السبت|saturday|samedi",
    6: "الاحد|sunday|dimanche",
}  # fmt: skip
_WEEKDAY_OF = {name: number for number, names in _WEEKDAYS.items() for name in names.split("|")}
_WEEKDAY_NAME = "|".join(_WEEKDAY_OF)
# A day written as an Arabic ordinal: "في الثاني عشر من ديسمبر", "الحادي والثلاثين من مارس";
# its words add up ("الحادي" 1 + "عشر" 10).
_AR_ORDINAL_VALUES = {
    "الاول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10, "عشر": 10,
    "العشرين": 20, "والعشرين": 20, "الثلاثين": 30, "والثلاثين": 30,
}  # fmt: skip
_AR_ORDINAL_UNITS = "الاول|الحادي|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع"
_AR_ORDINAL = rf"(?:{_AR_ORDINAL_UNITS})(?:\s+(?:عشر|والعشرين|والثلاثين))?|العاشر|العشرين|الثلاثين"
_PART = r"(?P<part>اواخر|اوائل|منتصف|مطلع|بدايه|نهايه|late|early|mid-?|end of|fin|début|mi-?)?"
_LAST = r"(?P<last>الماضي|last|dernier|derniere|dernière)"
_EXPRESSION = re.compile(
    rf"(?:{_PART}\s*(?P<prep>في\s+|in\s+|en\s+|of\s+|de\s+|since\s+|depuis\s+|منذ\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\s+|(?P<ordinal>{_AR_ORDINAL})\s+(?:من\s+)?)?"
    rf"(?P<month>{_MONTH})(?:\s+(?P<day2>\d{{1,2}}),?)?"
    rf"(?:\s+(?:عام\s+|سنه\s+)?(?P<year>(?:19|20)\d\d))?(?:\s+{_LAST})?"
    rf"|(?P<last2>last|dernier|derni[eè]re)\s+(?P<month2>{_MONTH_NAME})"
    rf"|(?P<relative>الاسبوع الماضي|الاسبوع المقبل|الشهر الماضي|العام الماضي|السنه الماضيه"
    rf"|هذا الشهر|هذا العام|last week|last month|last year|this month|this year"
    rf"|la semaine derni[eè]re|le mois dernier|l'an dernier|l'ann[eé]e derni[eè]re|ce mois-ci"
    rf"|cette ann[eé]e|امس|yesterday|hier|today|aujourd'hui)"
    rf"|(?P<today>اليوم)(?:\s*\(?\s*(?P<today_weekday>{_WEEKDAY_NAME})\s*\)?)?"
    rf"|(?:يوم\s+|on\s+|le\s+)?(?P<weekday>{_WEEKDAY_NAME})"
    rf"|(?P<decade>(?:19|20)\d0)s"
    rf"|(?P<season>صيف|شتاء|ربيع|خريف|summer|winter|spring|autumn|été|hiver|printemps|automne)"
    rf"\s+(?:عام\s+)?(?P<season_year>(?:19|20)\d\d)"
    rf"|(?:عام|عامي|سنه|in|en|since|depuis|منذ|في|year|l'année|and|و|et)\s*(?:عام\s*)?"
    rf"(?P<bare_year>(?:19|20)\d\d)(?!\d)(?!\s*(?:[\d,]|جندي|soldiers|soldats|people))"
    rf")(?!\w)",
)
_SEASON_MONTHS = {
    "summer": (6, 8), "صيف": (6, 8), "été": (6, 8), "winter": (12, 2), "شتاء": (12, 2),
    "hiver": (12, 2), "spring": (3, 5), "ربيع": (3, 5), "printemps": (3, 5),
    "autumn": (9, 11), "خريف": (9, 11), "automne": (9, 11),
}  # fmt: skip


# A page's dateline opens a text with its date and a dash ("Sunday 21 January
# 2024 —", "BAMAKO, 21 janvier (AFP) -"): when it was written, not when anything happened.
_DATELINE_END = re.compile(r"^[\s,)(a-z]*[-–—]")
# ... after the place it was filed from, if any: "الرباط، الثلاثاء 12 مارس —",
# "BAMAKO, 21 janvier -".
_DATELINE_PLACE = re.compile(r"\s*(?:[^\s,،]+(?:\s+[^\s,،]+)?\s*[,،]\s*)?")
# A weekday just before a date names that date ("Sunday 21 January"), not a second day.
_WEEKDAY_BEFORE_DATE = re.compile(r"^[\s,،]*(?:\d|" + _MONTH_NAME + ")")
# A date the claim itself calls superseded ("originally scheduled for 25 February", "كان
# من المقرر إجراؤها في 25 فبراير", "initialement prévue le 25 février") is not when the
# event happens: the claim says the plan changed.
_SUPERSEDED = re.compile(
    r"(?:(?:originally|initially|previously|first)\s+(?:scheduled|planned|set|due|slated)"
    r"|(?:كان\s+)?من\s+(?:المقرر|المفترض)|كان\s+(?:مقررا|مقرره|مقرر|مفترضا)"
    r"|initialement\s+(?:prévue?s?|programmée?s?|fixée?s?))(?:\s+\S+){0,3}\s*$"
)


def find_dates(text: str, *, published_at: date | None = None) -> list[Period]:
    """Every date or period in `text` that dates something it says, in order."""
    folded = fold_with_origin(text)
    matches = list(_EXPRESSION.finditer(folded.text))
    periods = []
    powers = list(_POWER.finditer(folded.text))
    for match in matches[_dateline_length(matches, folded.text) :]:
        if match.group("weekday") and _WEEKDAY_BEFORE_DATE.match(folded.text[match.end() :]):
            continue
        if _SUPERSEDED.search(folded.text[: match.start()]):
            continue
        period = _read(match, folded.written(*match.span()), published_at)
        if period is not None:
            since = _SINCE.search(folded.text[: match.start()]) is not None
            power = _dates_power(folded.text, match, powers, len(matches))
            periods.append(replace(period, since=since, power=power))
    return periods


# Taking power, or holding it: "تولي الحكم", "وصوله إلى السلطة", "استولى الجيش على
# السلطة" (a subject may stand between), "took power", "came to power", "in power",
# "prend le pouvoir", "arrivée au pouvoir", "au pouvoir". A regime starts once: two
# claims that date its start differently disagree, whatever else each tells
# (`claims.relate.rules`).
_POWER = re.compile(
    r"(?<!\w)(?:[وف]?(?:تولي|تولى|توليه|تسلم|استلام|استيلاء|استولي|استولى|وصول|وصوله|وصولها|وصل"
    r"|صعود)(?:\s+\w+)?(?:\s+(?:الي|علي))?\s+[بلو]?(?:ال)?(?:حكم|سلطه)"
    r"|(?:took|take|takes|taken|taking|seized?|seizes|seizing|came|come|comes|coming|rose"
    r"|rise|rises|rising|swept)\s+(?:\w+\s+)?(?:to\s+)?power|in\s+power"
    r"|(?:pris|prend|prennent|prendre|prise|emparée?s?|empare)\s+(?:\w+\s+){0,2}pouvoir"
    r"|au\s+pouvoir)(?!\w)"
)
# How many words may lie between a date and a power phrase in one clause.
_POWER_REACH = 8
_CLAUSE_END = re.compile(r"[.;!?؟]")


def _dates_power(text: str, match: re.Match[str], powers: list[re.Match[str]], dates: int) -> bool:
    """The date at `match` is when power was taken, or since when it is held: one of the
    text's power phrases (`powers`) within `_POWER_REACH` words of it in one clause, or
    anywhere in a claim that gives no other date ("Août 2021 : une junte dirigée par
    Assimi Goïta prend le pouvoir au Mali et amorce un rapprochement avec Moscou")."""
    for phrase in powers:
        if phrase.end() <= match.start():
            between = text[phrase.end() : match.start()]
        elif phrase.start() >= match.end():
            between = text[match.end() : phrase.start()]
        else:
            return True
        if not _CLAUSE_END.search(between) and (dates == 1 or len(between.split()) <= _POWER_REACH):
            return True
    return False


# "since" opening the date's own phrase or the clause it dates, within a few words before
# it: "since December 2021", "ومنذ تولي الحكم في مالي، في أغسطس 2020", "depuis son arrivée
# au pouvoir en 2020".
SINCE_WORDS = frozenset({"since", "منذ", "depuis"})
_SINCE = re.compile(rf"(?<!\w)[وف]?(?:{'|'.join(sorted(SINCE_WORDS))})(?!\w)(?:\W+\w+){{0,6}}\W*$")


def _dateline_length(matches: list[re.Match[str]], text: str) -> int:
    """How many of the date expressions make up a dateline opening the text (0 if none)."""
    if not matches or not _DATELINE_PLACE.fullmatch(text[: matches[0].start()]):
        return 0
    count, end = 1, matches[0].end()
    while count < len(matches) and not text[end : matches[count].start()].strip(" ,،"):
        end = matches[count].end()
        count += 1
    return count if _DATELINE_END.match(text[end:]) else 0


def _read(match: re.Match[str], text: str, published: date | None) -> Period | None:
    groups = match.groupdict()
    if groups["month"] or groups["month2"]:
        return _month(match, text, published)
    if groups["relative"]:
        return _relative(groups["relative"], text, published)
    if groups["today"] and not groups["today_weekday"]:
        return _resolved(text, published, "day", lambda p: (p, p))
    if groups["weekday"] or groups["today_weekday"]:
        # "اليوم (الثلاثاء)": the weekday is what the reporter checked; trust it
        # over the publication date, which may be a day later in another time zone.
        weekday = _WEEKDAY_OF[groups["weekday"] or groups["today_weekday"]]
        return _resolved(text, published, "day", lambda p: _last_weekday(p, weekday))
    if groups["decade"]:
        start = int(groups["decade"])
        return Period(text, date(start, 1, 1), date(start + 9, 12, 31), "decade")
    if groups["season"]:
        first, last = _SEASON_MONTHS[groups["season"]]
        year = int(groups["season_year"])
        end_year = year + 1 if last < first else year
        return Period(text, date(year, first, 1), _month_end(end_year, last), "season")
    year = int(groups["bare_year"])
    return Period(text.split()[-1], date(year, 1, 1), date(year, 12, 31), "year")


def _month(match: re.Match[str], text: str, published: date | None) -> Period | None:
    groups = match.groupdict()
    name = (groups["month"] or groups["month2"]).split("/")[0].split("(")[0].strip()
    month = _MONTH_OF[name]
    if name in {"may", "mai", "mars", "march", "اب", "jan", "dec", "oct", "nov", "sept"} and not (
        groups["day"] or groups["day2"] or groups["ordinal"] or groups["year"] or groups["part"]
        or groups["last"] or groups["last2"] or groups["prep"]
    ):  # fmt: skip
        return None  # "may" the verb, "اب" the father, "mars" the planet: need a date context
    day = groups["day"] or groups["day2"] or _ordinal_day(groups["ordinal"])
    relative = bool(groups["last"] or groups["last2"]) or not groups["year"]
    if groups["year"]:
        year = int(groups["year"])
    elif published is None:
        return Period(text, None, None, "day" if day else "month", relative=True)
    else:
        # A month without a year is the latest such month up to publication;
        # "last July" is the latest one strictly before the publication month.
        strictly_before = bool(groups["last"] or groups["last2"])
        earlier = month < published.month or (month == published.month and not strictly_before)
        year = published.year if earlier else published.year - 1
    if day:
        try:
            moment = date(year, month, int(day))
        except ValueError:  # "31 June", "30 February": not a date
            return None
        return Period(text, moment, moment, "day", relative=relative)
    start, end = date(year, month, 1), _month_end(year, month)
    part = (groups["part"] or "").rstrip("-")
    if part in {"اواخر", "نهايه", "late", "end of", "fin"}:
        start = date(year, month, 21)
    elif part in {"اوائل", "مطلع", "بدايه", "early", "début"}:
        end = date(year, month, 10)
    elif part in {"منتصف", "mid", "mi"}:
        start, end = date(year, month, 11), date(year, month, 20)
    return Period(text, start, end, "month", relative=relative)


def _ordinal_day(words: str | None) -> int | None:
    """The day an Arabic ordinal names: "الثاني عشر" 12, "الحادي والثلاثين" 31."""
    return sum(_AR_ORDINAL_VALUES[word] for word in words.split()) if words else None


def _relative(phrase: str, text: str, published: date | None) -> Period:
    if phrase in {"امس", "yesterday", "hier"}:
        return _resolved(text, published, "day", lambda p: (p - timedelta(1), p - timedelta(1)))
    if phrase in {"today", "aujourd'hui"}:
        return _resolved(text, published, "day", lambda p: (p, p))
    if "اسبوع" in phrase or "week" in phrase or "semaine" in phrase:
        step = 7 if "المقبل" in phrase else -7
        return _resolved(text, published, "week", lambda p: _week(p + timedelta(step)))
    if "شهر" in phrase or "month" in phrase or "mois" in phrase:
        this = "هذا" in phrase or "this" in phrase or "ce " in phrase
        return _resolved(
            text, published, "month", lambda p: _month_span(p if this else _prev_month(p))
        )
    this = "هذا" in phrase or "this" in phrase or "cette" in phrase
    return _resolved(
        text, published, "year",
        lambda p: (date(p.year - (not this), 1, 1), date(p.year - (not this), 12, 31)),
    )  # fmt: skip


def _resolved(text: str, published: date | None, granularity: str, span) -> Period:
    if published is None:
        return Period(text, None, None, granularity, relative=True)
    start, end = span(published)
    return Period(text, start, end, granularity, relative=True)


def _last_weekday(published: date, weekday: int) -> tuple[date, date]:
    """News weekdays point back: "on Monday" is the latest Monday up to publication."""
    moment = published - timedelta((published.weekday() - weekday) % 7)
    return moment, moment


def _week(moment: date) -> tuple[date, date]:
    start = moment - timedelta(moment.weekday())
    return start, start + timedelta(6)


def _prev_month(moment: date) -> date:
    return moment.replace(day=1) - timedelta(1)


def _month_span(moment: date) -> tuple[date, date]:
    return date(moment.year, moment.month, 1), _month_end(moment.year, moment.month)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
