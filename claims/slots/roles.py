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
_TOWARDS = frozenset({"الي", "نحو", "to", "into", "towards", "vers", "à", "au", "aux"})
_SOURCE = frozenset({"من", "from", "de", "du", "des"})
_HEAD_NOUNS = frozenset(
    {"دول", "دوله", "بلدان", "منطقه", "states", "countries", "region", "pays", "région", "etats"}
)
# Who is supplied, trained or backed ("تدعم روسيا مالي", "soutient le Mali") receives.
_RECEIVING_EVENTS = frozenset({"deliver", "train", "support"})
_MOVING_EVENTS = frozenset({"arrive", "visit", "deploy", "withdraw"})
# Who is killed or attacked follows the verb ("قتل المسلحون العشرات من مرتزقة فاغنر",
# "killed dozens of Wagner fighters"): the target, not an actor.
_VIOLENT_EVENTS = frozenset({"kill", "attack"})
_RECIPIENT_REACH = 3


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
    for mention in mentions:
        preposition = _preposition(tokens, mention.index)
        after_trigger = trigger is not None and mention.index > trigger
        # "سلمت موسكو مالي أسلحة": the bare country right after the verb and its subject
        # receives; one further on qualifies something else ("للقوات الفرنسية").
        near_after_trigger = after_trigger and mention.index - trigger <= _RECIPIENT_REACH
        if mention.kind not in _PLACE_KINDS:
            target = event in _VIOLENT_EVENTS and after_trigger and preposition not in _LOCATIVE
            roles.add(roles.recipients if target else roles.actors, mention.entity_id)
        elif event in _RECEIVING_EVENTS and (
            preposition in _TOWARDS or (near_after_trigger and not preposition and roles.actors)
        ):
            roles.add(roles.recipients, mention.entity_id)
        elif preposition in _LOCATIVE | _TOWARDS or (
            event in _MOVING_EVENTS and after_trigger and not preposition and roles.actors
        ):
            roles.add(roles.places, mention.entity_id)
        else:
            roles.add(roles.actors, mention.entity_id)
    return roles


def _preposition(tokens: Tokens, index: int) -> str:
    """The preposition governing the mention: attached (بمالي، لمالي) or the word before."""
    word = tokens.words[index].lower()
    attached = word[: len(word) - len(tokens.keys[index])] if word != tokens.keys[index] else ""
    attached = attached.lstrip("وف")
    if attached.startswith("ب"):
        return "في"
    if attached.startswith("ل"):
        return "الي"
    before = tokens.words[index - 1].lower() if index > 0 else ""
    if before in _HEAD_NOUNS and index > 1:
        # "إلى دول غرب إفريقيا", "to the states of West Africa": the preposition
        # governs the head noun, and through it the name.
        before = tokens.words[index - 2].lower()
    return before if before in _LOCATIVE | _TOWARDS | _SOURCE else ""
