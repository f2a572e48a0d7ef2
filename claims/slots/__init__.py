"""Normalise a claim into the slots that comparison diffs: who, where, to whom, what, when.

Each slot comes from one small module: `entities` and `roles` (gazetteer ids and
their roles), `offices` (whose office a title names), `localities` (towns the
gazetteer does not know), `quantities`, `dates` and `events` (type, equipment,
polarity, modality).
"""

from __future__ import annotations

from datetime import date

from claims.model import ClaimSlots
from claims.slots.dates import find_dates
from claims.slots.entities import find_mentions, tokenize
from claims.slots.events import (
    find_equipment,
    find_event,
    modality,
    negated_events,
    polarity,
    trend,
)
from claims.slots.localities import find_localities
from claims.slots.offices import find_offices
from claims.slots.quantities import find_quantities
from claims.slots.roles import assign_roles

__all__ = ["extract_slots"]


def extract_slots(
    text: str, *, language: str, published_at: date | None = None, context: str = ""
) -> ClaimSlots:
    """Slots of one claim; `context` (the whole article) disambiguates names like النيجيرية."""
    tokens = tokenize(text)
    mentions = find_mentions(tokens, context=context)
    event = find_event(tokens, mentions)
    roles = assign_roles(tokens, mentions, event.kind, event.trigger)
    direction, direction_word = trend(tokens)
    return ClaimSlots(
        actors=roles.actors,
        places=roles.places,
        recipients=roles.recipients,
        localities=find_localities(text, language=language),
        equipment=find_equipment(text),
        offices=find_offices(tokens, mentions, language),
        quantities=find_quantities(text, language=language),
        dates=find_dates(text, published_at=published_at),
        event_type=event.kind,
        events=list(event.events),
        polarity=polarity(text),
        trend=direction,
        trend_word=direction_word,
        modality=modality(text),
        negated_events=negated_events(text, tokens, event),
    )
