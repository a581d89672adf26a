"""The clinical evaluation: scores the extractor and the chart against hand-labelled notes."""
