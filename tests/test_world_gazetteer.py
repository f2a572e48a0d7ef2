"""The world gazetteer: every state's name, capital and demonym in Arabic, English and
French is one id, ambiguous names are read as decided in tools/build_gazetteer.py, and
two cities of different countries are a place conflict across languages."""

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from claims.relate.slot_diff import compare_slots
from claims.slots import extract_slots
from claims.slots.entities import find_entities

ROOT = Path(__file__).resolve().parents[1]

# Name, capital and demonym (with and without the Arabic article, masculine,
# feminine and plural) of countries from five continents.
ONE_COUNTRY = {
    "morocco": ["المغرب", "بالمغرب", "الرباط", "المغربي", "مغربية", "المغاربة", "Morocco",
                "Rabat", "Moroccans", "le Maroc", "marocaine", "marocains"],
    "lebanon": ["لبنان", "بلبنان", "بيروت", "اللبناني", "لبنانيون", "Lebanon", "Beirut",
                "Lebanese", "au Liban", "Beyrouth", "libanaise"],
    "germany": ["ألمانيا", "بألمانيا", "برلين", "الألماني", "ألمانية", "الألمان", "Germany",
                "Berlin", "German", "l'Allemagne", "allemands"],
    "bolivia": ["بوليفيا", "لاباز", "البوليفي", "بوليفية", "Bolivia", "La Paz", "Sucre",
                "Bolivian", "la Bolivie", "boliviennes"],
    "indonesia": ["إندونيسيا", "جاكرتا", "الإندونيسي", "إندونيسيين", "Indonesia", "Jakarta",
                  "Indonesians", "l'Indonésie", "indonésienne"],
    "kenya": ["كينيا", "نيروبي", "الكيني", "كينيون", "Kenya", "Nairobi", "Kenyan", "kényane"],
    "saudi_arabia": ["السعودية", "المملكة العربية السعودية", "في الرياض", "السعوديين",
                     "Saudi Arabia", "Riyadh", "Saudis", "l'Arabie saoudite", "Riyad",
                     "saoudienne"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [(surface, entity_id) for entity_id, forms in ONE_COUNTRY.items() for surface in forms],
)
def test_name_capital_and_demonym_in_each_language_are_one_country(surface, entity_id):
    assert find_entities(surface) == [entity_id]


def test_every_sovereign_state_is_in_the_gazetteer():
    raw = json.loads(resources.files("claims.data").joinpath("gazetteer.json").read_text("utf-8"))
    countries = {e["id"] for e in raw["entities"] if e["kind"] == "country"}
    # 193 UN members, the two observers (Holy See, Palestine), Taiwan and Kosovo.
    assert len(countries) == 197
    assert {"usa", "uk", "car", "vatican", "palestine", "dr_congo", "south_sudan"} <= countries


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("Guinea-Bissau held elections", ["guinea_bissau"]),
        ("la Guinée-Bissau", ["guinea_bissau"]),
        ("Equatorial Guinea", ["equatorial_guinea"]),
        ("Papua New Guinea", ["papua_new_guinea"]),
        ("غينيا بيساو", ["guinea_bissau"]),
        ("Guinea", ["guinea"]),
        ("South Sudan", ["south_sudan"]),
        ("جنوب السودان", ["south_sudan"]),
        ("le Soudan du Sud", ["south_sudan"]),
        ("South Sudanese troops", ["south_sudan"]),
        ("Sudan", ["sudan"]),
        ("South Africa", ["south_africa"]),
        ("جنوب أفريقيا", ["south_africa"]),
        ("North Korea", ["north_korea"]),
        ("Corée du Sud", ["south_korea"]),
        ("Latin America", ["latin_america"]),
        ("المغرب العربي", ["maghreb"]),
    ],
)
def test_the_longest_name_wins(text, entities):
    assert find_entities(text) == entities


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        # Lower case, these are ordinary words.
        ("Turkey said it would respond", ["turkey"]),
        ("Türkiye", ["turkey"]),
        ("a roast turkey for Thanksgiving", []),
        ("a guinea pig", []),
        ("a hanging chad", []),
        ("Chad closed its border", ["chad"]),
        # Korea alone does not say which one.
        ("Korea", []),
        ("كوريا", []),
        # Georgia the US state is in the United States.
        ("in the state of Georgia", ["usa"]),
        ("في ولاية جورجيا", ["usa"]),
        ("Georgia and Armenia", ["georgia", "armenia"]),
        ("Tbilissi", ["georgia"]),
        # Jordan Bardella is a French politician, not the kingdom.
        ("Jordan Bardella a déclaré", ["bardella"]),
        ("Jordan said", ["jordan"]),
        # Common Arabic words that a capital would otherwise read as.
        ("سيول جارفة", []),  # floods, not Seoul
        ("كابل بحري", []),  # a cable, not Kabul
        ("نما الاقتصاد", []),  # grew, not بنما
        ("هناك فراغ", []),  # a void, not براغ (Prague)
        ("فوز مان يونايتد", []),  # not ألمان (Germans)
        ("قال رياض سلامة", []),  # a first name, not الرياض
        ("ظروف قاهرة", []),  # an adjective, not القاهرة
        ("الأزمة المالية", []),  # financial, not Malian
        ("وزير المالية", ["finance_minister"]),
    ],
)
def test_ambiguous_words_read_as_decided(text, entities):
    assert find_entities(text) == entities


