"""The notes slice's hot use-cases as one statement each (audit/statement.py), with the user
check and the audit event that service.py's ORM use-cases record."""

# SQL built from constants of this code only, never from input (parameters are $n): S608 is moot.
# ruff: noqa: S608

from carechart.audit.statement import audited_statement

# What a listing shows of a note: not its text, and of its derived data only the note type.
SUMMARY_COLUMNS = (
    "nt.id, nt.patient_id, nt.taken_at, nt.title, nt.author, nt.note_type, "
    "nt.note_type_source, jsonb_strip_nulls(jsonb_build_object('note_type', "
    "nt.derived -> 'note_type')) AS derived, nt.source, nt.has_text, nt.extraction_method, "
    "nt.ocr_confidence, nt.analysis_status, nt.analysis_error, nt.duplicate_of, "
    "nt.created_at, nt.created_by, nt.filename, nt.declared_media_type, nt.media_type, "
    "nt.size_bytes, nt.content_sha256"
)


def _listing(column: str, descending: bool, after: bool) -> str:
    """A page of $10 notes (plus one) of patient $9 in one of the four orders, after the
    cursor's ($11, $12) when `after`; 404 (recorded) when the patient does not exist."""
    order = f"nt.{column} DESC, nt.id DESC" if descending else f"nt.{column}, nt.id"
    keyset = (
        f" AND (nt.{column}, nt.id) {'<' if descending else '>'} ($11::timestamptz, $12::uuid)"
        if after
        else ""
    )
    return audited_statement(
        work="target AS (SELECT p.id FROM patient AS p "
        "WHERE p.id = $9::uuid AND EXISTS (SELECT FROM allowed)), "
        f"page AS (SELECT {SUMMARY_COLUMNS}, row_number() OVER (ORDER BY {order}) AS n "
        "FROM note AS nt WHERE nt.patient_id = $9::uuid AND EXISTS (SELECT FROM target)"
        f"{keyset} ORDER BY {order} LIMIT $10::int + 1)",
        answer="SELECT t.id AS patient_found, page.* FROM target AS t LEFT JOIN page ON true",
        patient_ids="ARRAY[$9::uuid]",
        outcome="CASE WHEN EXISTS (SELECT FROM target) THEN 'success' ELSE 'patient-not-found' END",
        details="CASE WHEN EXISTS (SELECT FROM target) THEN jsonb_build_object('result_count', "
        "(SELECT count(*) FILTER (WHERE n <= $10::int) FROM page)) ELSE '{}'::jsonb END",
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
