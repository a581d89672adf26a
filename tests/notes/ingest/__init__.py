"""Tests of note file ingestion."""
