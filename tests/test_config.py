"""Settings come from CLAIMCHECK_* variables or a .env file; a bad value is one line
naming the variable, from every command, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.config import SettingsError, load_settings

VARIABLES = (
    "CLAIMCHECK_DATA_DIR",
    "CLAIMCHECK_DATABASE_URL",
    "CLAIMCHECK_EMBEDDER",
    "CLAIMCHECK_MAX_ARTICLE_BYTES",
    "CLAIMCHECK_RELATION_MODEL",
    "CLAIMCHECK_ANS_DIR",
    "CLAIMCHECK_EMERGENT_DIR",
)


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No CLAIMCHECK_* variable set, and a working directory without a .env file."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_need_no_set_up(clean_environment: Path) -> None:
    settings = load_settings()
    assert settings.data_dir == Path(".claimcheck")
    assert settings.database_url == f"sqlite:///{clean_environment / '.claimcheck/claimcheck.db'}"
    assert settings.embedder == "use-m3"
    assert settings.max_article_bytes == 1_000_000
    assert settings.relation_model is None


def test_environment_variables_keep_their_names(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", "~/claims")
    monkeypatch.setenv("CLAIMCHECK_EMBEDDER", "use-m3-raw")
    monkeypatch.setenv("CLAIMCHECK_MAX_ARTICLE_BYTES", "2000")
    settings = load_settings()
    assert settings.data_dir == Path.home() / "claims"
    assert (settings.embedder, settings.max_article_bytes) == ("use-m3-raw", 2000)


def test_an_empty_variable_means_the_default(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATABASE_URL", "")
    assert load_settings().database_url.startswith("sqlite:///")


def test_a_dotenv_file_in_the_working_directory_is_read(clean_environment: Path) -> None:
    (clean_environment / ".env").write_text(
        "CLAIMCHECK_EMBEDDER=use-m3-raw\nOTHER_TOOL=x\n", encoding="utf-8"
    )
    assert load_settings().embedder == "use-m3-raw"


def test_a_command_line_database_wins_over_the_environment(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATABASE_URL", "sqlite:///from-env.db")
    assert load_settings(database_url="sqlite:///given.db").database_url == "sqlite:///given.db"
    assert load_settings(database_url=None).database_url == "sqlite:///from-env.db"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CLAIMCHECK_MAX_ARTICLE_BYTES", "a lot"),
        ("CLAIMCHECK_MAX_ARTICLE_BYTES", "-5"),
        ("CLAIMCHECK_EMBEDDER", " "),
    ],
)
def test_a_bad_value_names_its_variable(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable):
        load_settings()


def test_serve_refuses_a_bad_setting_before_starting(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_MAX_ARTICLE_BYTES", "a lot")
    result = CliRunner().invoke(app, ["serve"])
    assert isinstance(result.exception, SettingsError)


def test_the_installed_command_prints_one_line_and_no_traceback(clean_environment: Path) -> None:
    env = {**os.environ, "CLAIMCHECK_MAX_ARTICLE_BYTES": "a lot"}
    done = subprocess.run(
        [sys.executable, "-c", "from service.cli import main; main()", "conflicts"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: bad setting CLAIMCHECK_MAX_ARTICLE_BYTES='a lot': Input should be a valid "
        "integer, unable to parse string as an integer"
    ]
