"""Language detection answers only for the three supported languages."""

import pytest

from claims.language import detect_language


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
