"""Foundation: extensions, users, patients (trigram search), the append-only audit trail.

Revision ID: 36517bd1b49e
Revises:
Create Date: 2026-11-21 06:49:29.839947+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "36517bd1b49e"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The audit trail refuses UPDATE and DELETE at the database, whatever the application does.
AUDIT_GUARD = (
    """
    CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_event_append_only
        BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()
    """,
)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # unaccent() is only STABLE (its dictionary could change); this pinned wrapper is
    # IMMUTABLE so that it can feed the generated search column and its trigram index.
    op.execute(
        "CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$"
    )
    op.execute("CREATE SEQUENCE patient_mrn_seq")
    op.create_table(
        "app_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("hashed_password", sa.String(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
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
        sa.CheckConstraint(
            "role IN ('admin', 'clinician', 'viewer')", name=op.f("ck_app_user_role_allowed")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("email", name=op.f("uq_app_user_email")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("resource_type", sa.String(length=32), nullable=False),
        sa.Column("resource_id", sa.Uuid(), nullable=True),
        sa.Column("patient_ids", sa.ARRAY(sa.Uuid()), server_default="{}", nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=128), nullable=True),
        sa.Column(
            "details", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(
        "ix_audit_event_actor_id_occurred_at",
        "audit_event",
        ["actor_id", "occurred_at"],
        unique=False,
    )
    op.create_index(
        "ix_audit_event_occurred_at_id", "audit_event", ["occurred_at", "id"], unique=False
    )
    op.create_index(
        "ix_audit_event_patient_ids",
        "audit_event",
        ["patient_ids"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_table(
        "patient",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mrn", sa.String(length=32), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column(
            "name_search",
            sa.Text(),
            sa.Computed("lower(f_unaccent(given_name || ' ' || family_name))", persisted=True),
            nullable=True,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
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
        sa.CheckConstraint(
            "date_of_birth >= DATE '1900-01-01'", name=op.f("ck_patient_date_of_birth_range")
        ),
        sa.CheckConstraint("mrn ~ '^[A-Za-z0-9-]{1,32}$'", name=op.f("ck_patient_mrn_format")),
        sa.CheckConstraint(
            "sex IN ('female', 'male', 'other', 'unknown')", name=op.f("ck_patient_sex_allowed")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
        sa.UniqueConstraint("mrn", name=op.f("uq_patient_mrn")),
    )
    op.create_index("ix_patient_created_at_id", "patient", ["created_at", "id"], unique=False)
    op.create_index("ix_patient_date_of_birth_id", "patient", ["date_of_birth", "id"], unique=False)
    op.create_index(
        "ix_patient_family_name_given_name_id",
        "patient",
        ["family_name", "given_name", "id"],
        unique=False,
    )
    op.create_index("ix_patient_given_name_id", "patient", ["given_name", "id"], unique=False)
    op.create_index(
        "ix_patient_name_search_trgm",
        "patient",
        ["name_search"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name_search": "gin_trgm_ops"},
    )
    for statement in AUDIT_GUARD:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_event_append_only ON audit_event")
    op.execute("DROP FUNCTION audit_event_is_append_only()")
    op.drop_index(
        "ix_patient_name_search_trgm",
        table_name="patient",
        postgresql_using="gin",
        postgresql_ops={"name_search": "gin_trgm_ops"},
    )
    op.drop_index("ix_patient_given_name_id", table_name="patient")
    op.drop_index("ix_patient_family_name_given_name_id", table_name="patient")
    op.drop_index("ix_patient_date_of_birth_id", table_name="patient")
    op.drop_index("ix_patient_created_at_id", table_name="patient")
    op.drop_table("patient")
    op.drop_index("ix_audit_event_patient_ids", table_name="audit_event", postgresql_using="gin")
    op.drop_index("ix_audit_event_occurred_at_id", table_name="audit_event")
    op.drop_index("ix_audit_event_actor_id_occurred_at", table_name="audit_event")
    op.drop_table("audit_event")
    op.drop_table("app_user")
    op.execute("DROP SEQUENCE patient_mrn_seq")
    op.execute("DROP FUNCTION f_unaccent(text)")
    op.execute("DROP EXTENSION IF EXISTS unaccent")
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
