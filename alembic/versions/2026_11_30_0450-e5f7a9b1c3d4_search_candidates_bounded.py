"""Search with a bounded candidate set: each name key says whether it is its patient's only one.

A fuzzy search reads, for each candidate unit (a (given, family) token pair, or one token of a
single word), at most a page and one of its patients, newest id first, from an index alone
(patients/queries.py SEARCH). A patient who holds several candidate units must be shown under
its best one only; `sole` (the patient has this one key: one given and one family token) tells
without a probe that there is nothing to check, which is most patients. The indexes carry what
that check and the single-word search read (`sole`, the other token), so neither touches the
table; a single word's given-name patients get the index the family names had.

`fuzzystrmatch` gives `levenshtein` with costs: with a substitution costing two, the distance
is the characters not in the longest common subsequence, so the likeness of a token to a word
is computed in SQL (it was difflib's ratio in Python, an extra round trip).

Revision ID: e5f7a9b1c3d4
Revises: d4e6f8a0b2c3
Create Date: 2026-11-30 04:50:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e5f7a9b1c3d4"
down_revision: str | None = "d4e6f8a0b2c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ON_INSERT = r"""
CREATE OR REPLACE FUNCTION patient_name_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    givens text[];
    families text[];
BEGIN
    INSERT INTO patient_name_key (given_token, family_token, patient_id, sole)
        SELECT g, f, n.id, cardinality(n.gs) = 1 AND cardinality(n.fs) = 1
        FROM (SELECT i.id, (name_words(i.given_name))[1:4] AS gs,
                (name_words(i.family_name))[1:4] AS fs FROM inserted AS i) AS n,
            unnest(n.gs) AS g, unnest(n.fs) AS f
        ON CONFLICT DO NOTHING;
    SELECT array_agg(DISTINCT g), array_agg(DISTINCT f) INTO givens, families
        FROM inserted AS n, unnest((name_words(n.given_name))[1:4]) AS g,
            unnest((name_words(n.family_name))[1:4]) AS f;
    PERFORM given_name_tokens_keep(coalesce(givens, '{}'));
    PERFORM family_name_tokens_keep(coalesce(families, '{}'));
    RETURN NULL;
END $$
"""

ON_CHANGE = r"""
CREATE OR REPLACE FUNCTION patient_name_keys_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_given text[] := (name_words(OLD.given_name))[1:4];
    old_family text[] := (name_words(OLD.family_name))[1:4];
    new_given text[] := '{}';
    new_family text[] := '{}';
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.given_name = NEW.given_name AND OLD.family_name = NEW.family_name THEN
            RETURN NULL;
        END IF;
        new_given := (name_words(NEW.given_name))[1:4];
        new_family := (name_words(NEW.family_name))[1:4];
    END IF;
    DELETE FROM patient_name_key WHERE given_token = ANY(old_given)
        AND family_token = ANY(old_family) AND patient_id = OLD.id;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO patient_name_key (given_token, family_token, patient_id, sole)
            SELECT g, f, NEW.id, cardinality(new_given) = 1 AND cardinality(new_family) = 1
            FROM unnest(new_given) AS g, unnest(new_family) AS f
            ON CONFLICT DO NOTHING;
        PERFORM given_name_tokens_keep(ARRAY(SELECT DISTINCT unnest(new_given)));
        PERFORM family_name_tokens_keep(ARRAY(SELECT DISTINCT unnest(new_family)));
    END IF;
    PERFORM given_name_tokens_release(old_given, new_given);
    PERFORM family_name_tokens_release(old_family, new_family);
    RETURN NULL;
END $$
"""

REBUILD = r"""
CREATE OR REPLACE FUNCTION patient_name_keys_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE patient_name_key, given_name_token, family_name_token;
    INSERT INTO patient_name_key (given_token, family_token, patient_id, sole)
        SELECT DISTINCT g, f, p.id, cardinality(p.gs) = 1 AND cardinality(p.fs) = 1
        FROM (SELECT id, (name_words(given_name))[1:4] AS gs,
                (name_words(family_name))[1:4] AS fs FROM patient) AS p,
            unnest(p.gs) AS g, unnest(p.fs) AS f;
    INSERT INTO given_name_token (token) SELECT DISTINCT given_token FROM patient_name_key;
    INSERT INTO family_name_token (token) SELECT DISTINCT family_token FROM patient_name_key;
