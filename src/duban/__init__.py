"""duban (督办): turns a government work report's task-allocation notice into a live ledger."""

__version__ = "0.1.0"

import logging

# A library logs; the application decides where logs go.
logging.getLogger("duban").addHandler(logging.NullHandler())
