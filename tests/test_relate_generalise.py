"""Rules written for news the model never saw, each on our own examples in every language it
covers: compound numerals, hearsay and questions, debunks, double negation, datelines,
abstention, diplomatic ties, trends, offices, coups and the events that are not one."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import assert_conflict_of, relate

from claims.extract import extract_claims
from claims.model import Relation
from claims.relate import RelationScorer, compare_slots
from claims.relate.lexicon import load_lexicon
from claims.relate.rules import PairEvidence, conflict_floor
from claims.relate.words import align, stem_word
from claims.slots import extract_slots
from claims.slots.anaphora import resolved_text
from claims.slots.dates import find_dates
from claims.slots.events import double_negation, modality, polarity
from claims.slots.quantities import find_quantities


def assert_conflict_quoting(relation: Relation, kind: str, quoted: str) -> None:
    """A conflict of this one kind whose explanation quotes `quoted`."""
    assert_conflict_of(relation, kind)
    assert quoted in relation.explanation


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("أودت الكوليرا بحياة ألفين ومئة شخص في السودان", 2100, "people"),
        ("قتل ثلاثة آلاف وخمسمائة شخص", 3500, "victims"),
        ("أرسلت روسيا ثلاثمائة وخمسين جنديا", 350, "soldiers"),
    ],
)
def test_an_arabic_number_in_thousands_and_hundreds_is_read_whole(
    text: str, value: int, unit: str
) -> None:
    """ "مئة" in "ألفين ومئة" is a hundred, not the "المئة" of a percentage."""
    (quantity,) = find_quantities(text, language="ar")
    assert (quantity.low, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("أرسلت روسيا خمسة وعشرين جنديا إلى مالي", "ar"),
        ("Russia sent twenty-five soldiers to Mali", "en"),
        ("La Russie a envoyé vingt-cinq soldats au Mali", "fr"),
    ],
)
def test_a_number_written_in_two_words_is_read_whole(text: str, language: str) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.low, quantity.high, quantity.unit) == (25, 25, "soldiers")


def test_hundreds_in_words_are_read_in_english_and_french() -> None:
    assert find_quantities("three hundred soldiers arrived", language="en")[0].low == 300
    assert find_quantities("deux cents soldats sont arrivés", language="fr")[0].low == 200


@pytest.mark.slow
def test_twenty_five_in_words_agrees_with_25_in_digits(scorer: RelationScorer) -> None:
    relation = relate(
        scorer, "Russia sent twenty-five soldiers to Mali", "Russia sent 25 soldiers to Mali"
    )
    assert relation.relation == "agree"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل قُتل زعيم فاغنر؟", "questioned"),
        ("Wagner leader dead?", "questioned"),
        ("Le chef de Wagner est-il mort ?", "questioned"),
        ("يُزعم أن روسيا أرسلت قوات إلى مالي", "reported"),
        ("Russia reportedly sent troops to Mali", "reported"),
        ("La Russie aurait envoyé des troupes au Mali", "reported"),
        ("جندت أوكرانيا 25 ألف أجنبي بحسب تقرير صحفي", "asserted"),
        # Words that doubt what they pass on, and a headline that opens with a question.
        ("يُرجّح أن الجيش انسحب من المدينة", "reported"),
        ("يشتبه في أن المسلحين هاجموا القرية", "reported"),
        ("Alleged video of the attack on the convoy released", "reported"),
        ("The minister is believed to have resigned", "reported"),
        ("Rebels apparently captured the town", "reported"),
        ("Le ministre serait gravement malade", "reported"),
        ("Le chef présumé du groupe a été arrêté", "reported"),
        ("Will Mali expel the envoy? Diplomats weigh the options", "questioned"),
        # "ترجح" alone is a scale that tips, not a likelihood.
        ("الذهب مستقر وكفة الأسهم ترجح أمام مخاوف التضخم", "asserted"),
        # Says so of itself.
        ("يدعي التنظيم أنه أسقط طائرة حربية", "reported"),
        ("The group claims to have shot down a fighter jet", "reported"),
        ("A video purports to show the downing of the jet", "reported"),
        ("The pilot is reported to have been captured", "reported"),
        ("Le groupe prétend avoir abattu un avion de chasse", "reported"),
        ("The theft was reported to police on Monday", "asserted"),
    ],
)
def test_questions_and_hearsay_are_told_apart_from_attribution(text: str, expected: str) -> None:
    assert modality(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "من هو الجنرال المتهم بقتل الصحفي في باماكو؟",
        "حرب الرسوم الجمركية تهدد التجارة العالمية .. ماذا يحدث؟",
        "على ماذا اتفقت باماكو وموسكو؟",
        "Who is the general accused of killing the journalist in Bamako?",
        "Wagner leaves Mali: what happens next?",
        "Pourquoi Wagner reste-t-il au Mali ?",
        "Qui est le général accusé d'avoir tué le journaliste à Bamako ?",
    ],
)
def test_an_information_question_takes_its_content_for_granted(text: str) -> None:
    """Asking who, what or why does not put the claim in doubt; asking whether does."""
    assert modality(text) == "asserted"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "statement"),
    [
        (
            "Who is the general accused of killing the journalist in Bamako?",
            "A general is accused of killing a journalist in Bamako",
        ),
        (
            "Qui est le général accusé d'avoir tué le journaliste à Bamako ?",
            "Un général est accusé d'avoir tué un journaliste à Bamako",
        ),
    ],
)
def test_an_information_question_agrees_with_what_it_presupposes(
    scorer: RelationScorer, question: str, statement: str
) -> None:
    assert relate(scorer, question, statement).relation == "agree"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("longer", "shorter"),
    [
        (
            "اشتباكات عنيفة في مدينة كيدال المالية بين الجيش والمتمردين بعد هجوم على قاعدة عسكرية",
            "هدوء في مدينة كيدال المالية",
        ),
        (
            "Heavy clashes in the Malian town of Kidal between the army and rebels after an attack "
            "on a base",
            "Calm in the Malian town of Kidal",
        ),
        (
            "Violents combats dans la ville malienne de Kidal entre l'armée et les rebelles après "
            "une attaque",
            "Calme dans la ville malienne de Kidal",
        ),
    ],
)
def test_a_word_replaced_inside_added_detail_may_contradict(
    scorer: RelationScorer, longer: str, shorter: str
) -> None:
    """The shorter side's own word ("calm") replaces what the longer side says."""
    assert relate(scorer, longer, shorter).relation == "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shorter", "longer"),
    [
        (
            "دعا خبراء أمميون إلى تحقيق مستقل في انتهاكات حقوق الإنسان في مالي",
            "دعا خبراء من الأمم المتحدة إلى تحقيق مستقل وعاجل في انتهاكات حقوق الإنسان "
            "وجرائم الحرب المحتملة في مالي",
        ),
        (
            "UN experts called for an independent inquiry into abuses in Mali",
            "Experts from the United Nations called for an urgent independent inquiry into abuses "
            "and possible war crimes in Mali",
        ),
        (
            "Des experts onusiens ont appelé à une enquête indépendante sur les abus au Mali",
            "Des experts des Nations unies ont appelé à une enquête indépendante et urgente "
            "sur les abus et les crimes de guerre possibles au Mali",
        ),
    ],
)
def test_another_name_for_a_party_inside_added_detail_agrees(
    scorer: RelationScorer, shorter: str, longer: str
) -> None:
    assert relate(scorer, shorter, longer).relation == "agree"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("hedged", "stated"),
    [
        ("يُزعم أن قائد فاغنر قتل في مالي", "قتل قائد فاغنر في مالي"),
        ("Wagner leader reportedly killed in Mali", "Wagner leader killed in Mali"),
        ("Wagner leader killed in Mali?", "Wagner leader killed in Mali"),
        ("Le chef de Wagner aurait été tué au Mali", "Le chef de Wagner a été tué au Mali"),
    ],
)
def test_a_hedged_or_questioned_report_does_not_agree(
    scorer: RelationScorer, hedged: str, stated: str
) -> None:
    assert relate(scorer, hedged, stated).relation == "related"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("hedged", "contradiction"),
    [
        (
            "مصادر: الجيش المالي استعاد مدينة كيدال من المتمردين",
            "الجيش المالي فشل في استعادة مدينة كيدال من المتمردين",
        ),
        (
            "Sources say the Malian army recaptured the town of Kidal from the rebels",
            "The Malian army failed to recapture the town of Kidal from the rebels",
        ),
        # The hedge and a negator are all that differ: still a contradiction.
        (
            "مصدر: الحكومة مسؤولة عن انقطاع الكهرباء في العاصمة",
            "الحكومة غير مسؤولة عن انقطاع الكهرباء في العاصمة",
        ),
        ("Le ministre aurait démissionné mardi", "Le ministre n'a pas démissionné mardi"),
    ],
)
def test_a_hedged_report_still_conflicts_with_what_contradicts_it(
    scorer: RelationScorer, hedged: str, contradiction: str
) -> None:
    """A hedge keeps a claim from agreeing, not from being contradicted."""
    assert relate(scorer, hedged, contradiction).relation == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "الخبر عن إرسال روسيا 500 جندي إلى مالي عار عن الصحة",
        "The report that Russia sent 500 soldiers to Mali is a hoax",
        "L'information selon laquelle la Russie a envoyé 500 soldats au Mali est un canular",
        # Other words that call a report false, in each language.
        "صور الجنود الروس في تمبكتو مزيفة",
        "الأنباء عن وصول قوات روسية إلى النيجر أكاذيب",
        "Reports of Russian troops in Timbuktu are bogus",
        "The photo of Wagner fighters in Gao was doctored",
        "The blogger made it all up",
        "La vidéo des soldats russes à Gao est bidon",
        "Des informations infondées sur l'arrivée de mercenaires",
        "The agency retracts its report of Russian troops in Gao",
        "Le journal se rétracte sur l'arrivée de mercenaires russes",
    ],
)
def test_calling_a_report_false_is_a_denial(text: str) -> None:
    assert polarity(text) == "negative"


