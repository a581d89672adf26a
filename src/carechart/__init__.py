"""Carechart: an async REST API for patient records, clinical notes and summaries."""

__version__ = "0.1.0"
