"""Sentence segmentation keeps numbers, abbreviations and quotes whole, in three languages."""

import pytest

from claims.segment import split_sentences


def sentence_texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_spans_index_the_source_text():
    text = "قال لافروف: «نرى أن العالم يتغير». وأضاف أن روسيا ستواصل مساعدة مالي.\n\nسطر ثان."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_arabic_question_mark_and_period_end_sentences():
    text = "هل تتسع المواجهات بين التنظيمات المتطرفة في مالي؟ نعم. ربما لا!"
    assert sentence_texts(text) == [
        "هل تتسع المواجهات بين التنظيمات المتطرفة في مالي؟",
        "نعم.",
        "ربما لا!",
    ]


def test_arabic_comma_and_semicolon_do_not_end_a_sentence():
    text = (
        "عززت روسيا نفوذها في منطقة الساحل، وقد وصل مدربون عسكريون من روسيا إلى النيجر؛ وهذا مهم."
    )
    assert len(split_sentences(text)) == 1


def test_closing_quote_stays_with_its_sentence():
    text = "وقال لافروف: «نرى أن العالم يتغير». وأضاف أن روسيا ستواصل."
    assert sentence_texts(text)[0] == "وقال لافروف: «نرى أن العالم يتغير»."
    text = "“هذا يتوافق أيضًا مع الدفاع والأمن. في هذا الصدد ، ستواصل روسيا التعاون.” ثم انتهى."
    assert sentence_texts(text)[1] == "في هذا الصدد ، ستواصل روسيا التعاون.”"


def test_french_spaced_guillemet_closes_the_sentence():
    text = "Il a dit « nous partons. » Puis il est parti."
    assert sentence_texts(text) == ["Il a dit « nous partons. »", "Puis il est parti."]


@pytest.mark.parametrize(
    "text",
    [
        "تجنيد 1,417 إفريقياً من 35 دولة، قُتل منهم 3.5 بالمئة.",
        "سلمت موسكو مالي طائرات هليكوبتر من طراز «مي - 35 إم» (Mi-35M) ونظام رادار.",
        "The U.S. military left two bases in Niger in 2024.",
        "Dr. Smith said 1,417 Africans were recruited, about 3.5 per cent.",
        "M. Lavrov a rencontré Abdoulaye Diop à Bamako.",
        "Le ministre a cité 1.417 recrues et 3,5 % de pertes.",
        "وزير الخارجية الروسي مع نظيره المالي في باماكو (أ.ف.ب).",
    ],
)
def test_numbers_abbreviations_and_initials_do_not_split(text):
    assert sentence_texts(text) == [text]


def test_paragraph_break_ends_a_headline_without_punctuation():
    text = "روسيا لزيادة التعاون الأمني مع مالي\n\nزار لافروف باماكو اليوم."
    assert sentence_texts(text) == [
        "روسيا لزيادة التعاون الأمني مع مالي",
        "زار لافروف باماكو اليوم.",
    ]


def test_english_lower_case_after_period_continues_the_sentence():
    text = "Troops arrived at approx. noon. They left later."
    assert sentence_texts(text) == ["Troops arrived at approx. noon.", "They left later."]
