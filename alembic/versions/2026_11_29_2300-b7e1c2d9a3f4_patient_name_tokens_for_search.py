"""Patient search by nearest name tokens: two small token tables and the (given, family) keys.

Fuzzy search used to compare the query with every patient's whole name through a trigram GIN
index: tens of milliseconds at a million patients, the time spent rechecking heap rows. Now
each query word is matched against the few thousand distinct name tokens (GiST trigram
nearest neighbours, `ORDER BY token <-> word LIMIT k`), and the patients holding a matching
(given token, family token) pair are read through a btree. Triggers on `patient` keep the
tables in the same transaction as every write; this migration fills them from what is stored.

A token no patient holds any more is removed, so that a deleted patient's name does not stay
behind. Writers take a KEY SHARE lock on the tokens they use, and a removal locks the token
and checks again in a new statement: a concurrent insert of the same name either waits for
the removal and adds the token back, or makes the removal wait and keep it.

Revision ID: b7e1c2d9a3f4
Revises: 4a442f303e3e
Create Date: 2026-11-29 23:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "b7e1c2d9a3f4"
down_revision: str | None = "4a442f303e3e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Lower-case, unaccented words of a name; apostrophes join ("O'Connor" is "oconnor").
NAME_WORDS = r"""
CREATE FUNCTION name_words(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT array_remove(regexp_split_to_array(
    lower(f_unaccent(translate($1, '''' || chr(8217), ''))), '[^[:alnum:]]+'), '') $$
"""

# The first four words of each part make the keys: a patient has at most 16 pairs.

# Inserts, one statement at a time (a COPY of a million rows too): set-based, from the
# transition table of the rows inserted.
ON_INSERT = r"""
CREATE FUNCTION patient_name_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
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

# A change of name or a delete, row by row: the old keys go, tokens no one holds any more too.
ON_CHANGE = r"""
CREATE FUNCTION patient_name_keys_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
        INSERT INTO patient_name_key (given_token, family_token, patient_id)
            SELECT g, f, NEW.id FROM unnest(new_given) AS g, unnest(new_family) AS f
            ON CONFLICT DO NOTHING;
        PERFORM given_name_tokens_keep(ARRAY(SELECT DISTINCT unnest(new_given)));
        PERFORM family_name_tokens_keep(ARRAY(SELECT DISTINCT unnest(new_family)));
    END IF;
    PERFORM given_name_tokens_release(old_given, new_given);
    PERFORM family_name_tokens_release(old_family, new_family);
    RETURN NULL;
END $$
"""

# `token >= t AND token <= t` rather than `token = t`: the GiST trigram index answers `=` too,
# and the planner may pick it, at twenty times the cost of the primary key's btree.
KEEP = r"""
CREATE FUNCTION {table}s_keep(tokens text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Held until commit (KEY SHARE): a removal of one of them waits for this write. Distinct
    -- tokens; one removed meanwhile is added again.
    WHILE (SELECT count(*) FROM (SELECT 1 FROM unnest(tokens) AS t JOIN {table}
            ON token >= t AND token <= t FOR KEY SHARE OF {table}) AS held)
            < cardinality(tokens) LOOP
        INSERT INTO {table} (token) SELECT unnest(tokens) ON CONFLICT DO NOTHING;
    END LOOP;
END $$
"""

RELEASE = r"""
CREATE FUNCTION {table}s_release(old_tokens text[], new_tokens text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    tok text;
BEGIN
    FOR tok IN SELECT unnest(old_tokens) EXCEPT SELECT unnest(new_tokens) LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM patient_name_key WHERE {column} = tok);
        PERFORM 1 FROM {table} WHERE token >= tok AND token <= tok FOR UPDATE;
        -- A new statement, a new snapshot: it sees a patient committed while this one waited.
        DELETE FROM {table} WHERE token >= tok AND token <= tok
            AND NOT EXISTS (SELECT 1 FROM patient_name_key WHERE {column} = tok);
    END LOOP;
END $$
"""
TOKEN_TABLES = (("given_name_token", "given_token"), ("family_name_token", "family_token"))

TRIGGERS = (
    "CREATE TRIGGER patient_name_keys_insert AFTER INSERT ON patient "
    "REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT "
    "EXECUTE FUNCTION patient_name_keys_insert()",
    "CREATE TRIGGER patient_name_keys_change AFTER DELETE OR UPDATE OF given_name, family_name "
    "ON patient FOR EACH ROW EXECUTE FUNCTION patient_name_keys_change()",
)

# Fills the tables from the stored patients (this migration; a repair if ever needed).
REBUILD = r"""
CREATE FUNCTION patient_name_keys_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE patient_name_key, given_name_token, family_name_token;
    INSERT INTO patient_name_key (given_token, family_token, patient_id)
        SELECT DISTINCT g, f, p.id FROM patient AS p,
            unnest((name_words(p.given_name))[1:4]) AS g,
            unnest((name_words(p.family_name))[1:4]) AS f;
    INSERT INTO given_name_token (token) SELECT DISTINCT given_token FROM patient_name_key;
    INSERT INTO family_name_token (token) SELECT DISTINCT family_token FROM patient_name_key;
$$
"""


def _token_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column("token", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f(f"pk_{name}")),
    )
    op.create_index(
        f"ix_{name}_token_trgm",
        name,
        ["token"],
        postgresql_using="gist",
        postgresql_ops={"token": "gist_trgm_ops"},
    )


def upgrade() -> None:
    _token_table("given_name_token")
    _token_table("family_name_token")
    op.create_table(
        "patient_name_key",
        sa.Column("given_token", sa.Text(), nullable=False),
        sa.Column("family_token", sa.Text(), nullable=False),
        sa.Column("patient_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint(
            "given_token", "family_token", "patient_id", name=op.f("pk_patient_name_key")
        ),
    )
    op.create_index(
        "ix_patient_name_key_family_token_patient_id",
        "patient_name_key",
        ["family_token", "patient_id"],
    )
    op.execute(NAME_WORDS)
    for table, column in TOKEN_TABLES:
        op.execute(KEEP.format(table=table))
        op.execute(RELEASE.format(table=table, column=column))
    for statement in (ON_INSERT, ON_CHANGE, REBUILD, *TRIGGERS):
        op.execute(statement)
    op.execute("SELECT patient_name_keys_rebuild()")
    # The whole-name trigram index served only the search it replaces; writes no longer pay it.
    op.drop_index("ix_patient_name_search_trgm", table_name="patient")


def downgrade() -> None:
    op.create_index(
        "ix_patient_name_search_trgm",
        "patient",
        ["name_search"],
        postgresql_using="gin",
        postgresql_ops={"name_search": "gin_trgm_ops"},
    )
    op.execute("DROP TRIGGER patient_name_keys_insert ON patient")
    op.execute("DROP TRIGGER patient_name_keys_change ON patient")
    for function in (
        "patient_name_keys_rebuild()",
        "patient_name_keys_insert()",
        "patient_name_keys_change()",
        "given_name_tokens_keep(text[])",
        "family_name_tokens_keep(text[])",
        "given_name_tokens_release(text[], text[])",
        "family_name_tokens_release(text[], text[])",
        "name_words(text)",
    ):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_table("patient_name_key")
    op.drop_table("family_name_token")
    op.drop_table("given_name_token")
