"""Idempotency-Key on POST: a retried request gets the first answer instead of a second write."""
