"""Turn a cleaned article into atomic, attributed claims with spans and slots.

Sentences are split further where independent facts are coordinated ("...،
وقد وصل مدربون عسكريون من روسيا إلى النيجر"), never inside quoted speech.
Each claim carries who said it, whether it is denied or hedged, whether a
fact-checker would check it, and its slots. Spans index the cleaned text. A claim
whose object points back ("لكن المجلس العسكري الحاكم ينفي ذلك") also carries the
claim before it and a reading with the pointer resolved (`ClaimSlots.resolved`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from claims.arabic import fold, strip_marks
from claims.model import Claim, ClaimSlots
from claims.segment import Sentence, split_sentences
from claims.slots import extract_slots
from claims.slots.anaphora import has_anaphor, replace_anaphor, with_antecedent
from claims.slots.entities import entity_kind, find_mentions, is_entity, tokenize
from claims.slots.events import AR_DENIAL

_OPENING_QUOTES = '«“"„'
_CLOSING_QUOTES = '»”"'


def _ar(pattern: str) -> str:
    """Let a pattern written in bare letters match every hamza and ta/ya spelling."""
    return pattern.replace("ا", "[اأإآ]").replace("ه", "[هة]").replace("ي", "[يى]")


# --- Clause splitting ------------------------------------------------------------------
# A new clause starts after a comma when one of these opens it; "، و" + a word
# without the article is usually a new verb clause, "، و" + ال... a list item.
_CLAUSE_OPENERS = {
    # "، وهو أول انتشار" and "، مما يشير إلى" comment on the fact before them.
    # After "، و" a verb opens a clause: وقد, وكان, an imperfect (ويقول) or a past
    # verb. Form-II verbal nouns (تزويد، تقديم، تعزيز) and وكذلك continue a list.
    "ar": _ar(
        r"(?:وقد|كما|فيما|في حين|بينما|لكن|ولكن|الا ان|بالاضافه الي|وكان\w*|ولا|ولم|ولن|وهو|وهي|مما"
        r"|و(?!كذلك|ال|ت\w\w\wي\w|\w+ات(?!\w))(?:ي|ت|ن|ا)\w{2,}|و(?!كذلك|ال)\w{2,}(?:ت|وا))"
    ),
    "en": r"(?:and|while|but|whereas|although)",
    "fr": r"(?:et|tandis que|mais|alors que|cependant)",
}
_MIN_CLAUSE_WORDS = 4
_CLAUSE_OPENER_WORDS = re.compile(_ar(r"^(?:\s*(?:و|ف|لكن|ولكن|كما|بينما|في المقابل|،))+\s*"))

# --- Attribution ------------------------------------------------------------------------
_AR_SPEECH_VERB = _ar(
    r"(?:قال|قالت|يقول|تقول|اكد|اكدت|يوكد|توكد|اضاف|اضافت|اوضح|اوضحت|اشار|اشارت|ذكر|ذكرت"
    r"|اعلن|اعلنت|صرح|صرحت|افاد|افادت|نفي|نفت|ينفي|تنفي|اتهم|اتهمت|يتهم|تتهم|راي|يري|ابرز"
    r"|اشاد|لوح|دعا|حذر|ايد|جدد|جددت|تابع|اعرب|اعترف|اعترفت|يعترف|تعترف|اقر|اقرت|يقر|تقر)"
)
# Verb, then its subject up to a complementiser, a colon, a quote or a time word:
# "وقال ديمتري بيسكوف المتحدث باسم الكرملين:" -> "ديمتري بيسكوف المتحدث باسم الكرملين".
_AR_SPEAKER = re.compile(
    rf"(?P<lead>^|[\s،])(?P<conj>[وف]?){_AR_SPEECH_VERB}(?!\w)"
    r"(?P<np>(?:\s+[^\s:،,.«“\"(]+){0,8}?)"
    + _ar(r"(?=\s*[:،,«“\"(]|\s+(?:ان|انه|انها|إن|بان|الي|في|خلال|اليوم|يوم|امس|علي|عن|ب)(?:\s|$))")
)
_AR_ACCORDING = re.compile(
    _ar(r"(?:وفقا ل|وفق|حسب|بحسب|نقلا عن)\s*(?P<np>[^،,.:]{2,60}?)(?=[،,.:]|$)")
)
_EN_SPEAKER = re.compile(
    r"(?:[Aa]ccording to)\s+(?P<np>[^,.;]{2,60}?)(?=[,.;]|$)"
    r"|(?:said|told)\s+(?P<np3>(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})"
    r"|(?P<np2>(?:[Tt]he\s+)?[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|for|army|ministry|government"
    r"|officials|spokesman|spokeswoman|military|forces|sources)){0,5})\s+"
    r"(?:said|says|told|announced|stated|added|explained|noted|stressed|denied|denies|claimed"
    r"|insisted|warned|accused|accuses|accuse|admitted|admits|acknowledged|acknowledges)\b"
)
_FR_SPEAKER = re.compile(
    r"(?:[Ss]elon|[Dd]'après)\s+(?P<np>[^,.;]{2,60}?)(?=[,.;]|$)"
    r"|(?:a déclaré|a affirmé|a indiqué|a annoncé|a expliqué|a ajouté|a précisé|a souligné)"
    r"\s+(?P<np3>(?:l[ea]\s+|l')?"
    r"[\wÀ-ÿ'-]+(?:\s+[A-ZÀ-Þ][\wÀ-ÿ'-]*){0,3})"
    r"|(?P<np2>(?:[Ll][ea]\s+|[Ll]')?[A-ZÀ-Þ][\wÀ-ÿ'-]*(?:\s+[A-ZÀ-Þ][\wÀ-ÿ'-]*){0,3})\s+"
    r"(?:(?:a|ont)\s+(?:déclaré|affirmé|annoncé|indiqué|expliqué|ajouté|précisé|souligné"
    r"|démenti|nié|dit|assuré|accusé|reconnu)"
    r"|accusent|accuse|démentent|dément|nient|nie|reconnaît|reconnaissent|admet)\b"
)
_PRONOUN_SUBJECT = re.compile(_ar(r"^(?:ذلك|هذا|هذه|ان|انه|انها)?$"))
_CLAUSE_LEAD = re.compile(_ar(r"^(?:[وف]|كما|ثم|لكن|ولكن|من جانبه|من جانبها|من جهته|،|\s)*$"))

_DENIAL = re.compile(
    _ar(rf"(?<!\w){AR_DENIAL}(?!\w)")
    + r"|\b(?:denied|denies|deny|denying|dément|démenti|démentent|nié|nient)\b"
)
_HEDGE = re.compile(
    _ar(r"(?<!\w)(?:مصادر|ربما|يعتقد|يقال|علي ما يبدو|من المرجح|من المتوقع)(?!\w)")
    + r"|\b(?:reportedly|allegedly|sources|apparently|presumably|rumou?red|selon des sources"
    r"|selon des informations|semble|sembleraient|aurait|auraient|probablement)\b"
)

# --- Check-worthiness -------------------------------------------------------------------
_OPINION = re.compile(
    _ar(r"(?<!\w)[وف]?(?:راي|يري|تري|نري|اعتقد|نعتقد|من الصعب|ينبغي|يجب|ان علي|بحاجه الي)(?!\w)")
    + r"|\b(?:I think|we believe|in my opinion|should|must|je pense|nous pensons|à mon avis"
    r"|selon moi|faut-il)\b"
)
_BOILERPLATE = re.compile(
    _ar(r"جميع الحقوق محفوظه|تابعونا|للمزيد من الاخبار")
    + r"|all rights reserved|follow us|tous droits réservés|suivez-nous"
)
# A sentence this long that names a party says something checkable about it even with
# no event the lexicon knows ("Governments in the Sahel have turned to Russian-controlled
# forces to help them fight ..."); headlines, labels and captions are shorter. A design
# bound (a headline runs to about ten words), not fitted to any data.
_STATEMENT_WORDS = 12
_TERMINAL = re.compile(r"[.!?؟…]['\"”’»)\]]*$")

# --- Content ----------------------------------------------------------------------------
# What a clause asserts once who said it is dropped. "إن"/"that"/"que" open the content;
# a short phrase between commas right after the speaker describes the speaker:
# "وتتهم دول غربية، في مقدمتها فرنسا وحلفاؤها الأوروبيون، المجلس العسكري ...".
_COMPLEMENTISER = re.compile(
    _ar(r"^(?:الي\s+)?(?:ب?ان(?:ه|ها)?)\s+") + r"|^(?:that|que|qu['’])\s*", re.IGNORECASE
)
_MAX_APPOSITION_WORDS = 6
_EDGE_PUNCTUATION = " \t\n،,.;:؛«»“”\"'"


@dataclass(frozen=True, slots=True)
class _Attribution:
    """Who speaks; `frame` spans the words that say so ("وقال لافروف", "Moscow denied").

    The frame indexes `strip_marks(clause)`; None when the clause has no attribution.
    """

    speaker: str | None
    explicit: bool
    frame: tuple[int, int] | None = None


def extract_claims(text: str, *, language: str, published_at: date | None = None) -> list[Claim]:
    """Atomic claims of a cleaned article, in order; `text[claim.start:claim.end]` is each span."""
    claims: list[Claim] = []
    seen: set[str] = set()
    previous_speaker: str | None = None
    quote_open = False
    previous_end = 0
    for number, sentence in enumerate(split_sentences(text)):
        attribution = _attribution(sentence.text, language)
        speaker = attribution.speaker
        # A quotation left open goes on in the next sentence of the same paragraph.
        quote_open = quote_open and "\n" not in text[previous_end : sentence.start]
        previous_end = sentence.end
        continues_quote = sentence.text[0] in _OPENING_QUOTES or quote_open
        if speaker is None and (attribution.explicit or continues_quote):
            speaker = previous_speaker  # "وقال:" / a quote that goes on: the last speaker
        previous_speaker = speaker
        quote_open = _opens_quote(sentence.text, already_open=quote_open)
        is_subheading = number > 0 and not _TERMINAL.search(sentence.text)
        for index, (start, end) in enumerate(_clauses(sentence, language)):
            claim_text = text[start:end]
            if index > 0:
                speaker = _attribution(claim_text, language).speaker or speaker
            key = fold(claim_text)
            slots = extract_slots(
                claim_text, language=language, published_at=published_at, context=text
            )
            # Judged on the clause alone: one that only points back ("تتغاضى عن ذلك")
            # adds no fact of its own, and a denial is checkable through its speaker.
            check_worthy = (
                not is_subheading
                and key not in seen
                and _is_check_worthy(claim_text, slots, speaker)
            )
            if claims and "\n" not in text[claims[-1].end : start]:
                slots = _resolve_anaphor(claim_text, slots, claims[-1], language)
            claims.append(
                Claim(
                    text=claim_text,
                    start=start,
                    end=end,
                    language=language,
                    speaker=speaker,
                    hedged=bool(_HEDGE.search(strip_marks(sentence.text))),
                    denied=bool(_DENIAL.search(strip_marks(claim_text))),
                    check_worthy=check_worthy,
                    slots=slots,
                )
            )
            seen.add(key)
    return claims


def _opens_quote(sentence: str, *, already_open: bool) -> bool:
    """Whether a quotation is still open after this sentence (it goes on in the next one)."""
    depth = (
        int(already_open)
        + sum(sentence.count(q) for q in "«“")
        - sum(sentence.count(q) for q in "»”")
    )
    return depth > 0


def _clauses(sentence: Sentence, language: str) -> list[tuple[int, int]]:
    """Spans of the sentence's independent clauses, in source coordinates."""
    text = sentence.text
    opener = _CLAUSE_OPENERS.get(language, _CLAUSE_OPENERS["en"])
    cuts = [0]
    for match in re.finditer(rf"(?:[،,]\s*(?={opener}\s)|[؛;]\s*)", text):
        if _inside_quotes(text, match.start()):
            continue
        left, right = text[cuts[-1] : match.start()], text[match.end() :]
        long_enough = len(left.split()) >= _MIN_CLAUSE_WORDS
        # "، لكن الكرملين نفاه" is short but a claim of its own: a denial of the left side.
        clause = _until_next_cut(right)
        if long_enough and (len(clause) >= _MIN_CLAUSE_WORDS or _DENIAL.search(" ".join(clause))):
            cuts.append(match.end())
    spans = []
    for begin, finish in zip(cuts, [*cuts[1:], len(text)], strict=True):
        span = _trim(text, begin, finish)
        if span:
            spans.append((sentence.start + span[0], sentence.start + span[1]))
    return spans


