"""Notes: index the first 100,000 characters for full-text search, within tsvector's limit.

A tsvector holds at most 1 MiB: a long note of many distinct words (5 MB of them) made the
generated column fail and the upload a 500. The first 100,000 characters (about 25 pages)
stay under it whatever the script (measured: about 470 KB for 2-character CJK words).

Revision ID: 8e3f4a1c6d27
Revises: 5d1c7e9a2b40
Create Date: 2026-11-29 10:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "8e3f4a1c6d27"
down_revision: str | None = "5d1c7e9a2b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOUNDED = "to_tsvector('english'::regconfig, left(coalesce(title, '') || ' ' || content, 100000))"
WHOLE = "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || content)"


def _search_column(expression: str) -> None:
    # PostgreSQL 15 cannot change a generated column's expression: drop it and add it again
    # (the table is rewritten once, computing every note's vector).
    op.drop_index("ix_note_search", table_name="note", postgresql_using="gin")
    op.drop_column("note", "search")
    op.add_column(
        "note",
        sa.Column(
            "search", postgresql.TSVECTOR(), sa.Computed(expression, persisted=True), nullable=True
        ),
    )
    op.create_index("ix_note_search", "note", ["search"], unique=False, postgresql_using="gin")


def upgrade() -> None:
    _search_column(BOUNDED)


def downgrade() -> None:
    _search_column(WHOLE)
