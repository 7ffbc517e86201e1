"""Readers: one module per format, each turning bytes into the same block stream."""
