"""Which stored claims a new claim is compared with: close neighbours, and claims that
share a blocking key whatever their cosine.

Relating is the expensive, careful step; this one only has to make sure the pairs
worth relating reach it. Two routes, as in record linkage:

- nearest neighbours in the embedding down to a low cosine floor (exact translations
  of one claim score 0.35-0.58 across scripts with USE-m3);
- blocking keys from normalised slots: a canonical party with the kind of event, the
  object a figure counts, the month an event is dated to, two parties named together.
  Gazetteer ids are script-independent, so keys reach across languages.

Each claim costs at most MAX_CANDIDATES pairs, closest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from claims.model import ClaimSlots
from claims.relate.slot_diff import content_events, event_family

# Neighbours below this cosine are not compared unless a blocking key ties them.
# Tuned on the tuning data (../shared/eval and the restatement gold's tuning half):
# same-event pairs across scripts reach down to 0.33, and the gold pairs below 0.40
# all share a key.
NEIGHBOUR_FLOOR = 0.40
# A shared key still needs some closeness: two claims naming Russia and a deployment
# are far apart when one is about Mali in 2021 and the other about Libya.
KEY_FLOOR = 0.20
# Pairs one claim may cost. A claim restated by several outlets meets each of them.
# At 24, in the restatement store (tuning data: one story told in 47 articles), a
# fact's restatement in another language (cosine 0.28, two keys shared) ranked 30th of
# 48 eligible claims and was never compared; 48 leaves room for a story told by a few
# dozen sources, at no cost to smaller stores (the seeds: 3.6 pairs a claim either way).
MAX_CANDIDATES = 48
# Neighbours asked of the index per claim, before the floor and the source filter.
NEIGHBOURS = 64
# How much one shared key counts against cosine when candidates compete for the cap.
KEY_WEIGHT = 0.1


def blocking_keys(slots: ClaimSlots) -> list[str]:
    """Keys under which claims about one happening meet, sorted and distinct."""
    parties = sorted(set(slots.parties))
    families = sorted({event_family(e) for e in content_events(slots)})
    keys = {f"party:{p}|event:{f}" for p in parties for f in families}
    keys |= {
        f"figure:{q.unit}|event:{f}" for q in slots.quantities if q.unit for f in families or ["-"]
    }
    keys |= {
        f"month:{d.start:%Y-%m}|event:{f}"
        for d in slots.dates
        if d.start is not None and d.granularity in ("day", "week", "month")
        for f in families or ["-"]
    }
    if not families:
        keys |= {f"parties:{a}+{b}" for a, b in combinations(parties, 2)}
    return sorted(keys)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored claim worth relating to the new one, and why."""

    claim_id: int
    cosine: float
    shared_keys: int

    @property
    def rank(self) -> float:
        return self.cosine + KEY_WEIGHT * self.shared_keys


def choose_candidates(
    cosines: Mapping[int, float],
    shared_keys: Mapping[int, int],
    *,
    limit: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """The claims to relate, best first: close enough on their own, or keyed and not far.

    `cosines` holds the cosine of every claim found by either route, `shared_keys` how
    many blocking keys a claim shares with the new one (absent: none).
    """
    chosen = [
        Candidate(claim_id, cosine, shared_keys.get(claim_id, 0))
        for claim_id, cosine in cosines.items()
        if cosine >= NEIGHBOUR_FLOOR or (shared_keys.get(claim_id) and cosine >= KEY_FLOOR)
    ]
    chosen.sort(key=lambda c: (-c.rank, c.claim_id))
    return chosen[:limit]


def key_postings(keys_by_claim: Mapping[int, Iterable[str]]) -> dict[str, list[int]]:
    """Invert claim -> keys into key -> claims (for batches not yet stored)."""
    postings: dict[str, list[int]] = {}
    for claim_id, keys in keys_by_claim.items():
        for key in keys:
            postings.setdefault(key, []).append(claim_id)
    return postings