def test_made_up_of_is_no_debunk() -> None:
    assert polarity("The Russian contingent is made up of 300 soldiers") == "positive"


@pytest.mark.slow
def test_a_debunk_conflicts_with_what_it_debunks_and_quotes_its_word(
    scorer: RelationScorer,
) -> None:
    relation = relate(
        scorer,
        "The report that Russia sent 500 soldiers to Mali is a hoax",
        "Russia sent 500 soldiers to Mali",
    )
    assert (relation.relation, relation.conflict_types) == ("conflict", ["denial"])
    assert "hoax" in relation.explanation


@pytest.mark.parametrize(
    "text",
    [
        "لم ينفِ الكرملين إرسال قوات إلى مالي",
        "Moscow did not deny sending troops to Mali",
        "Moscou n'a pas démenti l'envoi de troupes au Mali",
    ],
)
def test_a_denial_negated_asserts(text: str) -> None:
    assert polarity(text) == "positive"


@pytest.mark.slow
def test_not_denying_does_not_conflict_with_the_report(scorer: RelationScorer) -> None:
    relation = relate(
        scorer, "Moscow did not deny sending troops to Mali", "Moscow sent troops to Mali"
    )
    assert relation.relation != "conflict"


def test_the_french_gift_is_no_negation() -> None:
    assert polarity("Le don de la Russie au Mali comprend des hélicoptères") == "positive"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("الأحد 21 يناير 2024 - أرسلت روسيا قوات إلى مالي الجمعة", ["الجمعة"]),
        ("Sunday 21 January 2024 — Russia sent troops to Mali on Friday", ["on Friday"]),
        (
            "Dimanche 21 janvier 2024 - la Russie a envoyé des troupes au Mali vendredi",
            ["vendredi"],
        ),
    ],
)
def test_a_dateline_is_not_an_event_date(text: str, kept: list[str]) -> None:
    found = find_dates(text, published_at=date(2024, 1, 22))
    assert [p.text for p in found] == kept


def test_a_weekday_before_a_date_names_that_date() -> None:
    (period,) = find_dates("Russia deployed troops on Sunday 21 January", published_at=None)
    assert period.text == "21 January"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hello", "goodbye"),
        ("Russia.", "Mali."),
        ("روسيا.", "مالي."),
        ("Russie.", "Mali."),
        ("123", "456"),
        ("🙂🙂", "🎉"),
        ("hello", "مرحبا"),
        # A German or Spanish sentence was read as the English or French beside it:
        # "Russia" against "Mali" then made an actor conflict.
        (
            "Russia sent 300 troops to Mali in 2021",
            "Die Regierung hat 1000 Soldaten nach Mali geschickt",
        ),
        ("La Russie a envoyé 300 soldats au Mali", "El gobierno envió mil soldados a Malí ayer"),
    ],
)
def test_texts_with_no_language_or_content_in_common_never_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    relation = relate(scorer, a, b)
    assert relation.relation == "unrelated"
    assert relation.explanation


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "languages"),
    [
        ("Russia.", "Mali.", ("en", "en")),
        ("روسيا.", "مالي.", ("ar", "ar")),
        ("Russie.", "Mali.", ("fr", "fr")),
        ("Russia.", "مالي.", ("en", "ar")),
    ],
)
def test_two_bare_names_with_a_language_given_are_no_conflict(
    scorer: RelationScorer, a: str, b: str, languages: tuple[str, str]
) -> None:
    relation = scorer.relate([(a, b)], languages=[languages])[0]
    assert relation.relation in ("related", "unrelated")


@pytest.mark.parametrize(
    ("text", "language", "event"),
    [
        ("وكانت حكومة مالي قد قطعت العلاقات الدبلوماسية مع أوكرانيا", "ar", "sever"),
        ("Mali severed diplomatic ties with Ukraine", "en", "sever"),
        ("Le Mali a rompu ses relations diplomatiques avec l'Ukraine", "fr", "sever"),
        (
            "The Malian government has maintained diplomatic relations with Ukraine",
            "en",
            "maintain",
        ),
        ("وحافظت حكومة مالي على العلاقات الدبلوماسية مع أوكرانيا", "ar", "maintain"),
        ("Le Mali a maintenu ses relations diplomatiques avec l'Ukraine", "fr", "maintain"),
    ],
)
def test_what_became_of_diplomatic_ties_is_the_event(text: str, language: str, event: str) -> None:
    assert extract_slots(text, language=language).event_type == event


def test_ties_severed_and_ties_maintained_are_a_polarity_conflict_across_languages() -> None:
    a = extract_slots("وكانت حكومة مالي قد قطعت العلاقات الدبلوماسية مع أوكرانيا", language="ar")
    b = extract_slots(
        "Le Mali a maintenu ses relations diplomatiques avec l'Ukraine", language="fr"
    )
    assert compare_slots(a, b).opposed_events == ("sever", "maintain")


@pytest.mark.parametrize(
    ("text", "language", "trend"),
    [
        ("التطور التدريجي للتعاون العسكري بين روسيا ومالي", "ar", "up"),
        ("Military cooperation between Russia and Mali is declining", "en", "down"),
        ("La coopération militaire entre la Russie et le Mali recule", "fr", "down"),
        ("وقعت روسيا ومالي اتفاقا لتعزيز التعاون العسكري", "ar", None),
        ("Russia and Mali signed a deal to strengthen military cooperation", "en", None),
        ("La Russie et le Mali ont signé un accord pour renforcer leur coopération", "fr", None),
    ],
)
def test_a_trend_is_what_ties_do_not_what_someone_aims_at(
    text: str, language: str, trend: str | None
) -> None:
    assert extract_slots(text, language=language).trend == trend


@pytest.mark.slow
def test_cooperation_developing_and_cooperation_declining_conflict(scorer: RelationScorer) -> None:
    relation = relate(
        scorer,
        "أبرز السفير الروسي لدى مالي إيغور غروميكو التطور التدريجي للتعاون العسكري بين روسيا ومالي",
        "Selon l'ambassadeur russe Igor Gromyko, la coopération militaire entre la Russie et le "
        "Mali recule",
    )
    assert (relation.relation, relation.conflict_types) == ("conflict", ["polarity"])


def test_a_deputy_defence_minister_and_lavrov_are_two_actors() -> None:
    a = extract_slots(
        "التقى وفد روسي برئاسة نائب وزير الدفاع مع القادة العسكريين في نيامي", language="ar"
    )
    b = extract_slots(
        "A Russian delegation led by Foreign Minister Sergei Lavrov met leaders in Niamey",
        language="en",
    )
    assert ("actor", "deputy_defence_minister", "foreign_minister") in {
        (c.kind, c.a, c.b) for c in compare_slots(a, b).conflicts
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ووقع الانقلاب العسكري في النيجر في أغسطس 2023", "ar"),
        ("The military coup in Niger took place in August 2023", "en"),
        ("Le coup d'État militaire au Niger a eu lieu en août 2023", "fr"),
    ],
)
def test_a_coup_that_took_place_is_no_signature(text: str, language: str) -> None:
    assert extract_slots(text, language=language).event_type == "coup"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("كما قتل المسلحون العشرات من مرتزقة فاغنر في شمال مالي", "ar"),
        ("Militants killed dozens of Wagner fighters in northern Mali", "en"),
        ("Des militants ont tué des dizaines de combattants de Wagner au Mali", "fr"),
    ],
)
def test_who_is_killed_is_the_target_not_an_actor(text: str, language: str) -> None:
    slots = extract_slots(text, language=language)
    assert "wagner" in slots.recipients and "wagner" not in slots.actors


