"""Claim extraction: atomic claims with spans, speakers, denials, hedges and check-worthiness."""

from datetime import date
from pathlib import Path

import pytest
from conftest import SEEDS_DIR as SEEDS

from claims.clean import clean_article
from claims.extract import extract_claims

FIXTURES = Path(__file__).parent / "fixtures" / "extraction"


def seed_claims(prefix: str, published_at: date | None = None):
    raw = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    text = clean_article(raw)
    return text, extract_claims(text, language="ar", published_at=published_at)


def fixture_claims(name: str, language: str):
    text = clean_article((FIXTURES / name).read_text(encoding="utf-8"))
    return extract_claims(text, language=language, published_at=date(2024, 4, 10))


def claim_containing(claims, fragment: str):
    matches = [claim for claim in claims if fragment in claim.text]
    assert matches, f"no claim contains {fragment!r}"
    return matches[0]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_span_indexes_the_cleaned_text(prefix):
    text, claims = seed_claims(prefix)
    assert claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()


def test_seed_002_arrival_of_trainers_is_its_own_claim():
    _, claims = seed_claims("002")
    arrival = claim_containing(claims, "وقد وصل مدربون عسكريون من روسيا إلى النيجر")
    assert "عززت روسيا" not in arrival.text
    assert arrival.slots.event_type == "arrive"
    assert arrival.slots.places == ["niger"]
    training = claim_containing(claims, "بتدريب القوات النيجيرية وتزويدها بأنظمة دفاع جوي")
    assert training is not arrival
    assert training.slots.modality == "intended"


def test_seed_004_nuclear_doctrine_story_yields_no_claim():
    _, claims = seed_claims("004")
    assert not any("النووية" in claim.text or "الكرملين" in claim.text for claim in claims)


def test_seed_004_delivery_names_giver_recipient_and_equipment():
    _, claims = seed_claims("004", published_at=date(2023, 2, 7))
    delivery = claim_containing(claims, "سلمت موسكو مالي أسلحة")
    assert delivery.check_worthy
    assert delivery.slots.event_type == "deliver"
    assert delivery.slots.actors == ["russia"]
    assert delivery.slots.recipients == ["mali"]
    assert {"helicopters", "mi-35m", "radar"} <= set(delivery.slots.equipment)
    assert delivery.slots.dates[0].start == date(2023, 1, 30)


def test_seed_002_military_aid_to_mali_is_check_worthy():
    _, claims = seed_claims("002")
    aid = claim_containing(claims, "وتقدم روسيا المساعدات العسكرية والفنية لمالي")
    assert aid.check_worthy
    assert (aid.slots.event_type, aid.slots.recipients) == ("deliver", ["mali"])


def test_speaker_is_the_canonical_name_when_known():
    _, claims = seed_claims("000")
    assert claim_containing(claims, "وقال ديمتري بيسكوف").speaker == "peskov"
    _, claims = seed_claims("004")
    assert claim_containing(claims, "وأضاف لافروف أن بلاده ستطور").speaker == "lavrov"
    assert claim_containing(claims, "قال الأمين العام للأمم المتحدة").speaker == "guterres"


def test_speaker_continues_into_a_quote_and_a_subjectless_verb():
    _, claims = seed_claims("000")
    assert claim_containing(claims, "“هذا يتوافق أيضًا").speaker == "peskov"
    _, claims = seed_claims("004")
    assert claim_containing(claims, "كما أعرب عن أمله").speaker == "lavrov"


def test_unknown_speaker_keeps_the_surface_phrase():
    _, claims = seed_claims("000")
    assert claim_containing(claims, "وقال المحلل رضا ليموري").speaker == "المحلل رضا ليموري"


def test_junta_denial_is_denied_and_attributed():
    _, claims = seed_claims("004")
    denial = claim_containing(claims, "لكن المجلس العسكري الحاكم ينفي ذلك")
    assert denial.denied
    assert denial.speaker == "المجلس العسكري الحاكم"
    assert denial.slots.polarity == "negative"


def test_seed_003_recruitment_denial_is_negative():
    _, claims = seed_claims("003")
    denial = claim_containing(claims, "ينفي الجانبان الروسي والأوكراني")
    assert denial.denied and denial.slots.polarity == "negative"
    assert denial.slots.event_type == "recruit"


def test_hedged_by_maybe():
    _, claims = seed_claims("004")
    assert claim_containing(claims, "ربما تكون قد ارتكبتها").hedged


