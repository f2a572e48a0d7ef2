"""The fact-checkers' side of the store: the conflict queue, reviews, and the evidence
(claims, their articles and clusters) a reviewer reads before deciding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from store.models import Article, Claim, ClaimRelation, Cluster, Conflict, Review, Source, User
from store.pagination import DEFAULT_LIMIT, Page, paginate

ConflictStatus = Literal["open", "confirmed", "dismissed", "needs_more_info"]
Decision = Literal["confirmed", "dismissed", "needs_more_info", "reopened"]
CONFLICT_STATUSES: tuple[str, ...] = get_args(ConflictStatus)
DECISIONS: tuple[str, ...] = get_args(Decision)

_STATUS_AFTER: dict[str, str] = {
    "confirmed": "confirmed",
    "dismissed": "dismissed",
    "needs_more_info": "needs_more_info",
    "reopened": "open",
}
# A closed conflict must be reopened before it can be decided again, so every change
# of verdict leaves a "reopened" review in the audit trail.
_ALLOWED: dict[str, frozenset[str]] = {
    "open": frozenset({"confirmed", "dismissed", "needs_more_info"}),
    "needs_more_info": frozenset({"confirmed", "dismissed", "reopened"}),
    "confirmed": frozenset({"reopened"}),
    "dismissed": frozenset({"reopened"}),
}


class NotFound(LookupError):
    """No row of this kind has this id."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"no {kind} with id {key}")
        self.kind = kind
        self.key = key


class InvalidTransition(ValueError):
    """The decision does not apply to the conflict's current status."""


def _conflict_loads(*, with_reviews: bool) -> list:
    """Eager loads for showing a conflict: both claims with article and source, assignee."""
    loads = [
        selectinload(Conflict.relation)
        .selectinload(side)
        .selectinload(Claim.article)
        .selectinload(Article.source)
        for side in (ClaimRelation.claim_a, ClaimRelation.claim_b)
    ]
    loads.append(selectinload(Conflict.assignee))
    if with_reviews:
        loads.append(selectinload(Conflict.reviews).selectinload(Review.reviewer))
    return loads


