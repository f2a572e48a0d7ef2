"""blocking keys of claims, for candidates that share a party, figure or date

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_keys",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "key"),
    )
    with op.batch_alter_table("claim_keys", schema=None) as batch_op:
        batch_op.create_index("ix_claim_keys_key", ["key", "claim_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claim_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_keys_key")
    op.drop_table("claim_keys")
