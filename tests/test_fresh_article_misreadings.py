"""Misreadings found on the twelve articles written against the seeds in stop 21 (the
restatements' fresh batches), each fixed as a rule and tested here on our own examples in
every language it covers: names joined by "and", a negator after a conjunction, an event
that only dates a state ("since its deployment"), a state's start against another
event's date, two denials of one thing, "the two countries", a currency sign before its
figure, "foreign fighters", events in two words, fighter jets, admissions, losses, stems
shared with common words, the Arabic future ("ستواصل"), two speakers' statements, and a
date in a "since" clause."""

from __future__ import annotations

import pytest
from conftest import assert_conflict_of, relate

from claims.extract import extract_claims, speaker_of
from claims.relate import RelationScorer
from claims.relate.lexicon import load_lexicon
from claims.relate.words import stem_word
from claims.slots import extract_slots
from claims.slots.dates import find_dates
from claims.slots.events import polarity
from claims.slots.quantities import find_quantities


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "China and Russia remain the biggest arms suppliers to Africa",
            "Russia and China are the biggest arms suppliers to Africa",
        ),
        (
            "La Chine et la Russie restent les premiers fournisseurs d'armes de l'Afrique",
            "La Russie et la Chine sont les premiers fournisseurs d'armes de l'Afrique",
        ),
        (
            "الصين وروسيا أكبر موردي الأسلحة إلى أفريقيا",
            "روسيا والصين أكبر موردي الأسلحة إلى أفريقيا",
        ),
    ],
)
def test_names_joined_by_and_trade_no_roles(scorer: RelationScorer, a: str, b: str) -> None:
    assert relate(scorer, a, b).relation == "agree"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وأفادت المجموعة بأنها باقية في مالي ولن تغادرها", "negative"),
        ("فلم يصل الوفد الروسي إلى باماكو", "negative"),
        ("ولا سيما في مالي والنيجر", "positive"),
        ("ولاية كيدال تستقبل الوفد", "positive"),
    ],
)
def test_an_arabic_negator_keeps_its_conjunction(text: str, expected: str) -> None:
    assert polarity(text) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rights groups accuse Wagner of abuses since its deployment in Mali", "en"),
        ("تتهم منظمات حقوقية فاغنر بانتهاكات منذ انتشارها في مالي", "ar"),
        ("Des ONG accusent Wagner d'exactions depuis son déploiement au Mali", "fr"),
    ],
)
def test_an_event_after_since_only_dates_the_claim(text: str, language: str) -> None:
    assert "deploy" not in extract_slots(text, language=language).events


