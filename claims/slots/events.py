"""What happened in a claim: event type, equipment, polarity and modality.

Triggers are matched on bare word forms (Arabic folded, proclitics off, Latin
lower-cased), by prefix, so one entry covers a verb's inflections: "سلم"
matches سلمت and سلمها, "deliver" matches delivered and deliveries. "Ready to
supply" is an intention, not a delivery: modality says which.
"""

from __future__ import annotations

import re

from claims.arabic import normalize_arabic, normalize_digits
from claims.slots.entities import Tokens

# Event triggers by type. Killing outranks the attack that caused it; otherwise
# the earliest content trigger wins, and speech acts (statement, accuse, deny)
# only when nothing else happened: "قال لافروف إن روسيا سلمت" is a delivery.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "kill": ("قتل", "مقتل", "اغتيال", "اغتال", "خسائر", "killed", "kill", "casualties", "tué",
             "tue ", "tués"),
    "attack": ("هجوم ", "هجوما ", "هجمات", "هاجم", "شنت", "شن ", "كمين", "تفجير", "attack",
               "ambush",
               "assault", "attaque", "embuscade", "attentat"),
    "deliver": ("سلم", "تسليم", "تزويد", "تزود", "زود", "مزود", "توريد", "ارسال", "شحن", "امداد",
                "تقديم", "قدمت", "يقدم",
                "deliver", "supplied", "supply", "supplies", "shipped", "sent", "provide",
                "livr", "fourni", "fournir", "envoy", "envoi"),
    "recruit": ("تجنيد", "جندت", "جند ", "يجند", "تجند", "recruit", "recrut"),
    "train": ("تدريب", "درب", "train", "formé", "formation", "forment"),
    "deploy": ("نشر", "انتشار", "deploy", "stationed", "déploi", "deploi", "déploy"),
    "withdraw": ("انسحاب", "انسحب", "تغادر", "غادر", "مغادره", "رحيل", "طرد", "خروج",
                 "withdr", "leaving", "leave", "left", "pulled", "expel", "retrait", "retir",
                 "quitt", "expuls"),
    "cancel": ("الغاء", "الغت", "الغي", "انهاء", "انهي", "قطع", "cancel", "terminat",
               "ended", "revoked", "annul", "rompu", "dénonc"),
    "sign": ("وقع", "توقيع", "اتفاق", "اتفاقيه", "signed", "sign", "agreement", "deal",
             "sign", "accord"),
    "establish": ("اسس", "تاسيس", "انشاء", "شكلت", "تشكيل", "established", "founded",
                  "created", "formed", "fond", "créé", "cré"),
    "arrive": ("وصل", "وصول", "arriv"),
    "visit": ("زار", "زياره", "visit", "visite"),
    "accuse": ("اتهم", "اتهام", "تتهم", "يتهم", "accus"),
    "deny": ("نفي", "ينفي", "تنفي", "نفت", "denied", "deny", "denies", "dément", "dement",
             "nié", "nie "),
    "statement": ("قال", "اكد", "اضاف", "اعلن", "اوضح", "اشار", "صرح", "ذكر", "افاد", "said",
                  "says", "stated", "announced", "told", "declared", "déclaré", "affirm",
                  "annonc", "a dit", "indiqu"),
}  # fmt: skip

_EQUIPMENT: dict[str, tuple[str, ...]] = {
    "mi-35m": ("مي - 35 ام", "مي-35 ام", "مي 35", "mi-35", "mi 35"),
    "tanks": ("دبابات", "دبابه", "tank", "chars d'assaut", "chars"),
    "armoured vehicles": ("مركبات مدرعه", "المركبات المدرعه", "مدرعات", "armoured vehicle",
                          "armored vehicle", "véhicules blindés", "blindés"),
    "artillery": ("مدفعيه", "artillery", "artillerie"),
    "air-defence systems": ("دفاع جوي", "الدفاع الجوي", "air-defence", "air defence",
                            "air-defense", "air defense", "défense aérienne", "antiaérien"),
    "radar": ("رادار", "radar"),
    "helicopters": ("هليكوبتر", "مروحيه", "مروحيات", "helicopter", "hélicoptère"),
    "drones": ("طائرات بدون طيار", "طائره بدون طيار", "مسيرات", "مسيره", "drone"),
    "aircraft": ("مقاتلات", "fighter jet", "aircraft", "avions de combat"),
    "missiles": ("صواريخ", "صاروخ", "missile"),
    "weapons": ("اسلحه", "سلاح", "weapons", "arms", "armes"),
}  # fmt: skip

# Arabic nouns take proclitics (بالدبابات، والمدفعية); Latin ones take plurals.
_EQUIPMENT_PATTERNS = {
    name: re.compile(
        r"(?<![^\W\d_])(?:[وفبلك]{0,2}(?:ال)?)(?:" + "|".join(map(re.escape, surfaces)) + ")"
    )
    for name, surfaces in _EQUIPMENT.items()
}