$$
"""

# The functions as the earlier migration made them, for a downgrade.
OLD_ON_INSERT = r"""
CREATE OR REPLACE FUNCTION patient_name_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    givens text[];
    families text[];
BEGIN
    INSERT INTO patient_name_key (given_token, family_token, patient_id)
        SELECT g, f, n.id FROM inserted AS n, unnest((name_words(n.given_name))[1:4]) AS g,
            unnest((name_words(n.family_name))[1:4]) AS f
        ON CONFLICT DO NOTHING;
    SELECT array_agg(DISTINCT g), array_agg(DISTINCT f) INTO givens, families
        FROM inserted AS n, unnest((name_words(n.given_name))[1:4]) AS g,
            unnest((name_words(n.family_name))[1:4]) AS f;
    PERFORM given_name_tokens_keep(coalesce(givens, '{}'));
    PERFORM family_name_tokens_keep(coalesce(families, '{}'));
    RETURN NULL;
END $$
"""
OLD_ON_CHANGE = ON_CHANGE.replace(", sole)", ")").replace(
    ", cardinality(new_given) = 1 AND cardinality(new_family) = 1", ""
)
OLD_REBUILD = r"""
CREATE OR REPLACE FUNCTION patient_name_keys_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE patient_name_key, given_name_token, family_name_token;
    INSERT INTO patient_name_key (given_token, family_token, patient_id)
        SELECT DISTINCT g, f, p.id FROM patient AS p,
            unnest((name_words(p.given_name))[1:4]) AS g,
            unnest((name_words(p.family_name))[1:4]) AS f;
    INSERT INTO given_name_token (token) SELECT DISTINCT given_token FROM patient_name_key;
    INSERT INTO family_name_token (token) SELECT DISTINCT family_token FROM patient_name_key;
$$
"""

_KEY = "(given_token, family_token, patient_id)"


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")
    op.execute("ALTER TABLE patient_name_key ADD COLUMN sole boolean NOT NULL DEFAULT false")
    op.execute("ALTER TABLE patient_name_key DROP CONSTRAINT pk_patient_name_key")
    op.execute("DROP INDEX ix_patient_name_key_family_token_patient_id")
    for statement in (ON_INSERT, ON_CHANGE, REBUILD):
        op.execute(statement)
    # Filled before its indexes are built: one sort each rather than a million insertions.
    op.execute("SELECT patient_name_keys_rebuild()")
    op.execute(
        f"ALTER TABLE patient_name_key ADD CONSTRAINT pk_patient_name_key PRIMARY KEY {_KEY} "
        "INCLUDE (sole)"
    )
    op.execute(
        "CREATE INDEX ix_patient_name_key_family_token_patient_id ON patient_name_key "
        "(family_token, patient_id) INCLUDE (given_token, sole)"
    )
    op.execute(
        "CREATE INDEX ix_patient_name_key_given_token_patient_id ON patient_name_key "
        "(given_token, patient_id) INCLUDE (family_token, sole)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_patient_name_key_given_token_patient_id")
    op.execute("DROP INDEX ix_patient_name_key_family_token_patient_id")
    op.execute("ALTER TABLE patient_name_key DROP CONSTRAINT pk_patient_name_key")
    op.execute("ALTER TABLE patient_name_key DROP COLUMN sole")
    op.execute(
        f"ALTER TABLE patient_name_key ADD CONSTRAINT pk_patient_name_key PRIMARY KEY {_KEY}"
    )
    op.execute(
        "CREATE INDEX ix_patient_name_key_family_token_patient_id ON patient_name_key "
        "(family_token, patient_id)"
    )
    for statement in (OLD_ON_INSERT, OLD_ON_CHANGE, OLD_REBUILD):
        op.execute(statement)
    op.execute("DROP EXTENSION IF EXISTS fuzzystrmatch")
