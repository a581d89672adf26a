"""Users: tokens issued before a password change are refused (`tokens_valid_after`).

Revision ID: 4d23986b4817
Revises: 7239744e8020
Create Date: 2026-11-29 12:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "4d23986b4817"
down_revision: str | None = "7239744e8020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "app_user", sa.Column("tokens_valid_after", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("app_user", "tokens_valid_after")