def _until_next_cut(text: str) -> list[str]:
    return re.split(r"[،,؛;]", text, maxsplit=1)[0].split()


def _inside_quotes(text: str, position: int) -> bool:
    before = text[:position]
    guillemets = before.count("«") - before.count("»")
    curly = before.count("“") - before.count("”")
    return guillemets > 0 or curly > 0 or before.count('"') % 2 == 1


def _trim(text: str, begin: int, finish: int) -> tuple[int, int] | None:
    while begin < finish and (text[begin].isspace() or text[begin] in "،,؛;"):
        begin += 1
    while finish > begin and (text[finish - 1].isspace() or text[finish - 1] in "،,؛;."):
        finish -= 1
    return (begin, finish) if begin < finish else None


def speaker_of(text: str, language: str) -> str | None:
    """Whom a claim's own words attribute it to, when the gazetteer knows them ("وقال ديوب
    إن ..." -> "diop"); None for no speaker or one only written out."""
    speaker = speaker_words(text, language)
    return speaker if speaker is not None and is_entity(speaker) else None


def speaker_words(text: str, language: str) -> str | None:
    """`speaker_of`, or where the gazetteer does not know the speaker the words that
    name them ("وقال الخبير رامي زهدي إن" -> "الخبير رامي زهدي"); None for no speaker
    ("وأضاف أن")."""
    return _attribution(text, language).speaker


