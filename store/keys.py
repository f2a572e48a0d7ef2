"""Blocking keys in the database: which stored claims share a key with new ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from store.models import ClaimKey

# Claims read per key, newest first: a key as broad as "Russia, presence" grows with
# the store, and the news a new claim answers is mostly recent. The cosine floor and
# the per-claim cap then choose among them (claims.candidates).
POSTINGS_PER_KEY = 200


def save_keys(session: Session, keys_by_claim: Mapping[int, Sequence[str]]) -> None:
    """Add each claim's keys to the caller's transaction (claims newly stored)."""
    rows = [
        {"claim_id": int(claim_id), "key": key}
        for claim_id, keys in keys_by_claim.items()
        for key in keys
    ]
    if rows:
        session.execute(insert(ClaimKey), rows)


def replace_keys(session: Session, keys_by_claim: Mapping[int, Sequence[str]]) -> None:
    """Each claim's keys as read now, in place of those stored before."""
    if keys_by_claim:
        ids = [int(claim_id) for claim_id in keys_by_claim]
        session.execute(delete(ClaimKey).where(ClaimKey.claim_id.in_(ids)))
        save_keys(session, keys_by_claim)


def shared_keys(
    session: Session,
    keys_by_claim: Mapping[int, Sequence[str]],
    *,
    per_key: int = POSTINGS_PER_KEY,
) -> dict[int, dict[int, int]]:
    """For each claim, the older stored claims sharing a key with it and how many keys.

    Older means a smaller id: a pair is found from its newer claim, whether at ingest
    or when rescoring everything, so both find the same pairs.
    """
    wanted = sorted({key for keys in keys_by_claim.values() for key in keys})
    if not wanted:
        return {claim_id: {} for claim_id in keys_by_claim}
    newest = func.row_number().over(partition_by=ClaimKey.key, order_by=ClaimKey.claim_id.desc())
    ranked = (
        select(ClaimKey.key, ClaimKey.claim_id, newest.label("rank"))
        .where(ClaimKey.key.in_(wanted))
        .subquery()
    )
    postings: dict[str, list[int]] = {}
    for key, claim_id in session.execute(
        select(ranked.c.key, ranked.c.claim_id).where(ranked.c.rank <= per_key)
    ):
        postings.setdefault(key, []).append(claim_id)
    found: dict[int, dict[int, int]] = {}
    for claim_id, keys in keys_by_claim.items():
        counts: dict[int, int] = {}
        for key in keys:
            for other in postings.get(key, ()):
                if other < claim_id:
                    counts[other] = counts.get(other, 0) + 1
        found[claim_id] = counts
    return found
