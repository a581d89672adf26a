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

# A fuzzy name search (or an exact MRN), ranked, one page after a (rank, id) position.
#
# Each word's five nearest given and family tokens (GiST trigram KNN on the small token tables)
# are kept when alike enough to the word: the share of characters in their longest common
# subsequence (levenshtein with a substitution costing two), which a swapped or doubled letter
# barely moves, unlike trigrams. Units: (given, family) pairs of tokens from two different
# words, or, when the words form no pair, each token alone; ranked by their likeness plus the
# trigram similarity of the text typed to the unit's tokens, at most UNITS of them.
# Each unit reads at most a page and one of its patients, highest id first, from an index alone
# (`sole` and the other token are in it); a patient holding a better unit is left to that one,
# checked by probes only for the few patients with several keys. So the rows read are bounded
# by the units and the page size, however common the name; the table is read for the page only.
UNITS = 48
NEAREST_K = 5
LEAST_ALIKE = 0.5
_MAX_UUID = "'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid"
# The likeness of token t to word w, 0 to 1.
LIKENESS = "1 - levenshtein(w.word, t.token, 1, 1, 2)::float8 / (length(w.word) + length(t.token))"
_NEAREST = (
    "SELECT w.n, '{part}' AS part, t.token, " + LIKENESS + " AS alike FROM words AS w "
    "CROSS JOIN LATERAL (SELECT token FROM {part}_name_token ORDER BY token <-> w.word "
    f"LIMIT {NEAREST_K}) AS t"
)
# Each word's (by position) nearest given and family tokens alike enough to it (:q the text),
# for a search with filters or another order (the general listing, patients/service.py).
NEAREST_TOKENS = (
    "SELECT near.n, near.part, near.token, near.alike FROM (WITH words AS (SELECT w.word, w.n "
    "FROM unnest(name_words(:q)) WITH ORDINALITY AS w(word, n)) "
    + _NEAREST.format(part="given")
    + " UNION ALL "
    + _NEAREST.format(part="family")
    + f") AS near WHERE near.alike >= {LEAST_ALIKE}"
)
# Parameters: {q} the text typed, {limit} the page size, {rank} and {id} the last row's (NULL:
# the first page). Work only when `allowed` has its row.
_UNITS = (
    "needle AS (SELECT lower(f_unaccent({q}::text)) AS needle), "
    "words AS (SELECT w.word, w.n FROM unnest(name_words({q}::text)) WITH ORDINALITY "
    "AS w(word, n) WHERE EXISTS (SELECT FROM allowed)), "
    "near AS ("
    + _NEAREST.format(part="given")
    + " UNION ALL "
    + _NEAREST.format(part="family")
    + "), "
    f"liked AS (SELECT * FROM near WHERE alike >= {LEAST_ALIKE}), "
    "pairs AS (SELECT g.token AS g, f.token AS f, max(g.alike + f.alike) AS score "
    "FROM liked AS g JOIN liked AS f ON g.part = 'given' AND f.part = 'family' AND g.n <> f.n "
    "GROUP BY g.token, f.token), "
    "singles AS (SELECT part, token, max(alike) AS score FROM liked "
    "WHERE NOT EXISTS (SELECT FROM pairs) GROUP BY part, token), "
    "scored AS (SELECT 'pair' AS part, g, f, (score + word_similarity(needle, g || ' ' || f) "
    "+ similarity(needle, g || ' ' || f))::float8 AS rank FROM pairs, needle "
    "UNION ALL SELECT part, CASE part WHEN 'given' THEN token END, "
    "CASE part WHEN 'family' THEN token END, (score + word_similarity(needle, token) "
    "+ similarity(needle, token))::float8 FROM singles, needle), "
    "best AS (SELECT *, row_number() OVER (ORDER BY rank DESC, part, g, f) AS ord FROM scored "
    f"ORDER BY ord LIMIT {UNITS}), "
    # The units not wholly shown yet, each with the id its patients come before.
    "units AS (SELECT *, CASE WHEN rank = {rank}::float8 THEN {id}::uuid ELSE "
    + _MAX_UUID
    + " END AS before FROM best WHERE {rank}::float8 IS NULL OR rank <= {rank}::float8), "
    "by_mrn AS (SELECT id FROM patient WHERE lower(mrn) = lower({q}::text) "
    "AND EXISTS (SELECT FROM allowed)), "
)
# A key row of patient k.patient_id under unit u is left out when the patient holds a unit
# ranked before u, or has the MRN typed (ranked first on its own).
# (The unit's rank bound, b.ord < u.ord, in each probe's join keeps the planner from hashing the
# whole key table for it.)
_PAIR_HELD_BEFORE = (
    "(k.sole OR NOT EXISTS (SELECT FROM units AS b JOIN patient_name_key AS o "
    "ON o.given_token = b.g AND o.family_token = b.f AND o.patient_id = k.patient_id "
    "WHERE b.part = 'pair' AND b.ord < u.ord))"
)
_OTHER_KEY = (
    "NOT EXISTS (SELECT FROM units AS b JOIN patient_name_key AS o ON o.{column} = b.{unit} "
    "AND o.patient_id = k.patient_id WHERE b.part = '{part}' AND b.ord < u.ord)"
)
_SINGLE_HELD_BEFORE = (
    "NOT EXISTS (SELECT FROM units AS b WHERE b.ord < u.ord AND ((b.part = 'given' AND "
    "b.g = k.given_token) OR (b.part = 'family' AND b.f = k.family_token))) AND (k.sole OR ("
    + _OTHER_KEY.format(column="given_token", unit="g", part="given")
    + " AND "
    + _OTHER_KEY.format(column="family_token", unit="f", part="family")
    + "))"
)
_NOT_MRN = "NOT EXISTS (SELECT FROM by_mrn WHERE by_mrn.id = k.patient_id)"


