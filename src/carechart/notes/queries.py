"""The notes slice's hot use-cases as one statement each (auth/statement.py), with the user
check and the audit event that service.py's ORM use-cases record."""

# SQL built from constants of this code only, never from input (parameters are $n): S608 is moot.
# ruff: noqa: S608

from carechart.auth.public import audited_statement


def _text_array(json: str) -> str:
    """The strings of a JSON array as text[], in order; NULL when it is not an array."""
    return (
        f"CASE WHEN jsonb_typeof({json}) = 'array' THEN ARRAY(SELECT e.value FROM "
        f"jsonb_array_elements_text({json}) WITH ORDINALITY AS e(value, i) ORDER BY e.i) END"
    )


# What a listing shows of a note: not its text, and of its derived data only the classifier's
# confidence and cues, as `_type_read` reads them (1.0 and none when absent).
LISTED_COLUMNS = (
    "id", "patient_id", "taken_at", "title", "author", "note_type", "note_type_source",
    "source", "has_text", "extraction_method", "ocr_confidence", "analysis_status",
    "analysis_error", "duplicate_of", "created_at", "created_by", "filename",
    "declared_media_type", "media_type", "size_bytes", "content_sha256", "text_encoding",
    "encoding_repaired", "page_count", "no_text_reason",
)  # fmt: skip


def _page(order: str, keyset: str) -> str:
    """The page CTE. The inner query reads the note type out of `derived` once per row (a
    compressed value: each reference would decompress it again); the outer one turns it and
    the ingest warnings from JSON into typed columns, so that no row's JSON is decoded in
    Python (the driver's JSON codec is a Python call per value)."""
    inner = ", ".join(f"nt.{c}" for c in LISTED_COLUMNS)
    outer = ", ".join(f"p.{c}" for c in LISTED_COLUMNS)
    cues = _text_array("p.classified -> 'cues'")
    return (
        f"page AS (SELECT {outer}, "
        "coalesce((p.classified ->> 'confidence')::float8, 1.0) AS type_confidence, "
        f"coalesce({cues}, '{{}}') AS type_cues, "
        f"{_text_array('p.ingest_warnings')} AS ingest_warnings, p.n "
        f"FROM (SELECT {inner}, nt.derived -> 'note_type' AS classified, nt.ingest_warnings, "
        f"row_number() OVER (ORDER BY {order}) AS n "
        "FROM note AS nt WHERE nt.patient_id = $8::uuid AND EXISTS (SELECT FROM target)"
        f"{keyset} ORDER BY {order} LIMIT $9::int + 1) AS p)"
    )


def _listing(column: str, descending: bool, after: bool) -> str:
    """A page of $9 notes (plus one) of patient $8 in one of the four orders, after the
    cursor's ($10, $11) when `after`; 404 (recorded) when the patient does not exist."""
    order = f"nt.{column} DESC, nt.id DESC" if descending else f"nt.{column}, nt.id"
    keyset = (
        f" AND (nt.{column}, nt.id) {'<' if descending else '>'} ($10::timestamptz, $11::uuid)"
        if after
        else ""
    )
    return audited_statement(
        work="target AS (SELECT p.id FROM patient AS p "
        "WHERE p.id = $8::uuid AND EXISTS (SELECT FROM allowed)), "
        f"{_page(order, keyset)}",
        answer="SELECT t.id AS patient_found, page.* FROM target AS t LEFT JOIN page ON true",
        patient_ids="ARRAY[$8::uuid]",
        outcome="CASE WHEN EXISTS (SELECT FROM target) THEN 'success' ELSE 'patient-not-found' END",
        details="CASE WHEN EXISTS (SELECT FROM target) THEN jsonb_build_object('result_count', "
        "(SELECT count(*) FILTER (WHERE n <= $9::int) FROM page)) ELSE '{}'::jsonb END",
    )


