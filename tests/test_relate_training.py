"""The relation model's training data: Emergent read into the model's classes, every pair
grouped by its claim so that cross-validation never splits a claim, and a retraining
from a tiny sample that runs end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.ans import load_ans
from claims.emergent import load_emergent
from claims.relate import MODEL_VERSION, RelationModel
from claims.relate.train import (
    ans_training_pairs,
    emergent_training_pairs,
    grouped_folds,
    load_training_pairs,
)
from service.cli import app
from service.cli.common import CliError

FIXTURE = Path(__file__).parent / "fixtures" / "training"


def test_emergent_stances_become_model_classes() -> None:
    pairs = emergent_training_pairs(load_emergent(FIXTURE / "emergent"))
    by_headline = {p.b: p.label for p in pairs}
    assert by_headline["Lion bites zoo keeper in Paris"] == "agree"
    assert by_headline["Paris zoo denies any lion attack took place"] == "conflict"
    # Hedged reporting takes no side: neither agreement nor contradiction.
    assert by_headline["Zoo keeper reportedly bitten by lion?"] == "other"
    assert all(p.a == "A zoo keeper was bitten by a lion in Paris" for p in pairs[:3])


def test_emergent_pairs_are_grouped_by_claim_and_ans_pairs_by_first_title() -> None:
    emergent = emergent_training_pairs(load_emergent(FIXTURE / "emergent"))
    assert len({p.group for p in emergent}) == 5
    assert {p.group for p in emergent[:3]} == {"emergent:c1"}
    ans = ans_training_pairs(load_ans(FIXTURE / "ans", "train"))
    oil = [p for p in ans if p.a == "ارتفاع أسعار النفط في الأسواق العالمية"]
    assert len(oil) == 3 and len({p.group for p in oil}) == 1
    assert [p.label for p in oil] == ["agree", "conflict", "other"]


def test_a_claims_pairs_never_sit_in_two_folds() -> None:
    pairs = load_training_pairs(FIXTURE / "ans", FIXTURE / "emergent")
    folds = grouped_folds(pairs, 5, seed=0)
    fold_of_group: dict[str, set[int]] = {}
    for k, test in enumerate(folds):
        for i in test:
            fold_of_group.setdefault(pairs[i].group, set()).add(k)
    assert all(len(folds_) == 1 for folds_ in fold_of_group.values())
    assert sorted(i for test in folds for i in test) == list(range(len(pairs)))


def test_an_unknown_emergent_stance_is_refused(tmp_path: Path) -> None:
    (tmp_path / "train.csv").write_text(
        "claim_id,claim,article_id,headline,stance\nc1,A,a1,B,discuss\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="discuss"):
        load_emergent(tmp_path)


@pytest.mark.slow
def test_train_relations_on_a_tiny_sample_writes_a_usable_model(tmp_path: Path) -> None:
    out = tmp_path / "tiny.npz"
    args = ["train", "relations", "--data-dir", str(FIXTURE / "ans")]
    args += ["--emergent-dir", str(FIXTURE / "emergent"), "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "grouped CV ans: macro-F1" in result.output
    assert "grouped CV emergent: macro-F1" in result.output
    assert "ANS dev (model alone)" in result.output
    model = RelationModel.load(out)
    assert model.config["version"] == MODEL_VERSION
    assert model.config["n_train"] == {"ans": 18, "emergent": 15}


def test_eval_emergent_scores_the_relation_scorer_as_on_ans() -> None:
    result = CliRunner().invoke(app, ["eval", "emergent", "--data-dir", str(FIXTURE / "emergent")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == len(load_emergent(FIXTURE / "emergent"))
    assert report["labels"] == ["agree", "disagree", "other"]


def test_eval_emergent_names_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "emergent", "--data-dir", str(tmp_path)])
    assert isinstance(result.exception, CliError)
    assert f"not found at {tmp_path / 'train.csv'}" in str(result.exception)
