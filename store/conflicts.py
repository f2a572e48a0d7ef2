"""The fact-checkers' side of the store: the conflict queue, reviews, and the evidence
(claims, their articles and clusters) a reviewer reads before deciding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal, get_args

from sqlalchemy import String, cast, func, or_, select, update
from sqlalchemy.orm import Session, aliased, defer, joinedload, selectinload

from store.models import (
    Article,
    Claim,
    ClaimRelation,
    Cluster,
    Conflict,
    QueueGeneration,
    Review,
    Source,
    User,
    utcnow,
)
from store.pagination import DEFAULT_LIMIT, Page, paginate
from store.users import may, role_name

ConflictStatus = Literal["open", "confirmed", "dismissed", "needs_more_info", "resolved"]
Decision = Literal["confirmed", "dismissed", "needs_more_info", "resolved", "reopened"]
QueueSort = Literal["priority", "recent"]
CONFLICT_STATUSES: tuple[str, ...] = get_args(ConflictStatus)
DECISIONS: tuple[str, ...] = get_args(Decision)
# Entries of the audit trail that record who holds a conflict rather than a verdict.
ASSIGNMENT_ENTRIES = ("assigned", "unassigned")

_STATUS_AFTER: dict[str, str] = {
    "confirmed": "confirmed",
    "dismissed": "dismissed",
    "needs_more_info": "needs_more_info",
    "resolved": "resolved",
    "reopened": "open",
}
# confirmed: the outlets really disagree; dismissed: no real disagreement (a misreading);
# resolved: settled, the note says which side holds (a confirmed conflict can be settled
# later, when a correction comes). A closed conflict must be reopened before it is decided
# otherwise, so every change of verdict leaves a "reopened" review in the audit trail.
_ALLOWED: dict[str, tuple[str, ...]] = {
    "open": ("confirmed", "dismissed", "resolved", "needs_more_info"),
    "needs_more_info": ("confirmed", "dismissed", "resolved", "reopened"),
    "confirmed": ("resolved", "reopened"),
    "dismissed": ("reopened",),
    "resolved": ("reopened",),
}


class NotFound(LookupError):
    """No row of this kind has this id."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"no {kind} with id {key}")
        self.kind = kind
        self.key = key


class InvalidTransition(ValueError):
    """The decision does not apply to the conflict's current status."""


class ConflictChanged(RuntimeError):
    """Someone else decided or reassigned the conflict since the caller read it."""


class NotAReviewer(ValueError):
    """Conflicts are assigned only to users whose role lets them decide."""


