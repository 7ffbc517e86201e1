"""`duban extract FILE... [--json]`: the table, the JSON, and how it fails.

Failures are checked in a child process, as a user meets them: under pytest the
logging plugin captures log records that a real run would print to stderr.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from duban.cli import main

HEADER = (
    "县人民政府办公室\n"
    "关于印发2024年《政府工作报告》重点任务分工方案的通知\n\n"
    "各乡镇人民政府，县直各单位：\n"
    "现将分工方案印发给你们，请认真贯彻落实。\n\n"
)
NOTICE = HEADER + (
    "一、推动经济高质量发展\n"
    "1.推进某项工作。\n"
    "牵头领导：张三\n"
    "牵头单位：县发改局\n"
    "责任单位：县财政局\n"
    "2.加快另一项工作。\n"
    "牵头领导：李四\n"
    "牵头单位：县工信局\n"
    "责任单位：县商务局、县统计局\n"
)
NO_TASKS = (
    "县人民政府办公室\n"
    "关于做好春节期间安全生产工作的通知\n\n"
    "各乡镇人民政府，县直各单位：\n"
    "春节将至，请各单位高度重视安全生产工作，认真排查隐患。\n"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "duban.cli", "extract", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


# -- input the CLI must refuse with one line ------------------------------------------


def _empty(tmp: Path) -> str:
    return write(tmp / "empty.txt", b"")


def _blank(tmp: Path) -> str:
    return write(tmp / "blank.txt", b" \n\r\n\t\n")


def _binary(tmp: Path) -> str:
    data = random.Random(20240101).randbytes(4096)
    return write(tmp / "binary.txt", data[:100] + b"\x00" + data[100:])


def _no_tasks(tmp: Path) -> str:
    return write(tmp / "no_tasks.txt", NO_TASKS.encode("utf-8"))


def _no_tasks_gb18030(tmp: Path) -> str:
    return write(tmp / "no_tasks_gb.txt", NO_TASKS.encode("gb18030"))


def _missing(tmp: Path) -> str:
    return str(tmp / "不存在的通知.txt")


REFUSED = {
    "empty": _empty,
    "blank": _blank,
    "binary": _binary,
    "no_tasks": _no_tasks,
    "no_tasks_gb18030": _no_tasks_gb18030,
    "missing_file": _missing,
}


@pytest.mark.parametrize("case", REFUSED)
def test_unreadable_input_exits_2_with_one_chinese_line(case: str, tmp_path: Path) -> None:
    name = REFUSED[case](tmp_path)
    result = run_cli(name, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip("\n").split("\n")
    assert len(lines) == 1, f"expected one line on stderr, got:\n{result.stderr}"
    assert CJK.search(lines[0]), lines[0]
    assert name in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("case", ["empty", "no_tasks", "missing_file"])
def test_unreadable_input_with_json_exits_2(case: str, tmp_path: Path, capsys) -> None:
    name = REFUSED[case](tmp_path)
    assert main(["extract", name, "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert CJK.search(err)


def test_one_unreadable_file_among_good_ones_exits_2(tmp_path: Path, capsys) -> None:
    good = write(tmp_path / "good.txt", NOTICE.encode("utf-8"))
    assert main(["extract", good, _empty(tmp_path)]) == 2
    assert "empty.txt" in capsys.readouterr().err


# -- notices the CLI reads ---------------------------------------------------------------


def assert_table_lists_tasks(out: str) -> None:
    assert "任务 2 项" in out
    rows = [line for line in out.splitlines() if "推进某项工作" in line or "加快另一项工作" in line]
    assert len(rows) == 2, out
    first, second = rows
    assert first.split()[:4] == ["1", "张三", "县发改局", "县财政局"]
    assert second.split()[:4] == ["2", "李四", "县工信局", "县商务局、县统计局"]


def test_good_notice_in_a_child_process(tmp_path: Path) -> None:
    name = write(tmp_path / "notice.txt", NOTICE.encode("utf-8"))
    result = run_cli(name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert_table_lists_tasks(result.stdout)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_good_notice_table(encoding: str, tmp_path: Path, capsys) -> None:
    name = write(tmp_path / "notice.txt", NOTICE.encode(encoding))
    assert main(["extract", name]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"== {name}" in out
    assert "关于印发2024年《政府工作报告》重点任务分工方案的通知" in out
    assert_table_lists_tasks(out)


def test_json_for_one_file_is_one_object(tmp_path: Path, capsys) -> None:
    name = write(tmp_path / "notice.txt", NOTICE.encode("gb18030"))
    assert main(["extract", name, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert set(data) == {"document", "tasks", "diagnostics"}
    assert [t["seq"] for t in data["tasks"]] == ["1", "2"]
    assert data["tasks"][0]["content"] == "推进某项工作。"
    assert data["tasks"][1]["lead_units"] == ["县工信局"]
    assert data["tasks"][1]["support_units"] == ["县商务局", "县统计局"]
    assert data["document"]["year"] == 2024


def test_json_for_two_files_is_a_list_of_two(tmp_path: Path, capsys) -> None:
    first = write(tmp_path / "a.txt", NOTICE.encode("utf-8"))
    second = write(tmp_path / "b.txt", NOTICE.replace("张三", "王五").encode("utf-8-sig"))
    assert main(["extract", first, second, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 2
    for plan in data:
        assert set(plan) == {"document", "tasks", "diagnostics"}
    assert data[0]["tasks"][0]["lead_leaders"] == ["张三"]
    assert data[1]["tasks"][0]["lead_leaders"] == ["王五"]


def test_json_piped_into_a_reader_that_stops_early(tmp_path: Path) -> None:
    """`duban extract big.txt --json | head`: the reader closes the pipe early;
    the CLI must not answer with a traceback."""
    tasks = "".join(
        f"{k}.推进第{k}项重点工作。\n牵头领导：张三\n牵头单位：县发改局\n责任单位：县财政局\n"
        for k in range(1, 600)
    )
    name = write(tmp_path / "big.txt", (HEADER + tasks).encode("utf-8"))
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "duban.cli", "extract", name, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().strip() == b"{"
        process.stdout.close()  # output is far larger than the pipe buffer
        stderr = process.stderr.read().decode("utf-8", "replace")
        process.wait(timeout=120)
    assert "Traceback" not in stderr, stderr
