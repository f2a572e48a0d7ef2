"""Read counts and amounts as intervals with a unit, in Arabic, English and French.

'نحو 18 ألف أجنبي' is about 18,000 people, [16,200, 19,800]; 'أكثر من 100 مليون
دولار' is (100,000,000, open) dollars; 'العشرات من الجنود' is dozens of soldiers.
Years, days of the month and model numbers (مي - 35 إم) are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pyarabic.number as arabic_numbers
from text_to_num import text2num

from claims.arabic import normalize_arabic
from claims.model import Quantity
from claims.slots.entities import bare
from claims.slots.surface import Folded, fold_with_origin

# "About N" is read as N ± 10%, the margin a reporter's rounding usually hides.
_APPROXIMATE_MARGIN = 0.10

_SCALES = {
    "الف": 1e3, "الاف": 1e3, "الفا": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
    "مليارات": 1e9, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
    "billion": 1e9, "billions": 1e9, "mille": 1e3, "milliers": 1e3, "milliard": 1e9,
    "milliards": 1e9, "k": 1e3, "m": 1e6, "bn": 1e9,
}  # fmt: skip

_NUMBER_WORDS = {
    # Arabic (folded), masculine and feminine forms, with their dual forms.
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40,
    "خمسين": 50, "خمسون": 50, "مئه": 100, "مائه": 100, "مئتي": 200, "مئتين": 200,
    "مئتان": 200, "الفين": 2000, "الفان": 2000,
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
    # French
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "cent": 100,
    # A scale word with no number before it counts one of it: "مليار دولار", "a billion
    # dollars", "un milliard de dollars" (with a number before it, it scales that number).
    **{word: _SCALES[word] for word in ("الف", "مليون", "مليار", "thousand", "million",
                                        "billion", "mille", "milliard")},
}  # fmt: skip

# Vague plurals: the smallest and largest value a reader would accept.
_VAGUE = {
    "عشرات": (20, 99), "dozens": (20, 99), "dizaines": (20, 99), "scores": (20, 99),
    "مئات": (200, 999), "hundreds": (200, 999), "centaines": (200, 999),
    "الاف": (2000, 9999), "thousands": (2000, 9999), "milliers": (2000, 9999),
    "centaine": (90, 110), "dizaine": (8, 12),
}  # fmt: skip

_UNITS = {
    # Troops counted are soldiers: "some 300 troops" and "100 جندي" count one thing.
    "soldiers": ["جندي", "جنود", "جنديا", "عسكري", "عسكريين", "عسكريا", "soldier", "soldiers",
                 "soldat", "soldats", "militaires", "troops", "troupes", "قوات"],
    "mercenaries": ["مرتزقه", "مرتزق", "mercenaries", "mercenaires"],
    "fighters": ["مقاتل", "مقاتلين", "مقاتلا", "مسلحين", "fighters", "militants", "combattants",
                 "jihadistes", "jihadists"],
    # Who is counted matters: 1,417 Africans recruited and 25,000 foreigners recruited
    # are two figures, not one disputed.
    "foreigners": ["اجنبي", "اجنبيا", "اجانب", "foreigners", "foreign", "étrangers"],
    "africans": ["افريقيا", "افريقي", "افارقه", "africans", "africains"],
    "civilians": ["مدني", "مدنيا", "مدنيين", "civilians", "civils"],
    "victims": ["قتيل", "قتلي", "ضحيه", "ضحايا", "victims", "dead", "victimes", "morts"],
    "instructors": ["instructors", "مدربين", "مدربا", "instructeurs", "trainers", "formateurs"],
    "recruits": ["recrues", "recruits", "مجندين", "مجندا"],
    "students": ["طلبه", "طلاب", "students", "étudiants"],
    "people": ["شخص", "شخصا", "اشخاص", "people", "persons", "personnes"],
    "dollars": ["دولار", "دولارا", "dollars", "dollar", "$", "usd"],
    "euros": ["يورو", "euros", "euro", "€"],
    "pounds": ["جنيه", "جنيها", "استرليني", "pounds", "£", "gbp", "livres", "sterling"],
    "countries": ["دوله", "دول", "بلدان", "بلدا", "countries", "pays", "nations"],
    "nationalities": ["جنسيه", "جنسيات", "nationalities", "nationalités"],
    "helicopters": ["مروحيه", "مروحيات", "هليكوبتر", "helicopters", "helicopter",
                    "hélicoptères", "hélicoptère"],
    "aircraft": ["طائره", "طائرات", "aircraft", "planes", "avions"],
    "drones": ["مسيره", "مسيرات", "drones", "drone"],
    "tanks": ["دبابه", "دبابات", "tanks", "chars"],
    "vehicles": ["مركبه", "مركبات", "vehicles", "véhicules"],
    "tons": ["طن", "اطنان", "tons", "tonnes"],
    "bases": ["قاعده", "قاعدتين", "قواعد", "bases", "base"],
    "attacks": ["هجوم", "هجمات", "attacks", "attaques"],
    "cases": ["اصابه", "اصابات", "حاله", "حالات", "cases", "cas"],
    "percent": ["%", "بالمئه", "بالمائه", "percent", "pour"],
    "years": ["عاما", "سنوات", "اعوام", "years", "ans", "années"],
}  # fmt: skip
_UNIT_OF = {bare(normalize_arabic(w)): unit for unit, words in _UNITS.items() for w in words}
# Words that stand between a number and its unit: "dozens of soldiers", "العشرات من الجنود".
_LINKERS = frozenset({"من", "of", "de", "d", "des", "du", "than"})

_LOWER_BOUND = re.compile(
    r"(?:اكثر من|ما يزيد عن|ما يزيد علي|يزيد عن|يزيد علي|تزيد عن|تزيد علي|ما لا يقل عن|لا يقل عن"
    r"|more than|over|at least|upwards of|plus de|au moins|au-delà de|over)\s*$"
)
_UPPER_BOUND = re.compile(
    r"(?:اقل من|ما يصل الي|حتي|less than|fewer than|up to|under|moins de|jusqu'à)\s*$"
)
_ABOUT = re.compile(
    r"(?:نحو|حوالي|حوالى|قرابه|زهاء|ما يقرب من|تقريبا|about|around|approximately|nearly|almost"
    r"|some|roughly|environ|près de|quelque|une centaine de|presque)\s*$"
)
# A figure for a part only: "in Paris alone, 87,000 marched", "87 000 à Paris à elle
# seule", "في باريس وحدها 87 ألفا": it does not count the whole another claim counts.
_PART = r"(?:alone|à elle seule|à lui seul|à eux seuls|à elles seules|وحده|وحدها|وحدهم|وحدهما)"
_PART_BEFORE = re.compile(rf"(?<!\w){_PART}(?!\w)\W*(?:\w+\W+){{0,3}}$")
_PART_AFTER = re.compile(rf"^\W*(?:\w+\W+){{0,5}}?{_PART}(?!\w)")
_TRAILING_LOWER_BOUND = re.compile(r"^\s*(?:[\w%$€]+\s+){0,2}(?:علي الاقل|at least|au moins)")

# A number may run straight into an Arabic word ("1000سنة", "300شخص": common in scraped
# Arabic), not into a Latin one ("F16", "4th", "5G" are names and ordinals).
_NUMBER = re.compile(
    # Digits stand alone or after one Arabic proclitic ("ب900 ألف", "و300 جندي").
    r"(?:(?<![\w.,])|(?<=(?<!\w)[وبلف]))(?:\d{1,3}(?:[,٬.\u00a0\u202f ]\d{3})+|\d+)(?:[.٫,]\d+)?"
    r"(?!(?:(?![\u0621-\u064a])\w))"
    r"|\b(?:" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")\b"
    r"|\b(?:ال)?(?:" + "|".join(_VAGUE) + r")\b"
)
_WORD = re.compile(r"[\w%$€]+")
# A count of people said to be killed counts victims, however it is worded: "316 were
# killed", "316 people were killed", "dont au moins 516 ont été tués", "قُتل منهم 316
# شخصاً": one figure, comparable to "316 dead" and "316 قتيلا".
_KILLED_AFTER = re.compile(
    r"^\W*(?:[\w']+\W+){0,4}?(?:killed|died|dead|slain|tués|tuées|tué|morts|قتلوا|لقوا)(?!\w)"
)
_KILLED_BEFORE = re.compile(r"(?<!\w)[وف]?(?:قتل|مقتل|مصرع)\s+(?:\w+\s+)?$")
_COUNTED_PEOPLE = frozenset({None, "people"})
# A currency sign written before the figure ("more than $250 million", "€3 billion") is
# its unit; a bound or hedge stands before the sign.
_CURRENCY_BEFORE = re.compile(r"[$€£]\s*$")
_MONTH_HINT = re.compile(
    r"^\s*(?:\(?\s*)?(?:يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر"
    r"|ديسمبر|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|january|february|march"
    r"|april|may|june|july|august|september|october|november|december|janvier|février|mars"
    r"|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:" + "|".join(_NUMBER_WORDS) + r"))\s*$")
_MODEL_NUMBER = re.compile(r"[\w]\s?-\s?$")
_AND_MORE = re.compile(r"\s*(?:و|and|et)\s*(?:\d|(?:" + "|".join(_NUMBER_WORDS) + r")\b)")
# The digits after "و" that close a compound ("مليون و200 ألف"): its tail, not a figure.
_COMPOUND_TAIL = re.compile(r"(?:\d|\b(?:" + "|".join(_SCALES) + r"))\s+و$")
# Where a figure's phrase ends: its unit lies before the next break ("Team 5 source:
# missing soldiers" counts no soldiers).
_BREAK = re.compile(r"[:;!?؟|،]|,\s|\s[—–]\s|\.(?:\s|$)")


# Numbers written in words over several words: "خمسة وعشرين" (25), "twenty-five",
# "three hundred", "vingt-cinq", "deux cents". Read by pyarabic.number (Arabic) and
# text2num (English, French) rather than word by word, which read "twenty-five" as 20.
_AR_UNITS = r"(?:واحد|اثنين|اثنان|ثلاثه?|اربعه?|خمسه?|سته?|سبعه?|ثمانيه?|ثماني|تسعه?)"
_AR_TENS = r"(?:عشرين|عشرون|ثلاثين|ثلاثون|اربعين|اربعون|خمسين|خمسون|ستين|ستون|سبعين|سبعون"
_AR_TENS += r"|ثمانين|ثمانون|تسعين|تسعون)"
_AR_HUNDREDS = (
    r"(?:مئه|مائه|مئتين|مئتان|مائتين|مائتان|(?:ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(?:مئه|مائه))"
)
_AR_THOUSANDS = r"(?:الف|الفين|الفان|الاف|الفا)"
_AR_NUMBER_WORD = rf"(?:{_AR_UNITS}|{_AR_TENS}|{_AR_HUNDREDS}|{_AR_THOUSANDS})"
# "ثمانية عشر" (18), "أحد عشر" (11), "اثنا عشر" (12): a unit before عشر, no "و".
_AR_TEEN = rf"(?:{_AR_UNITS}|احد|احدي|اثنا|اثني|اثنتا|اثنتي)\s+عشره?(?!\w)"
# "خمسة وعشرين" (25), "ألفين ومئة" (2,100), "ثلاثة آلاف وخمسمائة" (3,500), "ثمانية عشر
# ألفاً" (18,000): number words, a teen among them or one joined by "و".
_AR_COMPOUND = re.compile(
    rf"(?<!\w)(?:(?:{_AR_NUMBER_WORD}\s+)*{_AR_TEEN}(?:\s+{_AR_NUMBER_WORD})*"
    rf"(?:\s+و{_AR_NUMBER_WORD})*"
    rf"|{_AR_NUMBER_WORD}(?:\s+{_AR_NUMBER_WORD})*(?:\s+و{_AR_NUMBER_WORD})+)(?!\w)"
)
_LATIN_NUMBER_WORDS = {
    "en": r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million",
    "fr": r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?",
}
_LATIN_COMPOUND = {
    language: re.compile(
        rf"(?<!\w)(?:{words})(?:(?:-|\s+(?:and\s+|et\s+)?|-et-)(?:{words}))+(?!\w)"
    )
    for language, words in _LATIN_NUMBER_WORDS.items()
}


def _compound_numbers(folded: Folded, language: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of numbers written over several words, in folded offsets."""
    found = []
    if language == "ar":
        for match in _AR_COMPOUND.finditer(folded.text):
            # pyarabic reads the words as written (ة, not the folded ه).
            value = arabic_numbers.text2number(folded.written(*match.span()))
            if value:
                found.append((match.start(), match.end(), float(value)))
    elif language in _LATIN_COMPOUND:
        for match in _LATIN_COMPOUND[language].finditer(folded.text):
            try:
                value = text2num(match.group().replace(" and ", " "), language)
            except ValueError:
                continue
            found.append((match.start(), match.end(), float(value)))
    return found


