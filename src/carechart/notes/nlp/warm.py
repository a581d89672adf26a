"""Imported by the analysis workers' fork server: the drug vocabulary is built there once, and
every worker forked from it starts with it (no analysis pays the ~2 s build)."""

from carechart.notes.nlp import warm_up

warm_up()
