"""Two titles worded too differently for a rewrite (under a fifth of their words in
common): the model's 'conflict' is heard only where words that can oppose back it (a
negation on one side, an antonym facing its opposite, figures on both sides), so a loose
contradiction is caught and a loose paraphrase is not opposed; nor is someone's
statement, which in an article shares its subject with every fact of the story. Our own
examples, in every language the rule reads."""

from __future__ import annotations

import pytest
from conftest import relate

from claims.extract import is_attributed
from claims.relate import RelationScorer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Floods kill four in Niamey", "Niamey rains leave nobody dead"),
        ("Ten soldiers died in the Gao ambush", "Gao ambush: army reports no casualties"),
        (
            "Le Mali reçoit quatre hélicoptères russes",
            "Aucun hélicoptère livré au Mali cette année",
        ),
        ("دخلت قوات روسية مدينة تمبكتو يوم الاثنين", "لم تطأ أقدام أي جندي روسي تمبكتو"),
        ("مقتل 4 أشخاص في فيضانات بالنيجر", "النيجر: مرور الأمطار دون خسائر بشرية"),
    ],
)
def test_a_loose_contradiction_between_titles_is_a_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    relation = relate(scorer, a, b)
    assert (relation.relation, relation.rule) == ("conflict", "contradicting_titles")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russian instructors land in Niamey", "Moscow's military trainers arrive in Niger"),
        ("Floods kill four in Niamey", "Four dead as heavy rain hits Niger's capital"),
        (
            "Inondations : quatre morts à Niamey",
            "De fortes pluies font quatre victimes dans la capitale nigérienne",
        ),
        ("وصول مدربين روس إلى نيامي", "خبراء عسكريون من موسكو يحطون في النيجر"),
    ],
)
def test_a_loose_paraphrase_of_a_title_is_no_conflict(
    scorer: RelationScorer, a: str, b: str
) -> None:
    assert relate(scorer, a, b).relation != "conflict"


@pytest.mark.parametrize(
    ("text", "language", "attributed"),
    [
        ("وقال بيسكوف إن روسيا لا تعتزم إرسال قوات", "ar", True),
        ("ونفى الكرملين أن مدربيه يغادرون النيجر", "ar", True),
        ("وصل مدربون روس إلى النيجر", "ar", False),
        ("Moscow denied that its instructors are leaving Niger", "en", True),
        ("Russian instructors arrived in Niger", "en", False),
        ("Selon le Kremlin, les instructeurs restent au Niger", "fr", True),
        ("Des instructeurs russes sont arrivés au Niger", "fr", False),
    ],
)
def test_a_statement_says_whose_it_is(text: str, language: str, attributed: bool) -> None:
    # Such claims are kept from `_contradicting_titles`: in an article, a short sentence
    # passing on a statement shares its subject with every fact of the story.
    assert is_attributed(text, language) is attributed