def is_number_word(word: str) -> bool:
    """A folded word that is a number or a scale ("million", "مليار", "dizaines"):
    "billion" and "million" share most of their letters and none of their value."""
    return word in _NUMBER_WORDS or word in _SCALES or word.removeprefix("ال") in _VAGUE


def numeric_words(text: str) -> bool:
    """Every word of `text` belongs to a number, in some language ("twenty five",
    "خمسه وعشرين", "vingt cinq", "25")."""
    folded = fold_with_origin(text)
    for language in ("ar", "en", "fr"):
        spans = [(s, e) for s, e, _ in _compound_numbers(folded, language)]
        spans += [m.span() for m in _NUMBER.finditer(folded.text)]
        rest = folded.text
        for start, end in sorted(spans, reverse=True):
            rest = rest[:start] + " " + rest[end:]
        if spans and not re.search(r"\w", rest):
            return True
    return False


def find_quantities(text: str, *, language: str = "ar") -> list[Quantity]:
    """Every quantity in `text`, in order, each with its unit when one follows.

    French writes 1.417 and 1 417 for a thousand and more, and 3,5 for a decimal;
    Arabic and English write 1,417 and 3.5.
    """
    folded = fold_with_origin(text)
    compounds = _compound_numbers(folded, language)
    numbers = [(start, end, f"{value:g}") for start, end, value in compounds]
    numbers += [
        (match.start(), match.end(), match.group())
        for match in _NUMBER.finditer(folded.text)
        if not any(start <= match.start() < end for start, end, _ in compounds)
    ]
    quantities = []
    for start, end, number in sorted(numbers):
        before, after = folded.text[:start], folded.text[end:]
        read = _read(number, before, after, language)
        if read is not None:
            quantity, lead, reach = read
            quantities.append(
                replace(
                    quantity,
                    text=folded.written(start, end),
                    phrase=folded.written(start - lead, end + reach),
                )
            )
    return quantities