@pytest.mark.parametrize(
    ("text", "context", "entities"),
    [
        # عمان is Oman or Amman: the article decides, alone it names neither.
        ("وصل الوزير إلى عمان", "", []),
        ("وصل الوزير إلى عمان", "زيارة إلى الأردن", ["jordan"]),
        ("وصل الوزير إلى عمان", "محادثات في سلطنة عمان", ["oman"]),
        # Tripoli is Libya's unless the article is about Lebanon.
        ("اشتباكات في طرابلس", "", ["libya"]),
        ("اشتباكات في طرابلس", "شمال لبنان", ["lebanon"]),
        ("clashes in Tripoli", "", ["libya"]),
        # Congo: the article's other names decide between the two.
        ("Congo's health minister", "", []),
        ("Congo's health minister", "a court in Kinshasa", ["dr_congo"]),
        ("au Congo", "à Brazzaville", ["republic_of_congo"]),
        ("وزير الصحة الكونغولي", "محكمة في كينشاسا", ["dr_congo"]),
        ("RDC", "", ["dr_congo"]),
        ("Congo-Brazzaville", "", ["republic_of_congo"]),
    ],
)
def test_names_of_two_places_are_resolved_by_the_article(text, context, entities):
    assert find_entities(text, context=context) == entities


def _slots(text: str, language: str):
    return extract_slots(text, language=language)


def test_two_capitals_across_languages_are_a_place_conflict():
    a = _slots("Protesters gathered in Rabat on Friday", "en")
    b = _slots("Des manifestants se sont rassemblés vendredi à Tunis", "fr")
    c = _slots("تجمع محتجون يوم الجمعة في الرباط", "ar")
    assert (a.places, b.places, c.places) == (["morocco"], ["tunisia"], ["morocco"])
    assert "place" in compare_slots(a, b).kinds
    assert "place" in compare_slots(c, b).kinds
    assert "place" not in compare_slots(a, c).kinds


def test_a_capital_its_country_and_its_region_are_no_place_conflict():
    rabat = _slots("Protesters gathered in Rabat on Friday", "en")
    maroc = _slots("Des manifestants se sont rassemblés vendredi au Maroc", "fr")
    maghreb = _slots("تجمع محتجون يوم الجمعة في المغرب العربي", "ar")
    assert "place" not in compare_slots(rabat, maroc).kinds
    assert "place" not in compare_slots(rabat, maghreb).kinds


def test_the_shipped_gazetteer_is_what_the_tables_build():
    pytest.importorskip("babel")
    build = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
