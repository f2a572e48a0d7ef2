"""What routes depend on: a unit-of-work session, the caller and their role, page
parameters, and the value types every request is bounded by."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from annotated_types import Interval
from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator
from sqlalchemy.orm import Session

from service.api.errors import ApiError
from store.db import unit_of_work
from store.models import MAX_ROW_ID, User
from store.pagination import DEFAULT_LIMIT, MAX_LIMIT
from store.users import live_api_key, may, role_name


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed once after the route returns, else rolled back."""
    with unit_of_work(request.app.state.session_factory) as session:
        yield session


# scope="function" commits before the response is sent, so a failed commit is a 500,
# not a 200 for a write that never happened.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


# Every integer a client sends that meets a key column (path ids, `assignee_id`,
# `offset`) is bounded by the column's range here, once: past it, a request is a 422,
# not a database overflow.
RowId = Annotated[int, Interval(ge=1, le=MAX_ROW_ID)]
Offset = Annotated[int, Interval(ge=0, le=MAX_ROW_ID)]


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000; nothing a person writes contains it.
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


# Every free text a client sends (query strings, notes, article fields) is checked with
# this, after any length constraints: `Annotated[str, StringConstraints(...), NoNul]`.
NoNul = AfterValidator(_no_nul)
PlainText = Annotated[str, NoNul]


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="Bearer API key",
    description="`Authorization: Bearer cc_...` with a key from `claimcheck user-add`.",
)
_api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    scheme_name="X-API-Key",
    description="The same API key in an `X-API-Key` header, for tools that cannot set Bearer.",
)

UNAUTHORIZED_HEADERS = {"WWW-Authenticate": "Bearer"}


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def authenticate(*, request: Request, session: Session, key: str | None) -> User:
    """The key's owner, or a 401 saying what was wrong with the key.

    Failed keys count against the client's sign-in budget (429 once spent), so keys
    cannot be guessed at speed through the API any more than through the login form.
    """
    if not key:
        raise ApiError(
            401,
            "unauthorized",
            "this action needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key'",
            headers=UNAUTHORIZED_HEADERS,
        )
    throttle = request.app.state.login_throttle
    address = client_address(request)
    throttle.check(address)
    row = live_api_key(session=session, key=key)
    if row is None:
        throttle.count(address)
        raise ApiError(
            401,
            "invalid_api_key",
            "the API key is unknown or revoked",
            headers=UNAUTHORIZED_HEADERS,
        )
    return row.user


def api_caller(
    request: Request,
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header_key: Annotated[str | None, Security(_api_key_header)],
) -> User:
    key = bearer.credentials if bearer else header_key
    user = authenticate(request=request, session=session, key=key)
    # The key is read in a transaction of its own, which hands its connection back to
    # the pool: a compare waiting for the scorer holds none (16 waiting ones outgrew the
    # pool, and each request opened and closed a connection of its own).
    session.commit()
    return user


def require(*, user: User, permission: str) -> User:
    """`user` if their role grants `permission`, else a 403 naming what is missing."""
    if not may(user, permission):
        raise ApiError(
            403,
            "forbidden",
            f"{user.name} is {role_name(user)}; this action needs the '{permission}' permission",
        )
    return user


def _permitted(permission: str) -> Callable[[User], User]:
    def dependency(user: Annotated[User, Depends(api_caller)]) -> User:
        return require(user=user, permission=permission)

    return dependency


Reader = Annotated[User, Depends(_permitted("read"))]
Editor = Annotated[User, Depends(_permitted("ingest"))]
Reviewer = Annotated[User, Depends(_permitted("review"))]
Admin = Annotated[User, Depends(_permitted("admin"))]


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = DEFAULT_LIMIT,
    offset: Annotated[Offset, Query(description="items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]
