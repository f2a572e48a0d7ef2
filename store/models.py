"""SQLAlchemy 2.0 tables. Alembic migrations create them; nothing else does."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Ids are `Integer` columns: 32 bits on PostgreSQL, the smaller of the two backends.
MAX_ROW_ID = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, the one way times leave the service (as JSON does)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC on the way out.

    SQLite keeps no offset and hands back naive values while PostgreSQL hands back
    aware ones; converting here, once, makes both serialise the same way.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        # A naive value can only have come from utcnow's callers forgetting the zone.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Source(Base):
    """An outlet. Claims are reconciled across sources, never within one."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="source")


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("source_id", "url", name="uq_articles_source_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), index=True
    )
    url: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    raw_text: Mapped[str] = mapped_column(Text)
    cleaned_text: Mapped[str] = mapped_column(Text)
    # sha256 of the normalised cleaned text: the same story re-scraped is one article.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    source: Mapped[Source] = relationship(back_populates="articles")
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Claim.start_char"
    )


class Cluster(Base):
    """Claims that assert or dispute the same thing; the unit a fact-checker reviews."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="cluster")


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    speaker: Mapped[str | None] = mapped_column(String(300))
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    denied: Mapped[bool] = mapped_column(Boolean, default=False)
    check_worthy: Mapped[bool] = mapped_column(Boolean, default=True)
    slots: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    embedding_model: Mapped[str | None] = mapped_column(String(300))
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )

    article: Mapped[Article] = relationship(back_populates="claims")
    cluster: Mapped[Cluster | None] = relationship(back_populates="claims")
    vector: Mapped[ClaimVector | None] = relationship(
        back_populates="claim", cascade="all, delete-orphan", uselist=False
    )


class ClaimVector(Base):
    """The embedding of a claim, kept in the database so any process can rebuild the index."""

    __tablename__ = "claim_vectors"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    model_id: Mapped[str] = mapped_column(String(300), index=True)
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)

    claim: Mapped[Claim] = relationship(back_populates="vector")


class ClaimKey(Base):
    """A blocking key of a claim (claims.candidates.blocking_keys): claims that share
    one are related whatever their cosine."""

    __tablename__ = "claim_keys"
    __table_args__ = (Index("ix_claim_keys_key", "key", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(300), primary_key=True)


class ClaimRelation(Base):
    """A scored relation between two claims of different sources (a < b by id)."""

    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("claim_a_id", "claim_b_id", name="uq_relations_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_a_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    claim_b_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    conflict_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text, default="")
    temporal: Mapped[bool] = mapped_column(Boolean, default=False)
    scorer_version: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    claim_a: Mapped[Claim] = relationship(foreign_keys=[claim_a_id])
    claim_b: Mapped[Claim] = relationship(foreign_keys=[claim_b_id])
    conflict: Mapped[Conflict | None] = relationship(back_populates="relation", uselist=False)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # reader, editor, reviewer or admin (store.users.ROLE_PERMISSIONS says what each may do).
    role: Mapped[str] = mapped_column(String(16), default="reviewer", server_default="reviewer")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    api_keys: Mapped[list[ApiKey]] = relationship(back_populates="user")


class ApiKey(Base):
    """Only a hash of the key is kept; the clear key is shown once, at creation."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship(back_populates="api_keys")


class Conflict(Base):
    """A conflicting relation as a reviewable item in the fact-checkers' queue."""

    __tablename__ = "conflicts"
    # The queue's sorts and filters (store.conflicts.conflict_queue), read on every page.
    __table_args__ = (
        Index("ix_conflicts_queue", "status", "priority"),
        Index("ix_conflicts_recent", "status", "created_at", "id"),
        Index("ix_conflicts_assignee", "assignee_id", "status", "priority"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    relation_id: Mapped[int] = mapped_column(
        ForeignKey("relations.id", ondelete="CASCADE"), unique=True
    )
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="open")
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Bumped by every review and assignment: a write names the version it read and
    # fails if another got there first (optimistic concurrency, the same on SQLite
    # and PostgreSQL).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    relation: Mapped[ClaimRelation] = relationship(back_populates="conflict")
    assignee: Mapped[User | None] = relationship()
    reviews: Mapped[list[Review]] = relationship(
        back_populates="conflict", order_by="Review.created_at"
    )


class Review(Base):
    """Append-only audit trail of a conflict: decisions, and assignments ("assigned",
    "unassigned", with the new assignee) in the same order they happened."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    conflict_id: Mapped[int] = mapped_column(
        ForeignKey("conflicts.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    decision: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    conflict: Mapped[Conflict] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])


class WebSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is kept here,
    and the row ends with logout, expiry or the revocation of the key that opened it."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship()
    api_key: Mapped[ApiKey] = relationship()


class IngestJob(Base):
    """A JSONL upload ingested in the background (`POST /ingest/jobs`).

    The uploaded bytes are kept with the job, so a job outlives the process that took it:
    `lines_done` and the counts are a checkpoint, and a job whose worker stopped
    heartbeating is taken again from there (ingest is idempotent, so redone lines are
    duplicates, never twins).
    """

    __tablename__ = "ingest_jobs"
    __table_args__ = (Index("ix_ingest_jobs_status", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The uploaded file's name, as the submitter called it.
    name: Mapped[str] = mapped_column(String(300))
    # queued, running, done or failed.
    status: Mapped[str] = mapped_column(String(16), default="queued")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    lines_total: Mapped[int] = mapped_column(Integer)
    lines_done: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    duplicate: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    # [{"line": n, "reason": "..."}], the first store.ingest_jobs.MAX_REJECTIONS_KEPT.
    rejections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text)
    # host:pid of the process that holds the job; its lease runs from `heartbeat_at`.
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    submitted_by: Mapped[User | None] = relationship()


class QueueGeneration(Base):
    """One row whose `value` grows with every committed change a conflict queue page can
    show. Migration 0007's triggers keep it; equal values mean equal pages."""

    __tablename__ = "queue_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
