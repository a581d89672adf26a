"""The patients slice's hot use-cases as one statement each (auth/statement.py): a read, the
first and later pages of the default listing, and a create; each with its user check and its
audit event, as the ORM use-cases in service.py record them."""

# SQL built from constants of this code only, never from input (parameters are $n): S608 is moot.
# ruff: noqa: S608

from carechart.auth.public import audited_statement

COLUMNS = (
    "p.id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.sex, p.version, "
    "p.created_at, p.updated_at"
)
_RETURNED = COLUMNS.replace("p.", "")

# $8 the patient id.
READ = audited_statement(
    work=f"found AS (SELECT {COLUMNS} FROM patient AS p "
    "WHERE p.id = $8::uuid AND EXISTS (SELECT FROM allowed))",
    answer="SELECT * FROM found",
    resource_id="$8::uuid",
    patient_ids="ARRAY[$8::uuid]",
    outcome="CASE WHEN EXISTS (SELECT FROM found) THEN 'success' ELSE 'patient-not-found' END",
)

# The default order (family name, given name, id): one page of $8 rows plus one, to learn
# whether another follows; the event names the patients shown (the first $8), in order.
_ORDER = "p.family_name, p.given_name, p.id"


def _page(after: str) -> str:
    return audited_statement(
        work=f"page AS (SELECT {COLUMNS}, row_number() OVER (ORDER BY {_ORDER}) AS n "
        f"FROM patient AS p WHERE EXISTS (SELECT FROM allowed){after} "
        f"ORDER BY {_ORDER} LIMIT $8::int + 1)",
        answer="SELECT * FROM page",
        patient_ids="(SELECT coalesce(array_agg(id ORDER BY n) FILTER (WHERE n <= $8::int), "
        "'{}') FROM page)",
        details="jsonb_build_object('result_count', "
        "(SELECT count(*) FILTER (WHERE n <= $8::int) FROM page))",
    )


FIRST_PAGE = _page("")
# $9, $10, $11: the last row's family name, given name and id (from the cursor).
PAGE_AFTER = _page(" AND (p.family_name, p.given_name, p.id) > ($9::text, $10::text, $11::uuid)")

# $8 id, $9 MRN (NULL: the next automatic one), $10 given name, $11 family name, $12 date of
# birth, $13 sex. A duplicate MRN inserts nothing: with the client's MRN that is the answer
# (409, recorded as such); an automatic MRN a client already took is left to the ORM path,
# which skips the numbers taken, and records its own event.
_AUTOMATIC_MRN = "'CC-' || lpad(s.n::text, greatest(8, length(s.n::text)), '0')"
CREATE = audited_statement(
    work="new AS (INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth, sex) "
    f"SELECT $8::uuid, coalesce($9::text, {_AUTOMATIC_MRN}), $10, $11, $12, $13 "
    "FROM allowed, (SELECT CASE WHEN $9::text IS NULL THEN nextval('patient_mrn_seq') END "
    f"AS n) AS s ON CONFLICT DO NOTHING RETURNING {_RETURNED})",
    answer="SELECT * FROM new",
    resource_id="(SELECT id FROM new)",
    patient_ids="ARRAY(SELECT id FROM new)",
    outcome="CASE WHEN EXISTS (SELECT FROM new) THEN 'success' ELSE 'duplicate-mrn' END",
    audit_when="EXISTS (SELECT FROM new) OR $9::text IS NOT NULL",
)
