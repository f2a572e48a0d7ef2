"""One way to page through a query: a `Page` of rows plus the total the filters matched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")
U = TypeVar("U")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """A slice of an ordered result; `total` counts every row the filters matched."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        following = self.offset + len(self.items)
        return following if following < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        """The same page with each item converted (rows to API or template values)."""
        return Page([convert(item) for item in self.items], self.total, self.limit, self.offset)


def paginate(
    *,
    session: Session,
    statement: Select[Any],
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    options: Sequence[Any] = (),
) -> Page[Any]:
    """Run an ordered `statement` over one entity (with an `id`) for one page; `options`
    (eager loads) apply to the page's rows only.

    The count runs on the filtered statement without ordering or loader options, so
    it stays one cheap `SELECT count(*)` whatever the page needs to display. The page's
    ids are read first, from the statement alone, and only those rows are loaded with
    what they display: joined loads under an OFFSET would be joined for every row
    skipped too (offset 15,000 of the queue took 168 ms, 11 times the first page).
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must not be negative, got {offset}")
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    entity = statement.column_descriptions[0]["entity"]
    ids = session.scalars(
        statement.with_only_columns(entity.id, maintain_column_froms=True)
        .limit(limit)
        .offset(offset)
    ).all()
    loaded = session.scalars(select(entity).where(entity.id.in_(ids)).options(*options)).unique()
    by_id = {row.id: row for row in loaded}
    return Page(items=[by_id[i] for i in ids], total=int(total or 0), limit=limit, offset=offset)
