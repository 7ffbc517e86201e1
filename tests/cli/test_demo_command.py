"""`duban demo`, run as a user runs it: a child process on a fresh data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def demo(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DUBAN_DATA", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "-m", "duban.cli", "demo", *args, "--data", str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_demo_builds_a_county_and_refuses_to_build_over_existing_plans(tmp_path):
    data = tmp_path / "data"
    first = demo(data, "--scale", "county", "--seed", "5")
    assert first.returncode == 0, first.stderr
    assert "政府 1 个，单位 43 个" in first.stdout
    assert "方案 1 个，任务 40 项" in first.stdout
    assert "Duban-demo-2026" in first.stdout
    again = demo(data, "--scale", "county")
    assert again.returncode == 2
    assert "已有方案" in again.stderr and "Traceback" not in again.stderr
