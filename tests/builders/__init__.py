"""Builders of real notice files (.docx …) for tests: plain data in, bytes out."""
