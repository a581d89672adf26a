"""Errors of the idempotency slice (draft-ietf-httpapi-idempotency-key-header, section 2.7)."""

from carechart.core.errors import Conflict, ValidationFailed


class IdempotencyKeyInUse(Conflict):
    slug = "idempotency-key-in-use"
    title = "Idempotency key in use"

    def __init__(self) -> None:
        super().__init__(
            "A request with this Idempotency-Key is still being processed: retry shortly",
            headers={"Retry-After": "1"},
        )


class IdempotencyKeyReused(ValidationFailed):
    slug = "idempotency-key-reused"
    title = "Idempotency key reused"

    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was already used for a different request: use a new key"
        )
