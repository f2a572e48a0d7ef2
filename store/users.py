"""Users, their roles and API keys, and the browser sessions a key opens.

Keys and session tokens are shown once and kept only as a sha256 hash.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal, Protocol, get_args

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from store.models import ApiKey, User, WebSession, utcnow

KEY_PREFIX = "cc_"
# "cc_" plus 8 characters of the secret: enough to tell keys apart in a listing, too
# little to help guess the rest (the secret has 256 bits).
PREFIX_LENGTH = 11


Role = Literal["reader", "editor", "reviewer", "admin"]
Permission = Literal["read", "ingest", "review", "admin"]
ROLES: tuple[str, ...] = get_args(Role)

# What each role may do. Editors feed the store (ingest, compare), reviewers work the
# queue (assign, decide); neither implies the other, and admin implies everything.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "reader": frozenset({"read"}),
    "editor": frozenset({"read", "ingest"}),
    "reviewer": frozenset({"read", "review"}),
    "admin": frozenset(get_args(Permission)),
}


class HasRole(Protocol):
    role: str


def role_name(user: HasRole) -> str:
    """The user's role with its article, for messages: 'an editor', 'a reviewer'."""
    return ("an " if user.role[:1] in "aeiou" else "a ") + user.role


def may(user: HasRole, permission: str) -> bool:
    """Whether the user's role grants `permission` (an unknown role grants nothing)."""
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


class UserError(ValueError):
    """A user or key operation that cannot be done as asked."""


class UserExists(UserError):
    pass


class UnknownUser(UserError, LookupError):
    pass


class UnknownKey(UserError, LookupError):
    pass


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """The clear key exists only in this value: print it once, then let it go."""

    key: str
    prefix: str
    user_id: int


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _check_role(role: str) -> None:
    if role not in ROLE_PERMISSIONS:
        raise UserError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")


def create_user(*, session: Session, name: str, role: str = "reviewer") -> User:
    name = name.strip()
    if not name:
        raise UserError("a user needs a non-empty name")
    _check_role(role)
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise UserExists(f"a user named {name!r} already exists")
    user = User(name=name, role=role)
    session.add(user)
    session.flush()
    return user


def get_user(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UnknownUser(f"no user with id {user_id}")
    return user


def list_users(*, session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))


def set_role(*, session: Session, user_id: int, role: str) -> User:
    _check_role(role)
    user = get_user(session=session, user_id=user_id)
    user.role = role
    session.flush()
    return user


def find_user(*, session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise UnknownUser(f"no user named {name!r}")
    return user


def issue_api_key(*, session: Session, user: User) -> IssuedKey:
    """A new random key for `user`; only its hash and prefix are stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(user_id=user.id, key_hash=hash_key(key), prefix=key[:PREFIX_LENGTH])
    session.add(row)
    session.flush()
    return IssuedKey(key=key, prefix=row.prefix, user_id=user.id)


def live_api_key(*, session: Session, key: str) -> ApiKey | None:
    """The stored row of a live (unrevoked) key, else None.

    Looking the key up by its hash (a unique index) compares digests, not secrets,
    so response time does not leak how much of a guessed key was right.
    """
    if not key or not key.startswith(KEY_PREFIX):
        return None
    row = session.scalar(
        select(ApiKey).where(ApiKey.key_hash == hash_key(key)).options(joinedload(ApiKey.user))
    )
    if row is None or row.revoked_at is not None:
        return None
    return row


def verify_api_key(*, session: Session, key: str) -> User | None:
    """The user a live key belongs to, else None."""
    row = live_api_key(session=session, key=key)
    return row.user if row is not None else None


def revoke_api_key(*, session: Session, prefix: str) -> int:
    """Revoke every live key starting with `prefix`; returns how many were revoked."""
    if len(prefix) < len(KEY_PREFIX) + 4:
        # A short prefix like "cc_" would silently revoke everyone's keys.
        raise UserError(f"prefix {prefix!r} is too short to name one key")
    rows = session.scalars(
        select(ApiKey).where(ApiKey.prefix.startswith(prefix, autoescape=True))
    ).all()
    live = [row for row in rows if row.revoked_at is None]
    if not live:
        raise UnknownKey(f"no live API key with prefix {prefix!r}")
    for row in live:
        row.revoked_at = utcnow()
    session.flush()
    return len(live)


@dataclass(frozen=True, slots=True)
class OpenedSession:
    """The clear session token exists only here: it goes into the cookie, once."""

    token: str
    user: User
    expires_in_s: int


def open_session(*, session: Session, api_key: ApiKey, lifetime: timedelta) -> OpenedSession:
    """A browser session for the key's owner; expired sessions are swept on the way."""
    session.execute(delete(WebSession).where(WebSession.expires_at <= utcnow()))
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=hash_key(token),
            user_id=api_key.user_id,
            api_key_id=api_key.id,
            expires_at=utcnow() + lifetime,
        )
    )
    session.flush()
    return OpenedSession(token=token, user=api_key.user, expires_in_s=int(lifetime.total_seconds()))


def session_user(*, session: Session, token: str) -> User | None:
    """The user of a live browser session: not expired, not logged out, key not revoked."""
    if not token:
        return None
    row = session.scalar(
        select(WebSession)
        .where(WebSession.token_hash == hash_key(token))
        .options(joinedload(WebSession.user), joinedload(WebSession.api_key))
    )
    if row is None or row.expires_at <= utcnow() or row.api_key.revoked_at is not None:
        return None
    return row.user


def close_session(*, session: Session, token: str) -> None:
    """Log out on the server: the token stops working whatever the browser keeps."""
    session.execute(delete(WebSession).where(WebSession.token_hash == hash_key(token)))