def _read(number: str, before: str, after: str, language: str) -> tuple[Quantity, int, int] | None:
    """The quantity, and how many characters of `before` and `after` its phrase takes in
    (a hedge or bound before it, a currency sign; scale, unit or trailing bound after it)."""
    written_before = before
    currency = _CURRENCY_BEFORE.search(before)
    if currency:
        before = before[: currency.start()]
    vague = _VAGUE.get(number) or _VAGUE.get(number.removeprefix("ال"))
    if (vague or number in _SCALES) and _NUMBER_BEFORE.search(before):
        return None  # "ثلاثة آلاف", "15 thousand": a scale word, read with its number
    if (number in _SCALES and _AND_MORE.match(after)) or _COMPOUND_TAIL.search(before):
        return None  # "مليون و200 ألف": a compound the digits inside keep from reading
    words = list(_WORD.finditer(_BREAK.split(after, maxsplit=1)[0]))
    names = [word.group() for word in words]
    if vague is None and (_is_year_or_day(number, names, after) or _MODEL_NUMBER.search(before)):
        return None
    scales = 0
    if vague:
        low, high = vague
        value, approximate = None, True
    else:
        value = _NUMBER_WORDS.get(number)
        if value is None:
            if not number[0].isdigit():
                return None
            value = _parse_digits(number, language)
            if value is None:
                return None
        while scales < len(names) and names[scales] in _SCALES:
            value *= _SCALES[names[scales]]
            scales += 1
        low = high = value
        approximate = False
    found = _unit_at(names[scales:])
    unit = found[0] if found else (_UNIT_OF[currency.group().strip()] if currency else None)
    if unit in _COUNTED_PEOPLE and (_KILLED_AFTER.match(after) or _KILLED_BEFORE.search(before)):
        unit = "victims"
    if unit is None and not number[0].isdigit() and not vague and not scales:
        return None  # "one of the reasons" is not a count; "three thousand" is one
    reach = words[scales + found[1]].end() if found else (words[scales - 1].end() if scales else 0)
    bound = None
    if value is not None:
        # The hedge or bound that applies, first found in this order.
        if bound := _ABOUT.search(before):
            low, high = value * (1 - _APPROXIMATE_MARGIN), value * (1 + _APPROXIMATE_MARGIN)
            approximate = True
        elif (bound := _LOWER_BOUND.search(before)) or (
            trailing := _TRAILING_LOWER_BOUND.match(after)
        ):
            low, high = value, None
            if bound is None:
                reach = max(reach, trailing.end())
        elif bound := _UPPER_BOUND.search(before):
            low, high = None, value
    lead = len(written_before) - (bound.start() if bound else len(before))
    part = bool(_PART_BEFORE.search(before) or _PART_AFTER.match(after))
    quantity = Quantity(number, low, high, unit=unit, approximate=approximate, part=part)
    return quantity, lead, reach


