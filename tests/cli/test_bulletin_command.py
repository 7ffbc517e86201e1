"""`duban bulletin --plan ID --period 2022-Q1 -o FILE`: the bulletin as Word."""

from __future__ import annotations

import docx

from cli.test_web_commands import run
from web.personas import NOTICE


def test_the_bulletin_command_writes_a_word_file(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    data = tmp_path / "data"
    imported = run("import", str(notice), "--confirm", "--create-missing-units", data=data)
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "通报.docx"
    result = run("bulletin", "--plan", "1", "--period", "2022-Q1", "-o", str(out), data=data)
    assert result.returncode == 0, result.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "海东市平安区人民政府办公室督查室通报"
    assert "关于2022年第一季度政府工作报告重点任务推进情况的通报" in texts
    assert "一、总体情况" in texts and "草稿" in result.stderr


def test_a_bad_period_or_plan_is_refused_in_chinese(tmp_path):
    data = tmp_path / "data"
    out = tmp_path / "x.docx"
    result = run("bulletin", "--plan", "7", "--period", "2022-Q1", "-o", str(out), data=data)
    assert result.returncode == 2 and "没有编号为 7 的方案" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
