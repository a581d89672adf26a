"""Notes: the note, its derived data and full-text index, and the original upload's bytes.

Revision ID: cb39be7a0582
Revises: 36517bd1b49e
Create Date: 2026-11-21 06:54:22.772518+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "cb39be7a0582"
down_revision: str | None = "36517bd1b49e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "note",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("patient_id", sa.Uuid(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("note_type", sa.String(length=32), nullable=False),
        sa.Column("note_type_source", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("has_text", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("extraction_method", sa.String(length=32), nullable=False),
        sa.Column("ocr_confidence", sa.Float(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("declared_media_type", sa.String(length=255), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("duplicate_of", sa.Uuid(), nullable=True),
        sa.Column("derived", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
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
        sa.Column(
            "search",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || content)",
                persisted=True,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["note.id"],
            name=op.f("fk_note_duplicate_of_note"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_note_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    op.create_index(
        "ix_note_patient_id_created_at_id", "note", ["patient_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_note_patient_id_taken_at_id", "note", ["patient_id", "taken_at", "id"], unique=False
    )
    op.create_index("ix_note_search", "note", ["search"], unique=False, postgresql_using="gin")
    op.create_index(
        "uq_note_patient_id_content_sha256",
        "note",
        ["patient_id", "content_sha256"],
        unique=True,
        postgresql_where=sa.text("duplicate_of IS NULL"),
    )
    op.create_table(
        "note_file",
        sa.Column("note_id", sa.Uuid(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"], ["note.id"], name=op.f("fk_note_file_note_id_note"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("note_id", name=op.f("pk_note_file")),
    )


def downgrade() -> None:
    op.drop_table("note_file")
    op.drop_index(
        "uq_note_patient_id_content_sha256",
        table_name="note",
        postgresql_where=sa.text("duplicate_of IS NULL"),
    )
    op.drop_index("ix_note_search", table_name="note", postgresql_using="gin")
    op.drop_index("ix_note_patient_id_taken_at_id", table_name="note")
    op.drop_index("ix_note_patient_id_created_at_id", table_name="note")
    op.drop_table("note")
