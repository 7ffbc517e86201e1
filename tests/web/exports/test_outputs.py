"""The official outputs of a plan in the database: the ledger .xlsx, the plan .docx
(which reads back into the same plan) and the quarterly summary, via the CLI's
code path and opened with openpyxl / python-docx."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from duban.errors import UserError
from duban.extract import extract_bytes
from duban.reporting import outputs
from duban.reporting.models import Obligation, Report

pytestmark = pytest.mark.django_db


def _accept_q1(world):
    ob = Obligation.objects.get(rule__kind="lead_quarterly", task=world.tasks[0], period="2022-Q1")
    Report.objects.create(
        obligation=ob,
        state="accepted",
        status="on_track",
        progress="规划中期评估已形成初稿。",
        problems="部分数据待更新。",
        next_steps="6月底前报区政府审定。",
        percent=40,
    )


def test_the_ledger_lists_every_task_with_its_units_and_progress(world):
    _accept_q1(world)
    book = openpyxl.load_workbook(io.BytesIO(outputs.ledger_file(world.plan)))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(v for v in values if v and v[0] == "序号")
    assert header[:8] == [
        "序号",
        "工作任务",
        "牵头领导",
        "牵头单位",
        "责任单位",
        "完成时限",
        "进展情况",
        "状态",
    ]
    rows = {v[0]: v for v in values if v and v[0] in ("1", "2", "3")}
    assert rows["1"][3] == "区发改局" and rows["1"][4] == "各乡镇人民政府"
    assert rows["1"][6] == "规划中期评估已形成初稿。"
    assert rows["2"][7] == "未报送"
    assert any("一、重点工作" in str(v[0]) for v in values)
    assert sheet.page_setup.orientation == "landscape"


def test_the_plan_docx_reads_back_into_the_same_plan(world):
    back = extract_bytes(outputs.plan_file(world.plan))
    original = outputs.plain_plan(world.plan)
    assert [t.to_json() | {"source": {}} for t in back.tasks] == [
        t.to_json() | {"source": {}} for t in original.tasks
    ]
    assert back.document.doc_number == "平政办〔2022〕1号"


def test_the_summary_carries_each_tasks_reported_progress(world):
    _accept_q1(world)
    document = docx.Document(io.BytesIO(outputs.summary_file(world.plan, "2022-Q1")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2022年第一季度" in text
    assert "规划中期评估已形成初稿。" in text and "6月底前报区政府审定。" in text
    assert "全年一般公共预算收入增长6%以上" in text


def test_a_bad_period_is_refused_in_chinese(world):
    with pytest.raises(UserError, match="无法识别"):
        outputs.summary_file(world.plan, "2022年一季度")
