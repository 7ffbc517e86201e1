"""Paths shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