def test_signing_a_deal_and_cancelling_another_are_not_one_event() -> None:
    a = extract_slots(
        "En mars, la junte du Niger a mis fin à son accord militaire avec les États-Unis",
        language="fr",
    )
    b = extract_slots("وقعت روسيا والنيجر في ديسمبر اتفاقا لتعزيز التعاون العسكري", language="ar")
    assert (a.event_type, b.event_type) == ("cancel", "sign")
    assert compare_slots(a, b).event_relation == "different"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "تم تجنيد 1417 إفريقياً من 35 دولة",
            "Russia recruited about 25,000 foreigners from 37 countries",
        ),
        (
            "1,417 Africans from 35 countries were recruited",
            "روسيا جندت نحو 18 ألف أجنبي من 37 دولة",
        ),
    ],
)
def test_figures_that_count_different_people_are_not_compared(a: str, b: str) -> None:
    slots_a = extract_slots(a, language="ar" if a[0] > "z" else "en")
    slots_b = extract_slots(b, language="ar" if b[0] > "z" else "en")
    assert [c for c in compare_slots(slots_a, slots_b).conflicts if c.kind == "quantity"] == []


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        (
            "ستجري السنغال الانتخابات الرئاسية في 24 مارس",
            "ستجري السنغال الانتخابات الرئاسية في 31 مارس",
            "ar",
        ),
        ("Senegal will vote on 24 March", "Senegal will vote on 31 March", "en"),
        ("Le Sénégal votera le 24 mars", "Le Sénégal votera le 31 mars", "fr"),
    ],
)
def test_days_of_a_named_month_without_a_year_are_compared(a: str, b: str, language: str) -> None:
    """A day of a named month ("24 March") is the same day of the year whenever it was
    written; a weekday is not, and stays out of the comparison."""
    diff = compare_slots(extract_slots(a, language=language), extract_slots(b, language=language))
    assert [c.kind for c in diff.conflicts] == ["date"]


def test_a_weekday_is_no_date_to_compare() -> None:
    diff = compare_slots(
        extract_slots("Senegal voted on Tuesday", language="en"),
        extract_slots("Senegal voted on Sunday", language="en"),
    )
    assert not diff.conflicts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("أسقطت روسيا 43 طائرة مسيّرة أوكرانية", "ar"),
        ("أسقطت روسيا 43 طائرة بدون طيار", "ar"),
        ("Russia shot down 43 Ukrainian drones", "en"),
        ("La Russie a abattu 43 avions sans pilote", "fr"),
    ],
)
def test_an_aircraft_without_a_pilot_is_counted_as_a_drone(text: str, language: str) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.low, quantity.unit) == (43, "drones")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("مالي تتهم الجزائر بدعم المتمردين", "الجزائر تتهم مالي بدعم المتمردين"),
        (
            "Mali accuses Algeria of backing the rebels",
            "Algeria accuses Mali of backing the rebels",
        ),
        (
            "Le Mali accuse l'Algérie de soutenir les rebelles",
            "L'Algérie accuse le Mali de soutenir les rebelles",
        ),
        # Names the gazetteer does not know: capitalised on both sides, not only as a
        # first word.
        (
            "Kagame defeated Mugabo in the second round on Sunday",
            "Mugabo defeated Kagame in the second round on Sunday",
        ),
        (
            "Dupont a battu Martin au second tour dimanche",
            "Martin a battu Dupont au second tour dimanche",
        ),
    ],
)
def test_the_same_words_with_subject_and_object_traded_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["actor"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أرسلت روسيا قوات إلى مالي بعد رحيل فرنسا", "روسيا أرسلت قوات إلى مالي بعد رحيل فرنسا"),
        (
            "On Tuesday in Bamako, Mali accused Algeria of backing the rebels",
            "Mali accused Algeria of backing the rebels in Bamako on Tuesday",
        ),
        (
            "La Russie a envoyé des troupes au Mali après le départ de la France",
            "Après le départ de la France, la Russie a envoyé des troupes au Mali",
        ),
    ],
)
def test_a_moved_clause_or_a_fronted_verb_swaps_no_roles(
    scorer: RelationScorer, a: str, b: str
) -> None:
    assert relate(scorer, a, b).relation == "agree"


@pytest.mark.slow
@pytest.mark.parametrize(
    "debunk",
    [
        "صورة المروحية الروسية التي قيل إنها أسقطت قرب غاو مفبركة وتعود إلى عام 2015.",
        "The photo of a Russian helicopter downed near Gao is fake: it was taken in 2015.",
        "La photo d'un hélicoptère russe abattu près de Gao est un canular : elle date de 2015.",
    ],
)
def test_a_debunk_of_the_same_event_conflicts_across_languages(
    scorer: RelationScorer, debunk: str
) -> None:
    """Calling the report of one event false is about that event, however loosely the
    two languages' wordings line up."""
    relation = relate(scorer, "Rebels shot down a Russian helicopter near Gao on Monday.", debunk)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["denial"])


@pytest.mark.slow
def test_a_debunk_of_another_story_is_no_conflict(scorer: RelationScorer) -> None:
    relation = relate(
        scorer,
        "Rebels shot down a Russian helicopter near Gao on Monday.",
        "The claim that Wagner paid Malian officials in gold is a hoax.",
    )
    assert relation.relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "debunk"),
    [
        (
            "Wagner chief Prigozhin was killed when his jet crashed north of Moscow.",
            "Rumours that Prigozhin survived the jet crash north of Moscow are false.",
        ),
        (
            "قتل زعيم فاغنر بريغوجين في تحطم طائرته قرب موسكو",
            "الأنباء عن نجاة بريغوجين من تحطم الطائرة قرب موسكو مفبركة",
        ),
    ],
)
def test_calling_the_opposite_false_is_no_conflict(
    scorer: RelationScorer, claim: str, debunk: str
) -> None:
    """ "Rumours that he survived are false" says what "he was killed" says: the denial
    and the antonym cancel out."""
    assert relate(scorer, claim, debunk).relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("إضراب عمال يشل ميناء الجزائر", "إضراب يشل الملاحة تماما في ميناء تونس"),
        (
            "Strike paralyses the port of Algiers since Monday",
            "Strike stops all shipping at the port of Tunis",
        ),
        (
            "Une grève paralyse le port d'Alger depuis lundi",
            "Une grève bloque tout le trafic du port de Tunis",
        ),
    ],
)
def test_a_name_put_in_another_names_place_is_a_party_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    """A loose rewrite shares too few words for a minimal edit and names no party in
    common, but where the wordings part one city stands in the other's place: a place
    ("the port of Algiers"), or an actor where French "du port de" reads as "from"."""
    relation = relate(scorer, a, b)
    assert relation.relation == "conflict"
    assert relation.conflict_types in (["place"], ["actor"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "المغنية اختفت من مواقع التواصل الاجتماعي مرة أخرى",
            "المغنية ظهرت على مواقع التواصل الاجتماعي مرة أخرى",
        ),
        (
            "The singer vanished from social media again",
            "The singer reappeared on social media again",
        ),
        (
            "La chanteuse a disparu des réseaux sociaux",
            "La chanteuse est réapparue sur les réseaux sociaux",
        ),
    ],
)
def test_vanishing_and_reappearing_conflict(scorer: RelationScorer, a: str, b: str) -> None:
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["polarity"])


@pytest.mark.parametrize(
    ("plus", "minus"),
    [
        ("سرية", "معلنة"),
        ("خطوبة", "انفصال"),
        ("ممتلئة", "فارغة"),
        ("secretly", "publicly"),
        ("married", "divorced"),
        ("enemies", "allies"),
        ("clandestine", "publique"),
        ("fiançailles", "rupture"),
        ("alerte", "calme"),
        ("يباشر", "يؤجل"),
        ("نجاة", "غرق"),
        ("مسجون", "طليقا"),
        ("أبقت", "أسقطت"),
        ("survived", "drowned"),
        ("kept", "revoked"),
        ("rescapés", "noyés"),
        ("conservé", "déchu"),
        ("entamé", "suspendu"),
    ],
)
def test_new_antonym_families_have_opposite_poles(plus: str, minus: str) -> None:
    lexicon = load_lexicon()
    poles_plus = lexicon.poles_of(stem_word(plus))
    poles_minus = lexicon.poles_of(stem_word(minus))
    assert any((concept, "-") in poles_minus for concept, pole in poles_plus if pole == "+")


@pytest.mark.parametrize(
    ("a", "b", "floor"),
    [
        # Two titles, a loose rewrite: the model's cross-validated floor.
        ("النفط يتراجع مع زيادة المخزونات", "المخزونات تدفع النفط إلى الصعود", 0.5),
        # Two article sentences, a loose rewrite: the stricter floor.
        (
            "The Kremlin said on Tuesday that Russia intends to step up its military "
            "cooperation with the governments of Mali and Burkina Faso this year",
            "Moscow plans to develop defence ties with Bamako and Ouagadougou, the "
            "Kremlin spokesman told reporters in a briefing on Tuesday afternoon",
            0.7,
        ),
        # A minimal edit of a long sentence: the model's floor.
        (
            "The Kremlin said on Tuesday that Russia intends to step up its military "
            "cooperation with the governments of Mali and Burkina Faso this year",
            "The Kremlin said on Tuesday that Russia intends to scale down its military "
            "cooperation with the governments of Mali and Burkina Faso this year",
            0.5,
        ),
    ],
)
def test_the_untyped_conflict_floor_is_stricter_only_for_loose_long_rewrites(
    a: str, b: str, floor: float
) -> None:
    assert conflict_floor(align(a, b)) == floor


