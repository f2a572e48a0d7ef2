"""Cleaning keeps the article and drops every kind of page furniture seen in the seeds."""

import pytest
from conftest import SEEDS_DIR as SEEDS

from claims.clean import clean_article


def seed(prefix: str) -> str:
    return clean_article(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_is_idempotent(prefix):
    once = seed(prefix)
    assert clean_article(once) == once


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_paragraphs_are_separated_by_one_blank_line(prefix):
    text = seed(prefix)
    assert "\n\n\n" not in text
    assert all(paragraph.strip() == paragraph for paragraph in text.split("\n\n"))


def test_seed_000_ad_markers_and_source_lines_are_gone():
    text = seed("000")
    assert "[ad_" not in text
    assert "مصادر إضافية" not in text
    assert not text.endswith("المصدر")
    assert text.startswith("قال الكرملين يوم الاثنين إن روسيا تصعد التعاون")
    assert text.endswith("روسيا والصين هما كبار الموردين للأسلحة إلى القارة.")


def test_seed_001_byline_and_breaking_label_are_gone():
    text = seed("001")
    assert "رئيس التحرير" not in text
    assert "أحمد ناصف" not in text
    assert "عاجل" not in text
    assert "\nنشر\n" not in text
    assert "قطعت العلاقات الدبلوماسية مع أوكرانيا" in text


def test_seed_002_keeps_every_body_paragraph():
    text = seed("002")
    assert "وقد وصل مدربون عسكريون من روسيا إلى النيجر" in text
    assert text.endswith("اضطرابًا سياسيًا وتمردًا عسكريًا.")


def test_seed_003_comment_form_and_copy_protection_are_cut():
    text = seed("003")
    for furniture in ("قضايا و آراء", "المصدر وكالات", "اترك تعليقاً", "بريدك الإلكتروني",
                      "زر الذهاب إلى الأعلى", "محمي من القرصنة", "مقالات ذات صلة"):  # fmt: skip
        assert furniture not in text
    assert "تجنيد 1417" in text


def test_seed_004_nuclear_doctrine_story_is_cut():
    text = seed("004")
    assert "العقيدة النووية" not in text
    assert "عقيدتنا النووية" not in text
    assert "مقالات ذات صلة" not in text
    assert "هل تتسع المواجهات" not in text
    assert text.endswith("«ستتم محاربته باستمرار من قبل فرنسا والقوى الغربية».")


def test_seed_004_image_captions_and_repeated_headline_are_dropped():
    text = seed("004")
    assert "(أ.ف.ب)" not in text
    assert "TT" not in text
    assert text.count("روسيا لزيادة التعاون الأمني مع مالي") == 1


@pytest.mark.parametrize(
    "marker",
    ["Read more: Wagner leaves Mali", "Related", "Read also", "Lire aussi", "À lire aussi :",
     "اقرأ أيضاً", "اقرأ كذلك:"],
)  # fmt: skip
def test_read_more_markers_cut_everything_after_them(marker):
    raw = f"Russia delivered two helicopters to Mali on Monday.\n{marker}\nOther story here today."
    assert clean_article(raw) == "Russia delivered two helicopters to Mali on Monday."


@pytest.mark.parametrize(
    ("first", "link", "rest"),
    [
        ("Russia delivered two helicopters to Mali.", "Read also: Floods hit Niger",
         "The helicopters arrived on Monday."),
        ("La Russie a livré deux hélicoptères au Mali.",
         "Lire aussi : Festival de l'Aïr : Agadez accueille des milliers de visiteurs",
         "Les hélicoptères sont arrivés lundi."),
        ("La Russie a livré deux hélicoptères au Mali.", "À lire aussi | La saison des pluies",
         "Les hélicoptères sont arrivés lundi."),
        ("سلمت روسيا مالي مروحيتين.", "اقرأ أيضاً: المغرب يدشن أكبر محطة لتحلية مياه البحر",
         "ووصلت المروحيتان يوم الإثنين."),
    ],
)  # fmt: skip
def test_a_read_also_link_inside_the_article_is_dropped_and_the_text_goes_on(first, link, rest):
    """One other story's headline after "read also", in each language: a link set inside
    the article, not the start of a list of other stories."""
    assert clean_article(f"{first}\n{link}\n{rest}") == f"{first}\n\n{rest}"


def test_a_sentence_that_merely_starts_with_related_is_kept():
    raw = "Related talks took place in Bamako on Monday, officials said."
    assert clean_article(raw) == raw


def test_newsletter_prompt_and_back_to_top_are_dropped():
    raw = (
        "La Russie a livré des hélicoptères au Mali la semaine dernière.\n"
        "Abonnez-vous à notre newsletter\nRetour en haut\nBack to top"
    )
    assert clean_article(raw) == "La Russie a livré des hélicoptères au Mali la semaine dernière."


def test_whitespace_is_normalised():
    raw = "  Russia \u00a0 sent\t100 soldiers   to Burkina Faso.\u200f \r\n\r\n\r\n"
    assert clean_article(raw) == "Russia sent 100 soldiers to Burkina Faso."


def test_script_tags_and_markup_are_removed():
    raw = "<script>alert('x')</script><p>Russia deployed 100 soldiers to Burkina Faso.</p>"
    assert clean_article(raw) == "Russia deployed 100 soldiers to Burkina Faso."


def test_ads_and_links_to_other_stories_inside_the_text_are_dropped_and_the_text_goes_on():
    raw = (
        "Russia delivered attack helicopters to Mali last week.\n"
        "Advertisement — Subscribe to our morning newsletter\n"
        "Read next: Ghana's cocoa board raises the farmgate price\n"
        "Publicité\n"
        "Lire la suite : le Sénégal change ses règles de pêche\n"
        "إعلان\n"
        "The delivery included a radar system, officials said."
    )
    assert clean_article(raw) == (
        "Russia delivered attack helicopters to Mali last week.\n\n"
        "The delivery included a radar system, officials said."
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("BAMAKO, June 10 (West Africa Wire) - The Kremlin said on Monday that it will help.",
         "The Kremlin said on Monday that it will help."),
        ("NIAMEY, 12 juin (Le Sahélien) - Le porte-parole a démenti mercredi l'arrivée.",
         "Le porte-parole a démenti mercredi l'arrivée."),
        ("باماكو - 8 فبراير (الساحل نيوز) - حط وزير الخارجية الروسي رحاله في العاصمة المالية.",
         "حط وزير الخارجية الروسي رحاله في العاصمة المالية."),
        ("MOSCOW (Reuters) — Russia sent 100 soldiers to Burkina Faso.",
         "Russia sent 100 soldiers to Burkina Faso."),
    ],
)  # fmt: skip
def test_a_wire_dateline_opening_a_paragraph_is_not_part_of_the_claim(raw, clean):
    """The page's place and date: Bamako is no party to what the Kremlin said."""
    assert clean_article(raw) == clean


def test_a_sentence_with_brackets_and_a_dash_is_no_dateline():
    raw = "Russia (and its allies) - as officials say - sent troops to Mali."
    assert clean_article(raw) == raw


@pytest.mark.parametrize(
    "caption",
    [
        "Photo: Malian soldiers ride in an armoured vehicle during a patrol outside Gao",
        "Photo : Des soldats nigériens lors d'un défilé militaire à Niamey, en 2023",
        "صورة: جنود ماليون يستقبلون شحنة من المعدات العسكرية في مطار باماكو الدولي",
    ],
)
def test_a_photo_caption_is_dropped(caption):
    raw = f"Russia delivered two helicopters to Mali.\n{caption}\nThey arrived on Monday."
    assert (
        clean_article(raw) == "Russia delivered two helicopters to Mali.\n\nThey arrived on Monday."
    )
