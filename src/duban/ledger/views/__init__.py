"""Ledger pages: home redirect (home), import and review (review), browsing (browse)."""