@pytest.mark.parametrize(
    "text",
    [
        "فندت الوزارة التقارير عن عبور القوات الحدود",
        "The ministry rebutted reports that troops crossed the border",
        "Le ministère réfute que des troupes aient franchi la frontière",
        "Le gouvernement nie avoir envoyé des troupes à la frontière",
    ],
)
def test_refuting_a_report_denies_it(text: str) -> None:
    assert polarity(text) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "لم تفند الوزارة التقارير",
        "The ministry never refuted it",
        "Le ministère n'a pas réfuté ces informations",
    ],
)
def test_not_refuting_is_no_denial(text: str) -> None:
    assert double_negation(text)


@pytest.mark.parametrize(
    "text",
    [
        "فشلت المفاوضات في التوصل إلى اتفاق بشأن السد",
        "الإخفاق في التوصل لاتفاق بشأن السد",
        "Talks failed to reach a deal on the dam",
        "Les négociations ont échoué à trouver un accord sur le barrage",
    ],
)
def test_failing_to_do_it_is_not_doing_it(text: str) -> None:
    assert polarity(text) == "negative"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("failed", "done", "quoted"),
    [
        (
            "فشلت المفاوضات في التوصل إلى اتفاق بشأن سد النهضة",
            "نجحت المفاوضات في التوصل إلى اتفاق بشأن سد النهضة",
            "فشلت المفاوضات في",
        ),
        (
            "Talks between Egypt and Ethiopia failed to reach a deal on the dam",
            "Talks between Egypt and Ethiopia reached a deal on the dam",
            "failed to",
        ),
        (
            "Les négociations ont échoué à trouver un accord sur le barrage",
            "Les négociations ont trouvé un accord sur le barrage",
            "échoué à",
        ),
    ],
)
def test_a_failure_contradicts_the_success_and_is_quoted(
    scorer: RelationScorer, failed: str, done: str, quoted: str
) -> None:
    relation = relate(scorer, failed, done)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["polarity"])
    assert quoted in relation.explanation


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "سيفرض الاتحاد الأوروبي رسوما تصل إلى 35.3% على السيارات الكهربائية الصينية",
            "سيفرض الاتحاد الأوروبي رسوما تصل إلى 53% على السيارات الكهربائية الصينية",
        ),
        (
            "The EU will impose tariffs of up to 35.3% on Chinese electric cars",
            "The EU will impose tariffs of up to 53% on Chinese electric cars",
        ),
        (
            "L'UE imposera des droits allant jusqu'à 35,3 % sur les voitures électriques chinoises",
            "L'UE imposera des droits allant jusqu'à 53 % sur les voitures électriques chinoises",
        ),
    ],
)
def test_two_different_maxima_are_no_figure_written_two_ways(
    scorer: RelationScorer, a: str, b: str
) -> None:
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["quantity"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("حقق الفيلم مليار دولار في شهره الأول", "حقق الفيلم مليون دولار في شهره الأول"),
        (
            "The film made a billion dollars in its first month",
            "The film made a million dollars in its first month",
        ),
        ("Le film a rapporté un milliard de dollars", "Le film a rapporté un million de dollars"),
    ],
)
def test_a_billion_is_not_a_million(scorer: RelationScorer, a: str, b: str) -> None:
    """The words share most letters; the alignment must not take one for the other."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["quantity"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("possible", "stated"),
    [
        (
            "Saudi airline may introduce gender-segregated seating",
            "Saudi airline will introduce gender-segregated seating",
        ),
        (
            "La compagnie saoudienne pourrait séparer les passagers",
            "La compagnie saoudienne va séparer les passagers",
        ),
        ("قد تفرض الشركة السعودية الفصل بين الركاب", "ستفرض الشركة السعودية الفصل بين الركاب"),
    ],
)
def test_a_title_that_only_says_it_may_happen_does_not_agree(
    scorer: RelationScorer, possible: str, stated: str
) -> None:
    assert relate(scorer, possible, stated).relation == "related"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("long", "short"),
    [
        (
            "UN experts called for an independent and urgent inquiry into abuses and war "
            "crimes that may have been committed by government forces and their allies in "
            "the north",
            "UN experts called for an independent inquiry into abuses in the north",
        ),
        (
            "دعا خبراء من الأمم المتحدة إلى إجراء تحقيق مستقل وعاجل في انتهاكات وجرائم حرب "
            "ربما تكون قد ارتكبتها القوات الحكومية وحلفاؤها في الشمال",
            "دعا خبراء أمميون إلى إجراء تحقيق مستقل في انتهاكات في الشمال",
        ),
    ],
)
def test_a_may_in_a_side_clause_of_a_long_sentence_still_agrees(
    scorer: RelationScorer, long: str, short: str
) -> None:
    assert relate(scorer, long, short).relation == "agree"


@pytest.mark.parametrize(
    ("text", "language", "localities"),
    [
        # GeoNames' id where it knows the town (cities of 15,000 people or more).
        ("قتل ثلاثة أشخاص في غارة على بلدة بنت جبيل جنوبي لبنان", "ar", ["ar:بنت جبيل"]),
        ("أوقفت الشرطة خلية في مدينة طنجة الساحلية", "ar", ["ar:طنجه#2530335"]),
        (
            "An earthquake struck off the coast of Oaxaca, Mexico, on Friday",
            "en",
            ["en:oaxaca#3522507"],
        ),
        (
            "Russian fighters moved into the base in Timbuktu on Tuesday",
            "en",
            ["en:timbuktu#2449067"],
        ),
        ("Des paramilitaires se sont installés dans la ville de Kidal", "fr", ["fr:kidal#2455290"]),
        # Known to the gazetteer (a capital stands for its country), or no place at all.
        ("في مدينة غزة", "ar", []),
        ("Talks resumed in January in Paris", "en", []),
        ("Le sommet s'est tenu à Paris", "fr", []),
    ],
)
def test_towns_the_gazetteer_does_not_know_are_read_where_the_wording_marks_them(
    text: str, language: str, localities: list[str]
) -> None:
    assert extract_slots(text, language=language).localities == localities


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "قتل ثلاثة أشخاص في غارة إسرائيلية على سيارة في بلدة بنت جبيل جنوبي لبنان",
            "قتل ثلاثة أشخاص في غارة إسرائيلية على سيارة في مدينة النبطية جنوبي لبنان",
        ),
        (
            "A magnitude 6.4 earthquake struck off the coast of Oaxaca, Mexico, on Friday",
            "A magnitude 6.4 earthquake struck off the coast of Guerrero, Mexico, on Friday",
        ),
        (
            "Des paramilitaires russes se sont installés mardi dans la ville de Kidal",
            "Des paramilitaires russes se sont installés mardi dans la ville de Ménaka",
        ),
    ],
)
def test_another_town_in_the_same_language_is_a_place_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["place"])


@pytest.mark.slow
def test_a_town_spelled_in_two_languages_is_one_town(scorer: RelationScorer) -> None:
    """Tombouctou and Timbuktu are one town: across languages, towns are compared by id."""
    relation = relate(
        scorer,
        "Russian paramilitaries moved into the former French base in Timbuktu on Tuesday",
        "Des paramilitaires russes se sont installés mardi dans l'ancienne base française "
        "de Tombouctou",
    )
    assert "place" not in relation.conflict_types


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "quoted"),
    [
        (
            "النفط يرتفع مع انخفاض مخزونات الخام الأميركية",
            "النفط يهبط تزامنا مع ارتفاع مخزونات الخام الأميركية",
            "النفط يرتفع",
        ),
        (
            "Oil prices rise as US crude stocks fall",
            "Oil prices fall as US crude stocks rise",
            "prices rise",
        ),
        (
            "Le pétrole monte avec la baisse des stocks américains",
            "Le pétrole baisse avec la hausse des stocks américains",
            "pétrole monte",
        ),
    ],
)
def test_the_same_thing_sent_opposite_ways_is_a_conflict_that_names_it(
    scorer: RelationScorer, a: str, b: str, quoted: str
) -> None:
    """Both sides hold a rise and a fall; what differs is what goes up."""
    assert_conflict_quoting(relate(scorer, a, b), "polarity", quoted)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "quoted"),
    [
        (
            "انتقل مقاتلون روس إلى القاعدة الفرنسية السابقة في مدينة تمبكتو يوم الثلاثاء",
            "Russian fighters moved into the former French base in the town of Gao on Tuesday",
            "تمبكتو",
        ),
        (
            "Russian paramilitaries moved into the former French base in Timbuktu on Tuesday",
            "Des paramilitaires russes se sont installés mardi dans l'ancienne base de Gao",
            "timbuktu",
        ),
        (
            "Les autorités marocaines ont démantelé lundi une cellule terroriste à Fès",
            "أوقفت السلطات المغربية يوم الاثنين خلية إرهابية من أربعة أشخاص في مدينة طنجة",
            "طنجه",
        ),
    ],
)
def test_another_town_in_another_language_is_a_place_conflict(
    scorer: RelationScorer, a: str, b: str, quoted: str
) -> None:
    """Towns GeoNames knows compare across languages by id, and are quoted by name."""
    assert_conflict_quoting(relate(scorer, a, b), "place", quoted)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "quoted"),
    [
        ("ارتفاع جديد للفضة واليورو يهبط", "الفضة تهبط واليورو يواصل صعوده", "ارتفاع للفضه"),
        ("Silver prices rise and the euro falls", "Silver falls and the euro keeps rising", "rise"),
        (
            "Hausse des cours de l'argent et l'euro recule",
            "L'argent baisse et l'euro grimpe",
            "recule",
        ),
    ],
)
def test_a_direction_word_finds_its_subject_past_a_word_of_its_own(
    scorer: RelationScorer, a: str, b: str, quoted: str
) -> None:
    """ "ارتفاع جديد للفضة", "silver prices rise", "hausse des cours de l'argent": the
    subject is the shared word of the clause, and "والدولار" / "and" start another."""
    assert_conflict_quoting(relate(scorer, a, b), "polarity", quoted)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الفضة ترتفع مع تراجع اليورو", "ارتفاع للفضة بانخفاض اليورو"),
        ("Silver rises as the euro falls", "A fall in the euro and a rise in silver"),
        ("L'argent monte avec le recul de l'euro", "Recul de l'euro et hausse de l'argent"),
    ],
)
def test_the_same_trends_in_other_words_agree(scorer: RelationScorer, a: str, b: str) -> None:
    """A rise facing a fall where the wordings part is no antonym when each thing goes the
    same way on both sides."""
    assert relate(scorer, a, b).relation == "agree"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الذهب يرتفع مع هبوط الدولار", "مع هبوط الدولار الذهب يرتفع"),
        ("Oil prices rise as US crude stocks fall", "US crude stocks fall and oil prices rise"),
        ("Le pétrole monte avec la baisse des stocks", "Avec la baisse des stocks, le brut monte"),
    ],
)
def test_the_same_directions_in_another_order_are_no_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "أدانت المحكمة وزير الصحة الكونغولي السابق باختلاس أموال مكافحة كوفيد",
            "Congo's former health minister was acquitted of embezzling Covid funds",
        ),
        (
            "Le chef rebelle a été tué mardi dans une frappe aérienne au nord du Mali",
            "نجا زعيم المتمردين الثلاثاء من غارة جوية في شمال مالي",
        ),
        (
            "The opposition candidate won Malawi's presidential election",
            "Le candidat de l'opposition a perdu l'élection présidentielle au Malawi",
        ),
    ],
)
def test_exclusive_states_across_languages_contradict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    """No words align across languages; each side on one pole of a verdict, a life or a
    contest is still a contradiction."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["polarity"])


