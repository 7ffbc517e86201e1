"""Signals other domains listen to, so the ledger never imports them."""

from django.dispatch import Signal

# Sent after a plan became active or a revision was applied to it; `plan` is the
# active plan. Reporting builds its schedule and obligations from it.
plan_confirmed = Signal()
