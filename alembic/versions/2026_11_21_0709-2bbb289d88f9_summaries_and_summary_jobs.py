"""Summaries: the cached summaries and the jobs that generate them (one live job per input).

Revision ID: 2bbb289d88f9
Revises: cb39be7a0582
Create Date: 2026-11-21 07:09:03.786465+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "2bbb289d88f9"
down_revision: str | None = "cb39be7a0582"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "summary",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("patient_id", sa.Uuid(), nullable=False),
        sa.Column("options_key", sa.String(length=200), nullable=False),
        sa.Column("options", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("prompt_version", sa.String(length=32), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("model_calls", sa.Integer(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_summary_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary")),
    )
    op.create_index(
        "ix_summary_patient_id_options_key_generated_at",
        "summary",
        ["patient_id", "options_key", "generated_at"],
        unique=False,
    )
    op.create_index(
        "uq_summary_patient_id_input_hash", "summary", ["patient_id", "input_hash"], unique=True
    )
    op.create_table(
        "summary_job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("patient_id", sa.Uuid(), nullable=False),
        sa.Column("options_key", sa.String(length=200), nullable=False),
        sa.Column("options", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("force", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("summary_id", sa.Uuid(), nullable=True),
        sa.Column("requested_by", sa.Uuid(), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')",
            name=op.f("ck_summary_job_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_summary_job_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["summary_id"],
            ["summary.id"],
            name=op.f("fk_summary_job_summary_id_summary"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary_job")),
    )
    op.create_index(
        "ix_summary_job_patient_id_created_at",
        "summary_job",
        ["patient_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "uq_summary_job_patient_id_input_hash_active",
        "summary_job",
        ["patient_id", "input_hash"],
        unique=True,
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_summary_job_patient_id_input_hash_active",
        table_name="summary_job",
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )
    op.drop_index("ix_summary_job_patient_id_created_at", table_name="summary_job")
    op.drop_table("summary_job")
    op.drop_index("uq_summary_patient_id_input_hash", table_name="summary")
    op.drop_index("ix_summary_patient_id_options_key_generated_at", table_name="summary")
    op.drop_table("summary")
