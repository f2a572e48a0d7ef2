"""Relate calls made by many threads at once, combined into one call of the scorer.

A scorer's cost per pair falls with the batch: the embedder's head and the relation
model read their weights once per call (one pair at a time on ANS dev, 3.7 ms a pair;
eight at a time 1.7 ms; sixteen 1.4 ms). A server answers many one-pair requests at
once, so the thread that finds the scorer free takes every call waiting, relates them
as one batch and hands each caller its relations; calls made meanwhile wait for the
next batch. No call waits for others that are not there: alone, it is related at once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.model import ClaimSlots, PairScorer, Relation, ScorerWrapper
from claims.relate.scorer import pair_languages, pair_slots

if TYPE_CHECKING:
    from claims.model import PairVectors

# Pairs one combined call takes at most (a call with more goes alone): past sixteen
# pairs a batch saves nothing more per pair, and a large call (an article's candidates)
# should not hold many small ones back for long.
MAX_BATCH_PAIRS = 32


@dataclass
class _Call:
    """One caller's pairs, read as far as the caller's own thread can, and the outcome."""

    pairs: list[tuple[str, str]]
    slots: Sequence[tuple[ClaimSlots, ClaimSlots]]
    languages: Sequence[tuple[str | None, str | None]]
    vectors: Sequence[PairVectors]
    relations: list[Relation] | None = None
    error: BaseException | None = None
    done: bool = False


class CombiningScorer(ScorerWrapper):
    """A `PairScorer` that many threads share: see the module's docstring."""

    def __init__(self, scorer: PairScorer, max_batch_pairs: int = MAX_BATCH_PAIRS) -> None:
        super().__init__(scorer)
        self._max_batch_pairs = max_batch_pairs
        self._changed = threading.Condition()
        self._waiting: list[_Call] = []
        self._busy = False

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
        vectors: Sequence[PairVectors] | None = None,
    ) -> list[Relation]:
        """One Relation per pair, as the wrapped scorer gives it. Languages and slots are
        worked out in the caller's thread, so only the shared work is combined."""
        if not pairs:
            return []
        languages = pair_languages(pairs, languages)
        call = _Call(
            pairs=pairs,
            slots=slots if slots is not None else pair_slots(pairs, languages),
            languages=languages,
            vectors=vectors if vectors is not None else [None] * len(pairs),
        )
        with self._changed:
            self._waiting.append(call)
        while True:
            with self._changed:
                while self._busy and not call.done:
                    self._changed.wait()
                if call.done:
                    break
                self._busy = True
                batch = self._take()
            try:
                self._run(batch)
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()
        if call.error is not None:
            raise call.error
        assert call.relations is not None
        return call.relations

    def _take(self) -> list[_Call]:
        """The calls waiting longest, up to the batch's pairs (at least one call)."""
        taken, size = 0, 0
        for call in self._waiting:
            if taken and size + len(call.pairs) > self._max_batch_pairs:
                break
            taken += 1
            size += len(call.pairs)
        batch, self._waiting = self._waiting[:taken], self._waiting[taken:]
        return batch

    def _run(self, batch: list[_Call]) -> None:
        """Relate the batch in one call; if that fails, each call alone, so one caller's
        failure stays its own."""
        try:
            relations = self._relate([pair for call in batch for pair in call.pairs], batch)
        except Exception as exc:
            if len(batch) == 1:
                self._finish(batch[0], error=exc)
                return
            for call in batch:
                self._run([call])
            return
        start = 0
        for call in batch:
            self._finish(call, relations=relations[start : start + len(call.pairs)])
            start += len(call.pairs)

    def _relate(self, pairs: list[tuple[str, str]], batch: list[_Call]) -> list[Relation]:
        vectors = [v for call in batch for v in call.vectors]
        return self.scorer.relate(
            pairs,
            [s for call in batch for s in call.slots],
            [lang for call in batch for lang in call.languages],
            None if all(v is None for v in vectors) else vectors,
        )

    def _finish(
        self,
        call: _Call,
        relations: list[Relation] | None = None,
        error: BaseException | None = None,
    ) -> None:
        with self._changed:
            call.relations, call.error, call.done = relations, error, True
