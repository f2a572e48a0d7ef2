"""Two reviewers deciding one conflict at the same moment: exactly one decision lands,
the other is told the conflict changed. Real threads on real SQLite and PostgreSQL
(a row lock is a no-op on SQLite, so this rests on the conditional UPDATE)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from test_api_support import add_article, add_claim, add_conflict

from store.conflicts import ConflictChanged, InvalidTransition, assign, record_review
from store.db import unit_of_work
from store.models import Conflict, Review, Source, User
from store.users import create_user

TRIALS = 15


def open_conflicts(factory: sessionmaker[Session], count: int) -> tuple[list[int], list[int]]:
    with unit_of_work(factory) as session:
        reviewers = [create_user(session=session, name=name) for name in ("amina", "pierre")]
        wire, agence = Source(name="Wire"), Source(name="Agence")
        ids = []
        for n in range(count):
            a = add_article(session, source=wire, text=f"Troops arrived ({n}).", language="en")
            b = add_article(session, source=agence, text=f"No troops came ({n}).", language="en")
            session.flush()
            ids.append(
                add_conflict(
                    session,
                    claim_a=add_claim(session, article=a, text=f"Troops arrived ({n})"),
                    claim_b=add_claim(session, article=b, text=f"No troops came ({n})"),
                    priority=0.5,
                ).id
            )
        return ids, [user.id for user in reviewers]


def race(factory: sessionmaker[Session], actions: list) -> list[object]:
    """Run each action in its own thread and transaction, all released at once."""
    start = threading.Barrier(len(actions))
    outcomes: list[object] = [None] * len(actions)

    def run(position: int) -> None:
        start.wait()
        try:
            with unit_of_work(factory) as session:
                outcomes[position] = actions[position](session)
        except (ConflictChanged, InvalidTransition) as exc:
            outcomes[position] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_reviewers_deciding_at_once_one_wins_every_time(
    session_factory: sessionmaker[Session],
) -> None:
    conflict_ids, (amina, pierre) = open_conflicts(session_factory, TRIALS)
    for conflict_id in conflict_ids:

        def decide(reviewer_id: int, decision: str, conflict_id: int = conflict_id):
            def action(session: Session) -> str:
                reviewer = session.get(User, reviewer_id)
                return record_review(
                    session=session, conflict_id=conflict_id, reviewer=reviewer, decision=decision
                ).decision

            return action

        outcomes = race(session_factory, [decide(amina, "confirmed"), decide(pierre, "dismissed")])
        won = [o for o in outcomes if isinstance(o, str)]
        lost = [o for o in outcomes if isinstance(o, Exception)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        with unit_of_work(session_factory) as session:
            status = session.get(Conflict, conflict_id).status
            reviews = session.scalars(
                select(Review.decision).where(Review.conflict_id == conflict_id)
            )
            assert list(reviews) == won == [status]


def test_a_decision_made_on_a_stale_version_is_refused(
    session_factory: sessionmaker[Session],
) -> None:
    [conflict_id], (amina, pierre) = open_conflicts(session_factory, 1)
    with unit_of_work(session_factory) as session:
        assign(
            session=session,
            conflict_id=conflict_id,
            assignee_id=pierre,
            by=session.get(User, pierre),
        )
    with unit_of_work(session_factory) as session, pytest.raises(ConflictChanged):
        record_review(
            session=session,
            conflict_id=conflict_id,
            reviewer=session.get(User, amina),
            decision="confirmed",
            expected_version=0,
        )
    with unit_of_work(session_factory) as session:
        assert session.scalar(select(func.count()).select_from(Review)) == 1  # the assignment
        assert session.get(Conflict, conflict_id).version == 1


def test_assignments_racing_a_decision_keep_a_consistent_trail(
    session_factory: sessionmaker[Session],
) -> None:
    conflict_ids, (amina, pierre) = open_conflicts(session_factory, 5)
    for conflict_id in conflict_ids:

        def take(session: Session, conflict_id: int = conflict_id) -> str:
            assign(
                session=session,
                conflict_id=conflict_id,
                assignee_id=pierre,
                by=session.get(User, pierre),
            )
            return "assigned"

        def confirm(session: Session, conflict_id: int = conflict_id) -> str:
            return record_review(
                session=session,
                conflict_id=conflict_id,
                reviewer=session.get(User, amina),
                decision="confirmed",
            ).decision

        outcomes = race(session_factory, [take, confirm])
        with unit_of_work(session_factory) as session:
            conflict = session.get(Conflict, conflict_id)
            trail = list(
                session.scalars(
                    select(Review.decision)
                    .where(Review.conflict_id == conflict_id)
                    .order_by(Review.id)
                )
            )
            landed = [o for o in outcomes if isinstance(o, str)]
            assert sorted(trail) == sorted(landed)
            assert conflict.version == len(landed)
            assert (conflict.assignee_id == pierre) == ("assigned" in landed)
            assert (conflict.status == "confirmed") == ("confirmed" in landed)
