"""What routes depend on: a unit-of-work session, the caller's identity, page parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.api.errors import ApiError
from store.db import unit_of_work
from store.models import User
from store.pagination import DEFAULT_LIMIT, MAX_LIMIT
from store.users import verify_api_key


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed once after the route returns, else rolled back."""
    with unit_of_work(request.app.state.session_factory) as session:
        yield session


# scope="function" commits before the response is sent, so a failed commit is a 500,
# not a 200 for a write that never happened.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

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


def authenticate(*, session: Session, key: str | None) -> User:
    """The key's owner, or a 401 saying what was wrong with the key."""
    if not key:
        raise ApiError(
            401,
            "unauthorized",
            "this action needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key'",
            headers=UNAUTHORIZED_HEADERS,
        )
    user = verify_api_key(session=session, key=key)
    if user is None:
        raise ApiError(
            401,
            "invalid_api_key",
            "the API key is unknown or revoked",
            headers=UNAUTHORIZED_HEADERS,
        )
    return user


def current_user(
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header_key: Annotated[str | None, Security(_api_key_header)],
) -> User:
    return authenticate(session=session, key=bearer.credentials if bearer else header_key)


CurrentUser = Annotated[User, Depends(current_user)]


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]
