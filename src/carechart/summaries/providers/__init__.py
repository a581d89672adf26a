"""Summary providers: the OpenAI-compatible model client and the local deterministic one."""
