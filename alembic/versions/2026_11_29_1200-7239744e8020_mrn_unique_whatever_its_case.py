"""MRNs are unique whatever their case: `abc-777` and `ABC-777` are one record.

A unique index on lower(mrn). Patients already stored under MRNs that differ only by case
would make the index fail with a bare duplicate-key error; the migration looks for them first
and stops with a report (patient ids, never the MRNs: they identify people) so that an
operator can merge or renumber them and run it again.

Revision ID: 7239744e8020
Revises: 8e3f4a1c6d27
Create Date: 2026-11-29 12:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "7239744e8020"
down_revision: str | None = "8e3f4a1c6d27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLASHES = sa.text(
    "SELECT array_agg(id::text ORDER BY created_at, id) FROM patient "
    "GROUP BY lower(mrn) HAVING count(*) > 1 ORDER BY min(created_at)"
)
REPORTED = 20
# Shown to the operator, not run here.
FIND_THEM = (
    "SELECT id, mrn FROM patient WHERE lower(mrn) IN "
    "(SELECT lower(mrn) FROM patient GROUP BY 1 HAVING count(*) > 1)"
)


class MrnClashes(RuntimeError):
    """Stored patients whose MRNs differ only by case: a person must decide what they are."""


def clash_report(groups: list[list[str]]) -> str:
    lines = [
        f"{len(groups)} group(s) of patients have MRNs that differ only by letter case, so the "
        "case-insensitive unique index cannot be built. Merge or renumber each group (list "
        f"them with: {FIND_THEM}), then run the migration again.",
    ]
    lines += [f"  patients {', '.join(ids)}" for ids in groups[:REPORTED]]
    if len(groups) > REPORTED:
        lines.append(f"  ... and {len(groups) - REPORTED} more group(s)")
    return "\n".join(lines)


def upgrade() -> None:
    groups = [list(row[0]) for row in op.get_bind().execute(CLASHES)]
    if groups:
        raise MrnClashes(clash_report(groups))
    op.create_index("uq_patient_lower_mrn", "patient", [sa.text("lower(mrn)")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_patient_lower_mrn", table_name="patient")
