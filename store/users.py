"""Users and their API keys: keys are shown once, kept only as a sha256 hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import ApiKey, User, utcnow

KEY_PREFIX = "cc_"
# "cc_" plus 8 characters of the secret: enough to tell keys apart in a listing, too
# little to help guess the rest (the secret has 256 bits).
PREFIX_LENGTH = 11


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


def create_user(*, session: Session, name: str) -> User:
    name = name.strip()
    if not name:
        raise UserError("a user needs a non-empty name")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise UserExists(f"a user named {name!r} already exists")
    user = User(name=name)
    session.add(user)
    session.flush()
    return user


def get_user(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UnknownUser(f"no user with id {user_id}")
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


def verify_api_key(*, session: Session, key: str) -> User | None:
    """The user a live key belongs to, else None.

    Looking the key up by its hash (a unique index) compares digests, not secrets,
    so response time does not leak how much of a guessed key was right.
    """
    if not key or not key.startswith(KEY_PREFIX):
        return None
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
    if row is None or row.revoked_at is not None:
        return None
    return row.user


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
