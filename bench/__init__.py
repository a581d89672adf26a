"""Carechart benchmark: data generator, load runner, ceiling app and report (docs/benchmarks.md)."""
