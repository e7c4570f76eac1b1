"""candidate imports

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 13:54:56

CSV import of candidates (spec §14, issue 18): an import's progress (counts and the row
marker a retry resumes after) and its per-row report (created, skipped and rejected rows;
a candidate's erasure removes its lines).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import peoplelens.models.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "candidate_imports",
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=True),
        sa.Column("encoding", sa.String(length=16), nullable=False),
        sa.Column("delimiter", sa.String(length=1), nullable=False),
        sa.Column("header_row", sa.Integer(), nullable=False),
        sa.Column(
            "columns",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "ignored_columns",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("job_id", sa.Uuid(), nullable=True),
        sa.Column("all_or_nothing", sa.Boolean(), nullable=False),
        sa.Column("key_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("processed", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("next_row", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["jobs.id"],
            name=op.f("fk_candidate_imports_job_id_jobs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_candidate_imports_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_imports")),
    )
    with op.batch_alter_table("candidate_imports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidate_imports_tenant_created", ["tenant_id", "created_at"], unique=False
        )

    op.create_table(
        "candidate_import_rows",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("candidate_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("param", sa.String(length=64), nullable=True),
        sa.Column("message", sa.String(length=500), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_candidate_import_rows_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["candidate_imports.id"],
            name=op.f("fk_candidate_import_rows_import_id_candidate_imports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_candidate_import_rows_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_id", "row", name=op.f("pk_candidate_import_rows")),
    )
    with op.batch_alter_table("candidate_import_rows", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidate_import_rows_candidate", ["import_id", "candidate_id"], unique=False
        )
        batch_op.create_index(
            "ix_candidate_import_rows_candidate_id", ["candidate_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("candidate_import_rows", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_import_rows_candidate_id")
        batch_op.drop_index("ix_candidate_import_rows_candidate")

    op.drop_table("candidate_import_rows")
    with op.batch_alter_table("candidate_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_imports_tenant_created")

    op.drop_table("candidate_imports")