# By the `sort` parameter, then whether a cursor is given.
LISTINGS = {
    sort: (
        _listing(column, sort.startswith("-"), False),
        _listing(column, sort.startswith("-"), True),
    )
    for sort, column in (
        ("-taken_at", "taken_at"),
        ("taken_at", "taken_at"),
        ("-created_at", "created_at"),
        ("created_at", "created_at"),
    )
}


# Creating a note takes two statements: the checks before any CPU is spent on the upload, and
# the write once it is read and analysed (no connection is held in between).
#
# Before: the user, the patient ($8) and a copy of the same bytes ($9, SHA-256) unless
# duplicates are allowed ($10). A refusal (404, 409) is recorded here; a pass records nothing.
_COPY = (
    "SELECT nt.id FROM note AS nt WHERE nt.patient_id = $8::uuid "
    "AND nt.content_sha256 = $9::text AND nt.duplicate_of IS NULL"
)
_REFUSED = (
    "CASE WHEN NOT EXISTS (SELECT FROM target) THEN 'patient-not-found' ELSE 'duplicate-note' END"
)
CREATE_CHECK = audited_statement(
    work="target AS (SELECT p.id FROM patient AS p "
    "WHERE p.id = $8::uuid AND EXISTS (SELECT FROM allowed)), "
    f"copy AS ({_COPY} AND NOT $10::bool AND EXISTS (SELECT FROM target))",
    answer="SELECT (SELECT id FROM target) AS patient_found, (SELECT id FROM copy) AS existing",
    patient_ids="ARRAY[$8::uuid]",
    outcome=_REFUSED,
    audit_when="NOT EXISTS (SELECT FROM target) OR EXISTS (SELECT FROM copy)",
)

# The write: the patient row held (FOR KEY SHARE, as lock_patient: a concurrent delete waits
# for the note, or went first and this is a 404), the copy looked up again (a 409, or the
# note's `duplicate_of` when allowed), the note and its bytes inserted, the event recorded.
# $11.. the note's columns in NOTE_COLUMNS order, then its bytes and the event's details.
NOTE_COLUMNS = (
    "id", "taken_at", "title", "author", "note_type", "note_type_source", "content",
    "has_text", "source", "media_type", "extraction_method", "ocr_confidence", "filename",
    "declared_media_type", "size_bytes", "derived", "extractor_version", "analysis_status",
    "analysis_error", "created_at", "updated_at", "text_encoding", "encoding_repaired",
    "page_count", "no_text_reason", "ingest_warnings",
)  # fmt: skip
_VALUES = ", ".join(f"${11 + i}" for i in range(len(NOTE_COLUMNS)))
_DATA = 11 + len(NOTE_COLUMNS)
CREATE = audited_statement(
    work="target AS (SELECT p.id FROM patient AS p WHERE p.id = $8::uuid "
    "AND EXISTS (SELECT FROM allowed) FOR KEY SHARE), "
    f"copy AS ({_COPY} AND EXISTS (SELECT FROM target)), "
    f"new AS (INSERT INTO note (patient_id, content_sha256, duplicate_of, created_by, "
    f"{', '.join(NOTE_COLUMNS)}) SELECT t.id, $9, (SELECT id FROM copy), $1, {_VALUES} "
    "FROM target AS t WHERE $10::bool OR NOT EXISTS (SELECT FROM copy) RETURNING id), "
    f"stored AS (INSERT INTO note_file (note_id, data) SELECT id, ${_DATA} FROM new)",
    answer="SELECT (SELECT id FROM target) AS patient_found, (SELECT id FROM copy) AS existing, "
    "(SELECT id FROM new) AS created",
    resource_id="(SELECT id FROM new)",
    patient_ids="ARRAY[$8::uuid]",
    outcome=f"CASE WHEN EXISTS (SELECT FROM new) THEN 'success' ELSE {_REFUSED} END",
    details=f"CASE WHEN EXISTS (SELECT FROM new) THEN ${_DATA + 1}::jsonb ELSE '{{}}'::jsonb END",
)
