"""API keys: shown once, stored hashed, revocable by prefix."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from store.db import unit_of_work
from store.models import ApiKey
from store.users import (
    UnknownKey,
    UserError,
    UserExists,
    create_user,
    hash_key,
    issue_api_key,
    revoke_api_key,
    verify_api_key,
)


def test_issued_key_is_stored_only_as_hash_and_prefix(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        issued = issue_api_key(session=session, user=create_user(session=session, name="amina"))
    assert issued.key.startswith("cc_") and len(issued.key) > 40
    assert issued.key.startswith(issued.prefix)
    with unit_of_work(session_factory) as session:
        row = session.scalars(select(ApiKey)).one()
        assert row.key_hash == hash_key(issued.key) != issued.key
        assert issued.key not in (row.key_hash, row.prefix)
        assert verify_api_key(session=session, key=issued.key).name == "amina"


def test_two_keys_of_one_user_are_different(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        user = create_user(session=session, name="amina")
        first, second = (issue_api_key(session=session, user=user) for _ in range(2))
    assert first.key != second.key


def test_revoked_key_no_longer_verifies_but_others_do(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        user = create_user(session=session, name="amina")
        old, new = (
            issue_api_key(session=session, user=user),
            issue_api_key(session=session, user=user),
        )
    with unit_of_work(session_factory) as session:
        assert revoke_api_key(session=session, prefix=old.prefix) == 1
    with unit_of_work(session_factory) as session:
        assert verify_api_key(session=session, key=old.key) is None
        assert verify_api_key(session=session, key=new.key) is not None
        with pytest.raises(UnknownKey):
            revoke_api_key(session=session, prefix=old.prefix)


def test_revoking_needs_a_prefix_longer_than_cc(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session, pytest.raises(UserError):
        revoke_api_key(session=session, prefix="cc_")


def test_user_names_are_unique(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        create_user(session=session, name="amina")
        with pytest.raises(UserExists):
            create_user(session=session, name="amina")


def test_garbage_keys_do_not_verify(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        for key in ("", "cc_", "not-a-key", "cc_" + "A" * 43):
            assert verify_api_key(session=session, key=key) is None
