"""How a note's text was read, kept on the note: encoding, repair, pages, warnings, no-text reason.

Reading a file computed these and threw them away, so a scan that OCR skipped came back
`has_text: false` with no reason. Notes stored before keep nulls ("not recorded"), except the
encoding of JSON notes, which is known: a JSON body is UTF-8.

Revision ID: d4e6f8a0b2c3
Revises: c3d5e7f9a1b2
Create Date: 2026-11-30 02:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "d4e6f8a0b2c3"
down_revision: str | None = "c3d5e7f9a1b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("note", sa.Column("text_encoding", sa.String(length=32), nullable=True))
    op.add_column("note", sa.Column("encoding_repaired", sa.Boolean(), nullable=True))
    op.add_column("note", sa.Column("page_count", sa.Integer(), nullable=True))
    op.add_column("note", sa.Column("no_text_reason", sa.String(length=32), nullable=True))
    op.add_column(
        "note",
        sa.Column("ingest_warnings", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.execute("UPDATE note SET text_encoding = 'utf-8' WHERE source = 'json'")


def downgrade() -> None:
    for column in (
        "ingest_warnings",
        "no_text_reason",
        "page_count",
        "encoding_repaired",
        "text_encoding",
    ):
        op.drop_column("note", column)
