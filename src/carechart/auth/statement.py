"""One statement per request: the caller's user check, the use-case's SQL and its audit event.

The hot routes (a patient read, the patient and note lists, a patient or note create, a cached
summary) send one statement: CTEs that read the user row (queries.py), do the work only
when the user may (`allowed`), insert the audit event beside it, and answer. It runs on the
pool's asyncpg connection directly (core/db.fetch_statement), prepared once per connection.

Parameters $1-$7 are the helper's; a use-case's own start at $8 (FIRST_PARAMETER).
"""

# SQL built from constants of this code only, never from input (parameters are $n): S608 is moot.
# ruff: noqa: S608

import uuid
from collections.abc import Sequence
from typing import Any

from carechart.audit.public import Action
from carechart.auth.queries import CALLER, CALLER_PARAMETERS, Caller
from carechart.core.context import current_request_id
from carechart.core.db import fetch_statement, utcnow

FIRST_PARAMETER = CALLER_PARAMETERS + 5


def audited_statement(
    *,
    work: str,
    answer: str,
    resource_id: str = "NULL::uuid",
    patient_ids: str = "'{}'::uuid[]",
    outcome: str = "'success'",
    details: str = "'{}'::jsonb",
    audit_when: str = "true",
) -> str:
    """The SQL of one audited use-case.

    `work` is CTEs (after `caller` and `allowed`; each must read or write nothing unless
    `allowed` has its row), `answer` a query over them; the audit columns are SQL expressions
    over them too. The result always has one row or more: the caller's `active`, `current` and
    `permitted`, then `answer`'s columns (NULL when there is no answer, or it was not allowed).
    No ORDER BY here: a list's rows carry their position (`n`) for the caller to sort by, so
    that the plan has no sort on top of the index scan that already reads them in order.
    """
    return (
        f"WITH caller AS ({CALLER}), "
        "allowed AS (SELECT 1 FROM caller WHERE active AND current AND permitted), "
        f"{work}, "
        "audit AS (INSERT INTO audit_event (id, occurred_at, actor_id, action, resource_type, "
        "resource_id, patient_ids, outcome, request_id, details) "
        f"SELECT gen_random_uuid(), $4, $1, $5, $6, {resource_id}, {patient_ids}, {outcome}, "
        f"$7, {details} "
        f"FROM allowed WHERE {audit_when}) "
        "SELECT c.active, c.current, c.permitted, a.* FROM (SELECT 1) AS one "
        "LEFT JOIN caller AS c ON true "
        f"LEFT JOIN ({answer}) AS a ON c.active AND c.current AND c.permitted"
    )


async def run_audited(
    caller: Caller,
    statement: str,
    action: Action,
    resource_type: str,
    *arguments: Any,
    idempotent: bool,
    generic_plan: bool = False,
) -> Sequence[Any]:
    """Run an `audited_statement`; 401 or 403 when the user may not (nothing done, nothing
    recorded, as when the dependency refused before). Returns the rows of the answer.
    `generic_plan`: see core/db.fetch_statement."""
    rows = await fetch_statement(
        caller.engine,
        statement,
        [
            *caller.parameters(),
            utcnow(),
            action.value,
            resource_type,
            current_request_id(),
            *arguments,
        ],
        idempotent=idempotent,
        generic_plan=generic_plan,
    )
    caller.refuse(rows[0])
    return rows


# An attempt that failed between statements (the upload unreadable, say): the event alone.
# $8 the outcome, $9 the resource id, $10 the patient ids.
_FAILED = audited_statement(
    work="nothing AS (SELECT)",
    answer="SELECT",
    resource_id="$9::uuid",
    patient_ids="$10::uuid[]",
    outcome="$8::text",
)


async def record_failure(
    caller: Caller,
    action: Action,
    resource_type: str,
    outcome: str,
    *,
    resource_id: uuid.UUID | None = None,
    patient_ids: Sequence[uuid.UUID] = (),
) -> None:
    """Record a failed attempt on its own, as `audited` does for an AppError."""
    await run_audited(
        caller,
        _FAILED,
        action,
        resource_type,
        outcome,
        resource_id,
        list(patient_ids),
        idempotent=False,
    )