def _is_year_or_day(number: str, words: list[str], after: str) -> bool:
    """`words` are those of `after`, the text that follows the number."""
    if not number.isdigit():
        return False
    value = int(number)
    if 1900 <= value <= 2100 and _unit_at(words) is None:
        return True
    return value <= 31 and bool(_MONTH_HINT.match(after))


def _parse_digits(number: str, language: str) -> float | None:
    """The value, or None for digits grouped against the language's writing ('1,000,000'
    in French)."""
    number = re.sub(r"[\u00a0\u202f ٬]", "", number).replace("٫", ".")
    thousands, decimal = (".", ",") if language == "fr" else (",", ".")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?", number):
        number = number.replace(thousands, "")
    try:
        return float(number.replace(",", "."))
    except ValueError:
        return None


# An aircraft with no pilot is a drone: "طائرة مسيّرة", "طائرات بدون طيار", "avions sans
# pilote".
_PILOTLESS = frozenset({"مسيره", "مسيرات", "بدون", "دون", "sans"})


# Counts that are of foreigners when a foreigners word follows: who is counted decides
# which figures compare.
_FOREIGN_KIND = frozenset({"fighters", "soldiers", "mercenaries", "recruits", "people"})


def _unit_at(words: list[str]) -> tuple[str, int] | None:
    """The unit among the next four words, past modifiers ("two Mi-35M attack
    helicopters"), and its position."""
    for index, word in enumerate(words[:4]):
        if word.isdigit():
            return None
        unit = _UNIT_OF.get(bare(word)) or _UNIT_OF.get(word)
        following = bare(words[index + 1]) if index + 1 < len(words) else ""
        if unit == "aircraft" and following in _PILOTLESS:
            unit = "drones"
        pair = {unit, _UNIT_OF.get(following)}
        if "foreigners" in pair and pair & _FOREIGN_KIND:
            return "foreigners", index + 1  # "foreign fighters", "combattants étrangers"
        if unit:
            return unit, index
    return None
