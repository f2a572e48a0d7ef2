"""Demonstrative objects: "ينفي ذلك", "denied it", "l'a démenti" are read with their antecedent."""

from conftest import SEEDS_DIR

from claims.clean import clean_article
from claims.extract import extract_claims
from claims.model import ClaimSlots
from claims.slots.anaphora import has_anaphor, resolved_text


def claims_of(text: str, language: str):
    return extract_claims(text, language=language)


def claim_containing(claims, fragment: str):
    matches = [claim for claim in claims if fragment in claim.text]
    assert matches, f"no claim contains {fragment!r}"
    return matches[0]


def test_seed_004_junta_denial_is_read_as_denying_the_use_of_wagner():
    text = clean_article(next(SEEDS_DIR.glob("004_*.txt")).read_text(encoding="utf-8"))
    claims = extract_claims(text, language="ar")
    denial = claim_containing(claims, "لكن المجلس العسكري الحاكم ينفي ذلك")

    assert denial.text == "لكن المجلس العسكري الحاكم ينفي ذلك"
    assert text[denial.start : denial.end] == denial.text
    assert denial.slots.refers_to.startswith("وتتهم دول غربية")
    assert denial.slots.resolved.startswith("ينفي المجلس العسكري الحاكم في مالي بالاستعانة")
    # The accusers ("دول غربية، في مقدمتها فرنسا ...") are not what is denied.
    assert "في مقدمتها" not in denial.slots.resolved
    assert {"wagner"} <= set(denial.slots.actors) and denial.slots.places == ["mali"]
    assert (denial.slots.event_type, denial.slots.polarity) == ("deny", "negative")
    assert denial.denied and denial.check_worthy


def test_arabic_denial_with_the_object_attached_is_split_off_and_resolved():
    claims = claims_of("أعلنت مجموعة فاغنر أنها تغادر مالي، لكن الكرملين نفاه.", "ar")
    assert [c.text for c in claims] == ["أعلنت مجموعة فاغنر أنها تغادر مالي", "لكن الكرملين نفاه"]
    denial = claims[1]
    assert denial.denied and denial.slots.polarity == "negative"
    assert denial.slots.event_type == "withdraw"
    assert denial.slots.places == ["mali"] and "wagner" in denial.slots.actors
    assert resolved_text(denial.text, denial.slots) == "نفاه تغادر مالي"


def test_english_denial_reads_as_denying_the_previous_claim():
    claims = claims_of(
        "Wagner announced last week that it is leaving Mali. The Kremlin denied the reports.", "en"
    )
    denial = claim_containing(claims, "The Kremlin denied the reports")
    assert denial.slots.refers_to == "Wagner announced last week that it is leaving Mali"
    assert denial.slots.resolved.startswith("denied") and "leaving Mali" in denial.slots.resolved
    assert (denial.slots.event_type, denial.slots.polarity) == ("withdraw", "negative")
    assert set(denial.slots.actors) == {"russia", "wagner"} and denial.slots.places == ["mali"]


def test_french_denial_with_cela_and_with_a_clitic():
    accusation = "La France accuse la junte malienne de recourir aux mercenaires de Wagner."
    for denial_text in ("Bamako dément cela.", "Bamako l'a démenti."):
        denial = claims_of(f"{accusation} {denial_text}", "fr")[-1]
        assert denial.text == denial_text.rstrip(".")
        assert denial.denied and denial.slots.polarity == "negative"
        assert "Wagner" in denial.slots.resolved
        assert "wagner" in denial.slots.actors and denial.slots.refers_to.startswith("La France")


def test_object_pronouns_point_back_wherever_the_subject_stands():
    assert has_anaphor("وقد نفته موسكو", "ar")
    assert has_anaphor("ونفى الكرملين هذه الاتهامات", "ar")
    assert has_anaphor("Moscow rejected these allegations.", "en")
    assert has_anaphor("Le Kremlin a démenti ces informations", "fr")


def test_a_demonstrative_that_is_not_an_object_resolves_nothing():
    assert not has_anaphor("نشرت روسيا 100 جندي في بوركينا فاسو، بما في ذلك", "ar")
    assert not has_anaphor("بالإضافة إلى ذلك، نشرت روسيا 100 جندي في بوركينا فاسو", "ar")
    assert not has_anaphor("It was the first deployment after that", "en")
    assert not has_anaphor("Le Niger a rompu avec la France malgré cela", "fr")
    claims = claims_of("Russia delivered helicopters to Mali. After that, Lavrov visited.", "en")
    assert all(claim.slots.refers_to is None for claim in claims)


def test_no_antecedent_across_paragraphs():
    claims = claims_of("Wagner announced that it is leaving Mali.\n\nThe Kremlin denied it.", "en")
    assert claims[-1].slots.refers_to is None
    assert resolved_text(claims[-1].text, claims[-1].slots) == claims[-1].text


def test_a_pointer_back_is_not_check_worthy_on_its_antecedent_s_facts():
    _, *rest = claims_of(
        "اتهم وزير الخارجية الروسي أوكرانيا بدعم الجماعات الإرهابية في أفريقيا. "
        "وأضاف أن الدول الغربية تتغاضى عن ذلك.",
        "ar",
    )
    pointer = rest[-1]
    assert pointer.slots.refers_to is not None
    assert not pointer.check_worthy


def test_stored_slots_without_the_new_fields_still_load():
    old_row = {"actors": ["russia"], "event_type": "deploy", "polarity": "positive"}
    slots = ClaimSlots.from_dict(old_row)
    assert (slots.refers_to, slots.resolved) == (None, None)
    assert resolved_text("نشرت روسيا 100 جندي", slots) == "نشرت روسيا 100 جندي"
    resolved = ClaimSlots(refers_to="x", resolved="ينفي x")
    assert ClaimSlots.from_dict(resolved.to_dict()) == resolved