@pytest.mark.slow
def test_a_side_on_both_poles_of_a_state_says_nothing_about_it(scorer: RelationScorer) -> None:
    relation = relate(
        scorer,
        "Two soldiers were killed and three survived the attack on the base in Mali",
        "قتل جنديان في الهجوم على القاعدة في مالي",
    )
    assert "polarity" not in relation.conflict_types


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "quoted"),
    [
        (
            "نشرت روسيا 100 جندي في بوركينا فاسو",
            "نشرت روسيا 100 جندي في النيجر",
            ("بوركينا فاسو", "النيجر"),
        ),
        (
            "Russia deployed 100 soldiers to Burkina Faso",
            "Russia deployed 100 soldiers to Niger",
            ("Burkina Faso", "Niger"),
        ),
        (
            "La Russie a déployé 100 soldats au Burkina Faso",
            "La Russie a déployé 100 soldats au Niger",
            ("Burkina Faso", "Niger"),
        ),
        # Letters and marks as written: "خارجية" and its case endings, not a folded form.
        (
            "وأيد وزيرُ خارجيةِ بوركينا فاسو تصريحات لافروف بشأن أوكرانيا",
            "وأيد وزير خارجية النيجر تصريحات لافروف بشأن أوكرانيا",
            ("وزيرُ خارجيةِ بوركينا فاسو", "وزير خارجية النيجر"),
        ),
    ],
)
def test_a_party_conflict_quotes_the_names_as_the_claims_write_them(
    scorer: RelationScorer, a: str, b: str, quoted: tuple[str, str]
) -> None:
    """ "burkina_faso" is an id; a reader looks for the words in the text."""
    relation = relate(scorer, a, b)
    assert relation.relation == "conflict"
    assert all(name in relation.explanation for name in quoted)
    assert "_" not in relation.explanation


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("اعتقال المدون المصري البارز وائل عباس من قبل قوات الأمن", "الإفراج عن وائل عباس"),
        ("Egyptian police arrest the blogger Wael Abbas at his Cairo home", "Wael Abbas freed"),
        (
            "La police égyptienne a arrêté le célèbre blogueur Wael Abbas à son domicile du Caire",
            "Wael Abbas libéré",
        ),
    ],
)
def test_two_titles_putting_one_subject_in_opposite_states_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    """Few words in common, but one subject held on one side and freed on the other."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.rule) == ("conflict", "opposite_states")
    assert relation.conflict_types == ["polarity"]


@pytest.mark.slow
def test_opposite_states_in_longer_sentences_are_no_such_conflict(scorer: RelationScorer) -> None:
    """Long sentences name many things and qualify them in side clauses."""
    relation = relate(
        scorer,
        "Security forces arrested dozens of protesters in the capital on Friday after a week "
        "of demonstrations against the rise in fuel prices announced by the government",
        "The government said on Monday that it had freed the journalists detained last month "
        "in the capital, where prices had been cut after weeks of talks with the unions",
    )
    assert relation.rule != "opposite_states"


AR_CLAIM = "القبض على الفنان بانكسي في لندن"
EN_CLAIM = "Anonymous street artist Banksy was arrested"
FR_CLAIM = "Le street artiste Banksy a été arrêté à Londres"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("debunk", "claim"),
    [
        ("خبر القبض على بانكسي شائعة كاذبة", AR_CLAIM),
        ("Banksy arrested: the story is a hoax", EN_CLAIM),
        ("L'arrestation de Banksy est une infox", FR_CLAIM),
        # A headline longer than a title (20 words) still names the report it debunks.
        (
            "Everyone calm down: the viral story claiming that the street artist Banksy was "
            "finally caught by London police is a hoax",
            EN_CLAIM,
        ),
        (
            "Non, Banksy n'est pas derrière les barreaux : l'histoire de son arrestation par la "
            "police de Londres est une infox",
            FR_CLAIM,
        ),
    ],
)
def test_a_title_calling_the_report_false_denies_it(
    scorer: RelationScorer, debunk: str, claim: str
) -> None:
    relation = relate(scorer, debunk, claim)
    assert (relation.relation, relation.conflict_types) == ("conflict", ["denial"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("debunk", "claim"),
    [
        ("هل خبر القبض على بانكسي شائعة؟", AR_CLAIM),
        ("Banksy arrested: real or hoax?", EN_CLAIM),
        ("Banksy arrest: the reports are not fake", EN_CLAIM),
        ("Banksy arrest is no hoax, his agent says", EN_CLAIM),
        ("Banksy's agent denies the hoax claims about his arrest", EN_CLAIM),
        ("Arrestation de Banksy : vrai ou infox ?", FR_CLAIM),
    ],
)
def test_asking_whether_it_is_false_or_denying_the_debunk_is_no_denial(
    scorer: RelationScorer, debunk: str, claim: str
) -> None:
    assert "denial" not in relate(scorer, debunk, claim).conflict_types


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Rebels seized three army helicopters in the north",
            "Rebels seized three army helicopters in the north, officials say",
        ),
        (
            "Rebels seized three army helicopters",
            "Rebels seized three army helicopters, army claims",
        ),
    ],
)
def test_a_title_naming_who_says_it_passes_the_claim_on(
    scorer: RelationScorer, a: str, b: str
) -> None:
    """Neither agreement nor conflict: one side states it, the other reports someone's word
    (English headlines; an article's "..., the ministry said" reports a statement)."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.rule) == ("related", "hearsay")


@pytest.mark.slow
def test_a_sentence_quoting_a_statement_in_the_past_agrees(scorer: RelationScorer) -> None:
    relation = relate(
        scorer,
        "Rebels seized three army helicopters in the north",
        "Rebels seized three army helicopters in the north, officials said",
    )
    assert relation.relation == "agree"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "quoted"),
    [
        (
            "Street artist detained by police in Bristol after overnight chase",
            "Relax: the artist was not detained",
            "not detained",
        ),
        (
            "Le rappeur interpellé par la police à Marseille après son concert",
            "Non, le rappeur n'a pas été interpellé",
            "pas été interpellé",
        ),
        (
            "مصادر: اعتقال الفنان المجهول في بريستول بعد مطاردة",
            "الأمن: لم يتم اعتقال الفنان",
            "لم يتم اعتقال",
        ),
    ],
)
def test_a_title_negating_the_word_the_other_asserts_conflicts(
    scorer: RelationScorer, a: str, b: str, quoted: str
) -> None:
    """Few words in common, but one claim and its negation, quoted from the negator on."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.rule) == ("conflict", "negated_title")
    assert quoted in relation.explanation


@pytest.mark.slow
def test_a_headline_longer_than_a_title_negating_a_word_is_left_to_the_other_rules(
    scorer: RelationScorer,
) -> None:
    relation = relate(
        scorer,
        "Street artist detained by police in Bristol after overnight chase",
        "Fans gathered outside the gallery on Friday night, and the artist, who was not "
        "detained, thanked them in a short video",
    )
    assert relation.rule != "negated_title"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Mugabo was defeated by Kagame in the second round",
            "Kagame defeated Mugabo in the second round",
        ),
        ("Dupont a été battu par Martin au second tour", "Martin a battu Dupont au second tour"),
        # Title case: every word capitalised, so capitals name nothing.
        ("Kagame Defeated Mugabo In Second Round", "Mugabo Defeated Kagame In Second Round"),
    ],
)
def test_a_passive_or_title_case_reads_no_swap_of_unknown_names(
    scorer: RelationScorer, a: str, b: str
) -> None:
    assert "actor" not in relate(scorer, a, b).conflict_types


ACCUSED_THEN_DENIED = {
    "ar": "وتتهم دول غربية المجلس العسكري الحاكم في مالي بالاستعانة بمجموعة فاغنر لارتكاب "
    "تجاوزات. لكن المجلس العسكري الحاكم ينفي ذلك.",
    "en": "Western countries accuse Mali's junta of using Wagner fighters to commit abuses. But "
    "the junta denies it.",
    "fr": "Les pays occidentaux accusent la junte malienne de recourir aux combattants de Wagner "
    "pour commettre des exactions. Mais la junte dément cela.",
}


def relate_the_denial(scorer: RelationScorer, language: str, other: str) -> Relation:
    """The last claim of ACCUSED_THEN_DENIED, read as the store reads it (with what "it"
    stands for), against `other`."""
    denial = extract_claims(ACCUSED_THEN_DENIED[language], language=language)[-1]
    assert denial.slots.refers_to is not None
    reading = resolved_text(denial.text, denial.slots)
    other_slots = extract_slots(other, language=language)
    return scorer.relate([(reading, other)], [(denial.slots, other_slots)], [(language, language)])[
        0
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "other"),
    [
        ("ar", "ستبقى القوة شبه العسكرية التي يسيطر عليها الكرملين في مالي بعد رحيل فاغنر"),
        ("en", "The Kremlin-controlled force will stay in Mali after Wagner leaves"),
        ("fr", "La force contrôlée par le Kremlin restera au Mali après le départ de Wagner"),
        # The other side negates too: two negations, still of two events.
        ("ar", "وأفادت مجموعة فاغنر بأنها باقية في مالي ولن تغادرها"),
        ("en", "Wagner said it is staying in Mali and will not leave"),
        ("fr", "Wagner a affirmé qu'il reste au Mali et ne le quittera pas"),
    ],
)
def test_denying_it_contradicts_no_claim_about_another_event(
    scorer: RelationScorer, language: str, other: str
) -> None:
    """ "The junta denies it" (using Wagner for abuses) says nothing of Wagner leaving."""
    assert relate_the_denial(scorer, language, other).relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "other"),
    [
        ("ar", "ارتكبت مجموعة فاغنر تجاوزات بحق المدنيين في مالي بطلب من المجلس العسكري"),
        ("en", "Mali's junta used Wagner fighters to commit abuses against civilians"),
        (
            "fr",
            "La junte malienne a eu recours aux combattants de Wagner pour commettre des exactions",
        ),
    ],
)
def test_denying_it_contradicts_what_it_stands_for(
    scorer: RelationScorer, language: str, other: str
) -> None:
    assert relate_the_denial(scorer, language, other).relation == "conflict"


VISITS = [
    (
        "Foreign Minister Sergei Lavrov visited Bamako on Tuesday, shortly after Moscow delivered "
        "military aid to Mali",
        "Russian President Vladimir Putin visited Bamako on Tuesday, shortly after Moscow "
        "delivered military aid to Mali",
    ),
    (
        "Le ministre russe des Affaires étrangères Sergueï Lavrov s'est rendu à Bamako mardi, peu "
        "après la livraison d'une aide militaire de Moscou au Mali",
        "Le président russe Vladimir Poutine s'est rendu à Bamako mardi, peu après la livraison "
        "d'une aide militaire de Moscou au Mali",
    ),
    (
        "زار وزير الخارجية الروسي سيرغي لافروف مالي الثلاثاء عقب تسليمها مساعدات عسكرية من موسكو",
        "وزار وزير الدفاع الروسي سيرغي شويغو مالي الثلاثاء عقب تسليم مساعدات عسكرية من موسكو",
    ),
    (
        "زار وزير الخارجية الروسي سيرغي لافروف مالي الثلاثاء عقب تسليمها مساعدات عسكرية من موسكو",
        "Le président russe Vladimir Poutine s'est rendu à Bamako mardi, peu après la livraison "
        "d'une aide militaire de Moscou",
    ),
]


@pytest.mark.parametrize(("a", "b"), VISITS)
def test_one_visit_told_of_two_people_is_an_actor_conflict(scorer, a, b) -> None:
    """Another person (Putin, Shoigu) in the place of Lavrov, with their country named on
    both sides: the person differs, whatever the country covers."""
    assert_conflict_of(relate(scorer, a, b), "actor")


AGREEMENTS_KEPT_AND_ENDED = [
    (
        "وفي آذار/ مارس، أنهى المجلس العسكري في النيجر رسميًا اتفاقًا عسكريًا سابقًا مع "
        "الولايات المتحدة",
        "Niger's junta kept its military agreement with the United States",
    ),
    (
        "Niger's junta ended its military agreement with the United States in March",
        "La junte nigérienne a maintenu son accord militaire avec les États-Unis",
    ),
    (
        "أبقت النيجر على اتفاقها العسكري مع الولايات المتحدة",
        "Niger cancelled its military agreement with the United States",
    ),
]


@pytest.mark.parametrize(("a", "b"), AGREEMENTS_KEPT_AND_ENDED)
def test_an_agreement_kept_and_the_same_agreement_ended_are_a_polarity_conflict(
    scorer, a, b
) -> None:
    assert_conflict_of(relate(scorer, a, b), "polarity")


def test_an_agreement_signed_is_not_one_kept() -> None:
    """Only "kept" reads an agreement as a tie; signing and cutting a deal stay as they are."""
    assert extract_slots("Russia cut a deal with Mali", language="en").event_type != "sever"
    kept = extract_slots("Mali kept its agreement with Russia", language="en")
    assert kept.event_type == "maintain"


REFERENCES_TO_NAMED = [
    (
        "ويُعد البلدان من المزودين الرئيسيين بالحبوب لعدد من الدول الإفريقية",
        "وتعد روسيا وأوكرانيا من أبرز موردي الحبوب إلى الدول الأفريقية",
    ),
    (
        "The two countries are among the main grain suppliers to many African states",
        "Russia and Ukraine are among the leading grain suppliers to African states",
    ),
    (
        "Les deux pays figurent parmi les principaux fournisseurs de céréales de nombreux États "
        "africains",
        "La Russie et l'Ukraine figurent parmi les premiers fournisseurs de céréales des États "
        "africains",
    ),
]


@pytest.mark.parametrize(("a", "b"), REFERENCES_TO_NAMED)
def test_the_two_countries_for_the_two_named_is_an_agreement(scorer, a, b) -> None:
    """ "The two countries" where the other side names Russia and Ukraine: the same claim,
    whatever the model's lean."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.rule) == ("agree", "agree_in_detail")


