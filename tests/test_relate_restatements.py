"""The restatement gold's tuning half: every planted conflict found with its type, no
agreement flagged.

Claims are extracted from the Arabic seeds and the English/French restatements and
related on their own slots, as bench/bench_relations.py reports them. Rules and
thresholds were tuned on this half, so it guards against regressions; the held-out
half is reported by bench/bench_relations.py, never asserted here.
"""

import pytest

from bench.bench_relations import GoldOutcome, relate_gold
from claims.relate import RelationScorer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcomes(seeds_dir) -> list[GoldOutcome]:
    found, missing = relate_gold(RelationScorer())
    # A held-out side no claim matches is a miss, which bench/bench_relations.py reports.
    tuning_missing = [pair for pair in missing if pair["split"] == "tune"]
    assert tuning_missing == [], "every gold side should match an extracted claim"
    return [outcome for outcome in found if outcome.gold["split"] == "tune"]


def describe(outcome: GoldOutcome) -> str:
    relation = outcome.relation
    return (
        f"{outcome.gold['a']['text'][:30]} / {outcome.gold['b']['text'][:30]}: "
        f"{relation.relation} {relation.conflict_types} ({relation.explanation})"
    )


def test_every_planted_conflict_is_found_with_its_type(outcomes):
    planted = [o for o in outcomes if o.planted_conflict]
    assert len(planted) == 4
    assert [describe(o) for o in planted if not o.conflict_found] == []


def test_no_agreeing_restatement_is_flagged_as_a_conflict(outcomes):
    agreeing = [o for o in outcomes if o.gold["relation"] == "agree"]
    assert len(agreeing) == 10
    assert [describe(o) for o in agreeing if o.false_conflict] == []
