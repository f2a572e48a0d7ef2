"""Relations between stored claims, and the conflict items they open for review."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session

from claims.model import Relation
from store.models import Claim, ClaimRelation, Cluster, Conflict

# How much a fact-checker should care, by kind of disagreement: a denial or a
# flipped polarity contradicts the event itself, a differing number or actor is
# a factual discrepancy, attribution differences are the weakest signal.
_TYPE_WEIGHT = {
    "denial": 1.0,
    "polarity": 1.0,
    "quantity": 0.9,
    "actor": 0.85,
    "recipient": 0.85,
    "place": 0.8,
    "date": 0.75,
    "equipment": 0.7,
    "attribution": 0.5,
}
_UNTYPED_WEIGHT = 0.6
# Pairs per IN (...) list: two bind parameters each, far below PostgreSQL's limit.
_PAIRS_PER_QUERY = 2_000
# Claim ids per IN (...) list, used twice in one query.
_CLAIMS_PER_QUERY = 2_000
_TEMPORAL_DISCOUNT = 0.5


def conflict_priority(relation: Relation) -> float:
    """Priority in [0, 1]: confidence times the weight of the most serious conflict type."""
    weight = max(
        (_TYPE_WEIGHT.get(t, _UNTYPED_WEIGHT) for t in relation.conflict_types),
        default=_UNTYPED_WEIGHT,
    )
    discount = _TEMPORAL_DISCOUNT if relation.temporal else 1.0
    return round(relation.score * weight * discount, 4)


def known_pairs(*, session: Session, pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs (low id, high id) that already have a stored relation."""
    wanted = sorted(set(pairs))
    known: set[tuple[int, int]] = set()
    for start in range(0, len(wanted), _PAIRS_PER_QUERY):
        chunk = wanted[start : start + _PAIRS_PER_QUERY]
        known.update(
            session.execute(
                select(ClaimRelation.claim_a_id, ClaimRelation.claim_b_id).where(
                    tuple_(ClaimRelation.claim_a_id, ClaimRelation.claim_b_id).in_(chunk)
                )
            ).all()
        )
    return known


def add_relations(
    *,
    session: Session,
    pairs: list[tuple[int, int]],
    relations: list[Relation],
    scorer_version: str,
) -> list[ClaimRelation]:
    """Store scored pairs; every conflict also becomes an open item in the review queue.

    Unrelated pairs are not stored: the store keeps what relates claims, and a pair is
    found again from its candidates whenever it is scored anew.
    """
    stored = []
    for (a, b), relation in zip(pairs, relations, strict=True):
        if relation.relation == "unrelated":
            continue
        row = ClaimRelation(claim_a_id=a, claim_b_id=b, **_columns(relation, scorer_version))
        if relation.relation == "conflict":
            row.conflict = _queue_item(session, a, relation)
        session.add(row)
        stored.append(row)
    session.flush()
    return stored


def _columns(relation: Relation, scorer_version: str) -> dict[str, object]:
    """What a stored relation row says about its pair."""
    return {
        "relation": relation.relation,
        "score": relation.score,
        "conflict_types": list(relation.conflict_types),
        "explanation": relation.explanation,
        "temporal": relation.temporal,
        "scorer_version": scorer_version,
    }


def _queue_item(session: Session, claim_id: int, relation: Relation) -> Conflict:
    cluster_id = session.get(Claim, claim_id).cluster_id
    return Conflict(cluster_id=cluster_id, priority=conflict_priority(relation))


def update_relation(
    *, session: Session, row: ClaimRelation, relation: Relation, scorer_version: str
) -> str:
    """Re-score a stored pair in place; says what became of its queue item.

    A new conflict opens an item ("opened"); an open item nobody has reviewed is
    withdrawn when the pair no longer conflicts ("withdrawn"); an item a reviewer
    has acted on stays with its audit trail ("kept"). "none": no item before or after.
    A pair now unrelated is deleted ("dropped") unless a reviewer acted on its item.
    """
    if relation.relation == "unrelated" and (row.conflict is None or _unreviewed(row.conflict)):
        if row.conflict is not None:
            session.delete(row.conflict)  # its item goes first: it cannot outlive its pair
        session.delete(row)
        session.flush()
        return "dropped"
    for column, value in _columns(relation, scorer_version).items():
        setattr(row, column, value)
    item = row.conflict
    if relation.relation == "conflict":
        if item is None:
            row.conflict = _queue_item(session, row.claim_a_id, relation)
            return "opened"
        item.priority = conflict_priority(relation)
        return "kept"
    if item is None:
        return "none"
    if _unreviewed(item):
        session.delete(item)
        session.flush()
        session.expire(row, ["conflict"])
        return "withdrawn"
    return "kept"


def _unreviewed(item: Conflict) -> bool:
    return item.status == "open" and not item.reviews


def stale_relation_ids(*, session: Session, scorer_version: str | None) -> list[int]:
    """Ids of relations another scorer version made (every relation when None), ascending."""
    query = select(ClaimRelation.id).order_by(ClaimRelation.id)
    if scorer_version is not None:
        query = query.where(ClaimRelation.scorer_version != scorer_version)
    return list(session.scalars(query))


def relation_ids_of(*, session: Session, claim_ids: Iterable[int]) -> list[int]:
    """Ids of the relations either side of which is one of the claims, ascending."""
    ids = sorted({int(i) for i in claim_ids})
    found: set[int] = set()
    # A claim list per query far below the databases' bound-parameter limits: a new
    # reading may change most claims of a large store.
    for start in range(0, len(ids), _CLAIMS_PER_QUERY):
        chunk = ids[start : start + _CLAIMS_PER_QUERY]
        either = or_(ClaimRelation.claim_a_id.in_(chunk), ClaimRelation.claim_b_id.in_(chunk))
        found.update(session.scalars(select(ClaimRelation.id).where(either)))
    return sorted(found)


def relation_rows(*, session: Session, relation_ids: Sequence[int]) -> list[ClaimRelation]:
    return list(
        session.scalars(
            select(ClaimRelation)
            .where(ClaimRelation.id.in_(list(relation_ids)))
            .order_by(ClaimRelation.id)
        )
    )


def relation_counts(session: Session) -> dict[str, int]:
    """How many stored relations of each kind, plus the number of clusters."""
    rows = session.execute(
        select(ClaimRelation.relation, func.count()).group_by(ClaimRelation.relation)
    ).all()
    counts = {relation: int(n) for relation, n in rows}
    counts["clusters"] = int(session.scalar(select(func.count()).select_from(Cluster)) or 0)
    return counts
