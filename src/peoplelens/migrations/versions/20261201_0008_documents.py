"""documents

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 17:34:42

Documents attached to candidates (spec §2): the judged format, the random storage key, and
the parsed resume; templates may let the AI interviewer use the resume (issue 14).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import peoplelens.models.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_templates", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("use_resume", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "documents",
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_path", sa.String(length=400), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("file_type", sa.String(length=100), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("parse_status", sa.String(length=16), nullable=False),
        sa.Column("parse_error", sa.Text(), nullable=True),
        sa.Column(
            "parsed",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("parser", sa.String(length=100), nullable=True),
        sa.Column("parsed_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("candidate_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_documents_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_documents_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documents_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(
            "ix_documents_tenant_candidate",
            ["tenant_id", "candidate_id", "created_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_tenant_candidate")
        batch_op.drop_index(batch_op.f("ix_documents_candidate_id"))

    op.drop_table("documents")
    with op.batch_alter_table("interview_templates", schema=None) as batch_op:
        batch_op.drop_column("use_resume")
