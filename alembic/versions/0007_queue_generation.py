"""queue generation: one number that grows with every committed change a queue page shows

Readers poll the conflict queue far more often than anyone changes it, so the API keeps
rendered pages and serves them again while this number stands (service/api/page_cache).
Triggers keep it, not the application, so no writer can forget it: any insert, update
or delete of a conflict, and any update or delete of what a queue item displays (its
relation, claims, articles, outlets, assignee). A new claim or relation with no conflict
changes no page and leaves it alone.

PostgreSQL bumps it at commit (a deferred constraint trigger, once per transaction): a
row lock taken mid-transaction could deadlock a reviewer against an ingest that touches
the same conflict later. SQLite has one writer at a time and bumps it per row. A later
migration that rebuilds one of these tables on SQLite (batch mode) drops its triggers
and must create them again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables a queue page reads, and the changes to them that can alter a page.
_WATCHED: dict[str, tuple[str, ...]] = {
    "conflicts": ("INSERT", "UPDATE", "DELETE"),
    "relations": ("UPDATE", "DELETE"),
    "claims": ("UPDATE", "DELETE"),
    "articles": ("UPDATE", "DELETE"),
    "sources": ("UPDATE", "DELETE"),
    "users": ("UPDATE", "DELETE"),
}
_BUMP = "UPDATE queue_generation SET value = value + 1 WHERE id = 1"
# A transaction-local setting remembers that this transaction has bumped already.
_POSTGRES_FUNCTION = f"""
CREATE FUNCTION queue_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('claimcheck.queue_bumped', true) IS DISTINCT FROM 'yes' THEN
        {_BUMP};
        PERFORM set_config('claimcheck.queue_bumped', 'yes', true);
    END IF;
    RETURN NULL;
END $$
"""


def _trigger(table: str, event: str) -> str:
    return f"queue_generation_{table}_{event.lower()}"


def upgrade() -> None:
    op.create_table(
        "queue_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO queue_generation (id, value) VALUES (1, 0)")
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(_POSTGRES_FUNCTION)
    for table, events in _WATCHED.items():
        for event in events:
            if postgres:
                op.execute(
                    f"CREATE CONSTRAINT TRIGGER {_trigger(table, event)} AFTER {event} ON {table} "
                    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                    "EXECUTE FUNCTION queue_generation_bump()"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER {_trigger(table, event)} AFTER {event} ON {table} "
                    f"BEGIN {_BUMP}; END"
                )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, events in _WATCHED.items():
        for event in events:
            on_table = f" ON {table}" if postgres else ""
            op.execute(f"DROP TRIGGER {_trigger(table, event)}{on_table}")
    if postgres:
        op.execute("DROP FUNCTION queue_generation_bump()")
    op.drop_table("queue_generation")
