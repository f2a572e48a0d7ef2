"""Slot-by-slot comparison of two claims: which slots conflict, which agree, and the words to quote.

Rules, not learned: quantities compare as intervals (hedged values widened), each
with its nearest counterpart; periods by overlap at their own granularity; entities
by canonical id and what they belong to (Wagner is Russian, Mali is in the Sahel).
Two claims whose dates lie far apart may describe a change over time rather than a
contradiction; `distant_dates` lets the scorer decide which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from claims.model import ClaimSlots, Period, Quantity
from claims.relate.lexicon import load_affiliations
from claims.slots.dates import SINCE_WORDS, find_dates
from claims.slots.entities import entity_kind, is_entity
from claims.slots.events import SPEECH_EVENTS
from claims.slots.localities import locality_covered, locality_name

# A hedged quantity ('about 300') compared with an exact one gets this much extra
# room on each side, on top of the interval the slot extractor already gives it.
# Two hedged quantities keep their own intervals: widening both again would let
# 'about 18,000' and 'about 25,000' agree.
APPROXIMATE_SLACK = 0.1
# How far a round figure may lie from the precise one it rounds ("2,000" for 2,084 is 4%
# off): news rounds to one or two significant digits, and a figure rounded further than
# this ("100" for 80) is a different report. A design bound, not fitted to any data.
ROUNDING_SLACK = 0.05
# Dates further apart than this (in days, between the periods' nearest ends) are
# read as two moments of one story, not as a disputed date.
TEMPORAL_GAP_DAYS = 45
# Relative dates ('Friday', 'last July') of two texts with no publication date are
# resolved as if both were published on one day, the news-cycle reading of two
# reports of one event. A year's last day keeps every month name in one year, so
# 'June' and 'July' come out one month apart, not eleven.
SHARED_PUBLICATION = date(2001, 12, 31)
# A second publication day, half a year before: a day a month names stays put.
_EARLIER_PUBLICATION = date(2001, 6, 30)

# Role pairs a slot extractor confuses without changing the claim: "moved closer
# to Moscow" makes Russia a place, "rapprochement with Moscow" an actor. Actor and
# recipient are never interchangeable: swapping them reverses who did what to whom.
_ROLE_MATES = {
    "actor": ("actor", "place"),
    "place": ("place", "actor", "recipient"),
    "recipient": ("recipient", "place"),
    "equipment": ("equipment",),
}


# Events that undo one another: of one actor and place, one report says it went,
# the other that it came; one that ties (or an agreement) were cut or cancelled, the
# other that they held. Not sign and cancel: the agreement noun triggers "sign"
# whatever the verb, so "a mis fin à son accord" (ended its agreement) reads as one.
_OPPOSED_EVENTS = frozenset(
    {
        frozenset({"withdraw", "deploy"}),
        frozenset({"withdraw", "arrive"}),
        frozenset({"sever", "maintain"}),
        frozenset({"cancel", "maintain"}),
        # A visit called off ("ألغى زيارته", "cancelled his visit") did not take place.
        frozenset({"cancel", "visit"}),
        frozenset({"sever", "restore"}),
    }
)
# Event types that tell one happening from different sides: a deployment is also an
# arrival, a killing comes from an attack. Signing and cancelling an agreement are two
# happenings (Niger cancelled its US deal in March, signed Russia's in December), and
# ties severed or kept are opposites, not one event. Speech acts (statement, accuse,
# deny) are about some other event, so they never tell events apart.
_EVENT_FAMILY = {
    "deploy": "presence",
    "arrive": "presence",
    "train": "presence",
    "withdraw": "presence",
    "establish": "presence",
    "kill": "violence",
    "attack": "violence",
}


@dataclass(frozen=True, slots=True)
class SlotConflict:
    """One conflicting slot with what each side says, as written."""

    kind: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class SlotDiff:
    """`shared` holds the entity and equipment ids both claims name; `agreements` the
    quantities, dates and event type both give alike (as A writes them).
    `opposed_events` names event types that undo one another (withdraw, deploy):
    evidence that needs no words to compare, so it holds across languages too."""

    conflicts: list[SlotConflict] = field(default_factory=list)
    distant_dates: SlotConflict | None = None
    shared: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    opposed_events: tuple[str, str] | None = None
    # 'same', 'opposed', 'family' (one kind of happening), 'different' or 'unknown'
    # (a side names no content event): whether the claims can be about one event.
    event_relation: str = "unknown"
    # How many of A's entities B names too, or names what they belong to or contain.
    participants: int = 0
    # Entities named on both sides over those named on either (exact ids): a long
    # claim that names everyone overlaps with everything, a restatement does not.
    entity_overlap: float = 0.0
    # The trend words of claims whose ties go opposite ways ("التطور" / "recule").
    opposed_trend: tuple[str, str] | None = None
    # Both claims date when one party took power: the dates as written, and whether
    # they lie apart.
    regime_dates: tuple[str, str] | None = None
    regime_apart: bool = False
    # One claim dates a state from its start, the other another event at another time.
    dated_apart: bool = False
    # Party differences seen only on a close reading (`_covered`): another person where
    # the country is named on both sides, a specific value beside an umbrella. Evidence
    # only where the claims are otherwise one rewrite: of two statements or deliveries
    # in one story, the speakers and the goods differ too.
    close_conflicts: list[SlotConflict] = field(default_factory=list)
    # `anchors` without the umbrellas ("weapons" beside "tanks"): what ties the claims
    # to one event where a close conflict is read.
    close_anchors: int = 0

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(c.kind for c in self.conflicts))

    @property
    def temporal(self) -> bool:
        """The nearest dates of the two claims lie more than TEMPORAL_GAP_DAYS apart."""
        return self.distant_dates is not None

    @property
    def shared_entities(self) -> int:
        return len(self.shared)

    @property
    def anchors(self) -> int:
        """How many slot values tie the two claims to one event."""
        return len(self.shared) + len(self.agreements)


def _bounds(q: Quantity, widen: bool) -> tuple[float, float]:
    low = q.low if q.low is not None else float("-inf")
    high = q.high if q.high is not None else float("inf")
    if widen:
        low -= abs(low) * APPROXIMATE_SLACK if low != float("-inf") else 0.0
        high += abs(high) * APPROXIMATE_SLACK if high != float("inf") else 0.0
    return low, high


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """Intervals overlap: 'more than 100 million' and '110 million' agree, 100 and ~300 do
    not. Two bounds the same way give the bound itself as the figure: "up to 35.3%" and
    "up to 53%", "more than 100" and "more than 300" disagree. A figure for a part only
    ("in Paris alone") does not count the whole: it disagrees with nothing."""
    if a.part != b.part:
        return True
    if (a.low is None) == (b.low is None) and (a.high is None) == (b.high is None):
        if a.low is None and a.high is not None:
            return a.high == b.high
        if a.high is None and a.low is not None:
            return a.low == b.low
    if _rounded_from(a, b) or _rounded_from(b, a):
        return True
    a_low, a_high = _bounds(a, a.approximate and not b.approximate)
    b_low, b_high = _bounds(b, b.approximate and not a.approximate)
    if {_open_side(a), _open_side(b)} == {"above", "below"}:
        # Bounds facing each other ("more than 300" / "fewer than 300") meet at most in
        # their shared edge, which neither means.
        return a_low < b_high and b_low < a_high
    return a_low <= b_high and b_low <= a_high


def _open_side(q: Quantity) -> str | None:
    """Which way a bound leaves the figure open ("more than 300": above), if it does."""
    if q.low is not None and q.high is None:
        return "above"
    if q.low is None and q.high is not None:
        return "below"
    return None


def _rounded_from(rounded: Quantity, precise: Quantity) -> bool:
    """`rounded` writes `precise` rounded to its own last digit ("a 2,000 tip" for 2,084;
    "34%" for 33.9%), no further off than ROUNDING_SLACK: "100 soldiers" is no rounding
    of 80, though 80 rounds to it."""
    x, y = rounded.low, precise.low
    if x is None or y is None or x != rounded.high or y != precise.high or not y:
        return False
    step = _last_digit(x)
    return (
        step > _last_digit(y)
        and round(y / step) * step == x
        and abs(x - y) <= abs(y) * ROUNDING_SLACK
    )


def _last_digit(value: float) -> float:
    """The place of a number's last significant digit: 1000 for 2,000, 0.1 for 33.9."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return 10.0**exponent if isinstance(exponent, int) else 1.0


