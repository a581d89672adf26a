"""Tests of clinical-note understanding (carechart.notes.nlp)."""
