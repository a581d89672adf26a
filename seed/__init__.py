"""Sample data and its idempotent loader (`python -m seed`)."""
