"""`extract_text`: the domain assertion helper's engine — a notice as a string in,
a Plan out, through the same pipeline a file takes."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

from duban.extract import Plan, extract_bytes


def read(text: str, encoding: str = "utf-8") -> Plan:
    """Triple-quoted notices are dedented; others (TAB-led cells) are taken as they are."""
    if text.startswith("\n"):
        text = textwrap.dedent(text).strip("\n")
    return extract_bytes(text.encode(encoding))


@pytest.fixture
def extract_text():
    return read


@pytest.fixture(scope="session")
def scorer(shared):
    """The project's scorer, shared/tools/score_extraction.py, as a module."""
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
