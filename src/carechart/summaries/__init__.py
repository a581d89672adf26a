"""Patient summaries: queued generation, providers (OpenAI, local), cache in PostgreSQL."""
