"""Word alignment and lexicons: Arabic forms of one root meet, opposite poles are found."""

import pytest

from claims.arabic import fold
from claims.relate.explain import differing_words, from_slots, text_evidence
from claims.relate.lexicon import load_lexicon
from claims.relate.slot_diff import compare_slots
from claims.relate.words import align, stem_word, word_segments
from claims.slots import extract_slots


@pytest.mark.parametrize(
    "forms",
    [
        ("ارتفاع", "يرتفع", "ارتفعت", "وارتفاع"),
        ("انخفاض", "ينخفض", "انخفضت"),
        ("تراجع", "يتراجع", "تراجعت"),
        ("انسحاب", "ينسحب"),
    ],
)
def test_verb_and_noun_forms_of_one_root_share_a_stem(forms):
    assert len({stem_word(f) for f in forms}) == 1


def test_numbers_in_arabic_indic_digits_align_with_ascii_digits():
    alignment = align("نيكاي يرتفع لأعلى مستوى منذ 1991", "ارتفاع قياسي لمؤشر نيكاي منذ ١٩٩١")
    assert "1991" not in [alignment.words_a[i] for i in alignment.only_a]


def kinds(a: str, b: str) -> list[str]:
    return [e.kind for e in text_evidence(align(a, b), load_lexicon())]


def slot_kinds(a: str, b: str, language: str) -> list[str]:
    """Negation and figures are read by the slots; the evidence quotes their words."""
    diff = compare_slots(extract_slots(a, language=language), extract_slots(b, language=language))
    return [e.kind for e in from_slots(diff.conflicts, align(a, b), load_lexicon())]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الذهب يرتفع لأعلى مستوى منذ 12 أسبوعا", "انخفاض الذهب لأدنى مستوى في 12 أسبوعا"),
        ("الصين تسحب قواتها من الحدود", "الصين تنشر قواتها على الحدود"),
        ("السعودية تسمح بدخول الشاحنات", "السعودية تمنع دخول الشاحنات"),
        ("Oil prices rise after the OPEC meeting", "Oil prices fall after the OPEC meeting"),
        ("Les prix du pétrole en hausse", "Les prix du pétrole en baisse"),
        ("Oil prices rise after the OPEC meeting", "انخفاض أسعار النفط بعد اجتماع أوبك"),
    ],
)
def test_antonyms_are_polarity_evidence(a, b):
    assert "polarity" in kinds(a, b)


@pytest.mark.parametrize(
    ("concept", "plus", "minus"),
    [
        # Concepts in all three languages.
        ("certainty", "محسوم", "غامض"),
        ("certainty", "مضموناً", "غامضاً"),  # accusative, as "بات مضموناً" writes it
        ("certainty", "guaranteed", "unclear"),
        ("certainty", "garantie", "incertaine"),
        ("legality", "قانونية", "مخالفة"),
        ("legality", "legal", "illegal"),
        ("legality", "légale", "illégale"),
        ("ability", "قادرون", "عاجزون"),
        ("ability", "able", "unable"),
        ("ability", "capables", "incapables"),
        ("completeness", "بالكامل", "جزئيا"),
        ("completeness", "fully", "partially"),
        ("completeness", "complète", "partielle"),
        ("duration", "مؤقتة", "نهائية"),
        ("duration", "temporary", "permanent"),
        ("duration", "provisoire", "définitive"),
        ("volition", "طواعية", "قسرية"),
        ("volition", "voluntarily", "forced"),
        ("volition", "volontairement", "contraints"),
        # Concepts that had Arabic only, and success and failure, in English and French.
        ("size", "huge", "tiny"),
        ("size", "énorme", "petite"),
        ("safety", "safely", "dangerous"),
        ("safety", "sécurisée", "menacée"),
        ("order", "first", "final"),
        ("order", "première", "finale"),
        ("novelty", "new", "outdated"),
        ("novelty", "inédites", "vieilles"),
        ("sentiment", "celebrated", "mourned"),
        ("sentiment", "joie", "colère"),
        ("outcome", "successfully", "unsuccessful"),
        ("outcome", "réussie", "ratée"),
    ],
)
def test_each_language_has_both_poles_of_a_concept(concept, plus, minus):
    lexicon = load_lexicon()
    assert (concept, "+") in lexicon.poles_of(stem_word(plus))
    assert (concept, "-") in lexicon.poles_of(stem_word(minus))


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("الحكومة توافق على الاتفاق", "الحكومة لم توافق على الاتفاق", "ar"),
        ("The army withdrew from the city", "The army did not withdraw from the city", "en"),
        ("L'armée a quitté la ville", "L'armée n'a pas quitté la ville", "fr"),
    ],
)
def test_negation_on_one_side_is_polarity_evidence(a, b, language):
    assert "polarity" in slot_kinds(a, b, language)


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("جماعة فيلق الرحمن توافق على الانسحاب", "جماعة فيلق الرحمن تنفي انسحابها", "ar"),
        ("Wagner sent troops to Mali", "Wagner denies sending troops to Mali", "en"),
        ("Wagner a envoyé des troupes au Mali", "Wagner dément l'envoi de troupes au Mali", "fr"),
    ],
)
def test_denial_on_one_side_is_denial_evidence(a, b, language):
    assert "denial" in slot_kinds(a, b, language)


