"""idempotency records per caller, answers sealed

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00

A stored answer now belongs to (tenant, caller, key) and is kept sealed (it may carry an API
key, a webhook secret or a booking link). The table is a replay cache of at most 24 hours: it
is recreated empty rather than converted (old rows have no caller, and their bodies are in
clear), so a retry of a request made before the upgrade runs again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import peoplelens.models.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create(columns: list[sa.Column[object]], unique: sa.UniqueConstraint) -> None:
    op.create_table(
        "idempotency_records",
        *columns,
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_idempotency_records_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
        unique,
    )
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotency_records_created_at"), ["created_at"], unique=False
        )


def upgrade() -> None:
    op.drop_table("idempotency_records")
    _create(
        [
            sa.Column("caller", sa.String(length=120), nullable=False),
            sa.Column("key", sa.String(length=255), nullable=False),
            sa.Column("sealed_body", sa.Text(), nullable=False),
            sa.Column("mentions", sa.Text(), nullable=False),
        ],
        sa.UniqueConstraint("tenant_id", "caller", "key", name="uq_idempotency_tenant_caller_key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_records")
    _create(
        [
            sa.Column("key", sa.String(length=255), nullable=False),
            sa.Column("body", sa.Text(), nullable=False),
        ],
        sa.UniqueConstraint("tenant_id", "key", name="uq_idempotency_tenant_key"),
    )
