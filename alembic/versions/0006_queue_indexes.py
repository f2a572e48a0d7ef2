"""indexes for the conflict queue's sorts and filters

The queue is read most (every reviewer's page, the desk's counts): its default sort has
`ix_conflicts_queue` (status, priority); these serve the "recent" sort and the "opened
since" filter (status, created_at, id), and a reviewer's own items (assignee_id, status,
priority), so a page reads an index range instead of sorting every conflict.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 14:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index("ix_conflicts_recent", ["status", "created_at", "id"], unique=False)
        batch_op.create_index(
            "ix_conflicts_assignee", ["assignee_id", "status", "priority"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_conflicts_assignee")
        batch_op.drop_index("ix_conflicts_recent")