@pytest.mark.parametrize(
    ("text", "language", "event"),
    [
        pytest.param(
            "The group said it was pulling its fighters out of Mali",
            "en",
            "withdraw",
            id="pulling out 0",
        ),
        pytest.param(
            "Wagner is pulling out of the Central African Republic",
            "en",
            "withdraw",
            id="pulling out 1",
        ),
        pytest.param(
            "Algeria's foreign minister said his country regards Ukraine as a terrorist state",
            "en",
            "designate",
            id="regards, considère, تعتبر 0",
        ),
        pytest.param(
            "Le ministre a déclaré que son pays considère l'Ukraine comme un État terroriste",
            "fr",
            "designate",
            id="regards, considère, تعتبر 1",
        ),
        pytest.param(
            "قال الوزير إن بلاده تعتبر أوكرانيا دولة إرهابية",
            "ar",
            "designate",
            id="regards, considère, تعتبر 2",
        ),
        pytest.param(
            "Niger's junta scrapped its military accord with the United States",
            "en",
            "cancel",
            id="scrapped 0",
        ),
        pytest.param(
            "Armed groups have inflicted heavy losses on Malian troops",
            "en",
            "kill",
            id="losses 0",
        ),
        pytest.param(
            "Les groupes armés ont infligé de lourdes pertes à l'armée malienne",
            "fr",
            "kill",
            id="losses 1",
        ),
        pytest.param(
            "تسببت الجماعات المسلحة في خسائر فادحة للقوات المالية",
            "ar",
            "kill",
            id="losses 2",
        ),
        pytest.param(
            "Moscow reorganised its operations and set up the Africa Corps",
            "en",
            "establish",
            id="two words 0",
        ),
        pytest.param(
            "La junte a mis fin à l'accord militaire avec les États-Unis",
            "fr",
            "cancel",
            id="two words 1",
        ),
        pytest.param(
            "Le porte-parole du Kremlin a dit que rien n'a changé",
            "fr",
            "statement",
            id="two words 2",
        ),
    ],
)
def test_the_event_a_claim_tells(text: str, language: str, event: str) -> None:
    """ "pulling out" withdraws; "regards", "considère", "تعتبر" designate; "scrapped"
    cancels; losses inflicted are a toll; events told in two words ("set up", "mis fin à",
    "a dit")."""
    assert extract_slots(text, language=language).event_type == event


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Wagner fighters have been in Mali since January 2022",
            "Militants killed dozens of Wagner fighters in northern Mali last July",
        ),
        (
            "Les combattants de Wagner sont au Mali depuis janvier 2022",
            "Des insurgés ont tué des dizaines de combattants de Wagner dans le nord du Mali "
            "en juillet dernier",
        ),
        (
            "مقاتلو فاغنر موجودون في مالي منذ يناير 2022",
            "قتل مسلحون العشرات من مقاتلي فاغنر في شمال مالي في يوليو الماضي",
        ),
    ],
)
def test_a_state_since_a_date_and_another_event_are_not_one_event(
    scorer: RelationScorer, a: str, b: str
) -> None:
    assert relate(scorer, a, b).relation not in ("agree", "conflict")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        pytest.param(
            "Wagner fighters have been in Mali since January 2022",
            "مقاتلو فاغنر منتشرون في مالي منذ ديسمبر 2021",
            "date",
            id="two starts of one state 0",
        ),
        pytest.param(
            "Wagner fighters have been deployed in Mali since January 2022",
            "Les combattants de Wagner sont déployés au Mali depuis décembre 2021",
            "date",
            id="two starts of one state 1",
        ),
        pytest.param(
            "أكد لافروف أن بلاده ستواصل مساعدة مالي على تحسين قدراتها العسكرية",
            "أكد لافروف أن روسيا ستتوقف عن مساعدة مالي في تحسين قدراتها العسكرية",
            "polarity",
            id="will continue, will stop 0",
        ),
        pytest.param(
            "وقال ديمتري بيسكوف المتحدث باسم الكرملين إننا نعتزم حقا تطوير تفاعلنا بشكل شامل "
            "مع البلدان الأفريقية مع التركيز على التفاعل الاقتصادي والاستثماري",
            "وقال بيسكوف إن روسيا لا تعتزم تطوير تعاونها مع البلدان الأفريقية",
            "polarity",
            id="negator on a shared word 0",
        ),
        pytest.param(
            "Peskov said Moscow really intends to develop its interaction with African countries "
            "comprehensively, with the focus mainly on economic and investment ties",
            "Peskov said Russia does not intend to develop its cooperation with African countries",
            "polarity",
            id="negator on a shared word 1",
        ),
        pytest.param(
            "ومنذ تولي الحكم في مالي، في أغسطس 2020، تقارب المجلس العسكري بقيادة أسيمي "
            "غويتا مع موسكو",
            "The junta led by Assimi Goita has ruled Mali since August 2021",
            "date",
            id="a since clause 0",
        ),
        pytest.param(
            "Depuis sa prise du pouvoir au Mali en août 2020, la junte d'Assimi Goita s'est "
            "rapprochée de Moscou",
            "The junta led by Assimi Goita has ruled Mali since August 2021",
            "date",
            id="a since clause 1",
        ),
    ],
)
def test_a_typed_conflict_of_its_kind(scorer: RelationScorer, a: str, b: str, kind: str) -> None:
    """Two starts of one state across languages, "will continue" / "will stop", a negator
    bearing on a shared word in a looser rewrite, a date in a "since" clause."""
    assert_conflict_of(relate(scorer, a, b), kind)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "Mali severed diplomatic relations with Ukraine last year",
            "Militants killed dozens of Wagner fighters in northern Mali in July",
            id="two events far apart 0",
        ),
        pytest.param(
            "قطعت حكومة مالي العلاقات الدبلوماسية مع أوكرانيا العام الماضي",
            "قتل مسلحون نحو 300 من مرتزقة فاغنر في شمال مالي في يوليو الماضي",
            id="two events far apart 1",
        ),
        pytest.param(
            "Moscow denied that Wagner is leaving Mali",
            "Wagner said it is staying in Mali and will not leave",
            id="two denials of one thing 0",
        ),
        pytest.param(
            "نفت موسكو أن فاغنر تغادر مالي",
            "وأفادت مجموعة فاغنر بأنها باقية في مالي ولن تغادرها",
            id="two denials of one thing 1",
        ),
        pytest.param(
            "Moscou a démenti que Wagner quitte le Mali",
            "Wagner a affirmé qu'il reste au Mali et ne le quittera pas",
            id="two denials of one thing 2",
        ),
        pytest.param(
            "وفي آذار مارس أنهى المجلس العسكري في النيجر رسميا اتفاقا عسكريا مع الولايات المتحدة",
            "ووقع الانقلاب العسكري في النيجر في أغسطس 2023",
            id="two different events 0",
        ),
        pytest.param(
            "In March Niger's junta formally ended its military agreement with the United States",
            "The military coup in Niger took place in August 2023",
            id="two different events 1",
        ),
        pytest.param(
            "En mars, la junte nigérienne a mis fin à son accord militaire avec les États-Unis",
            "Le coup d'État militaire au Niger a eu lieu en août 2023",
            id="two different events 2",
        ),
        pytest.param(
            "ويُعد البلدان من المزودين الرئيسيين بالحبوب لعدد من الدول الإفريقية",
            "وتعد روسيا وأوكرانيا من أبرز موردي الحبوب إلى الدول الأفريقية",
            id="the two countries 0",
        ),
        pytest.param(
            "The two countries are among the main grain suppliers to African states",
            "Russia and Ukraine are among the biggest grain suppliers to African states",
            id="the two countries 1",
        ),
        pytest.param(
            "Les deux pays figurent parmi les principaux fournisseurs de céréales de l'Afrique",
            "La Russie et l'Ukraine sont parmi les grands fournisseurs de céréales de l'Afrique",
            id="the two countries 2",
        ),
        pytest.param(
            "وقال ديوب إن هناك رؤى مشتركة بين روسيا ومالي في مكافحة الإرهاب",
            "وأكد لافروف أن روسيا ستتوقف عن مساعدة مالي في تحسين قدراتها العسكرية",
            id="two speakers 0",
        ),
        pytest.param(
            "Diop said Russia and Mali share a vision of the fight against terrorism",
            "Lavrov said Russia would stop helping Mali improve its military capabilities",
            id="two speakers 1",
        ),
        pytest.param(
            "Selon Diop, la Russie et le Mali partagent une vision de la lutte antiterroriste",
            "Selon Lavrov, la Russie cessera d'aider le Mali à renforcer ses capacités militaires",
            id="two speakers 2",
        ),
    ],
)
def test_nothing_set_against_the_other_side_is_no_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    """Two events far apart, two denials of one thing, two different events, "the two
    countries" against their names, two speakers' statements."""
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.parametrize(
    ("text", "language", "phrase", "low", "high", "unit"),
    [
        ("The base cost more than $250 million to build", "en", "more than $250 million",
         250e6, None, "dollars"),
        ("Moscow paid about $ 40 million for the deal", "en", "about $ 40 million",
         36e6, 44e6, "dollars"),
        ("Le contrat atteint €2 milliards", "fr", "€2 milliards", 2e9, 2e9, "euros"),
        ("بلغت الصفقة $300 مليون", "ar", "$300 مليون", 300e6, 300e6, "dollars"),
    ],
)  # fmt: skip
def test_a_currency_sign_before_a_figure_is_its_unit(
    text: str, language: str, phrase: str, low: float, high: float | None, unit: str
) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.phrase, quantity.low, quantity.high, quantity.unit) == (
        phrase, low, high, unit
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language", "phrase"),
    [
        ("Ukraine recruited fewer than 5,000 foreign fighters", "en",
         "fewer than 5,000 foreign fighters"),
        ("L'Ukraine a recruté moins de 5 000 combattants étrangers", "fr",
         "moins de 5 000 combattants étrangers"),
        ("جندت أوكرانيا أقل من 5 آلاف مقاتل أجنبي", "ar", "أقل من 5 آلاف مقاتل أجنبي"),
    ],
)  # fmt: skip
def test_foreign_fighters_are_counted_as_foreigners(text: str, language: str, phrase: str) -> None:
    (quantity,) = find_quantities(text, language=language)
    assert (quantity.unit, quantity.phrase) == ("foreigners", phrase)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("سلمت موسكو مالي طائرات مقاتلة من طراز سوخوي", "ar"),
        ("Moscow delivered Sukhoi warplanes to Mali", "en"),
        ("Moscou a livré des avions de chasse au Mali", "fr"),
    ],
)
def test_fighter_jets_are_aircraft(text: str, language: str) -> None:
    assert extract_slots(text, language=language).equipment == ["aircraft"]


