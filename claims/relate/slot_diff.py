"""Slot-by-slot comparison of two claims: which slots conflict, and the words to quote.

Rules, not learned: quantities compare as intervals (hedged values widened),
periods by overlap at their own granularity, entities by canonical id. Two claims
whose dates lie far apart describe a change over time rather than a contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.model import ClaimSlots, Period, Quantity

# Hedged quantities ('about 300') get this much extra room on each side, on top of
# the interval the slot extractor already gives them.
APPROXIMATE_SLACK = 0.1
# Dates further apart than this (in days, between the periods' nearest ends) are
# read as two moments of one story, not as a disputed date.
TEMPORAL_GAP_DAYS = 45


@dataclass(frozen=True, slots=True)
class SlotConflict:
    """One conflicting slot with what each side says, as written."""

    kind: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class SlotDiff:
    conflicts: list[SlotConflict] = field(default_factory=list)
    temporal: bool = False
    shared_entities: int = 0

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(c.kind for c in self.conflicts))


def _bounds(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else float("-inf")
    high = q.high if q.high is not None else float("inf")
    if q.approximate:
        low -= abs(low) * APPROXIMATE_SLACK if low != float("-inf") else 0.0
        high += abs(high) * APPROXIMATE_SLACK if high != float("inf") else 0.0
    return low, high


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """Intervals overlap: 'more than 100 million' and '110 million' agree, 100 and ~300 do not."""
    (a_low, a_high), (b_low, b_high) = _bounds(a), _bounds(b)
    return a_low <= b_high and b_low <= a_high


def _quantity_conflicts(a: list[Quantity], b: list[Quantity]) -> list[SlotConflict]:
    conflicts = []
    for unit in dict.fromkeys(q.unit for q in a):
        side_a = [q for q in a if q.unit == unit]
        side_b = [q for q in b if q.unit == unit]
        if side_b and not any(quantities_agree(x, y) for x in side_a for y in side_b):
            conflicts.append(SlotConflict("quantity", side_a[0].text, side_b[0].text))
    return conflicts


def _gap_days(a: Period, b: Period) -> int | None:
    """Days between two resolved periods; 0 when they overlap, None when unresolved."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    if a.start <= b.end and b.start <= a.end:
        return 0
    return min(abs((b.start - a.end).days), abs((a.start - b.end).days))


def _entity_conflict(kind: str, a: list[str], b: list[str]) -> list[SlotConflict]:
    # A conflict needs each side to name something the other does not: adding a
    # second place is more detail, naming another place instead is a contradiction.
    only_a = [x for x in a if x not in b]
    only_b = [x for x in b if x not in a]
    if only_a and only_b:
        return [SlotConflict(kind, ", ".join(only_a), ", ".join(only_b))]
    return []


def compare_slots(a: ClaimSlots, b: ClaimSlots) -> SlotDiff:
    """All slot conflicts between two claims, and whether their dates make it a change over time."""
    conflicts: list[SlotConflict] = []
    conflicts += _quantity_conflicts(a.quantities, b.quantities)
    gaps = [g for x in a.dates for y in b.dates if (g := _gap_days(x, y)) is not None]
    temporal = bool(gaps) and min(gaps) > TEMPORAL_GAP_DAYS
    if gaps and 0 < min(gaps) <= TEMPORAL_GAP_DAYS:
        conflicts.append(SlotConflict("date", a.dates[0].text, b.dates[0].text))
    for kind, side_a, side_b in (
        ("place", a.places, b.places),
        ("actor", a.actors, b.actors),
        ("recipient", a.recipients, b.recipients),
        ("equipment", a.equipment, b.equipment),
    ):
        conflicts += _entity_conflict(kind, side_a, side_b)
    if a.polarity != b.polarity:
        conflicts.append(SlotConflict("polarity", a.polarity, b.polarity))
    shared = sum(
        len(set(x) & set(y))
        for x, y in (
            (a.places, b.places),
            (a.actors, b.actors),
            (a.recipients, b.recipients),
            (a.equipment, b.equipment),
        )
    )
    return SlotDiff(conflicts, temporal, shared)