def test_seed_003_casualty_figures_are_check_worthy_with_quantities():
    _, claims = seed_claims("003")
    claim = claim_containing(claims, "تجنيد 1417")
    assert claim.check_worthy
    assert [(q.low, q.high, q.unit) for q in claim.slots.quantities] == [
        (1417, 1417, "africans"),
        (35, 35, "countries"),
        (316, None, "victims"),
    ]


def test_opinions_and_subheadings_are_kept_but_not_check_worthy():
    _, claims = seed_claims("004")
    assert not claim_containing(claims, "ورأى زهدي أن ما تفعله موسكو").check_worthy
    assert not claim_containing(claims, "لافروف زار باماكو وندد").check_worthy
    _, claims = seed_claims("003")
    assert not claim_containing(claims, "تطور في التعاون العسكري والتقني").check_worthy


def test_equipment_list_is_not_split():
    _, claims = seed_claims("000")
    claim = claim_containing(claims, "الدبابات والمركبات المدرعة والمدفعية")
    assert claim.slots.equipment[-3:] == ["tanks", "armoured vehicles", "artillery"]
    assert claim.slots.recipients == ["west_africa"]


def test_quoted_speech_is_not_split_at_its_commas():
    _, claims = seed_claims("004")
    quote = claim_containing(claims, "«نرى، مع أصدقائنا الماليين")
    assert quote.text.endswith("وكيف استغلت هذه القارة»")


def test_english_article():
    claims = fixture_claims("en_russia_mali.txt", "en")
    delivery = claim_containing(claims, "Russia delivered two Mi-35M")
    assert delivery.speaker == "mali"
    assert delivery.slots.recipients == ["mali"]
    assert delivery.slots.quantities[0].low == 2
    visit = claim_containing(claims, "Lavrov visited Bamako")
    assert "officials said" not in visit.text
    assert claim_containing(claims, "at least 500 civilians").speaker == "un"
    denial = claim_containing(claims, "The Kremlin denied")
    assert denial.denied and denial.speaker == "russia"
    offer = claim_containing(claims, "ready to supply")
    assert offer.slots.modality == "intended" and offer.speaker == "lavrov"
    assert not claim_containing(claims, "Is Moscow the only partner").check_worthy
    assert not claim_containing(claims, "I think").check_worthy
    assert not any("Wagner leaves Mali" in claim.text for claim in claims)


def test_french_article():
    claims = fixture_claims("fr_russie_niger.txt", "fr")
    arrival = claim_containing(claims, "sont arrivés à Niamey")
    assert "livrer" not in arrival.text
    assert arrival.slots.places == ["niger"]
    deployment = claim_containing(claims, "une centaine de soldats russes")
    assert deployment.speaker == "le ministère nigérien de la Défense"
    assert deployment.slots.quantities[0].unit == "soldiers"
    denial = claim_containing(claims, "Le Kremlin a démenti")
    assert denial.denied and denial.speaker == "russia"
    rumour = claim_containing(claims, "des dizaines de combattants")
    assert rumour.hedged and rumour.slots.modality == "reported"
    assert not claim_containing(claims, "Faut-il craindre").check_worthy
    assert not any("rompt avec la France" in claim.text for claim in claims)


def test_a_quote_spanning_two_sentences_keeps_its_speaker():
    _, claims = seed_claims("000")
    assert claim_containing(claims, "ستواصل روسيا أيضًا التفاعل").speaker == "peskov"
    assert claim_containing(claims, "يقاتل فاغنر مع الجيش المالي").speaker == "لياموري"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Governments in the Sahel have turned to Russian-controlled forces to help them "
            "fight militants linked to al-Qaeda and the Islamic State.",
            "en",
        ),
        (
            "La junte malienne reconnaît avoir eu recours à Wagner pour commettre des "
            "exactions dans le centre du pays.",
            "fr",
        ),
        (
            "تعمل روسيا على توسيع نفوذها في دول أخرى في أفريقيا مثل مالي وجمهورية أفريقيا "
            "الوسطى وتشاد منذ سنوات.",
            "ar",
        ),
    ],
)
def test_a_sentence_naming_a_party_is_check_worthy_without_a_known_event(text, language):
    """A full sentence about a named party says something checkable, whatever its verb."""
    (claim,) = extract_claims(text, language=language)
    assert claim.check_worthy


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Moscow's Sahel bet under the spotlight", "en"),
        ("Sahel : la carte des alliances se redessine", "fr"),
        ("روسيا لزيادة التعاون الأمني مع مالي", "ar"),
    ],
)
def test_a_headline_with_no_event_stays_unchecked(text, language):
    (claim,) = extract_claims(text, language=language)
    assert not claim.check_worthy
