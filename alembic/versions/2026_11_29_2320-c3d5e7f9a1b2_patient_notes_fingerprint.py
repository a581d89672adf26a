"""A fingerprint of the patient's notes on the patient row: summary freshness without a scan.

The cached summary read hashed every note's fingerprint (id, content hash, extractor version,
date, type) to learn whether the summary was still fresh: one scan of the patient's notes per
read. Now the patient row carries the XOR of a 64-bit hash of each note's fingerprint, kept by
triggers on `note`: adding a note XORs its hash in, removing it XORs it out, a change of a
fingerprint column swaps the old hash for the new. XOR is order-free and its own inverse, so
deleting a note brings the fingerprint (and a summary made before the note) back, as before.
Inserts and deletes are folded per statement (a bulk load updates each patient once).

Revision ID: c3d5e7f9a1b2
Revises: b7e1c2d9a3f4
Create Date: 2026-11-29 23:20:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "c3d5e7f9a1b2"
down_revision: str | None = "b7e1c2d9a3f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The date as epoch seconds: its text form would follow the session's TimeZone.
NOTE_HASH = r"""
CREATE FUNCTION note_hash(id uuid, content_sha256 text, extractor_version text,
                          taken_at timestamptz, note_type text)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ('x' || left(md5(concat_ws('|', id, content_sha256, extractor_version,
        extract(epoch FROM taken_at), note_type)), 16))::bit(64)::bigint
$$
"""
FOLD = r"""
CREATE FUNCTION patient_notes_fingerprint_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE patient SET notes_fingerprint = notes_fingerprint # folded.h
    FROM (SELECT n.patient_id, bit_xor(note_hash(n.id, n.content_sha256,
            n.extractor_version, n.taken_at, n.note_type)) AS h
        FROM {table} AS n GROUP BY n.patient_id) AS folded
    WHERE patient.id = folded.patient_id;
    RETURN NULL;
END $$
"""

ON_UPDATE = r"""
CREATE FUNCTION patient_notes_fingerprint_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE patient SET notes_fingerprint = notes_fingerprint # note_hash(OLD.id,
        OLD.content_sha256, OLD.extractor_version, OLD.taken_at, OLD.note_type)
    WHERE id = OLD.patient_id;
    UPDATE patient SET notes_fingerprint = notes_fingerprint # note_hash(NEW.id,
        NEW.content_sha256, NEW.extractor_version, NEW.taken_at, NEW.note_type)
    WHERE id = NEW.patient_id;
    RETURN NULL;
END $$
"""

TRIGGERS = (
    "CREATE TRIGGER patient_notes_fingerprint_added AFTER INSERT ON note "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
    "EXECUTE FUNCTION patient_notes_fingerprint_added()",
    "CREATE TRIGGER patient_notes_fingerprint_removed AFTER DELETE ON note "
    "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT "
    "EXECUTE FUNCTION patient_notes_fingerprint_removed()",
    "CREATE TRIGGER patient_notes_fingerprint_changed AFTER UPDATE ON note FOR EACH ROW "
    "WHEN ((OLD.patient_id, OLD.content_sha256, OLD.extractor_version, OLD.taken_at, "
    "OLD.note_type) IS DISTINCT FROM (NEW.patient_id, NEW.content_sha256, "
    "NEW.extractor_version, NEW.taken_at, NEW.note_type)) "
    "EXECUTE FUNCTION patient_notes_fingerprint_changed()",
)

BACKFILL = """
UPDATE patient SET notes_fingerprint = folded.h
FROM (SELECT n.patient_id, bit_xor(note_hash(n.id, n.content_sha256, n.extractor_version,
        n.taken_at, n.note_type)) AS h
    FROM note AS n GROUP BY n.patient_id) AS folded
WHERE patient.id = folded.patient_id
"""


def upgrade() -> None:
    op.add_column(
        "patient",
        sa.Column("notes_fingerprint", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.execute(NOTE_HASH)
    for table in ("added", "removed"):
        op.execute(FOLD.replace("{table}", table))
    op.execute(ON_UPDATE)
    op.execute(BACKFILL)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for kind in ("added", "removed", "changed"):
        op.execute(f"DROP TRIGGER patient_notes_fingerprint_{kind} ON note")
        op.execute(f"DROP FUNCTION patient_notes_fingerprint_{kind}()")
    op.execute("DROP FUNCTION note_hash(uuid, text, text, timestamptz, text)")
    op.drop_column("patient", "notes_fingerprint")
