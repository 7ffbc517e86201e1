"""Inspection (督查): fair spot checks, findings, bulletins (通报), year-end assessment."""
