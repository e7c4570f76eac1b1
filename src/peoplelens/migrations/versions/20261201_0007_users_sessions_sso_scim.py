"""users sessions sso scim

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 15:00:00

People of a tenant (spec §6): users, their sessions and one-time set-password tokens, the
sign-in throttle, a tenant's OpenID Connect settings and login round trips, SCIM groups, and
the interviewer assigned to a step.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import peoplelens.models.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_failures",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column(
            "window_started_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_failures")),
    )
    op.create_table(
        "oidc_login_states",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("code_verifier", sa.String(length=128), nullable=False),
        sa.Column("return_to", sa.String(length=500), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_oidc_login_states_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oidc_login_states")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_oidc_login_states_state_hash")),
    )
    op.create_table(
        "scim_groups",
        sa.Column("display_name", sa.String(length=255), nullable=False),
        sa.Column("display_name_key", sa.String(length=255), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column(
            "member_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_scim_groups_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scim_groups")),
        sa.UniqueConstraint("tenant_id", "display_name_key", name="uq_scim_groups_tenant_name"),
    )
    op.create_table(
        "tenant_sso",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("client_secret_sealed", sa.Text(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("sso_required", sa.Boolean(), nullable=False),
        sa.Column("jit_role", sa.String(length=20), nullable=True),
        sa.Column(
            "allowed_domains",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_tenant_sso_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_tenant_sso")),
    )
    op.create_table(
        "users",
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_key", sa.String(length=320), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("company_role", sa.String(length=200), nullable=True),
        sa.Column("is_enabled", sa.Boolean(), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column(
            "user_preferences",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column(
            "working_hours",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("sso_subject", sa.String(length=255), nullable=True),
        sa.Column("deleted_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "last_login_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_users_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("tenant_id", "email_key", name="uq_users_tenant_email"),
        sa.UniqueConstraint("tenant_id", "external_id", name="uq_users_tenant_external_id"),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(
            "ix_users_tenant_created", ["tenant_id", "created_at", "id"], unique=False
        )

    op.create_table(
        "user_sessions",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "last_seen_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("expires_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ip_address", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_user_sessions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
    )
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_user_sessions_user", ["user_id"], unique=False)

    op.create_table(
        "user_tokens",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_user_tokens_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_tokens_token_hash")),
    )
    with op.batch_alter_table("user_tokens", schema=None) as batch_op:
        batch_op.create_index("ix_user_tokens_user", ["user_id"], unique=False)

    with op.batch_alter_table("interview_steps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interviewer_user_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_interview_steps_interviewer_user_id"),
            ["interviewer_user_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_interview_steps_interviewer_user_id_users"),
            "users",
            ["interviewer_user_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("interview_steps", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_interview_steps_interviewer_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_interview_steps_interviewer_user_id"))
        batch_op.drop_column("interviewer_user_id")

    with op.batch_alter_table("user_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_user_tokens_user")

    op.drop_table("user_tokens")
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_user_sessions_user")

    op.drop_table("user_sessions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_tenant_created")

    op.drop_table("users")
    op.drop_table("tenant_sso")
    op.drop_table("scim_groups")
    op.drop_table("oidc_login_states")
    op.drop_table("sign_in_failures")
