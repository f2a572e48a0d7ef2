"""Reading stored claims again: slots a newer reading tells apart reach claims stored
before it, with their keys, vectors and relations (SQLite and PostgreSQL)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import add_article, add_claim

from claims.candidates import blocking_keys
from claims.model import ClaimSlots
from service.jobs.reread import reread_claims
from store.db import unit_of_work
from store.index import ClaimIndex
from store.models import Claim, ClaimKey, Source
from store.vectors import load_vectors, save_vectors

OFFICE = "The Chinese ambassador to Mali praised the growing military ties with Bamako"
REPORT = "وأرسلت روسيا 100 جندي إلى مالي يوم الجمعة"
DENIAL = "لكن المجلس العسكري الحاكم ينفي ذلك"


@pytest.fixture
def embedder(scorer):
    return scorer.embedder


def _store(factory: sessionmaker[Session], text: str, language: str, spans: list[str]) -> list[int]:
    """An article and its claims as an older reader left them: no slots at all."""
    with unit_of_work(factory) as session:
        article = add_article(session, source=Source(name="wire"), text=text, language=language)
        session.flush()
        claims = [add_claim(session, article=article, text=span) for span in spans]
        session.flush()
        return [claim.id for claim in claims]


def _index(embedder) -> ClaimIndex:
    return ClaimIndex(embedder.dim, embedder.model_id)


def test_a_claim_stored_before_a_slot_existed_takes_it_with_its_keys(
    session_factory: sessionmaker[Session], embedder
) -> None:
    (claim_id,) = _store(session_factory, OFFICE + ".", "en", [OFFICE])

    summary = reread_claims(
        session_factory=session_factory, embedder=embedder, index=_index(embedder)
    )

    assert (summary.articles, summary.claims, summary.changed) == (1, 1, [claim_id])
    with unit_of_work(session_factory) as session:
        claim = session.get(Claim, claim_id)
        assert claim.slots["offices"] == ["ambassador@china"]
        keys = set(session.scalars(select(ClaimKey.key).where(ClaimKey.claim_id == claim_id)))
        assert keys and keys == set(blocking_keys(ClaimSlots.from_dict(claim.slots)))


def test_reading_again_what_is_already_read_changes_nothing(
    session_factory: sessionmaker[Session], embedder
) -> None:
    _store(session_factory, OFFICE + ".", "en", [OFFICE])
    reread_claims(session_factory=session_factory, embedder=embedder, index=_index(embedder))

    summary = reread_claims(
        session_factory=session_factory, embedder=embedder, index=_index(embedder)
    )

    assert (summary.claims, summary.changed, summary.reembedded) == (1, [], 0)


def test_a_claim_the_extractor_no_longer_finds_is_kept_as_it_was(
    session_factory: sessionmaker[Session], embedder
) -> None:
    text = OFFICE + "."
    # A span no claim of today's extractor has: half the sentence.
    (claim_id,) = _store(session_factory, text, "en", [OFFICE[:30]])

    summary = reread_claims(
        session_factory=session_factory, embedder=embedder, index=_index(embedder)
    )

    assert (summary.unmatched, summary.changed) == (1, [])
    with unit_of_work(session_factory) as session:
        assert session.get(Claim, claim_id).slots == {}


def test_a_claim_that_now_reads_otherwise_is_embedded_again_in_store_and_index(
    session_factory: sessionmaker[Session], embedder
) -> None:
    text = f"{REPORT}. {DENIAL}."
    report_id, denial_id = _store(session_factory, text, "ar", [REPORT, DENIAL])
    old = embedder.encode([REPORT, DENIAL])
    index = _index(embedder)
    with unit_of_work(session_factory) as session:
        save_vectors(session, [report_id, denial_id], old, embedder.model_id)
    index.add(np.array([report_id, denial_id]), old)

    summary = reread_claims(session_factory=session_factory, embedder=embedder, index=index)

    # "ينفي ذلك" now reads with what ذلك stands for; the report reads as it did.
    assert summary.reembedded == 1
    with unit_of_work(session_factory) as session:
        ids, vectors = load_vectors(session, embedder.model_id, [report_id, denial_id])
        denial = session.get(Claim, denial_id)
        assert denial.slots["refers_to"] == REPORT
    stored = dict(zip(ids.tolist(), vectors, strict=True))
    assert np.allclose(stored[report_id], old[0])
    assert not np.allclose(stored[denial_id], old[1])
    scores, found = index.search(stored[denial_id][None, :], 1)
    assert (found[0][0], round(float(scores[0][0]), 4)) == (denial_id, 1.0)
    assert len(index) == 2
