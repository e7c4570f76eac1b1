"""retention windows

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 05:30:00

Retention (spec §11, issue 17): each tenant's own windows for idempotency records, delivered
events (with their deliveries and attempts), finished tasks and sent e-mails; NULL keeps the
service-wide default. Old webhook attempts are found by age (an index).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "idempotency_retention_hours",
    "event_retention_days",
    "task_retention_days",
    "email_retention_days",
)


def upgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))
    op.create_index("ix_webhook_attempts_created", "webhook_attempts", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_webhook_attempts_created", table_name="webhook_attempts")
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
