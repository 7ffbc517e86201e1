"""The extraction core: a notice file in, a Plan out.

Framework-free on purpose: the web apps, the CLI and the tests all call
`extract_file` / `extract_bytes`, and nothing here imports Django.
"""

from duban.extract.errors import ExtractError
from duban.extract.pipeline import extract_bytes, extract_file
from duban.extract.plan import Diagnostic, Document, Plan, Task

__all__ = [
    "Diagnostic",
    "Document",
    "ExtractError",
    "Plan",
    "Task",
    "extract_bytes",
    "extract_file",
]