def allowed_decisions(status: str) -> tuple[str, ...]:
    """The decisions a conflict in `status` accepts, in the order the desk offers them."""
    return _ALLOWED.get(status, ("reopened",))


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What narrows the queue besides its status; None means no restriction.

    `source` matches either side's outlet, ignoring case; `language` either claim's
    language; `opened_since` the day the conflict entered the queue; `text` a
    case-insensitive substring of either claim, either outlet or the explanation.
    """

    assignee_id: int | None = None
    source: str | None = None
    conflict_type: str | None = None
    language: str | None = None
    opened_since: date | None = None
    text: str | None = None


def _conflict_loads(*, with_reviews: bool, article_texts: bool = True) -> list:
    """Eager loads for showing a conflict: both claims with article and source, assignee.

    Everything a conflict points to is one row away, so it comes in the same SELECT
    (joined), not in a query per relationship; a list of conflicts, which shows no
    article text, leaves the articles' texts unread (`article_texts=False`).
    """
    article_options: list = [joinedload(Article.source)]
    if not article_texts:
        article_options += [defer(Article.raw_text), defer(Article.cleaned_text)]
    loads: list = [
        joinedload(Conflict.relation)
        .joinedload(side)
        .joinedload(Claim.article)
        .options(*article_options)
        for side in (ClaimRelation.claim_a, ClaimRelation.claim_b)
    ]
    loads.append(joinedload(Conflict.assignee))
    if with_reviews:
        loads.append(
            selectinload(Conflict.reviews).options(
                selectinload(Review.reviewer), selectinload(Review.assignee)
            )
        )
    return loads


def _filtered(statement, filters: QueueFilter):
    """`statement` over conflicts narrowed by `filters` (one join of both sides, once).

    The relation and the claims are joined only for a filter that reads them: without
    them the queue's page and its count are read from the conflicts' own indexes.
    """
    if filters.assignee_id is not None:
        statement = statement.where(Conflict.assignee_id == filters.assignee_id)
    if filters.opened_since is not None:
        since = datetime.combine(filters.opened_since, datetime.min.time(), tzinfo=UTC)
        statement = statement.where(Conflict.created_at >= since)
    on_claims = (filters.conflict_type, filters.source, filters.language)
    if all(value is None for value in on_claims) and not filters.text:
        return statement
    statement = statement.join(ClaimRelation, ClaimRelation.id == Conflict.relation_id)
    if filters.conflict_type is not None:
        # conflict_types is a JSON list of plain words: its text holds '"quantity"' exactly
        # when the list does, on SQLite and PostgreSQL alike.
        statement = statement.where(
            cast(ClaimRelation.conflict_types, String).contains(
                f'"{filters.conflict_type}"', autoescape=True
            )
        )
    if filters.source is None and filters.language is None and not filters.text:
        return statement
    claim_a, claim_b = aliased(Claim), aliased(Claim)
    article_a, article_b = aliased(Article), aliased(Article)
    source_a, source_b = aliased(Source), aliased(Source)
    statement = (
        statement.join(claim_a, claim_a.id == ClaimRelation.claim_a_id)
        .join(article_a, article_a.id == claim_a.article_id)
        .join(source_a, source_a.id == article_a.source_id)
        .join(claim_b, claim_b.id == ClaimRelation.claim_b_id)
        .join(article_b, article_b.id == claim_b.article_id)
        .join(source_b, source_b.id == article_b.source_id)
    )
    if filters.source is not None:
        wanted = filters.source.strip().lower()
        statement = statement.where(
            or_(func.lower(source_a.name) == wanted, func.lower(source_b.name) == wanted)
        )
    if filters.language is not None:
        statement = statement.where(
            or_(claim_a.language == filters.language, claim_b.language == filters.language)
        )
    if filters.text:
        needle = filters.text.strip()
        statement = statement.where(
            or_(
                *(
                    column.icontains(needle, autoescape=True)
                    for column in (
                        claim_a.text,
                        claim_b.text,
                        source_a.name,
                        source_b.name,
                        ClaimRelation.explanation,
                    )
                )
            )
        )
    return statement


def conflict_queue(
    *,
    session: Session,
    status: str | None = "open",
    filters: QueueFilter | None = None,
    sort: str = "priority",
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[Conflict]:
    """Conflicts most worth a reviewer's time first (priority, then oldest id), or the
    most recently opened first (`sort="recent"`). `status=None` lists every status."""
    statement = select(Conflict)
    if status is not None:
        statement = statement.where(Conflict.status == status)
    statement = _filtered(statement, filters or QueueFilter())
    if sort == "recent":
        statement = statement.order_by(Conflict.created_at.desc(), Conflict.id.desc())
    else:
        statement = statement.order_by(Conflict.priority.desc(), Conflict.id)
    return paginate(
        session=session,
        statement=statement,
        limit=limit,
        offset=offset,
        options=_conflict_loads(with_reviews=False, article_texts=False),
    )


def queue_generation(*, session: Session) -> int:
    """What the queue pages are at: read before a page, it tells whether a page kept
    from an earlier read is still current (the same number) or may not be."""
    return session.scalars(select(QueueGeneration.value).where(QueueGeneration.id == 1)).one()


def status_counts(*, session: Session, filters: QueueFilter | None = None) -> dict[str, int]:
    """How many conflicts of each status match `filters` (every status present, zeros too)."""
    statement = select(Conflict.status, func.count(Conflict.id)).group_by(Conflict.status)
    counted = dict(session.execute(_filtered(statement, filters or QueueFilter())).all())
    return {status: int(counted.get(status, 0)) for status in CONFLICT_STATUSES}


def adjacent_in_queue(*, session: Session, conflict: Conflict) -> tuple[int | None, int | None]:
    """The open conflicts just before and after this one in priority order (j/k on the desk)."""
    same = Conflict.priority == conflict.priority
    before = (
        select(Conflict.id)
        .where(
            Conflict.status == "open",
            or_(Conflict.priority > conflict.priority, same & (Conflict.id < conflict.id)),
        )
        .order_by(Conflict.priority.asc(), Conflict.id.desc())
        .limit(1)
    )
    after = (
        select(Conflict.id)
        .where(
            Conflict.status == "open",
            or_(Conflict.priority < conflict.priority, same & (Conflict.id > conflict.id)),
        )
        .order_by(Conflict.priority.desc(), Conflict.id)
        .limit(1)
    )
    return session.scalar(before), session.scalar(after)


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


def assign(
    *,
    session: Session,
    conflict_id: int,
    assignee_id: int | None,
    by: User,
    expected_version: int | None = None,
) -> Conflict:
    """Give the conflict to a reviewer (None takes it back into the common pool).

    The change goes into the audit trail as an "assigned"/"unassigned" entry by `by`;
    assigning to the current assignee changes nothing and records nothing.
    """
    if assignee_id is not None:
        assignee = session.get(User, assignee_id)
        if assignee is None:
            raise NotFound("user", assignee_id)
        if not may(assignee, "review"):
            raise NotAReviewer(
                f"{assignee.name} is {role_name(assignee)}; "
                "only reviewers and admins take conflicts"
            )
    current = _current(session=session, conflict_id=conflict_id, expected=expected_version)
    if current.assignee_id != assignee_id:
        _advance(session=session, current=current, assignee_id=assignee_id)
        session.add(
            Review(
                conflict_id=conflict_id,
                reviewer_id=by.id,
                decision="assigned" if assignee_id is not None else "unassigned",
                assignee_id=assignee_id,
            )
        )
        session.flush()
    return get_conflict(session=session, conflict_id=conflict_id)


def record_review(
    *,
    session: Session,
    conflict_id: int,
    reviewer: User,
    decision: str,
    note: str = "",
    expected_version: int | None = None,
) -> Review:
    """Append a decision to the audit trail and move the conflict to its new status.

    Reviews are never edited or deleted: a change of mind is a new review. Of two
    reviewers deciding at once, one wins and the other gets `ConflictChanged`.
    """
    if decision not in _STATUS_AFTER:
        raise InvalidTransition(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
    current = _current(session=session, conflict_id=conflict_id, expected=expected_version)
    allowed = allowed_decisions(current.status)
    if decision not in allowed:
        raise InvalidTransition(
            f"conflict {conflict_id} is {current.status}; "
            f"'{decision}' is not allowed (allowed: {', '.join(sorted(allowed))})"
        )
    _advance(session=session, current=current, status=_STATUS_AFTER[decision])
    review = Review(conflict_id=conflict_id, reviewer_id=reviewer.id, decision=decision, note=note)
    session.add(review)
    session.flush()
    return review


@dataclass(frozen=True, slots=True)
class _Current:
    id: int
    status: str
    assignee_id: int | None
    version: int


def _current(*, session: Session, conflict_id: int, expected: int | None) -> _Current:
    row = session.execute(
        select(Conflict.id, Conflict.status, Conflict.assignee_id, Conflict.version).where(
            Conflict.id == conflict_id
        )
    ).one_or_none()
    if row is None:
        raise NotFound("conflict", conflict_id)
    current = _Current(*row)
    if expected is not None and expected != current.version:
        raise ConflictChanged(
            f"conflict {conflict_id} changed since you read it (it is now {current.status}); "
            "reload it and decide again"
        )
    return current


def _advance(*, session: Session, current: _Current, **values: object) -> None:
    """Write `values` only if the row is still as read: one conditional UPDATE whose row
    count says who won. It needs no row lock, which SQLite does not have; the loser's
    UPDATE waits for the winner's commit and then matches no row."""
    result = session.execute(
        update(Conflict)
        .where(
            Conflict.id == current.id,
            Conflict.status == current.status,
            Conflict.version == current.version,
        )
        .values(**values, version=Conflict.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConflictChanged(
            f"conflict {current.id} was changed by someone else just now; "
            "reload it and decide again"
        )
    loaded = session.identity_map.get(session.identity_key(Conflict, current.id))
    if loaded is not None:
        session.expire(loaded)


def list_reviews(*, session: Session, conflict_id: int) -> list[Review]:
    """The audit trail, oldest first (id breaks ties between same-instant entries)."""
    if session.get(Conflict, conflict_id) is None:
        raise NotFound("conflict", conflict_id)
    return list(
        session.scalars(
            select(Review)
            .where(Review.conflict_id == conflict_id)
            .order_by(Review.created_at, Review.id)
            .options(selectinload(Review.reviewer), selectinload(Review.assignee))
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


def agreeing_claims(*, session: Session, claim_ids: Sequence[int]) -> dict[int, list[Claim]]:
    """For each claim, the claims of other outlets related to it as agreeing."""
    rows = session.scalars(
        select(ClaimRelation)
        .where(
            ClaimRelation.relation == "agree",
            or_(ClaimRelation.claim_a_id.in_(claim_ids), ClaimRelation.claim_b_id.in_(claim_ids)),
        )
        .order_by(ClaimRelation.id)
        .options(
            *(
                selectinload(side).selectinload(Claim.article).selectinload(Article.source)
                for side in (ClaimRelation.claim_a, ClaimRelation.claim_b)
            )
        )
    ).all()
    agreeing: dict[int, list[Claim]] = {claim_id: [] for claim_id in claim_ids}
    for row in rows:
        if row.claim_a_id in agreeing:
            agreeing[row.claim_a_id].append(row.claim_b)
        if row.claim_b_id in agreeing:
            agreeing[row.claim_b_id].append(row.claim_a)
    return agreeing


def claim_relations(*, session: Session, claim_ids: Sequence[int]) -> list[ClaimRelation]:
    """Every stored relation touching these claims, with both sides and any queue item."""
    return list(
        session.scalars(
            select(ClaimRelation)
            .where(
                or_(
                    ClaimRelation.claim_a_id.in_(claim_ids),
                    ClaimRelation.claim_b_id.in_(claim_ids),
                )
            )
            .order_by(ClaimRelation.id)
            .options(
                selectinload(ClaimRelation.conflict),
                *(
                    selectinload(side).selectinload(Claim.article).selectinload(Article.source)
                    for side in (ClaimRelation.claim_a, ClaimRelation.claim_b)
                ),
            )
        )
    )


def _touching_articles(article_ids: Sequence[int]):
    """Conflicts in which a claim of one of these articles takes part."""
    claims = select(Claim.id).where(Claim.article_id.in_(article_ids))
    return (
        select(Conflict)
        .join(ClaimRelation, ClaimRelation.id == Conflict.relation_id)
        .where(or_(ClaimRelation.claim_a_id.in_(claims), ClaimRelation.claim_b_id.in_(claims)))
    )


def article_conflicts(
    *, session: Session, article_id: int, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> Page[Conflict]:
    """Conflicts, of any status, in which one of the article's claims takes part."""
    if session.get(Article, article_id) is None:
        raise NotFound("article", article_id)
    return paginate(
        session=session,
        statement=_touching_articles([article_id]).order_by(Conflict.priority.desc(), Conflict.id),
        limit=limit,
        offset=offset,
        options=_conflict_loads(with_reviews=False),
    )


def count_conflicts_of_articles(*, session: Session, article_ids: Sequence[int]) -> int:
    """How many conflicts the claims of these articles take part in (each counted once)."""
    if not article_ids:
        return 0
    touching = _touching_articles(article_ids).with_only_columns(Conflict.id).subquery()
    return int(session.scalar(select(func.count()).select_from(touching)) or 0)


DECIDED_STATUSES = ("confirmed", "dismissed", "resolved")


def decided_conflicts(*, session: Session) -> list[Conflict]:
    """Every conflict reviewers have closed, oldest first, with evidence and audit trail."""
    return list(
        session.scalars(
            select(Conflict)
            .where(Conflict.status.in_(DECIDED_STATUSES))
            .order_by(Conflict.id)
            .options(*_conflict_loads(with_reviews=True))
        )
    )
