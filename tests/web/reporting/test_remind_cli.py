"""`duban remind` as cron runs it: a child process on a data folder prepared with
`duban import`, mailing a real local SMTP server configured by DUBAN_SMTP_*."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from web.personas import NOTICE
from web.reporting.remind_servers import free_port, smtp_server

DUBAN = [sys.executable, "-m", "duban.cli"]

ADD_CHANNEL = """
import sys
from duban.web import runtime
runtime.start(sys.argv[1])
from duban.directory.models import Government
from duban.reporting.models import Channel
Channel.objects.create(government=Government.objects.get(), kind="email", target=sys.argv[2])
"""


def run(*args: str, data: Path, smtp_port: int = 0) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DUBAN_DATA", "DATABASE_URL")}
    env |= {
        "DUBAN_SMTP_HOST": "127.0.0.1",
        "DUBAN_SMTP_PORT": str(smtp_port),
        "DUBAN_SMTP_FROM": "督办系统 <duban@pingan.example>",
    }
    return subprocess.run(
        [*DUBAN, *args, "--data", str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def data(tmp_path) -> Path:
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    folder = tmp_path / "data"
    imported = run("import", str(notice), "--confirm", "--create-missing-units", data=folder)
    assert imported.returncode == 0, imported.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("DUBAN_DATA", "DATABASE_URL")}
    added = subprocess.run(
        [sys.executable, "-c", ADD_CHANNEL, str(folder), "dc@pingan.example"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    return folder


def test_remind_mails_once_prints_the_summary_and_retries_a_failed_channel(data):
    # Here 各乡镇人民政府 was created without members, so only the three departments
    # owe reports: 区发改局 task 2's January and February months are overdue on the
    # 22nd of March; its March month and the three first-quarter reports are due soon.
    with smtp_server() as mailbox:
        first = run("remind", "--today", "2022-03-22", data=data, smtp_port=mailbox.port)
        assert first.returncode == 0, first.stderr
        assert first.stdout.strip() == "已发送提醒 6 条（临期 4，逾期 2），渠道失败 0"
        [mail] = mailbox.mails
        assert mail.to == ["dc@pingan.example"] and mail.sender == "duban@pingan.example"
        assert mail.subject.endswith("报送任务临期4项、逾期2项")
        assert mail.body.startswith("【督办提醒】以下报送任务将于3个工作日内到期：\n")

        again = run("remind", "--today", "2022-03-22", data=data, smtp_port=mailbox.port)
        assert again.stdout.strip() == "已发送提醒 0 条（临期 0，逾期 0），渠道失败 0"
        assert len(mailbox.mails) == 1

    down = run("remind", "--today", "2022-03-28", data=data, smtp_port=free_port())
    assert down.returncode == 1
    assert down.stdout.strip() == "已发送提醒 0 条（临期 0，逾期 0），渠道失败 1"
    assert "reminder over email:1 failed" in down.stderr and "Traceback" not in down.stderr

    with smtp_server() as mailbox:
        retried = run(
            "remind", "--today", "2022-03-28", "--days", "2", data=data, smtp_port=mailbox.port
        )
        assert retried.returncode == 0, retried.stderr
        assert retried.stdout.strip() == "已发送提醒 4 条（临期 0，逾期 4），渠道失败 0"
        [mail] = mailbox.mails
        assert mail.subject.endswith("报送任务逾期4项")


def test_remind_refuses_a_malformed_date_in_chinese(tmp_path):
    result = run("remind", "--today", "2022/03/22", data=tmp_path / "data")
    assert result.returncode == 2
    assert "日期应写作 YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
