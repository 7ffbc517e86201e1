"""The issue's walk-through in headless Chromium: an administrator logs in, uploads
a notice, resolves an unknown unit on the review page and confirms; the lead unit's
user finds the task on its unit page and cannot open another unit's task.

Set DUBAN_SCREENSHOTS=docs/screenshots to refresh the README's screenshots.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from duban.ledger.models import Plan
from web.browser.helpers import log_in, shoot

pytestmark = pytest.mark.django_db(transaction=True)

NOTICE_2023 = [
    "海东市平安区人民政府办公室关于印发2023年政府工作报告任务分工方案的通知",
    "平政办〔2023〕5号",
    "一、重点工作",
    "1. 推进新型工业化，规上工业增加值增长8%以上。",
    "牵头领导：苏铨烨",
    "牵头单位：区发展改革局",
    "责任单位：区财政局",
    "2. 实施城市更新行动，改造老旧小区12个。<script>alert(1)</script>",
    "牵头领导：王强",
    "牵头单位：区财政局",
    "海东市平安区人民政府办公室",
    "2023年3月1日",
]


@pytest.fixture
def notice_docx(tmp_path) -> Path:
    document = docx.Document()
    for line in NOTICE_2023:
        document.add_paragraph(line)
    path = tmp_path / "2023年任务分工方案.docx"
    document.save(path)
    return path


def test_import_review_confirm_and_see_it_as_the_lead_unit(page, world, notice_docx):
    log_in(page, "admin")
    page.goto("/plans/import/")
    page.get_by_label("通知文件").set_input_files(str(notice_docx))
    page.get_by_role("button", name="导入并生成草稿").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/review/"))

    unknown = page.locator("li.name-unresolved", has_text="区发展改革局")
    expect(unknown).to_be_visible()
    expect(page.locator("#confirm-button")).to_be_disabled()
    expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible()
    shoot(page, "review.png")
    unknown.get_by_role("button", name=re.compile("区发展和改革委员会")).click()
    expect(page.locator("li.name-unresolved")).to_have_count(0)
    expect(page.locator("#confirm-button")).to_be_enabled()
    page.locator("#confirm-button").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))

    plan = Plan.objects.get(year=2023)
    assert plan.status == "active"
    task = plan.tasks.get(seq="1")
    assert task.assignments.get(role="lead").unit == world.units["fgw"]
    assert page.console_errors == []

    page.get_by_role("button", name="退出").click()
    log_in(page, "fgw")
    page.goto("/my/unit/")
    expect(page.get_by_text("推进新型工业化").first).to_be_visible()
    shoot(page, "unit.png")
    page.get_by_role("link", name=re.compile("推进新型工业化")).first.click()
    expect(page.get_by_text("区发展改革局").first).to_be_visible()

    other_units_task = world.tasks[2]
    response = page.goto(f"/tasks/{other_units_task.pk}/")
    assert response.status == 404
    expect(page.get_by_text("找不到页面")).to_be_visible()
    expect(page.get_by_text("新建幼儿园")).to_have_count(0)


@pytest.mark.parametrize("persona, url", [("fgw", "/my/unit/"), ("admin", "/plans/")])
def test_pages_fit_a_phone_screen(browser, live_server, world, persona, url):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        log_in(page, persona)
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        context.close()
