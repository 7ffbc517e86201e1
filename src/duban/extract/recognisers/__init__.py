"""Recognisers: each finds one construct of a notice in the block stream."""
