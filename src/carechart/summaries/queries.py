"""The summaries slice's hot use-case as one statement (auth/statement.py): the cached
summary, with the user check and the audit event that service.request_summary records."""

# SQL built from constants of this code only, never from input (parameters are $n): S608 is moot.
# ruff: noqa: S608

from carechart.auth.public import audited_statement

SUMMARY_COLUMNS = (
    "s.id, s.patient_id, s.options, s.body::text AS body, s.generated_at, s.provider, s.model, "
    "s.prompt_version, s.input_hash, s.prompt_tokens, s.completion_tokens, s.model_calls"
)

# $8 the patient id; $9, $10, $11 the material of the input hash around the patient row's
# notes fingerprint and version (summaries/inputs.input_hash_template): the hash is computed
# here, from the row as this statement reads it, and the summary found by it (unique index).
# Recorded when the summary is fresh or the patient missing; otherwise nothing is recorded and
# service.request_summary takes over (a job to queue or share), recording its own event.
CACHED = audited_statement(
    work="target AS (SELECT p.id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.sex, "
    "encode(sha256(convert_to($9::text || p.notes_fingerprint::text || $10::text || "
    "p.version::text || $11::text, 'UTF8')), 'hex') AS wanted FROM patient AS p "
    "WHERE p.id = $8::uuid AND EXISTS (SELECT FROM allowed)), "
    f"fresh AS (SELECT {SUMMARY_COLUMNS} FROM summary AS s JOIN target AS t "
    "ON s.patient_id = t.id AND s.input_hash = t.wanted)",
    answer="SELECT t.id AS patient_found, t.mrn, t.given_name, t.family_name, "
    "t.date_of_birth, t.sex, f.* FROM target AS t LEFT JOIN fresh AS f ON true",
    resource_id="(SELECT id FROM fresh)",
    patient_ids="ARRAY[$8::uuid]",
    outcome="CASE WHEN EXISTS (SELECT FROM target) THEN 'success' ELSE 'patient-not-found' END",
    audit_when="NOT EXISTS (SELECT FROM target) OR EXISTS (SELECT FROM fresh)",
)
