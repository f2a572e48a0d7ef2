"""A retrained relation model goes where the user says, never into the installed package,
and CLAIMCHECK_RELATION_MODEL puts it to use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claims.relate
from claims.relate import RelationModel, TrainingReport
from claims.relate.rules import RULES_VERSION
from service.cli import app
from service.config import load_settings
from service.runtime import Runtime


@pytest.fixture
def emergent_read() -> list[Path | None]:
    """The Emergent folders the stand-in training was given."""
    return []


@pytest.fixture
def training_writes_where_told(
    monkeypatch: pytest.MonkeyPatch, emergent_read: list[Path | None]
) -> list[Path]:
    """Training stands in for minutes of fitting; it records where it would write."""
    written: list[Path] = []

    def train(data_dir: Path, *, out: Path, emergent_dir: Path | None = None) -> TrainingReport:
        written.append(out)
        emergent_read.append(emergent_dir)
        return TrainingReport(path=out, cv={"ans": {"macro_f1": 0.8}}, n_train=1, n_synthetic=0)

    monkeypatch.setattr(claims.relate, "train_relation_model", train)
    return written


def test_train_relations_writes_into_the_data_dir_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, training_writes_where_told: list[Path]
) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["train", "relations"])
    assert result.exit_code == 0, result.output
    assert training_writes_where_told == [tmp_path / "data" / "relation_model.npz"]
    assert f"CLAIMCHECK_RELATION_MODEL={tmp_path / 'data' / 'relation_model.npz'}" in result.output


def test_train_relations_writes_where_the_user_names(
    tmp_path: Path, training_writes_where_told: list[Path]
) -> None:
    out = tmp_path / "models" / "mine.npz"
    result = CliRunner().invoke(app, ["train", "relations", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert training_writes_where_told == [out]
    assert out.parent.is_dir()


def test_train_relations_reads_emergent_from_its_setting_or_option(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    training_writes_where_told: list[Path],
    emergent_read: list[Path | None],
) -> None:
    monkeypatch.setenv("CLAIMCHECK_EMERGENT_DIR", str(tmp_path / "emergent"))
    out = str(tmp_path / "m.npz")
    assert CliRunner().invoke(app, ["train", "relations", "--out", out]).exit_code == 0
    option = ["train", "relations", "--out", out, "--emergent-dir", str(tmp_path / "mine")]
    assert CliRunner().invoke(app, option).exit_code == 0
    assert emergent_read == [tmp_path / "emergent", tmp_path / "mine"]


def test_a_users_relation_model_is_loaded_by_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    packaged = RelationModel.load()
    mine = tmp_path / "mine.npz"
    config = {**packaged.config, "version": "mine-1"}
    dataclasses.replace(packaged, config=config).save(mine)
    monkeypatch.setenv("CLAIMCHECK_RELATION_MODEL", str(mine))
    assert Runtime(load_settings()).scorer.version == f"mine-1+rules.{RULES_VERSION}"
    assert RelationModel.load().config["version"] == packaged.config["version"]
