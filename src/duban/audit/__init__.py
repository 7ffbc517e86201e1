"""Audit: who changed what, when, with the record before and after."""
