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
    """Run an ordered `statement` for one page; `options` (eager loads) apply to the rows only.

    The count runs on the filtered statement without ordering or loader options, so
    it stays one cheap `SELECT count(*)` whatever the page needs to display.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must not be negative, got {offset}")
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    rows = session.scalars(statement.options(*options).limit(limit).offset(offset)).all()
    return Page(items=list(rows), total=int(total or 0), limit=limit, offset=offset)