OWN_COUNTRY_NAMED = [
    (
        "وأضاف لافروف أن بلاده ستطور علاقات تجارية واستثمارية مع مالي",
        "وقال لافروف إن روسيا ستطور علاقاتها التجارية والاستثمارية مع مالي",
    ),
    (
        "Lavrov added that his country would develop trade and investment ties with Mali",
        "Lavrov said Russia would develop trade and investment ties with Mali",
    ),
    (
        "Lavrov a ajouté que son pays développera des liens commerciaux avec le Mali",
        "Lavrov a déclaré que la Russie développera des liens commerciaux avec le Mali",
    ),
]


@pytest.mark.parametrize(("a", "b"), OWN_COUNTRY_NAMED)
def test_his_country_where_the_other_names_it_is_an_agreement(scorer, a, b) -> None:
    """ "His country" in Lavrov's words is Russia: a rewrite naming Russia says the same."""
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.rule) == ("agree", "agree_in_detail")


OWN_COUNTRY_OTHER_NAMED = [
    (
        "وقال لافروف إن بلاده ستطور علاقات تجارية مع مالي",
        "وقال لافروف إن أوكرانيا ستطور علاقات تجارية مع مالي",
    ),
    (
        "Lavrov said his country would develop trade ties with Mali",
        "Lavrov said Ukraine would develop trade ties with Mali",
    ),
    (
        "Lavrov a dit que son pays développera des liens commerciaux avec le Mali",
        "Lavrov a dit que l'Ukraine développera des liens commerciaux avec le Mali",
    ),
]