def _probe(part: str, match: str, held_before: str) -> str:
    return (
        "SELECT k.patient_id, u.rank FROM units AS u CROSS JOIN LATERAL (SELECT DISTINCT "
        f"k.patient_id FROM patient_name_key AS k WHERE u.part = '{part}' AND {match} "
        f"AND k.patient_id < u.before AND {held_before} AND {_NOT_MRN} "
        "ORDER BY k.patient_id DESC LIMIT {limit}::int + 1) AS k"
    )


_HITS = (
    "hits AS (SELECT patient_id, rank FROM (SELECT id AS patient_id, 10.0::float8 AS rank "
    "FROM by_mrn WHERE {rank}::float8 IS NULL OR (10.0::float8, id) < ({rank}::float8, {id}::uuid) "
    "UNION ALL "
    + _probe("pair", "k.given_token = u.g AND k.family_token = u.f", _PAIR_HELD_BEFORE)
    + " UNION ALL "
    + _probe("given", "k.given_token = u.g", _SINGLE_HELD_BEFORE)
    + " UNION ALL "
    + _probe("family", "k.family_token = u.f", _SINGLE_HELD_BEFORE)
    + ") AS h ORDER BY rank DESC, patient_id DESC LIMIT {limit}::int + 1), "
    "found AS (SELECT " + COLUMNS + ", h.rank, row_number() OVER (ORDER BY h.rank DESC, "
    "h.patient_id DESC) AS n FROM hits AS h JOIN patient AS p ON p.id = h.patient_id)"
)


def search_work(*, q: str, limit: str, rank: str, id: str) -> str:  # noqa: A002
    """The search's CTEs, ending with `found` (the page and one more row, numbered `n`),
    with the SQL of each parameter; after an `allowed` CTE (one row: go ahead)."""
    return (_UNITS + _HITS).format(q=q, limit=limit, rank=rank, id=id)


# $8 the text typed, $9 the page size, $10 and $11 the last row's rank and id (NULL: first page).
# Run on its generic plan (core/db.fetch_statement): planning this statement afresh takes longer
# than running it (2-3 ms at a million patients, 0.1 for the generic plan), and its paths do not
# depend on the words typed (the same index scans, the same buffers); PostgreSQL's own choice
# keeps custom plans, the generic plan's estimates (a hundred words, a tenth of the rows for
# LIMIT $9) looking dearer than they are.
SEARCH = audited_statement(
    work=search_work(q="$8", limit="$9", rank="$10", id="$11"),
    answer="SELECT * FROM found",
    patient_ids="(SELECT coalesce(array_agg(id ORDER BY n) FILTER (WHERE n <= $9::int), "
    "'{}') FROM found)",
    details="jsonb_build_object('result_count', "
    "(SELECT count(*) FILTER (WHERE n <= $9::int) FROM found))",
)
