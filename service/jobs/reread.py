"""Read stored claims again with the current extractor: slots that a newer reading
tells apart (an office with its country, an agreement a verb cancels) reach the
claims stored before it.

Each article's cleaned text is read again (`claims.extract.extract_claims`, the step
ingest ran) and every stored claim whose span the extractor still finds takes the
new slots and check-worthiness; its blocking keys follow, and so does its vector when
what it reads as changed (a "ينفي ذلك" resolved otherwise). A claim whose span is no
longer found keeps what it had: re-ingesting its article takes its claims again.
`claimcheck rescore` runs this first and then re-scores every relation of a claim
that changed. A server running meanwhile keeps the old vector of a claim embedded
again until it restarts (its index learns new claims from the database, not new
vectors of old ones).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

from claims.candidates import blocking_keys
from claims.embed import Embedder
from claims.extract import extract_claims
from claims.model import Claim, ClaimSlots
from claims.slots.anaphora import resolved_text
from store.claims import ArticleText, articles_after, update_readings
from store.db import lock_store_for_writing, unit_of_work
from store.index import ClaimIndex
from store.keys import replace_keys
from store.vectors import load_vectors, save_vectors


@dataclass
class RereadSummary:
    """What reading the store again changed."""

    articles: int = 0
    claims: int = 0
    changed: list[int] = field(default_factory=list)
    reembedded: int = 0
    # Stored claims whose span the current extractor no longer finds.
    unmatched: int = 0

    def line(self) -> str:
        return (
            f"re-read {self.claims} claims of {self.articles} articles: {len(self.changed)} "
            f"read otherwise ({self.reembedded} embedded again), {self.unmatched} no longer "
            "found as claims (kept as they were)"
        )


@dataclass(frozen=True, slots=True)
class _Changes:
    """By claim id: the new slots (as stored) and check-worthiness, the new blocking
    keys, and what the claim now reads as where that changed."""

    readings: dict[int, tuple[dict[str, Any], bool]]
    keys: dict[int, list[str]]
    texts: dict[int, str]
    unmatched: int


def reread_claims(
    *,
    session_factory: sessionmaker[Session],
    embedder: Embedder,
    index: ClaimIndex,
    batch_size: int = 64,
    progress: Callable[[int], object] | None = None,
) -> RereadSummary:
    """Read every stored article's claims again, `batch_size` articles per transaction
    (under the store's write lock); `progress` is told how many articles each batch read."""
    summary = RereadSummary()
    last = 0
    while True:
        with unit_of_work(session_factory) as session:
            lock_store_for_writing(session)
            articles = articles_after(session, last, batch_size)
            if not articles:
                break
            last = articles[-1].id
            changes = _changes(articles)
            update_readings(session, changes.readings)
            replace_keys(session, changes.keys)
            moved = _embed_again(session, embedder, changes.texts)
        if moved is not None:
            # After the commit: the index never holds what the database does not.
            index.remove(moved[0])
            index.add(*moved)
            summary.reembedded += len(moved[0])
        summary.articles += len(articles)
        summary.claims += sum(len(a.claims) for a in articles)
        summary.changed += list(changes.readings)
        summary.unmatched += changes.unmatched
        if progress is not None:
            progress(len(articles))
    if summary.reembedded and index.path is not None:
        index.save()
    return summary


def _changes(articles: list[ArticleText]) -> _Changes:
    readings: dict[int, tuple[dict[str, Any], bool]] = {}
    keys: dict[int, list[str]] = {}
    texts: dict[int, str] = {}
    unmatched = 0
    for article in articles:
        fresh: dict[tuple[int, int], Claim] = {
            (claim.start, claim.end): claim
            for claim in extract_claims(
                article.cleaned_text, language=article.language, published_at=article.published_at
            )
        }
        for stored in article.claims:
            claim = fresh.get((stored.start, stored.end))
            if claim is None:
                unmatched += 1
                continue
            slots = claim.slots.to_dict()
            # Compared as parsed: a row written before a slot existed lacks its key.
            was = ClaimSlots.from_dict(stored.slots)
            if (slots, claim.check_worthy) == (was.to_dict(), stored.check_worthy):
                continue
            readings[stored.id] = (slots, claim.check_worthy)
            keys[stored.id] = blocking_keys(claim.slots)
            after = resolved_text(stored.text, claim.slots)
            if after != resolved_text(stored.text, was):
                texts[stored.id] = after
    return _Changes(readings, keys, texts, unmatched)


def _embed_again(
    session: Session, embedder: Embedder, texts: dict[int, str]
) -> tuple[np.ndarray, np.ndarray] | None:
    """New vectors for the claims that read otherwise and hold a vector of this
    embedder; their ids and vectors, for the index."""
    if not texts:
        return None
    ids, _ = load_vectors(session, embedder.model_id, sorted(texts))
    if not len(ids):
        return None
    vectors = embedder.encode([texts[int(i)] for i in ids])
    save_vectors(session, ids.tolist(), vectors, embedder.model_id)
    return ids.astype(np.int64), vectors