def conflict_queue(
    *,
    session: Session,
    status: str | None = "open",
    assignee_id: int | None = None,
    source: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[Conflict]:
    """Conflicts most worth a reviewer's time first (priority, then oldest id).

    `status=None` lists every status; `source` keeps conflicts where either claim
    comes from the outlet with that name.
    """
    statement = select(Conflict)
    if status is not None:
        statement = statement.where(Conflict.status == status)
    if assignee_id is not None:
        statement = statement.where(Conflict.assignee_id == assignee_id)
    if source is not None:
        claim_a, claim_b = aliased(Claim), aliased(Claim)
        article_a, article_b = aliased(Article), aliased(Article)
        source_a, source_b = aliased(Source), aliased(Source)
        from_source = (
            select(ClaimRelation.id)
            .join(claim_a, claim_a.id == ClaimRelation.claim_a_id)
            .join(article_a, article_a.id == claim_a.article_id)
            .join(source_a, source_a.id == article_a.source_id)
            .join(claim_b, claim_b.id == ClaimRelation.claim_b_id)
            .join(article_b, article_b.id == claim_b.article_id)
            .join(source_b, source_b.id == article_b.source_id)
            .where(or_(source_a.name == source, source_b.name == source))
        )
        statement = statement.where(Conflict.relation_id.in_(from_source))
    statement = statement.order_by(Conflict.priority.desc(), Conflict.id)
    return paginate(
        session=session,
        statement=statement,
        limit=limit,
        offset=offset,
        options=_conflict_loads(with_reviews=False),
    )


def get_conflict(*, session: Session, conflict_id: int) -> Conflict:
    """A conflict with both claims, their articles and sources, the relation and reviews."""
    conflict = session.scalar(
        select(Conflict)
        .where(Conflict.id == conflict_id)
        .options(*_conflict_loads(with_reviews=True))
    )
    if conflict is None:
        raise NotFound("conflict", conflict_id)
    return conflict


def assign(*, session: Session, conflict_id: int, assignee_id: int | None) -> Conflict:
    """Give the conflict to a reviewer (None takes it back into the common pool)."""
    if assignee_id is not None and session.get(User, assignee_id) is None:
        raise NotFound("user", assignee_id)
    conflict = _lock_conflict(session=session, conflict_id=conflict_id)
    conflict.assignee_id = assignee_id
    session.flush()
    return get_conflict(session=session, conflict_id=conflict_id)


def record_review(
    *, session: Session, conflict_id: int, reviewer: User, decision: str, note: str = ""
) -> Review:
    """Append a decision to the audit trail and move the conflict to its new status.

    Reviews are never edited or deleted: a change of mind is a new review.
    """
    if decision not in _STATUS_AFTER:
        raise InvalidTransition(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
    conflict = _lock_conflict(session=session, conflict_id=conflict_id)
    allowed = _ALLOWED.get(conflict.status, frozenset({"reopened"}))
    if decision not in allowed:
        raise InvalidTransition(
            f"conflict {conflict_id} is {conflict.status}; "
            f"'{decision}' is not allowed (allowed: {', '.join(sorted(allowed))})"
        )
    review = Review(conflict_id=conflict.id, reviewer_id=reviewer.id, decision=decision, note=note)
    session.add(review)
    conflict.status = _STATUS_AFTER[decision]
    session.flush()
    return review


def _lock_conflict(*, session: Session, conflict_id: int) -> Conflict:
    """The conflict row locked until commit (PostgreSQL), so two reviewers deciding at
    once are serialised and the second sees the first one's status."""
    conflict = session.scalar(
        select(Conflict).where(Conflict.id == conflict_id).with_for_update(),
        execution_options={"populate_existing": True},
    )
    if conflict is None:
        raise NotFound("conflict", conflict_id)
    return conflict


def list_reviews(*, session: Session, conflict_id: int) -> list[Review]:
    """The audit trail, oldest first (id breaks ties between same-instant reviews)."""
    if session.get(Conflict, conflict_id) is None:
        raise NotFound("conflict", conflict_id)
    return list(
        session.scalars(
            select(Review)
            .where(Review.conflict_id == conflict_id)
            .order_by(Review.created_at, Review.id)
            .options(selectinload(Review.reviewer))
        )
    )


def get_claim(*, session: Session, claim_id: int) -> Claim:
    claim = session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(selectinload(Claim.article).selectinload(Article.source))
    )
    if claim is None:
        raise NotFound("claim", claim_id)
    return claim


def get_article(*, session: Session, article_id: int) -> Article:
    """An article with its source and claims (in text order, for span highlighting)."""
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(selectinload(Article.source), selectinload(Article.claims))
    )
    if article is None:
        raise NotFound("article", article_id)
    return article


@dataclass(frozen=True, slots=True)
class ClusterView:
    """A cluster as reviewers compare it: each outlet's claims side by side."""

    cluster: Cluster
    claims_by_source: dict[str, list[Claim]]
    conflicts: Sequence[Conflict]


def get_cluster(*, session: Session, cluster_id: int) -> ClusterView:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound("cluster", cluster_id)
    claims = session.scalars(
        select(Claim)
        .join(Article, Article.id == Claim.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(Claim.cluster_id == cluster_id)
        .order_by(Source.name, Article.id, Claim.start_char)
        .options(selectinload(Claim.article).selectinload(Article.source))
    ).all()
    claims_by_source: dict[str, list[Claim]] = {}
    for claim in claims:
        claims_by_source.setdefault(claim.article.source.name, []).append(claim)
    conflicts = session.scalars(
        select(Conflict)
        .where(Conflict.cluster_id == cluster_id)
        .order_by(Conflict.priority.desc(), Conflict.id)
        .options(*_conflict_loads(with_reviews=False))
    ).all()
    return ClusterView(cluster=cluster, claims_by_source=claims_by_source, conflicts=conflicts)
