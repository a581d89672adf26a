"""The arq worker process: settings, start-up and shut-down, worker metrics. No business logic."""