def is_attributed(text: str, language: str) -> bool:
    """The claim's own words say whose it is: a speech verb or a source ("وقال لافروف
    إن", "Moscow denied that", "selon l'ONU"), known to the gazetteer or not."""
    return _attribution(text, language).explicit


def _attribution(clause: str, language: str) -> _Attribution:
    """Who the clause attributes its content to; `explicit` when a speech verb or source is there.

    A verb at the start with no subject ("وقال:", "كما أشار إلى أن") continues the
    previous speaker; a subject before the verb ("لكن المجلس العسكري ينفي ذلك") is used.
    """
    plain = strip_marks(clause) + "،"  # a clause ends like a comma: "لكن المجلس ينفي ذلك"
    if language == "ar":
        match = _AR_ACCORDING.search(plain) or _AR_SPEAKER.search(plain)
    elif language == "fr":
        match = _FR_SPEAKER.search(plain)
    else:
        match = _EN_SPEAKER.search(plain)
    if match is None:
        return _Attribution(None, explicit=False)
    groups = match.groupdict()
    phrase = (groups.get("np") or groups.get("np2") or groups.get("np3") or "").strip(" ،,:")
    # A subject before its verb ("Moscow denied") belongs to the frame from the clause start.
    frame = (0 if groups.get("np2") else match.start(), match.end())
    if _PRONOUN_SUBJECT.match(phrase):
        before = plain[: match.start("conj")] if "conj" in groups else ""
        if _CLAUSE_LEAD.match(before):
            return _Attribution(None, explicit=True, frame=frame)
        phrase = _CLAUSE_OPENER_WORDS.sub("", before).strip(" ،,")
        if not phrase or len(phrase.split()) > 4:
            return _Attribution(None, explicit=False)
        frame = (0, match.end())  # the subject before the verb is the speaker
    return _Attribution(_canonical_speaker(phrase), explicit=True, frame=frame)