@pytest.mark.parametrize(("a", "b"), OWN_COUNTRY_OTHER_NAMED)
def test_his_country_is_not_any_country_the_other_names(scorer, a, b) -> None:
    """Lavrov's country is not Ukraine: no agreement."""
    assert relate(scorer, a, b).relation != "agree"


NO_EVENT_WORD_OTHER_COUNTRY = [
    (
        "Russia is expanding its influence in Africa, in Mali and the Central African Republic",
        "Russia is expanding its influence in Africa, in Mali and Chad",
    ),
    (
        "تعمل روسيا على توسيع نفوذها في أفريقيا مثل مالي وجمهورية أفريقيا الوسطى",
        "تعمل روسيا على توسيع نفوذها في أفريقيا مثل مالي وتشاد",
    ),
    (
        "La Russie étend son influence en Afrique, au Mali et en Centrafrique",
        "La Russie étend son influence en Afrique, au Mali et au Tchad",
    ),
    (
        "تعمل روسيا على توسيع نفوذها في أفريقيا مثل مالي وجمهورية أفريقيا الوسطى",
        "Russia is expanding its influence in Africa, in Mali and Chad",
    ),
]


@pytest.mark.parametrize(("a", "b"), NO_EVENT_WORD_OTHER_COUNTRY)
def test_one_claim_without_an_event_word_naming_another_country_conflicts(scorer, a, b) -> None:
    """No event word ties the slot values, but the wording is one claim's: the CAR and
    Chad, each beside Mali in Africa, are a place conflict, not an agreement."""
    assert_conflict_of(relate(scorer, a, b), "place")


def test_the_two_countries_across_languages_is_no_agreement_by_itself(scorer) -> None:
    """Across languages no words align, so "the two countries" is no gap the other
    side's names fill: Moscow's delivery to Mali is not ships unloaded at Dakar."""
    relation = relate(
        scorer,
        "والأسبوع الماضي، سلمت موسكو مالي أسلحة وطائرات هليكوبتر هجومية، ضمن جهودها لتوثيق "
        "العلاقات بين البلدين",
        "Des images satellites ont montré que des navires russes chargés d'armes avaient été "
        "déchargés à Dakar, au Sénégal, fin mai",
    )
    assert relation.relation != "agree"


def _evidence_across(a: str, b: str, languages: tuple[str, str], cosine: float) -> PairEvidence:
    slots = (extract_slots(a, language=languages[0]), extract_slots(b, language=languages[1]))
    return PairEvidence(
        cosine=cosine,
        languages=languages,
        probabilities=None,
        diff=compare_slots(*slots),
        alignment=align(a, b),
        slots=slots,
        lexicon=load_lexicon(),
    )


def _evidence(a: str, b: str, language: str) -> PairEvidence:
    return _evidence_across(a, b, (language, language), 0.7)


ONE_SPEAKER_REWORDED = [
    (
        "وأوضح ديوب أنه تتوفر رؤى مشتركة بين روسيا ومالي في ما يتعلق بمحاربة الإرهاب في المنطقة",
        "وقال ديوب إن هناك رؤى مشتركة بين روسيا ومالي في مكافحة الإرهاب",
        "ar",
    ),
    (
        "Diop explained that Russia and Mali hold common views on fighting terrorism and "
        "insecurity in the region",
        "Diop said there are shared visions between Russia and Mali in combating terrorism",
        "en",
    ),
    (
        "Diop a expliqué que la Russie et le Mali ont des vues communes sur la lutte contre le "
        "terrorisme et l'insécurité dans la région",
        "Selon Diop, il existe une vision partagée entre la Russie et le Mali dans la lutte "
        "antiterroriste",
        "fr",
    ),
]


@pytest.mark.parametrize(("a", "b", "language"), ONE_SPEAKER_REWORDED)
def test_one_speaker_reworded_is_read_in_three_languages(a, b, language) -> None:
    assert _evidence(a, b, language).one_speaker_reworded


@pytest.mark.parametrize(("a", "b", "language"), ONE_SPEAKER_REWORDED)
def test_one_speakers_words_reworded_agree_when_nothing_typed_differs(
    scorer, a, b, language
) -> None:
    """Two outlets' wordings of Diop's statement: the model may read a conflict in the
    reworded verbs, but nothing typed differs, so both report one statement."""
    assert relate(scorer, a, b).relation == "agree"


NOT_ONE_SPEAKER_REWORDED = [
    # Two speakers (see different_speakers), and one speaker's minimal edit.
    (
        "وقال ديوب إن هناك رؤى مشتركة بين روسيا ومالي في مكافحة الإرهاب والتطرف في المنطقة",
        "وقال لافروف إن هناك رؤى مشتركة بين روسيا ومالي في مكافحة الإرهاب والتطرف في المنطقة",
        "ar",
    ),
    (
        "Diop said Russia and Mali share a vision of the fight against terrorism in the region",
        "Diop said Russia and Mali share no vision of the fight against terrorism in the region",
        "en",
    ),
]


@pytest.mark.parametrize(("a", "b", "language"), NOT_ONE_SPEAKER_REWORDED)
def test_two_speakers_or_a_minimal_edit_are_not_one_speaker_reworded(a, b, language) -> None:
    assert not _evidence(a, b, language).one_speaker_reworded


SAME_FIGURE_BOUNDED_TWO_WAYS = [
    ("Russia sent at least 300 soldiers to Mali", "Russia sent more than 300 soldiers to Mali"),
    (
        "La Russie a envoyé au moins 300 soldats au Mali",
        "La Russie a envoyé plus de 300 soldats au Mali",
    ),
    ("أرسلت روسيا 300 جندي على الأقل إلى مالي", "أرسلت روسيا أكثر من 300 جندي إلى مالي"),
]


@pytest.mark.parametrize(("a", "b"), SAME_FIGURE_BOUNDED_TWO_WAYS)
def test_a_figures_bound_words_are_no_antonyms(scorer, a, b) -> None:
    """ "At least" and "more than" bound one figure the same way: no 'least' against
    'more', and the model's lean is not heard over the slots."""
    assert relate(scorer, a, b).relation == "agree"


BOUNDS_FACING_EACH_OTHER = [
    ("Russia sent more than 300 soldiers to Mali", "Russia sent fewer than 300 soldiers to Mali"),
    (
        "La Russie a envoyé plus de 300 soldats au Mali",
        "La Russie a envoyé moins de 300 soldats au Mali",
    ),
    ("أرسلت روسيا أكثر من 300 جندي إلى مالي", "أرسلت روسيا أقل من 300 جندي إلى مالي"),
]


@pytest.mark.parametrize(("a", "b"), BOUNDS_FACING_EACH_OTHER)
def test_bounds_facing_each_other_are_a_quantity_conflict(scorer, a, b) -> None:
    assert_conflict_of(relate(scorer, a, b), "quantity")


VISITS_CALLED_OFF = [
    ("زار لافروف باماكو يوم الثلاثاء", "ألغى لافروف زيارته إلى باماكو يوم الثلاثاء"),
    ("Lavrov visited Bamako on Tuesday", "Lavrov cancelled his visit to Bamako on Tuesday"),
    ("Lavrov s'est rendu à Bamako mardi", "Lavrov a annulé sa visite à Bamako mardi"),
]


@pytest.mark.parametrize(("a", "b"), VISITS_CALLED_OFF)
def test_a_visit_called_off_did_not_take_place(scorer, a, b) -> None:
    assert_conflict_of(relate(scorer, a, b), "polarity")


# Ties between the same parties said to go one way, in two languages: no event word,
# and a cosine (0.3) below what anchors two claims by their wording alone.
TIES_ONE_WAY = [
    (
        "وقال إن شراكة النيجر الأمنية مع فرنسا تدهورت بسبب وجود مرتزقة فاغنر",
        "Le partenariat sécuritaire du Niger avec la France s'est dégradé à cause de Wagner",
        ("ar", "fr"),
    ),
    (
        "Security cooperation between Chad and France has deteriorated over the presence of Wagner",
        "تدهور التعاون الأمني بين تشاد وفرنسا بسبب وجود فاغنر",
        ("en", "ar"),
    ),
    (
        "La coopération entre le Tchad et la France s'est renforcée cette année",
        "Cooperation between Chad and France has grown stronger this year",
        ("fr", "en"),
    ),
]


@pytest.mark.parametrize(("a", "b", "languages"), TIES_ONE_WAY)
def test_ties_going_one_way_between_the_same_parties_are_one_event(a, b, languages) -> None:
    assert _evidence_across(a, b, languages, 0.3).same_event == (
        "ties going one way, between the same parties"
    )


