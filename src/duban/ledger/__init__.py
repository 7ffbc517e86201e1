"""Ledger (台账): plans, their tasks and who is assigned to each."""