@pytest.mark.parametrize(
    ("future", "present"),
    [("ستواصل", "تواصل"), ("سيتوقف", "يتوقف"), ("ستنسحب", "تنسحب"), ("سنستأنف", "نستأنف")],
)
def test_an_arabic_future_has_its_verbs_poles(future: str, present: str) -> None:
    lexicon = load_lexicon()
    poles = lexicon.poles_of(stem_word(future))
    assert poles and poles == lexicon.poles_of(stem_word(present))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "في كانون الأول/ ديسمبر الماضي، وقّعت روسيا والنيجر اتفاقًا لتعزيز التعاون العسكري، "
            "حيث تعاني النيجر من أزمة أمنية وسياسية عقب الانقلاب الذي وقع في تموز/ يوليو",
            "ووقعت روسيا والنيجر في ديسمبر الماضي اتفاقاً لتعزيز التعاون العسكري بين البلدين",
        ),
    ],
)
def test_one_event_with_its_parties_and_date_alike_agrees(
    scorer: RelationScorer, a: str, b: str
) -> None:
    assert relate(scorer, a, b).relation == "agree"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Moscow admitted that Wagner fighters had left Gao.", "en"),
        ("Le Kremlin a reconnu que les combattants de Wagner ont quitté Gao.", "fr"),
        ("واعترف الكرملين بأن مقاتلي فاغنر غادروا غاو.", "ar"),
    ],
)
def test_who_admits_it_is_its_speaker(text: str, language: str) -> None:
    (claim,) = extract_claims(text, language=language)
    assert claim.speaker == "russia"


