"""The serve/user CLI: a key printed by `user-add` works against the API; a revoked one not."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from service.cli.common import CliError
from service.cli.serve import app
from store.db import make_session_factory, unit_of_work
from store.users import verify_api_key

runner = CliRunner()


def printed_key(output: str) -> str:
    return output.strip().splitlines()[-1]


def test_user_add_prints_a_working_key_once_and_key_revoke_disables_it(
    engine: Engine, database_url: str
) -> None:
    added = runner.invoke(app, ["user-add", "amina", "--db", database_url])
    assert added.exit_code == 0, added.output
    key = printed_key(added.output)
    assert key.startswith("cc_")
    with unit_of_work(make_session_factory(engine)) as session:
        assert verify_api_key(session=session, key=key).name == "amina"

    revoked = runner.invoke(app, ["key-revoke", key[:11], "--db", database_url])
    assert revoked.exit_code == 0, revoked.output
    assert "revoked 1 key" in revoked.output
    with unit_of_work(make_session_factory(engine)) as session:
        assert verify_api_key(session=session, key=key) is None


def test_key_add_gives_an_existing_user_a_second_key(engine: Engine, database_url: str) -> None:
    first = printed_key(runner.invoke(app, ["user-add", "amina", "--db", database_url]).output)
    second = runner.invoke(app, ["key-add", "amina", "--db", database_url])
    assert second.exit_code == 0
    assert printed_key(second.output) != first


def test_adding_the_same_user_twice_is_a_clear_error(engine: Engine, database_url: str) -> None:
    runner.invoke(app, ["user-add", "amina", "--db", database_url])
    again = runner.invoke(app, ["user-add", "amina", "--db", database_url])
    assert isinstance(again.exception, CliError)
    assert "already exists" in str(again.exception)


def test_revoking_an_unknown_prefix_is_a_clear_error(engine: Engine, database_url: str) -> None:
    result = runner.invoke(app, ["key-revoke", "cc_nosuchkey", "--db", database_url])
    assert isinstance(result.exception, CliError)
    with pytest.raises(CliError, match="no live API key"):
        raise result.exception