def test_ties_going_one_way_between_other_parties_are_not_one_event() -> None:
    evidence = _evidence_across(
        "La coopération entre le Tchad et la France s'est renforcée cette année",
        "Cooperation between Russia and Mali has grown stronger this year",
        ("fr", "en"),
        0.3,
    )
    assert evidence.same_event is None


# A speaker the gazetteer does not know, written out, beside a known one or the same
# words on both sides.
SPEAKERS_TOLD_APART = [
    (
        "وقال الخبير رامي زهدي إن الدعم الروسي لا يحظى بأي زخم شعبي في مالي",
        "وقال لافروف إن روسيا ستطور علاقاتها التجارية والاستثمارية مع مالي",
        "ar",
        True,
    ),
    (
        "Analyst Rami Zohdi said Russian support enjoys no popular momentum in Mali",
        "Lavrov said Russia would develop its trade ties with Mali",
        "en",
        True,
    ),
    (
        "Selon l'analyste Rami Zohdi, le soutien russe ne bénéficie d'aucun élan populaire",
        "Selon Lavrov, la Russie développera ses liens commerciaux avec le Mali",
        "fr",
        True,
    ),
    # The Kremlin's spokesman is Peskov: the same speaker, known by name on one side.
    (
        "وقال المتحدث باسم الكرملين إن روسيا لا تعتزم تطوير تعاونها مع أفريقيا",
        "وقال بيسكوف إن روسيا ستطور تعاونها مع أفريقيا",
        "ar",
        False,
    ),
]


@pytest.mark.parametrize(("a", "b", "language", "apart"), SPEAKERS_TOLD_APART)
def test_a_speaker_only_written_out_is_told_apart_from_a_known_one(a, b, language, apart):
    assert _evidence(a, b, language).different_speakers is apart


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        (
            "وقال الخبير رامي زهدي إن زيارة لافروف لمالي تاريخية وغير مسبوقة على هذا المستوى "
            "الدبلوماسي منذ استقلال البلاد قبل عقود",
            "وقال الخبير رامي زهدي إن التعاون بين روسيا ومالي يتعمق منذ عامين في مجالات الأمن "
            "والدفاع والطاقة والتعدين",
            "ar",
        ),
        (
            "Analyst Rami Zohdi said Lavrov's visit to Mali was historic, the first at that "
            "diplomatic level since the country's independence",
            "Analyst Rami Zohdi said cooperation between Russia and Mali has deepened over two "
            "years in security, defence and mining",
            "en",
        ),
    ],
)
def test_one_speaker_written_out_alike_on_both_sides_is_one_speaker(a, b, language):
    assert _evidence(a, b, language).one_speaker_reworded


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "وصل مدربون عسكريون روس إلى النيجر بعد إلغاء اتفاقها العسكري مع الولايات المتحدة",
            "وكانت الولايات المتحدة قد شيدت قاعدة في النيجر قبل أن يطلب منها المغادرة",
        ),
        (
            "Russian military instructors arrived in Niger after the junta ended a military deal",
            "The United States was asked to leave Niger, where it had built a drone base",
        ),
        (
            "Des instructeurs militaires russes sont arrivés au Niger après la fin de l'accord",
            "Les États-Unis ont dû quitter le Niger, où ils avaient construit une base",
        ),
    ],
)
def test_one_party_arriving_does_not_undo_another_leaving(scorer: RelationScorer, a, b):
    """Events that undo one another contradict only when one party does both: Russian
    trainers arriving and the US leaving are two happenings, whatever place they share."""
    assert "polarity" not in relate(scorer, a, b).conflict_types


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "وأشار إلى أن هناك بالفعل عددا من المدربين العسكريين الروس العاملين في هذه الدول",
            "ويعمل عدد من المدربين العسكريين الروس بالفعل في مالي وبوركينا فاسو والنيجر",
        ),
        (
            "He said Russian military trainers are already working in these countries",
            "Russian military trainers are already working in Mali, Burkina Faso and Niger",
        ),
        (
            "Il a indiqué que des instructeurs militaires russes travaillent déjà dans ces pays",
            "Des instructeurs militaires russes travaillent déjà au Mali, au Burkina Faso et au "
            "Niger",
        ),
    ],
)
def test_these_countries_refer_to_the_countries_the_other_side_names(
    scorer: RelationScorer, a, b
) -> None:
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("وأفرغت السفن حمولتها من الأسلحة في ميناء داكار", "ar"),
        ("The ships unloaded their cargo of weapons in Dakar", "en"),
        ("Les navires ont déchargé leur cargaison d'armes à Dakar", "fr"),
    ],
)
def test_unloading_a_cargo_is_a_delivery_to_where_it_is_unloaded(text, language) -> None:
    slots = extract_slots(text, language=language)
    assert slots.event_type == "deliver" and "senegal" in slots.places + slots.recipients


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "ومنذ تولي الحكم في مالي، في أغسطس 2020، تبنى المجلس العسكري بقيادة أسيمي غويتا "
            "تقاربا مع موسكو",
            "La junte d'Assimi Goïta, au pouvoir depuis août 2019, a rompu avec la France",
        ),
        (
            "Since taking power in Mali in August 2020, Assimi Goita's junta has moved closer "
            "to Moscow",
            "August 2021: a junta led by Assimi Goita seizes power in Mali",
        ),
        (
            "استولى المجلس العسكري بقيادة غويتا على السلطة في مالي في أغسطس 2020",
            "Le Mali est dirigé par la junte d'Assimi Goïta, arrivée au pouvoir en mai 2021",
        ),
    ],
)
def test_two_dates_of_one_taking_of_power_conflict(scorer: RelationScorer, a, b) -> None:
    """A regime starts once: its start dated twice is a date conflict, whatever else
    each claim tells and however far apart the dates lie."""
    assert_conflict_of(relate(scorer, a, b), "date")


@pytest.mark.slow
def test_the_same_taking_of_power_told_alone_agrees(scorer: RelationScorer) -> None:
    a = (
        "ومنذ تولي الحكم في مالي، في أغسطس 2020، تبنى المجلس العسكري بقيادة أسيمي غويتا "
        "تقاربا مع موسكو بعد طرد القوات الفرنسية"
    )
    assert relate(
        scorer, a, "Assimi Goita's junta has been in power since August 2020"
    ).relation == ("agree")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "En mars, la junte nigérienne a mis fin à son accord militaire avec les États-Unis",
            "En mars, la junte nigérienne a mis fin à son accord militaire avec les États-Unis, "
            "après une visite d'une délégation russe à Niamey",
        ),
        (
            "أنهى المجلس العسكري في النيجر في مارس اتفاقه العسكري مع الولايات المتحدة",
            "ألغى المجلس العسكري في النيجر في مارس اتفاقه العسكري مع الولايات المتحدة بعد "
            "زيارة وفد روسي إلى نيامي",
        ),
    ],
)
def test_one_main_event_undoes_nothing_in_side_events(scorer: RelationScorer, a, b) -> None:
    """Cancelling and visiting undo each other ("cancelled his visit" / "visited"), but
    two claims that both end an agreement oppose nothing in a visit one of them adds."""
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Reports of Russian weapons shipments to West Africa are fabricated",
            "Russia recruited 1,417 Africans into its army between 2023 and 2025",
        ),
        (
            "Les informations sur des livraisons d'armes russes en Afrique de l'Ouest sont fausses",
            "La Russie a recruté 1 417 Africains dans son armée entre 2023 et 2025",
        ),
    ],
)
def test_a_debunk_is_of_a_report_of_its_own_event(scorer: RelationScorer, a, b) -> None:
    """Calling arms shipments false debunks no report of recruits."""
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Wagner announced it is leaving Mali",
            "Africa Corps will not remain in Mali after Wagner's departure",
        ),
        (
            "Wagner a annoncé qu'il quittait le Mali",
            "L'Africa Corps ne restera pas au Mali après le départ de Wagner",
        ),
        ("أعلنت فاغنر أنها تغادر مالي", "لن يبقى فيلق أفريقيا في مالي بعد رحيل فاغنر"),
    ],
)
def test_a_negation_of_another_word_denies_no_event_of_the_other_side(
    scorer: RelationScorer, a, b
) -> None:
    """ "Will not remain ... after Wagner's departure" negates staying, not the departure
    the other side reports."""
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "ستبقى القوة شبه العسكرية التي يسيطر عليها الكرملين في مالي بعد رحيل فاغنر",
            "The Kremlin-controlled paramilitary force will not remain in Mali after Wagner's "
            "departure",
        ),
        (
            "The Kremlin-controlled Africa Corps will stay in Mali after Wagner leaves",
            "L'Africa Corps contrôlé par le Kremlin ne restera pas au Mali après le départ de "
            "Wagner",
        ),
    ],
)
def test_staying_denied_contradicts_staying(scorer: RelationScorer, a, b) -> None:
    """Staying is no event, but a negation bears on it: "will not remain" against "will
    stay" (ستبقى) is one claim and its negation."""
    assert_conflict_of(relate(scorer, a, b), "polarity")
