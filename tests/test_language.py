"""Language detection answers only for the three supported languages."""

import pytest

from claims.language import (
    detect_language,
    has_letters,
    likeliest_language,
    other_language,
    reading_problem,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الكرملين يوم الاثنين إن روسيا تصعد التعاون مع الدول الأفريقية.", "ar"),
        ("Russia delivered attack helicopters to Mali last week, officials said.", "en"),
        ("La Russie a livré des hélicoptères d'attaque au Mali la semaine dernière.", "fr"),
        ("Rusia entregó helicópteros de ataque a Malí la semana pasada.", None),
        ("Russland lieferte letzte Woche Kampfhubschrauber nach Mali.", None),
        ("روسیه هفته گذشته بالگردهای تهاجمی به مالی تحویل داد.", None),
        ("ok", None),
        ("2024 - 100", None),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["123", "456 - 7.5%", "🙂🙂 🎉", "…!؟"])
def test_digits_punctuation_and_emoji_are_no_letters(text: str) -> None:
    assert not has_letters(text)
    assert reading_problem(text) == "has no letters, so nothing to compare"
    # A language hint does not make a text without letters readable.
    assert reading_problem(text, "en") == "has no letters, so nothing to compare"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Regierung hat heute das Gesetz verabschiedet", "German"),
        ("El gobierno aprobó la ley de presupuestos ayer", "Spanish"),
        ("دولت امروز قانون را تصویب کرد", "Persian"),
        ("政府今天通过了法律", "a script other than Arabic or Latin"),
        ("Правительство приняло закон сегодня", "a script other than Arabic or Latin"),
    ],
)
def test_a_text_clearly_in_a_fourth_language_is_named(text: str, language: str) -> None:
    assert other_language(text) == language
    assert reading_problem(text) == f"is in {language}; claimcheck reads Arabic, English and French"


@pytest.mark.parametrize(
    "text",
    [
        "قال الكرملين إن روسيا سلمت مالي مروحيتين",
        "Wagner left Mali",
        "Mali junta expels French ambassador",
        "Macron est arrivé à Bamako",
        # Headlines lean Dutch or German in places, and keep enough English.
        "Niger junta bans France 24",
        "روسيا",
    ],
)
def test_short_or_undecided_texts_of_the_three_languages_are_not_called_another(
    text: str,
) -> None:
    assert other_language(text) is None
    assert reading_problem(text) is None


def test_a_hint_overrides_the_detector() -> None:
    assert reading_problem("Die Regierung hat heute das Gesetz verabschiedet", "en") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names lean a headline Italian or Dutch; English is still the likeliest of three.
        ("Bolt and Messi dine in Lake Como villa", "en"),
        ("Russia delivered attack helicopters to Mali last week, officials said.", "en"),
        ("Russland lieferte letzte Woche Kampfhubschrauber nach Mali.", None),
        ("ok", None),
    ],
)
def test_a_claim_is_read_in_the_likeliest_of_the_three_unless_clearly_another(text, expected):
    assert likeliest_language(text) == expected
    if expected is not None:
        assert detect_language(text) in (None, expected)  # an article is not guessed at
