"""The idempotency slice's public API: the dependency a POST route keeps its answer with."""

from carechart.idempotency.dependencies import Answer, IdempotencyDep

__all__ = ["Answer", "IdempotencyDep"]