_NEGATION = re.compile(
    r"(?<!\w)(?:لم|لن|لا|ليس|ليست|ليسوا|not|never|no longer|ne|jamais|aucun|aucune"
    r"|ينفي|تنفي|نفي|نفت|نفوا|denied|denies|dément|démenti|démentent)(?!\w)|n't\b|(?<!\w)n['’]"
)
# Phrases that contain a negator but assert: "لا سيما" (especially), "لا يزال" (still).
_NOT_NEGATION = re.compile(
    r"لا سيما|لا تزال|لا يزال|ما زال|ما زالت|لا تزالان|not only|non seulement|ne cesse"
)
_INTENDED = re.compile(
    r"(?<!\w)(?:[ونت]?عتزم|يعتزم|مستعد|مستعده|استعداد|استعدادها|سوف|من المتوقع|تسعي|يسعي"
    r"|will|intends?|plans? to|ready to|prepared to|expected to|is to|va|vont|compte|entend"
    r"|envisage|prêt|prête|prêts|projette|doit|doivent|devrait|devraient)(?!\w)"
    # Arabic future prefix سـ on a present verb (ستواصل، سيبدأ), minus common nouns.
    r"|(?<!\w)(?!سيا|سيط|سير|سيد|سين|ستين|ستراتيج|سنه|سنو|سنت|ستار|سته|سنغال)س[يتن]\w{3,}"
)
_POSSIBLE = re.compile(
    r"(?<!\w)(?:قد\s+[يتنا]\w+|ربما|يمكن|يمكنها|يمكنه|قد يكون|may|might|could|possibly|pourrait"
    r"|pourraient|peut|peuvent|possible|محتمل|محتمله)(?!\w)"
)
_REPORTED = re.compile(
    r"(?<!\w)(?:مصادر|مصدر|تقارير|تقرير|افادت تقارير|يعتقد|يقال|reportedly|allegedly|sources"
    r"|reports?|rumou?red|selon des sources|selon des informations|aurait|auraient|présumé)(?!\w)"
)


_SPEECH_EVENTS = ("accuse", "deny", "statement")
_LIGHT_PREFIX = re.compile(r"^[وف]?[بلك]?")
# One-word triggers: an entry ending in a space must be the whole word, others are prefixes.
_WHOLE_WORD = {
    kind: frozenset(t.strip() for t in triggers if t.endswith(" ") and " " not in t.strip())
    for kind, triggers in _TRIGGERS.items()
}
_PREFIX = {
    kind: re.compile("|".join(re.escape(t) for t in triggers if " " not in t))
    for kind, triggers in _TRIGGERS.items()
}


def event_type(tokens: Tokens) -> str | None:
    """The claim's event type, or None when no trigger is present."""
    forms = _forms(tokens)
    if _first_trigger(forms, "kill") is not None:
        return "kill"
    found = [
        (index, kind)
        for kind in _TRIGGERS
        if kind not in _SPEECH_EVENTS and (index := _first_trigger(forms, kind)) is not None
    ]
    if found:
        return min(found)[1]
    for kind in _SPEECH_EVENTS:
        if _first_trigger(forms, kind) is not None:
            return kind
    return None


def trigger_index(tokens: Tokens, kind: str | None) -> int | None:
    """Token position of the first trigger of `kind`, for role assignment."""
    return None if kind is None else _first_trigger(_forms(tokens), kind)


def _forms(tokens: Tokens) -> list[tuple[str, ...]]:
    # "بإلغاء" is ب + إلغاء, not the article: also try without proclitics only.
    return [
        (key, word.lower(), _LIGHT_PREFIX.sub("", word))
        for key, word in zip(tokens.keys, tokens.words, strict=True)
    ]


def _first_trigger(forms: list[tuple[str, ...]], kind: str) -> int | None:
    whole, prefix = _WHOLE_WORD[kind], _PREFIX[kind]
    for index, token_forms in enumerate(forms):
        if any(form in whole or prefix.match(form) for form in token_forms):
            return index
    return None


def find_equipment(text: str) -> list[str]:
    """Canonical equipment names in order of first mention."""
    folded = normalize_digits(normalize_arabic(text)).lower()
    found = []
    for name, pattern in _EQUIPMENT_PATTERNS.items():
        match = pattern.search(folded)
        if match:
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def polarity(text: str) -> str:
    """'negative' when the claim is negated or denied, else 'positive'."""
    folded = _NOT_NEGATION.sub(" ", normalize_arabic(text).lower())
    return "negative" if _NEGATION.search(folded) else "positive"


def modality(text: str) -> str:
    """reported (hedged source) > intended (plans, readiness, future) > possible > asserted."""
    folded = normalize_arabic(text).lower()
    if _REPORTED.search(folded):
        return "reported"
    if _INTENDED.search(folded):
        return "intended"
    if _POSSIBLE.search(folded):
        return "possible"
    return "asserted"
