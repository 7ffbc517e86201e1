"""duban (督办): turns a government work report's task-allocation notice into a live ledger."""

__version__ = "0.1.0"
