"""Ledger pages: home redirect (home), browsing (browse), and importing a notice
and reviewing its draft: upload (importing), review page (review), name decisions
(names), task edits, confirm and discard (drafts), shared access helpers (common)."""
