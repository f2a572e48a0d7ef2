"""Plain typed values that flow through the claim pipeline.

Every stage in `claims/` takes and returns these; `store/` maps them to rows and
`service/` to JSON. Nothing here knows about HTTP or SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    import numpy as np

    from claims.embed import Embedder

    # A pair's unit vectors (A, B) as the store keeps them, or None where there are none.
    PairVectors = tuple[np.ndarray, np.ndarray] | None

Language = Literal["ar", "en", "fr"]
SUPPORTED_LANGUAGES: tuple[Language, ...] = ("ar", "en", "fr")
# Longest text compared as one claim: a paragraph, not an article.
MAX_CLAIM_CHARS = 5000
# Larger articles are rejected (CLAIMCHECK_MAX_ARTICLE_BYTES).
DEFAULT_MAX_ARTICLE_BYTES = 1_000_000

RelationLabel = Literal["agree", "conflict", "related", "unrelated"]
RELATION_LABELS: tuple[RelationLabel, ...] = ("agree", "conflict", "related", "unrelated")

ConflictType = Literal[
    "quantity",
    "date",
    "place",
    "actor",
    "recipient",
    "equipment",
    "polarity",
    "denial",
    "attribution",
]


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article as it arrives, before cleaning."""

    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published_at: date | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or interval with a unit: 'about 300 soldiers' is [270, 330] soldiers.

    `low`/`high` are inclusive bounds; an open bound ('more than 100') is None.
    `approximate` marks hedged values ('about', 'dozens') so comparison can widen them.
    `text` is the number as written, `phrase` what a reader quotes: hedge or bound,
    number, scale and unit ('about 300 soldiers', 'أكثر من 100 مليون دولار').
    `part` marks a figure the claim gives for a part only ('in Paris alone').
    """

    text: str
    low: float | None
    high: float | None
    unit: str | None = None
    approximate: bool = False
    phrase: str = ""
    part: bool = False


def _fields_of(instance: Any) -> dict[str, Any]:
    """A dataclass instance's fields by name, values as they are (no deep copy)."""
    return {name: getattr(instance, name) for name in _field_names(type(instance))}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Period:
    """A date or period as written, resolved to an interval when possible.

    `granularity` is one of day, week, month, season, year, decade; `start`/`end`
    are None when a relative expression could not be resolved (no publication date).
    `since` marks the start of a state: "since December 2021", and "ومنذ تولي الحكم في
    مالي، في أغسطس 2020" (since taking power ..., in August 2020). `power` marks when
    someone took power, or since when they hold it: "in power since August 2020", "Août
    2021 : une junte prend le pouvoir".
    """

    text: str
    start: date | None
    end: date | None
    granularity: str
    relative: bool = False
    since: bool = False
    power: bool = False


@dataclass(slots=True)
class ClaimSlots:
    """The parts of a claim that comparison diffs.

    Entities are canonical ids from the gazetteer (e.g. 'wagner', 'russia', 'mali'),
    so spellings, scripts and languages compare equal.
    """

    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    # Towns the gazetteer does not know, as "language:name" (claims.slots.localities).
    localities: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    # Offices written with their country, as "OFFICE@COUNTRY" (claims.slots.offices).
    offices: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[Period] = field(default_factory=list)
    event_type: str | None = None
    # Every content event the claim names, main one included, in order of mention.
    events: list[str] = field(default_factory=list)
    polarity: Literal["positive", "negative"] = "positive"
    # Which way the ties the claim talks about are going ("up", "down"), and the word.
    trend: str | None = None
    trend_word: str = ""
    modality: Literal["asserted", "intended", "possible", "reported", "questioned"] = "asserted"
    # The events a negation bears on (claims.slots.events.negated_events); None for rows
    # stored before it was read.
    negated_events: list[str] | None = None
    # A claim whose object is a demonstrative ("لكن المجلس العسكري الحاكم ينفي ذلك",
    # "Moscow denied it") says what the claim before it says: `refers_to` is that
    # claim as written, `resolved` this claim read with the demonstrative replaced,
    # which is what clustering embeds and relating compares.
    refers_to: str | None = None
    resolved: str | None = None

    @property
    def parties(self) -> list[str]:
        """Who and where the claim names: actors, places and recipients, in that order."""
        return self.actors + self.places + self.recipients

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings), built field by field: every stored
        claim goes through here, and `dataclasses.asdict`'s deep copy cost a tenth of an
        ingest."""
        data = _fields_of(self)
        for name in (
            "actors",
            "places",
            "recipients",
            "localities",
            "equipment",
            "offices",
            "events",
        ):
            data[name] = list(data[name])
        if self.negated_events is not None:
            data["negated_events"] = list(self.negated_events)
        data["quantities"] = [_fields_of(q) for q in self.quantities]
        data["dates"] = [
            {
                **_fields_of(p),
                "start": p.start.isoformat() if p.start is not None else None,
                "end": p.end.isoformat() if p.end is not None else None,
            }
            for p in self.dates
        ]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimSlots:
        """Inverse of `to_dict`, tolerant of missing keys from older rows."""
        data = dict(data or {})
        quantities = [Quantity(**q) for q in data.pop("quantities", [])]
        dates = [
            Period(
                **{
                    **p,
                    "start": date.fromisoformat(p["start"]) if p.get("start") else None,
                    "end": date.fromisoformat(p["end"]) if p.get("end") else None,
                }
            )
            for p in data.pop("dates", [])
        ]
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(quantities=quantities, dates=dates, **known)


@dataclass(slots=True)
class Claim:
    """One atomic, attributed claim with its span in the cleaned article text."""

    text: str
    start: int
    end: int
    language: str
    speaker: str | None = None
    hedged: bool = False
    denied: bool = False
    check_worthy: bool = True
    slots: ClaimSlots = field(default_factory=ClaimSlots)


@dataclass(slots=True)
class Relation:
    """How two claims relate, with evidence a person can check."""

    relation: RelationLabel
    score: float
    conflict_types: list[ConflictType] = field(default_factory=list)
    explanation: str = ""
    temporal: bool = False
    # The decision rule that chose the relation (claims.relate.rules.RULES).
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = _fields_of(self)
        data["conflict_types"] = list(self.conflict_types)
        return data


class PairScorer(Protocol):
    """What relates claims (`claims.relate.RelationScorer`, or a stand-in in tests).

    `version` is stored with every relation so a new scorer can re-score old ones.
    `slots` and `languages` (per pair, A then B) are worked out when not given;
    `vectors` (per pair, from `embedder`, as the store keeps them, or None) spare
    encoding.
    """

    @property
    def version(self) -> str: ...

    @property
    def embedder(self) -> Embedder: ...

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
        vectors: Sequence[PairVectors] | None = None,
    ) -> list[Relation]: ...


class ScorerWrapper:
    """The base of a `PairScorer` that relates pairs its own way for another scorer (in
    batches of concurrent calls, on Ray): its relations are that scorer's, so are its
    version and embedder."""

    def __init__(self, scorer: PairScorer) -> None:
        self.scorer = scorer

    @property
    def version(self) -> str:
        return self.scorer.version

    @property
    def embedder(self) -> Embedder:
        return self.scorer.embedder