def _point(q: Quantity) -> float:
    """The value a quantity names: an interval's middle, an open bound's finite end."""
    ends = [x for x in (q.low, q.high) if x is not None]
    return sum(ends) / len(ends) if ends else 0.0


def _distance(a: Quantity, b: Quantity) -> float:
    x, y = _point(a), _point(b)
    return abs(x - y) / max(abs(x), abs(y), 1.0)


def _counterparts(a: list[Quantity], b: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """One-to-one pairs, nearest values first, in A's order.

    A claim often gives two figures of one unit ("Russia recruited about 18,000,
    Ukraine more than 15,000"); a restatement's single figure answers the nearest
    one, so an open bound elsewhere in the sentence cannot hide a disagreement.
    """
    candidates = sorted((_distance(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b))
    matched: dict[int, int] = {}
    for _, i, j in candidates:
        if i not in matched and j not in matched.values():
            matched[i] = j
    return [(a[i], b[matched[i]]) for i in sorted(matched)]


def _quoted(q: Quantity) -> str:
    """The quantity as its claim words it; rows stored before phrases give the number."""
    return q.phrase or q.text


def _quantity_diff(a: list[Quantity], b: list[Quantity]) -> tuple[list[SlotConflict], list[str]]:
    conflicts, agreements = [], []
    if a and b and a[0].unit != b[0].unit:
        # The claims count different things first (1,417 Africans, 25,000 foreigners):
        # their other figures ("from 35 countries") belong to different counts too.
        return conflicts, agreements
    for unit in dict.fromkeys(q.unit for q in a):
        side_a = [q for q in a if q.unit == unit]
        side_b = [q for q in b if q.unit == unit]
        pairs = _counterparts(side_a, side_b)
        agreements += [_quoted(x) for x, y in pairs if quantities_agree(x, y)]
        disagreeing = [(x, y) for x, y in pairs if not quantities_agree(x, y)]
        if disagreeing:
            x, y = disagreeing[0]
            conflicts.append(SlotConflict("quantity", _quoted(x), _quoted(y)))
    return conflicts, agreements


@lru_cache(maxsize=4096)
def _read_on(text: str, published: date) -> Period | None:
    """A date's text read as if published on `published` (claims compare it many times)."""
    found = find_dates(text, published_at=published)
    return found[0] if found else None


def _comparable(a: Period, b: Period) -> tuple[Period, Period] | None:
    """Both resolved as written; or a month without its year read in the other's year
    ("في تموز/ يوليو" against "August 2023"); or both unresolved months read against one
    publication day. A bare weekday or "today" without a publication date names no day
    that can be compared: it is left out."""
    if a.start is not None and b.start is not None:
        return a, b
    if _unanchored_day(a) or _unanchored_day(b):
        return None
    if a.start is None and b.start is None:
        x, y = _read_on(a.text, SHARED_PUBLICATION), _read_on(b.text, SHARED_PUBLICATION)
        return (x, y) if x is not None and y is not None else None
    if a.start is None:
        x = _in_year_of(a.text, b)
        return (x, b) if x is not None else None
    y = _in_year_of(b.text, a)
    return (a, y) if y is not None else None


def _unanchored_day(period: Period) -> bool:
    """A day that only the publication date fixes ("Tuesday", "today"), unlike a day of
    a named month without its year ("24 March", "31 mars"), which names the same day of
    the year whenever it was published."""
    if period.start is not None or period.granularity not in ("day", "week"):
        return False
    early = _read_on(period.text, _EARLIER_PUBLICATION)
    late = _read_on(period.text, SHARED_PUBLICATION)
    if early is None or late is None or early.start is None or late.start is None:
        return True
    return (early.start.month, early.start.day) != (late.start.month, late.start.day)


def _in_year_of(text: str, resolved: Period) -> Period | None:
    """An unresolved month read as if published at the end of the other date's year."""
    assert resolved.end is not None
    found = _read_on(text, date(resolved.end.year, 12, 31))
    return found if found is not None and found.start is not None else None


def _gap_days(a: Period, b: Period) -> int | None:
    """Days between two resolved periods; 0 when they overlap, None when unresolved."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    if a.start <= b.end and b.start <= a.end:
        return 0
    return min(abs((b.start - a.end).days), abs((a.start - b.end).days))


def _nearest_dates(a: list[Period], b: list[Period]) -> tuple[int, Period, Period] | None:
    """The closest pair of dates the two claims give, with their gap in days."""
    gaps = []
    for x in a:
        for y in b:
            pair = _comparable(x, y)
            gap = _gap_days(*pair) if pair is not None else None
            if gap is not None:
                gaps.append((gap, x, y))
    return min(gaps, key=lambda g: g[0]) if gaps else None


# Slot conflicts that name a party: an actor, a place or a recipient.
PARTY_KINDS = frozenset({"actor", "place", "recipient"})


def _roles(slots: ClaimSlots) -> dict[str, list[str]]:
    return {
        "actor": slots.actors,
        "place": slots.places,
        "recipient": slots.recipients,
        "equipment": slots.equipment,
    }


def covers(value: str, other: list[str]) -> bool:
    """The other side names this value, something it belongs to, or something inside it."""
    affiliations = load_affiliations()
    return any(
        value == o or o in affiliations.get(value, ()) or value in affiliations.get(o, ())
        for o in other
    )


# The kinds of party that hold an office: a person, or the office written out.
_HOLDERS = frozenset({"person", "office"})
# The kinds of value that can be an umbrella over others on the same side: a region
# over its countries, a class of equipment (not a gazetteer entity) over its kinds.
# Not a country over its people: "Lavrov" beside "Russia" names two parties.
_UMBRELLA_KINDS = frozenset({"region", "equipment"})


def _covered(value: str, other: list[str]) -> bool:
    """`covers`, read for the role a value plays in a claim. A person is covered by the
    other side's holders of office when it names any ("Lavrov" is not covered by
    "Putin ... Moscow" nor by "the Russian defence minister", but is by "Moscow" alone).
    An umbrella the other side names only to place a specific value in it covers nothing
    else ("Africa" in "in Africa, such as Mali and the CAR" does not cover Chad; "weapons"
    in "weapons and attack helicopters" does not cover fighter jets)."""
    if _kind(value) == "person":
        holders = [o for o in other if _kind(o) in _HOLDERS]
        if holders:
            return covers(value, holders)
    return covers(value, _without_umbrellas(other))


def _kind(value: str) -> str:
    return entity_kind(value) if is_entity(value) else "equipment"


def _without_umbrellas(values: list[str]) -> list[str]:
    affiliations = load_affiliations()
    return [
        v
        for v in values
        if _kind(v) not in _UMBRELLA_KINDS
        or not any(v in affiliations.get(o, ()) for o in values if o != v)
    ]


def _entity_conflicts(
    a: ClaimSlots, b: ClaimSlots, covered: Callable[[str, list[str]], bool] = covers
) -> list[SlotConflict]:
    # A conflict needs each side to name something the other does not: adding a
    # second place is more detail, naming another place instead is a contradiction.
    roles_a, roles_b = _roles(a), _roles(b)
    conflicts = []
    for kind, mates in _ROLE_MATES.items():
        seen_b = [x for mate in mates for x in roles_b[mate]]
        seen_a = [x for mate in mates for x in roles_a[mate]]
        only_a = [x for x in roles_a[kind] if not covered(x, seen_b)]
        only_b = [x for x in roles_b[kind] if not covered(x, seen_a)]
        if only_a and only_b and not _title_against_party(only_a, only_b):
            conflicts.append(SlotConflict(kind, ", ".join(only_a), ", ".join(only_b)))
    if not any(c.kind in ("place", "recipient") for c in conflicts):
        conflicts += _destination_conflict(roles_a, roles_b)
    if not any(c.kind == "place" for c in conflicts):
        conflicts += _locality_conflict(a.localities, b.localities)
    return conflicts


def _title_against_party(only_a: list[str], only_b: list[str]) -> bool:
    """One side's own parties are only offices ("the ambassador"), the other's hold no
    office (Niger): a title says what someone acted as, and differs only from another
    title or official ("نائب وزير الدفاع" / "foreign minister", `_office_conflicts`)."""
    holders_a, holders_b = ([x for x in side if _kind(x) in _HOLDERS] for side in (only_a, only_b))
    offices_only = (
        all(_kind(x) == "office" for x in only_a) and not holders_b,
        all(_kind(x) == "office" for x in only_b) and not holders_a,
    )
    return any(offices_only)


def _office_conflicts(a: ClaimSlots, b: ClaimSlots) -> list[SlotConflict]:
    """One office held for two countries ("وزير خارجية مالي" / "وزير خارجية بوركينا
    فاسو", "the Russian ambassador" / "the Chinese ambassador"): each side names "a
    foreign minister", but not the same one."""
    if not (a.offices or b.offices):
        return []  # no title written out: two named officials are compared as persons
    offices_a, offices_b = _offices(a), _offices(b)
    for office in sorted(offices_a.keys() & offices_b.keys()):
        held_a, held_b = offices_a[office], offices_b[office]
        # As with any party, each side must name one the other does not: Lavrov named
        # on both sides beside another foreign minister on one is more detail.
        only_a = [held for country, held in held_a.items() if not covers(country, [*held_b])]
        only_b = [held for country, held in held_b.items() if not covers(country, [*held_a])]
        # Two officials each known by name are two persons, compared as such
        # (`_entity_conflicts`): what is read here is a title written out.
        if only_a and only_b and any(h.written for h in only_a + only_b):
            return [
                SlotConflict(
                    "actor", ", ".join(h.named for h in only_a), ", ".join(h.named for h in only_b)
                )
            ]
    return []


@dataclass(frozen=True, slots=True)
class _Held:
    """Who holds an office for a country, as entity ids; `written` when the claim
    writes the title with its country rather than naming the official."""

    named: str
    written: bool


def _offices(slots: ClaimSlots) -> dict[str, dict[str, _Held]]:
    """Office -> country -> who holds it: offices written with their country
    (`ClaimSlots.offices`), and the officials named whose one office and one country
    the affiliations know (diop: the foreign minister of Mali)."""
    found: dict[str, dict[str, _Held]] = {}
    for value in slots.offices:
        office, _, country = value.partition("@")
        found.setdefault(office, {}).setdefault(country, _Held(f"{office}, {country}", True))
    affiliations = load_affiliations()
    for party in slots.parties:
        if _kind(party) != "person":
            continue
        links = affiliations.get(party, frozenset())
        offices = [x for x in links if _kind(x) == "office"]
        countries = [x for x in links if _kind(x) == "country"]
        if len(offices) == len(countries) == 1:
            found.setdefault(offices[0], {}).setdefault(countries[0], _Held(party, False))
    return found


def _locality_conflict(a: list[str], b: list[str]) -> list[SlotConflict]:
    """Another town named in the same language ("بلدة بنت جبيل" / "مدينة النبطية"); a
    town only one side names is detail, and one in another language may be the same
    town spelled its way (`locality_covered`)."""
    only_a = [x for x in a if not locality_covered(x, b)]
    only_b = [y for y in b if not locality_covered(y, a)]
    if only_a and only_b:
        return [
            SlotConflict(
                "place",
                ", ".join(map(locality_name, only_a)),
                ", ".join(map(locality_name, only_b)),
            )
        ]
    return []


def _destination_conflict(
    roles_a: dict[str, list[str]], roles_b: dict[str, list[str]]
) -> list[SlotConflict]:
    """Where a shipment went, read as a place on one side and a recipient on the
    other ("unloaded in Conakry" / "déchargés à Dakar"): still two places."""
    where_a = roles_a["place"] + roles_a["recipient"]
    where_b = roles_b["place"] + roles_b["recipient"]
    everyone_a = [x for values in roles_a.values() for x in values]
    everyone_b = [x for values in roles_b.values() for x in values]
    only_a = [x for x in where_a if not covers(x, everyone_b)]
    only_b = [x for x in where_b if not covers(x, everyone_a)]
    if only_a and only_b:
        return [SlotConflict("place", ", ".join(only_a), ", ".join(only_b))]
    return []


def _since(period: Period) -> bool:
    """The date is where a state starts ("since December 2021", "منذ", "depuis"); rows
    stored before `Period.since` say so in their text only."""
    first = period.text.split()[:1]
    return period.since or (bool(first) and first[0].lower() in SINCE_WORDS)


def durative(slots: ClaimSlots) -> bool:
    """The claim dates a state from its start ("deployed since December 2021")."""
    return any(map(_since, slots.dates))


def event_family(event: str) -> str:
    """The kind of happening an event type belongs to (deploy and arrive: presence)."""
    return _EVENT_FAMILY.get(event, event)


def content_events(slots: ClaimSlots) -> list[str]:
    """The claim's content events; rows stored before `events` existed give their main one."""
    events = slots.events or ([slots.event_type] if slots.event_type else [])
    return [e for e in events if e not in SPEECH_EVENTS]


def _event_relation(a: ClaimSlots, b: ClaimSlots) -> tuple[str, tuple[str, str] | None]:
    """How the claims' events relate, and an opposed pair of them if there is one."""
    events_a, events_b = content_events(a), content_events(b)
    if not events_a or not events_b:
        return "unknown", None
    # The main events first: "قطعت العلاقات" is ties severed before a cancellation.
    main_a = sorted(events_a, key=lambda e: e != a.event_type)
    main_b = sorted(events_b, key=lambda e: e != b.event_type)
    # Claims whose main events are one undo nothing in their side events: "ended its US
    # agreement, after a Russian visit" does not oppose "ended its US agreement" (but
    # "cancelled his visit" opposes "visited").
    opposed = None
    if a.event_type != b.event_type:
        opposed = next(
            ((x, y) for x in main_a for y in main_b if frozenset({x, y}) in _OPPOSED_EVENTS),
            None,
        )
    if set(events_a) & set(events_b):
        return "same", opposed
    if opposed is not None:
        return "opposed", opposed
    families_b = {event_family(y) for y in events_b}
    if any(event_family(x) in families_b for x in events_a):
        return "family", None
    return "different", None


def _participants(a: ClaimSlots, b: ClaimSlots) -> int:
    return sum(covers(x, b.parties) for x in dict.fromkeys(a.parties))


def _entity_overlap(a: ClaimSlots, b: ClaimSlots) -> float:
    named_a, named_b = set(a.parties), set(b.parties)
    either = named_a | named_b
    return len(named_a & named_b) / len(either) if either else 0.0


def compare_slots(a: ClaimSlots, b: ClaimSlots) -> SlotDiff:
    """All slot conflicts between two claims, what they share, and whether their dates lie apart."""
    conflicts, agreements = _quantity_diff(a.quantities, b.quantities)
    relation, opposed = _event_relation(a, b)
    distant, dated_apart = None, False
    nearest = _nearest_dates(a.dates, b.dates)
    if nearest is not None:
        gap, x, y = nearest
        # A state dated from its start ("in Mali since January 2022") and a moment of
        # another event ("killed ... last July") date two things: they differ in nothing.
        eventless = not (content_events(a) or content_events(b))
        one_thing = _since(x) == _since(y) or relation == "same" or eventless
        dated_apart = gap > 0 and not one_thing
        if gap == 0:
            agreements.append(x.text)
        elif one_thing and gap <= TEMPORAL_GAP_DAYS:
            conflicts.append(SlotConflict("date", x.text, y.text))
        elif one_thing:
            distant = SlotConflict("date", x.text, y.text)
    conflicts += _entity_conflicts(a, b)
    if not any(c.kind == "actor" for c in conflicts):
        conflicts += _office_conflicts(a, b)
    close = _close_conflicts(a, b, {c.kind for c in conflicts})
    regime = _regime(a, b)
    if a.polarity != b.polarity:
        conflicts.append(SlotConflict("polarity", a.polarity, b.polarity))
    if a.event_type is not None and a.event_type == b.event_type:
        agreements.append(a.event_type)
    trend = None
    if a.trend and b.trend and a.trend != b.trend:
        trend = (a.trend_word, b.trend_word)
    named_b = set(_named(b))
    shared = list(dict.fromkeys(x for x in _named(a) if x in named_b))
    return SlotDiff(
        conflicts,
        distant,
        shared,
        agreements,
        opposed,
        event_relation=relation,
        participants=_participants(a, b),
        entity_overlap=_entity_overlap(a, b),
        opposed_trend=trend,
        dated_apart=dated_apart,
        close_conflicts=close,
        close_anchors=_close_anchors(a, b, agreements) if close else 0,
        regime_dates=(regime[1], regime[2]) if regime is not None else None,
        regime_apart=regime is not None and regime[0] > 0,
    )


def _regime(a: ClaimSlots, b: ClaimSlots) -> tuple[int, str, str] | None:
    """The nearest two dates of one taking of power (`Period.power`), with their gap in
    days, where the claims name a party in common ("منذ تولي الحكم في مالي، في أغسطس
    2020" / "au pouvoir depuis août 2019")."""
    nearest = _nearest_dates([p for p in a.dates if p.power], [p for p in b.dates if p.power])
    if nearest is None or not _participants(a, b):
        return None
    gap, x, y = nearest
    return gap, x.text, y.text


def _named(slots: ClaimSlots) -> list[str]:
    return [x for values in _roles(slots).values() for x in values]


def _close_anchors(a: ClaimSlots, b: ClaimSlots, agreements: list[str]) -> int:
    """`SlotDiff.anchors` without the umbrellas: asked only where a close conflict is read."""
    specific = set(_without_umbrellas(_named(a))) & set(_without_umbrellas(_named(b)))
    return len(specific) + len(agreements)


def _close_conflicts(a: ClaimSlots, b: ClaimSlots, seen: set[str]) -> list[SlotConflict]:
    """Party differences of a close reading (`_covered`) the plain one missed, for two
    claims of one main event that is not a statement, or of no event word at all: two
    speakers of other words are no misattribution, and a statement's words are not slots."""
    if a.event_type != b.event_type or a.event_type in SPEECH_EVENTS:
        return []
    return [c for c in _entity_conflicts(a, b, _covered) if c.kind not in seen]
