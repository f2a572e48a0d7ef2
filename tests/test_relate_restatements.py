"""The restatement gold's bar: every planted conflict found with its type, no agreement flagged.

Claims are extracted from the Arabic seeds and the English/French restatements and
related on their own slots, as bench/bench_relations.py reports them.
"""

import pytest

from bench.bench_relations import GoldOutcome, relate_gold
from claims.relate import RelationScorer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcomes(seeds_dir) -> list[GoldOutcome]:
    found, missing = relate_gold(RelationScorer())
    assert missing == [], "every gold side should match an extracted claim"
    return found


def describe(outcome: GoldOutcome) -> str:
    relation = outcome.relation
    return (
        f"{outcome.gold['a']['text'][:30]} / {outcome.gold['b']['text'][:30]}: "
        f"{relation.relation} {relation.conflict_types} ({relation.explanation})"
    )


def test_every_planted_conflict_is_found_with_its_type(outcomes):
    planted = [o for o in outcomes if o.planted_conflict]
    assert len(planted) == 10
    assert [describe(o) for o in planted if not o.conflict_found] == []


def test_no_agreeing_restatement_is_flagged_as_a_conflict(outcomes):
    agreeing = [o for o in outcomes if o.gold["relation"] == "agree"]
    assert len(agreeing) == 19
    assert [describe(o) for o in agreeing if o.false_conflict] == []
