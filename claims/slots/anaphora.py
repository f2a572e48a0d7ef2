"""Demonstrative objects: "لكن المجلس العسكري الحاكم ينفي ذلك" denies what the claim before says.

A claim whose object is ذلك/هذا, "it"/"this"/"the reports" or "cela"/"l'a démenti"
names nothing checkable on its own; read with its antecedent, the claim before it in
the same paragraph, it does. The antecedent's entities, equipment and event join the
claim's slots; the claim keeps its own polarity and modality, so a denial stays one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claims.arabic import normalize_arabic, strip_marks
from claims.model import ClaimSlots
from claims.slots.events import SPEECH_EVENTS

# Patterns match the folded text (أ/إ/آ as ا, ة as ه, ى as ي), like every slot matcher.
# Nouns that stand for something already said: "نفى هذه الاتهامات", "denied the reports".
_REPORT_NOUNS = {
    "ar": r"(?:ال|هذه ال|تلك ال)(?:اتهامات|اتهام|مزاعم|ادعاءات|تقارير|انباء|معلومات)",
    "en": r"(?:the|this|that|these|those|such)\s+(?:claims?|reports?|allegations?|accusations?"
    r"|charges?|information)",
    "fr": r"(?:ces|cette|les|ses|de telles)\s+(?:informations?|accusations?|allégations?"
    r"|affirmations?|rumeurs?)",
}
_DEMONSTRATIVES = {
    "ar": r"ذلك|هذا|هذه|تلك",
    "en": r"it|this|that|these|those",
    "fr": r"cela|ça|ceci",
}
# The object closes the clause: "ينفي ذلك", "denied it.", "dément cela »".
_OBJECT = {
    language: re.compile(
        rf"(?<!\w)(?P<anaphor>{_REPORT_NOUNS[language]}|{_DEMONSTRATIVES[language]})"
        r"[\s.!»”\"'’]*$",
        re.IGNORECASE,
    )
    for language in _DEMONSTRATIVES
}
# The object can be a pronoun on the verb: Arabic attaches it, and the subject may
# follow ("نفته موسكو", "أكده", "يرفضها"); French puts it in front ("Moscou l'a démenti").
_AR_OBJECT_VERBS = r"ينفي|تنفي|نفا|نفت|نفو|ينفون|اكد|اكدت|يؤكد|تؤكد|اكدو|رفض|رفضت|يرفض|ترفض|رفضو"
_CLITIC = {
    "ar": re.compile(rf"(?<!\w)[وف]?(?:{_AR_OBJECT_VERBS})(?P<anaphor>ه|ها)(?!\w)"),
    "fr": re.compile(
        r"(?<!\w)(?P<anaphor>l['’]|le\s|la\s|les\s)\s*(?:(?:a|ont|avait|avaient)\s+)?"
        r"(?:démenti|dément|démentent|nié|nie|nient|confirmé|confirme|confirment"
        r"|contesté|conteste|contestent|rejeté|rejette|rejettent)\b",
        re.IGNORECASE,
    ),
}
# After these the demonstrative is an adverbial, not an object: "بما في ذلك"
# (including), "بعد ذلك" (then), "فضلا عن ذلك" (moreover), "after that", "malgré cela".
_NOT_AN_OBJECT = {
    "ar": re.compile(r"(?<!\w)(?:في|بعد|قبل|مع|الي|من|علي|رغم|غير|مثل|فضلا عن|عوضا عن)\s*$"),
    "en": re.compile(
        r"\b(?:of|after|before|despite|besides|like|with|than|for|beyond|including|on top of)\s*$",
        re.IGNORECASE,
    ),
    "fr": re.compile(r"(?:\b(?:après|avant|malgré|comme|avec|pour|outre|de plus)\s*|\bd['’])$"),
}


def has_anaphor(text: str, language: str) -> bool:
    """Whether the clause's object is a demonstrative, a report noun or an object pronoun."""
    return _find(text, language)[1] is not None


def replace_anaphor(text: str, language: str, meaning: str) -> str:
    """`text` with its anaphoric object replaced by `meaning`, or `meaning` when it has none."""
    plain, match = _find(text, language)
    if match is None:
        return meaning
    before, after = plain[: match.start("anaphor")], plain[match.end("anaphor") :]
    return " ".join(part for part in (before.strip(), meaning, after.strip()) if part)


def _find(text: str, language: str) -> tuple[str, re.Match[str] | None]:
    """The text without diacritics and the anaphor's match; folding keeps its offsets."""
    plain = strip_marks(text)
    if language not in _OBJECT:
        return plain, None
    folded = normalize_arabic(plain)
    match = _OBJECT[language].search(folded)
    if match and not _NOT_AN_OBJECT[language].search(folded[: match.start("anaphor")]):
        return plain, match
    clitic = _CLITIC.get(language)
    return plain, clitic.search(folded) if clitic else None


def with_antecedent(
    slots: ClaimSlots, antecedent: ClaimSlots, *, refers_to: str, resolved: str
) -> ClaimSlots:
    """The claim's slots completed by what its antecedent names.

    Entities keep one role each, the claim's own first. The antecedent's event
    replaces a speech act ("ينفي") or a missing one: the claim is about that event.
    """
    named = set(slots.parties)
    roles = {role: list(getattr(slots, role)) for role in ("actors", "places", "recipients")}
    for role in roles:
        for entity_id in getattr(antecedent, role):
            if entity_id not in named:
                roles[role].append(entity_id)
                named.add(entity_id)
    content_event = antecedent.event_type not in (None, *SPEECH_EVENTS)
    speech_or_none = slots.event_type in (None, *SPEECH_EVENTS)
    return replace(
        slots,
        **roles,
        equipment=list(dict.fromkeys(slots.equipment + antecedent.equipment)),
        event_type=antecedent.event_type if content_event and speech_or_none else slots.event_type,
        events=list(antecedent.events) if speech_or_none else slots.events,
        refers_to=refers_to,
        resolved=resolved,
    )


def resolved_text(text: str, slots: ClaimSlots) -> str:
    """What a claim says with its demonstrative object resolved; its own text otherwise."""
    return slots.resolved or text
