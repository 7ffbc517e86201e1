"""The project's scorer for the round-trip tests."""

from __future__ import annotations

import importlib.util

import pytest


@pytest.fixture(scope="session")
def scorer(shared):
    """The project's scorer, shared/tools/score_extraction.py, as a module."""
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
