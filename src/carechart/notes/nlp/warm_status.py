"""Imported by the analysis workers' fork server when the status model is on: its weights are
read there once, and every worker forked from it starts with them."""

from carechart.notes.nlp import warm_up

warm_up(status_model=True)