def test_a_paraphrase_has_no_conflict_evidence():
    assert (
        kinds("الاستخبارات التركية تقتنص مهاجم ريحانلي", "اقتنصت المخابرات التركية مهاجم ريحانلى")
        == []
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia sent soldiers to Mali in May", "Russia sent soldiers to Mali"),
        ("La Russie a envoyé des soldats au Mali en mai", "La Russie a envoyé des soldats au Mali"),
        ("Wagner arrived on Monday", "Wagner arrived"),
    ],
)
def test_short_words_ending_in_n_are_no_negators(a, b):
    # 'in', 'en', 'on' once read as a conjunction glued to the negator "n'".
    assert kinds(a, b) == []


def test_different_numbers_are_quantity_evidence_from_the_slots():
    a, b = "مقتل 100 جندي في الهجوم", "مقتل 300 جندي في الهجوم"
    assert "quantity" not in kinds(a, b)  # words alone leave numbers to the slots
    assert "quantity" in slot_kinds(a, b, "ar")


def test_each_aligned_word_knows_its_whitespace_segment():
    text = "قال الكرملين: روسيا-مالي  شراكة،  (100 جندي)"
    words = align(text, "").words_a
    segments = word_segments(text)
    assert len(segments) == len(words)
    pieces = text.split()
    assert all(word in fold(pieces[k]) for word, k in zip(words, segments, strict=True))
    assert list(segments) == sorted(segments) and segments[-1] == len(pieces) - 1


@pytest.mark.parametrize(
    ("text", "indices", "written"),
    [
        # Hamza, tā' marbūṭa and case endings as written; a run keeps what stands between.
        ("وأكد لافروفُ أنّ روسيا ستتوقف عن مساعدة مالي", [0, 1, 2], "وأكد لافروفُ أنّ"),
        ("وأكد لافروفُ أنّ روسيا ستتوقف عن مساعدة مالي", [6], "مساعدة"),
        # Words apart are quoted apart; capitals and accents stay.
        ("Des navires ont été déchargés à Dakar, au Sénégal", [3, 6], "été Dakar"),
        ("Des navires ont été déchargés à Dakar, au Sénégal", [6, 7, 8], "Dakar, au Sénégal"),
    ],
)
def test_words_are_quoted_as_the_text_writes_them(text, indices, written) -> None:
    assert align(text, "x").written(0, indices) == written


def test_an_untyped_conflict_quotes_the_differing_words_as_written() -> None:
    alignment = align(
        "وتقدم روسيا المساعدات العسكرية والفنية لمالي",
        "وأكد لافروف أن روسيا ستتوقف عن مساعدة مالي",
    )
    assert "«وأكد لافروف أن»" in differing_words(alignment)
