"""Notes: whether a note was analysed, and why not (a time limit, its size, a failure).

Revision ID: 5d1c7e9a2b40
Revises: 2bbb289d88f9
Create Date: 2026-11-29 10:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "5d1c7e9a2b40"
down_revision: str | None = "2bbb289d88f9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every note stored so far was analysed at upload (on the event loop): `complete`.
    op.add_column(
        "note",
        sa.Column(
            "analysis_status", sa.String(length=16), server_default="complete", nullable=False
        ),
    )
    op.add_column("note", sa.Column("analysis_error", sa.String(length=200), nullable=True))
    op.create_check_constraint(
        op.f("ck_note_analysis_status_allowed"),
        "note",
        "analysis_status IN ('complete', 'timed_out', 'too_large', 'failed')",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_note_analysis_status_allowed"), "note", type_="check")
    op.drop_column("note", "analysis_error")
    op.drop_column("note", "analysis_status")