@pytest.mark.parametrize(
    ("common", "entry"),
    [("وقال", "يقيل"), ("أنه", "ينهي"), ("قبل", "قبول")],
)
def test_a_stem_shared_with_a_common_word_carries_no_pole(common: str, entry: str) -> None:
    """ "قال" (said) is no dismissal and "أنه" (that it) no ending; other forms of the
    entries keep their poles."""
    lexicon = load_lexicon()
    assert lexicon.poles_of(stem_word(common)) == frozenset()
    assert lexicon.poles_of(stem_word(entry))


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("وقال ديوب إن هناك رؤى مشتركة بين روسيا ومالي", "ar", "diop"),
        ("Lavrov said Russia would keep helping Mali", "en", "lavrov"),
        ("Selon Sergueï Lavrov, la Russie continuera d'aider le Mali", "fr", "lavrov"),
        ("وقال الخبير في الشؤون الأفريقية إن الدعم يتزايد", "ar", None),
        # Explaining is saying, as "أوضح" is in Arabic.
        ("وأوضح ديوب أن هناك رؤى مشتركة بين روسيا ومالي", "ar", "diop"),
        ("Diop explained that Russia and Mali share a vision", "en", "diop"),
        ("Diop a expliqué que la Russie et le Mali partagent une vision", "fr", "diop"),
    ],
)
def test_a_claims_speaker_is_read_when_the_gazetteer_knows_it(
    text: str, language: str, speaker: str | None
) -> None:
    assert speaker_of(text, language) == speaker


@pytest.mark.parametrize(
    ("text", "language", "since"),
    [
        ("ومنذ تولي الحكم في مالي، في أغسطس 2020، تقارب المجلس العسكري مع موسكو", "ar", True),
        ("Since taking power in August 2020, the junta has moved closer to Moscow", "en", True),
        (
            "Depuis sa prise du pouvoir en août 2020, la junte s'est rapprochée de Moscou",
            "fr",
            True,
        ),
        ("Militants killed dozens of Wagner fighters in northern Mali in July 2023", "en", False),
    ],
)
def test_a_date_in_a_since_clause_starts_a_state(text: str, language: str, since: bool) -> None:
    (period,) = find_dates(text)
    assert period.since is since