def _canonical_speaker(phrase: str) -> str:
    """A known person, else a known organisation or group, else the one country of a short
    phrase ("السلطات المالية"), else the phrase as written."""
    mentions = find_mentions(tokenize(phrase))
    for kinds in ({"person"}, {"org", "armed_group"}):
        named = [m.entity_id for m in mentions if entity_kind(m.entity_id) in kinds]
        if named:
            return named[0]
    countries = {m.entity_id for m in mentions}
    if len(countries) == 1 and len(phrase.split()) <= 3:
        return countries.pop()
    return " ".join(phrase.split()[:6])


def _is_check_worthy(text: str, slots: ClaimSlots, speaker: str | None) -> bool:
    """A checkable fact names someone or somewhere and says what happened, how many or when."""
    plain = strip_marks(text)
    if plain.rstrip(" »”\"'").endswith(("?", "؟")) or _OPINION.search(plain):
        return False
    if _BOILERPLATE.search(plain.lower()):
        return False
    named = slots.actors or slots.places or slots.recipients
    specific = (
        slots.event_type
        or slots.quantities
        or slots.dates
        or slots.equipment
        or len(plain.split()) >= _STATEMENT_WORDS
    )
    # What a named speaker says about a named actor is a checkable statement.
    return bool(named and (specific or slots.trend)) or bool(
        speaker and (slots.actors or slots.event_type == "deny")
    )


