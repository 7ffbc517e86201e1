"""Paths shared by the whole suite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# The web settings read their data folder at import: give the test run its own,
# so no test writes into a developer's ./duban-data.
os.environ.setdefault("DUBAN_DATA", tempfile.mkdtemp(prefix="duban-test-"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (samples, gold, scorer) beside the repository.

    CI always has it; a developer's checkout without it skips these tests.
    """
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared folder missing at {SHARED}")
        pytest.skip("shared/ not present beside the repository")
    return SHARED
