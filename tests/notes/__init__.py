"""Tests of the notes slice."""