def _content(clause: str, language: str) -> str:
    """The clause without its attribution: the proposition a later "ينفي ذلك" can stand for."""
    plain = strip_marks(clause)
    frame = _attribution(clause, language).frame
    if frame is None:
        return plain.strip(_EDGE_PUNCTUATION)
    start, end = frame[0], min(frame[1], len(plain))
    after = plain[end:].lstrip(' :«“"')
    if after[:1] in ("،", ","):
        after = after[1:]
        apposition, *rest = re.split(r"[،,]", after, maxsplit=1)
        if (
            rest
            and len(apposition.split()) <= _MAX_APPOSITION_WORDS
            and len(rest[0].split()) >= _MIN_CLAUSE_WORDS
            and not _COMPLEMENTISER.match(apposition.strip())
        ):
            after = rest[0]
    after = _COMPLEMENTISER.sub("", after.strip())
    return f"{plain[:start].strip()} {after}".strip(_EDGE_PUNCTUATION)


def _resolve_anaphor(clause: str, slots: ClaimSlots, previous: Claim, language: str) -> ClaimSlots:
    """Slots of a clause whose object is ذلك/"it"/cela, completed from the claim before it."""
    if not has_anaphor(clause, language):
        return slots
    return with_antecedent(
        slots,
        previous.slots,
        refers_to=previous.text,
        resolved=_reading(clause, previous, language),
    )


def _reading(clause: str, antecedent: Claim, language: str) -> str:
    """The clause with its anaphoric object replaced by what the antecedent asserts.

    A denial reads as its verb and the denied content ("ينفي المجلس العسكري ... فاغنر"):
    who denies is the speaker, and the verb keeps the denial visible to relating.
    """
    meaning = antecedent.slots.resolved or _content(antecedent.text, language)
    denial = _DENIAL.search(strip_marks(clause))
    if denial:
        return f"{denial.group().strip()} {meaning}"
    return replace_anaphor(_content(clause, language), language, meaning)
