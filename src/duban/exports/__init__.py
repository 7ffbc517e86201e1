"""Official outputs: the ledger as .xlsx, the plan and the quarterly summary as .docx.

Plain data in (the extract `Plan`, the dataclasses in `data`), bytes out.
Nothing here imports Django, so the CLI, the web views and the tests share
one implementation of each layout.
"""

from duban.exports.data import LedgerRow, SummaryCounts, SummarySection, SummaryTask
from duban.exports.ledger_xlsx import ledger_rows, ledger_xlsx
from duban.exports.plan_docx import plan_docx
from duban.exports.summary_docx import summary_docx

__all__ = [
    "LedgerRow",
    "SummaryCounts",
    "SummarySection",
    "SummaryTask",
    "ledger_rows",
    "ledger_xlsx",
    "plan_docx",
    "summary_docx",
]
