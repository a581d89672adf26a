"""The auth slice's public API: the signed-in principal and the role checks routes depend on,
and the one-statement helper of the hot routes (the user check, the work and the audit event)."""

from carechart.auth.dependencies import (
    Admin,
    CurrentUser,
    Principal,
    Reader,
    ReaderCaller,
    Writer,
    WriterCaller,
    bearer_claims,
)
from carechart.auth.queries import Caller
from carechart.auth.statement import audited_statement, record_failure, run_audited

__all__ = [
    "Admin",
    "Caller",
    "CurrentUser",
    "Principal",
    "Reader",
    "ReaderCaller",
    "Writer",
    "WriterCaller",
    "audited_statement",
    "bearer_claims",
    "record_failure",
    "run_audited",
]
