"""Relate calls made at once by several threads are one call of the scorer, and each
caller still gets its own relations, or its own error."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest

from claims.model import ClaimSlots, Relation
from claims.relate import RelationScorer
from claims.relate.combining import CombiningScorer

if TYPE_CHECKING:
    from claims.model import PairVectors


class SlowRecorder:
    """Relates each pair as 'related' with its own texts in the explanation; the first
    call waits until told to go, so that the calls made meanwhile queue up."""

    version = "stub"
    embedder = None

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []
        self.vectors: list[object] = []
        self.first_started = threading.Event()
        self.go = threading.Event()

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
        vectors: Sequence[PairVectors] | None = None,
    ) -> list[Relation]:
        self.calls.append(list(pairs))
        self.vectors.append(vectors)
        if len(self.calls) == 1:
            self.first_started.set()
            self.go.wait(timeout=10)
        if any(a == "fail" for a, _ in pairs):
            raise ValueError("cannot relate 'fail'")
        assert slots is not None and languages is not None  # read in the caller's thread
        return [Relation("related", 0.5, explanation=f"{a}|{b}") for a, b in pairs]


def _in_threads(scorer: CombiningScorer, calls: list[list[tuple[str, str]]]) -> list[object]:
    """Each call in its own thread, the first one alone, the rest while it is running."""
    stub = scorer.scorer
    outcomes: list[object] = [None] * len(calls)

    def run(k: int) -> None:
        try:
            outcomes[k] = [r.explanation for r in scorer.relate(calls[k])]
        except ValueError as exc:
            outcomes[k] = exc

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(calls))]
    threads[0].start()
    assert stub.first_started.wait(timeout=10)
    for thread in threads[1:]:
        thread.start()
    while len(scorer._waiting) < len(calls) - 1:
        threading.Event().wait(0.01)  # every later call is waiting for the scorer
    stub.go.set()
    for thread in threads:
        thread.join(timeout=10)
    return outcomes


def test_calls_made_meanwhile_are_related_as_one_batch_each_getting_its_own() -> None:
    stub = SlowRecorder()
    calls = [[("a1", "b1")], [("a2", "b2"), ("a3", "b3")], [("a4", "b4")]]
    outcomes = _in_threads(CombiningScorer(stub), calls)
    assert outcomes == [["a1|b1"], ["a2|b2", "a3|b3"], ["a4|b4"]]
    assert stub.calls == [[("a1", "b1")], [("a2", "b2"), ("a3", "b3"), ("a4", "b4")]]


def test_a_batch_holds_at_most_its_pairs_and_the_rest_wait_for_the_next() -> None:
    stub = SlowRecorder()
    calls = [[("a0", "b0")], [("a1", "b1"), ("a2", "b2")], [("a3", "b3")], [("a4", "b4")]]
    outcomes = _in_threads(CombiningScorer(stub, max_batch_pairs=3), calls)
    assert outcomes == [["a0|b0"], ["a1|b1", "a2|b2"], ["a3|b3"], ["a4|b4"]]
    assert [len(call) for call in stub.calls] == [1, 3, 1]


def test_one_callers_failure_stays_its_own() -> None:
    stub = SlowRecorder()
    calls = [[("a1", "b1")], [("fail", "b2")], [("a3", "b3")]]
    first, failed, third = _in_threads(CombiningScorer(stub), calls)
    assert first == ["a1|b1"] and third == ["a3|b3"]
    assert isinstance(failed, ValueError)


def test_a_call_alone_is_related_at_once_and_no_pairs_cost_nothing() -> None:
    stub = SlowRecorder()
    stub.go.set()
    scorer = CombiningScorer(stub)
    assert scorer.relate([]) == [] and stub.calls == []
    assert [r.explanation for r in scorer.relate([("a", "b")])] == ["a|b"]
    assert stub.vectors == [None]  # no vectors given: none passed on
    assert scorer.version == "stub"


def test_pairs_with_and_without_stored_vectors_relate_as_they_would_apart(
    scorer: RelationScorer,
) -> None:
    """Combined calls mix pairs with stored vectors and pairs without: each pair's
    cosine comes from its own vectors where it has them."""
    a, b = "وصل 300 جندي روسي إلى مالي", "Russia sent 1,000 soldiers to Mali"
    c, d = "Wagner withdrew from Mali in June 2023", "Le groupe Wagner a quitté le Mali"
    u, v = scorer.embedder.encode([a, b])
    mixed = scorer.relate([(a, b), (c, d)], vectors=[(u, v), None])
    apart = scorer.relate([(a, b)], vectors=[(u, v)]) + scorer.relate([(c, d)])
    assert [(r.relation, r.score) for r in mixed] == [(r.relation, r.score) for r in apart]


def test_the_runtimes_scorer_combines(tmp_path) -> None:
    from service.config import Settings
    from service.runtime import Runtime

    runtime = Runtime(Settings(data_dir=tmp_path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("claims.relate.RelationScorer", lambda artefact: SlowRecorder())
        assert isinstance(runtime.scorer, CombiningScorer)
