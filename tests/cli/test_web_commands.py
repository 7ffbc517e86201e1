"""`duban serve`, `duban createuser` and `duban import`, run as a user runs them:
in a child process on a fresh data folder, with no other configuration."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from web.personas import NOTICE

DUBAN = [sys.executable, "-m", "duban.cli"]


def run(*args: str, data: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DUBAN_DATA", "DATABASE_URL")}
    return subprocess.run(
        [*DUBAN, *args, "--data", str(data)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def notice(tmp_path) -> Path:
    path = tmp_path / "通知.txt"
    path.write_text(NOTICE, encoding="utf-8")
    return path


def test_import_prints_the_new_plans_id_and_confirm_activates_it(tmp_path, notice):
    data = tmp_path / "data"
    first = run("import", str(notice), data=data)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1"
    assert "待审核" in first.stderr
    second = run("import", str(notice), "--confirm", "--create-missing-units", data=data)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "2" and "已生效" in second.stderr


def test_import_refuses_to_confirm_with_unknown_names_and_keeps_the_draft(tmp_path, notice):
    data = tmp_path / "data"
    result = run("import", str(notice), "--confirm", data=data)
    assert result.returncode == 2
    assert "还有名称未确认" in result.stderr and "Traceback" not in result.stderr
    assert "方案 1 已导入为待审核草稿" in result.stderr


def test_import_of_a_missing_file_says_so_in_chinese(tmp_path):
    result = run("import", str(tmp_path / "nope.docx"), data=tmp_path / "data")
    assert result.returncode == 2 and "无法读取文件" in result.stderr


def test_createuser_reads_the_password_from_stdin_and_checks_the_unit(tmp_path, notice):
    data = tmp_path / "data"
    run("import", str(notice), "--confirm", "--create-missing-units", data=data)
    ok = run(
        "createuser", "fgw", "--role", "unit-user", "--unit", "区发改局",
        "--password-stdin", data=data, stdin="Strong-pass-2026\n",
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "单位经办人" in ok.stdout
    missing = run(
        "createuser", "x", "--role", "unit-user", "--unit", "不存在的局",
        "--password-stdin", data=data, stdin="Strong-pass-2026\n",
    )  # fmt: skip
    assert missing.returncode == 2 and "单位目录中没有" in missing.stderr
    weak = run(
        "createuser", "y", "--role", "office-admin", "--password-stdin", data=data, stdin="123\n"
    )
    assert weak.returncode == 2 and "密码不符合要求" in weak.stderr


def test_serve_starts_on_a_fresh_folder_with_a_first_administrator(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DUBAN_DATA", "DATABASE_URL")}
    server = subprocess.Popen(
        [*DUBAN, "serve", "--data", str(tmp_path / "data"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        banner = _read_until(server, "督办系统已启动")
        assert re.search(r"用户名 admin，初始密码 \S+", banner)
        assert f"http://127.0.0.1:{port}/" in banner
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert home.url.endswith("/accounts/login/?next=/")
        static = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vendor/htmx.min.js", timeout=10
        )
        assert static.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert (tmp_path / "data" / "duban.sqlite3").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _read_until(process: subprocess.Popen, marker: str, timeout: float = 60) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        seen += line
    assert marker in seen, seen
    return seen


def test_export_writes_the_ledger_and_the_plan(tmp_path, notice):
    data = tmp_path / "data"
    run("import", str(notice), "--confirm", "--create-missing-units", data=data)
    ledger = tmp_path / "台账.xlsx"
    result = run("export", "ledger", "--plan", "1", "-o", str(ledger), data=data)
    assert result.returncode == 0, result.stderr
    assert "已导出到" in result.stdout and ledger.read_bytes()[:2] == b"PK"
    plan = tmp_path / "方案.docx"
    assert run("export", "plan", "--plan", "1", "-o", str(plan), data=data).returncode == 0
    missing = run("export", "summary", "--plan", "1", "-o", str(plan), data=data)
    assert missing.returncode == 2 and "--period" in missing.stderr
    unknown = run("export", "ledger", "--plan", "9", "-o", str(ledger), data=data)
    assert unknown.returncode == 2 and "没有编号为 9 的方案" in unknown.stderr
