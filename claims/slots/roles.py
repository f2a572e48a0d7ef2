"""Decide whether each entity in a claim is an actor, a place or a recipient.

Prepositions decide: "في مالي" / "in Mali" is a place, "إلى مالي" / "to Mali"
is the recipient of a delivery and the destination of an arrival, "من روسيا" /
"from Russia" is where the actor comes from. Arabic also says "سلمت موسكو مالي
أسلحة" (Moscow delivered Mali weapons): the second bare country after a
delivery verb is the recipient.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.slots.entities import Mention, Tokens

_PLACE_KINDS = frozenset({"country", "region"})
_LOCATIVE = frozenset(
    {"في", "داخل", "شمال", "جنوب", "وسط", "شرق", "غرب", "انحاء", "قرب", "in", "inside", "at",
     "across", "near", "dans", "en", "au", "aux", "à", "north", "south", "nord", "sud"}
)  # fmt: skip
_NEAR = frozenset({"بالقرب", "قرب", "بقرب"})
_TOWARDS = frozenset({"الي", "نحو", "to", "into", "towards", "vers", "à", "au", "aux"})
_SOURCE = frozenset({"من", "from", "de", "du", "des"})
# Nouns naming what kind of place a name is ("إلى دول غرب إفريقيا", "في ميناء داكار",
# "in the port of Dakar", "dans la ville de Gao"): the preposition before the noun
# governs the name. Arabic ones are listed without their article.
_HEAD_NOUNS = frozenset(
    {"دول", "دوله", "بلدان", "منطقه", "states", "countries", "region", "pays", "région", "etats"}
)
# Of these, a port or a city is a place whatever governs it ("يشل ميناء الجزائر", "paralyses
# the port of Algiers"), where "West African states" may also act.
_SITE_NOUNS = frozenset({"ميناء", "مدينه", "عاصمه", "port", "city", "capital", "ville", "capitale"})
_PLACE_HEADS = _HEAD_NOUNS | _SITE_NOUNS
# What joins a head noun to the name after it in English and French ("port of Dakar").
_OF = frozenset({"of", "de"})
# Who is supplied, trained or backed ("تدعم روسيا مالي", "soutient le Mali") receives.
_RECEIVING_EVENTS = frozenset({"deliver", "train", "support"})
_MOVING_EVENTS = frozenset({"arrive", "visit", "deploy", "withdraw"})
# Who is killed or attacked follows the verb ("قتل المسلحون العشرات من مرتزقة فاغنر",
# "killed dozens of Wagner fighters"): the target, not an actor.
_VIOLENT_EVENTS = frozenset({"kill", "attack"})
_RECIPIENT_REACH = 3
# Words that join a name to the one before it in a list ("في مالي وتشاد", "in Mali and
# Chad", "en Afrique, comme le Mali"): the name shares the role of the one it follows.
_JOINERS = frozenset(
    {"و", "او", "مثل", "and", "or", "such", "as", "like", "including", "et", "ou",
     "comme", "notamment"}
)  # fmt: skip
_ARTICLES = frozenset({"the", "le", "la", "les", "l"})


@dataclass(slots=True)
class Roles:
    """Entity ids by role, each id in one role only."""

    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    def add(self, role: list[str], entity_id: str) -> None:
        if entity_id not in self.actors + self.places + self.recipients:
            role.append(entity_id)


def assign_roles(
    tokens: Tokens, mentions: list[Mention], event: str | None, trigger: int | None
) -> Roles:
    """Split the mentioned entities into actors, places and recipients (who receives a
    delivery, or is the target of a killing or an attack)."""
    roles = Roles()
    previous: tuple[Mention, list[str]] | None = None
    for mention in mentions:
        role = _role(tokens, mention, roles, event, trigger, previous)
        roles.add(role, mention.entity_id)
        previous = (mention, role)
    return roles


def _role(
    tokens: Tokens,
    mention: Mention,
    roles: Roles,
    event: str | None,
    trigger: int | None,
    previous: tuple[Mention, list[str]] | None,
) -> list[str]:
    """The role list a mention goes to, given the roles of the mentions before it."""
    preposition = _preposition(tokens, mention.index)
    if not preposition and previous is not None and _listed_after(tokens, mention, previous[0]):
        return previous[1]
    after_trigger = trigger is not None and mention.index > trigger
    # "سلمت موسكو مالي أسلحة": the bare country right after the verb and its subject
    # receives; one further on qualifies something else ("للقوات الفرنسية").
    near_after_trigger = after_trigger and mention.index - trigger <= _RECIPIENT_REACH
    if mention.kind not in _PLACE_KINDS:
        target = event in _VIOLENT_EVENTS and after_trigger and preposition not in _LOCATIVE
        return roles.recipients if target else roles.actors
    if event in _RECEIVING_EVENTS and (
        preposition in _TOWARDS or (near_after_trigger and not preposition and roles.actors)
    ):
        return roles.recipients
    if preposition in _LOCATIVE | _TOWARDS or (
        event in _MOVING_EVENTS and after_trigger and not preposition and roles.actors
    ):
        return roles.places
    return roles.actors


def _listed_after(tokens: Tokens, mention: Mention, before: Mention) -> bool:
    """A country or region joined to the one named just before it ("في مالي وتشاد", "in
    Mali and Chad", "في أفريقيا مثل مالي"), so in the same role."""
    if mention.kind not in _PLACE_KINDS or before.kind not in _PLACE_KINDS:
        return False
    between = tokens.words[before.index + before.length : mention.index]
    if not between:
        return tokens.proclitics(mention.index).startswith("و")  # "وتشاد": "and" attached
    words = [w.lower() for w in between]
    return (
        len(words) <= 3
        and any(w in _JOINERS for w in words)
        and all(w in _JOINERS | _ARTICLES for w in words)
    )


def _preposition(tokens: Tokens, index: int) -> str:
    """The preposition governing the mention: attached (بمالي، لمالي) or the word before."""
    attached = tokens.proclitics(index).lstrip("وف")
    if attached.startswith("ب"):
        return "في"
    if attached.startswith("ل"):
        return "الي"
    before = tokens.words[index - 1].lower() if index > 0 else ""
    if before in _OF and index > 1 and tokens.keys[index - 2] in _PLACE_HEADS:
        index -= 1
        before = tokens.words[index - 1].lower()
    if index > 1 and tokens.keys[index - 1] in _PLACE_HEADS:
        # "إلى دول غرب إفريقيا", "to the states of West Africa": the preposition
        # governs the head noun (after its article, if any), and through it the name.
        head = index - 1
        if tokens.words[head - 1].lower() in _ARTICLES:
            head -= 1
        site = tokens.keys[index - 1] in _SITE_NOUNS
        return _preposition(tokens, head) or ("في" if site else "")
    if before == "من" and index > 1 and tokens.words[index - 2].lower() in _NEAR:
        return "قرب"  # "بالقرب من الجزائر": near, not from
    return before if before in _LOCATIVE | _TOWARDS | _SOURCE else ""
