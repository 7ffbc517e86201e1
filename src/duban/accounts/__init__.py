"""Accounts: users with a role in one government, API tokens, and who may see what."""
