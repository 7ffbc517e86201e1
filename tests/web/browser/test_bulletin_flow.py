"""The issue's walk-through of a bulletin (通报) in headless Chromium: after a
seeded first quarter of 2022, the 督查室 inspector composes the quarter's
bulletin, finds the units and the black list in the draft, edits its title,
issues it with the proposed 文号 and downloads the Word file.

The clock is frozen at 2022-04-10 (the scenario's day): the live server runs in
a thread of this process, so the module-level clock applies to it.
Set DUBAN_SCREENSHOTS=docs/screenshots to refresh the screenshot.
"""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from playwright.sync_api import expect

from duban import clock
from duban.inspection.models import Bulletin
from web.browser.helpers import console_errors, log_in, shoot
from web.inspection import bulletin_scenario as scenario

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "关于2022年第一季度重点任务推进和报送情况的通报"


@pytest.fixture
def quarter(world):
    """The world is built (and its year's obligations generated) and the quarter
    seeded before the clock is frozen, as in the other bulletin tests; released
    after, whatever the outcome."""
    made = scenario.build(world)
    clock.set_now(dt.date(2022, 4, 10))
    try:
        yield made
    finally:
        clock.set_now(None)


def test_an_inspector_composes_issues_and_downloads_a_bulletin(page, world, quarter, tmp_path):
    logged = console_errors(page)
    log_in(page, "inspector")
    page.get_by_role("link", name="通报", exact=True).first.click()
    page.get_by_label("分工方案").select_option(str(world.plan.pk))
    page.get_by_label("通报期").fill("2022-Q1")
    page.get_by_role("button", name="生成草稿").click()
    expect(page.get_by_text("已根据报送和督查数据生成通报草稿")).to_be_visible()

    body = page.get_by_label("正文")
    for unit in ("区发展和改革委员会", "区财政局", "区教育局", "三合镇"):
        expect(body).to_contain_text(unit)
    expect(body).to_contain_text("黑榜单位：三合镇")
    shoot(page, "bulletin.png")

    page.get_by_label("标题").fill(TITLE)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("通报草稿已保存。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    number = page.get_by_label("文号").input_value()
    assert number.endswith("号")
    page.get_by_role("button", name="印发").click()
    expect(page.get_by_text("通报已印发并归档。")).to_be_visible()
    expect(page.locator("#number")).to_have_text(number)

    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Word").click()
    path = tmp_path / "bulletin.docx"
    info.value.save_as(str(path))
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert TITLE in text and number in text

    bulletin = Bulletin.objects.get()
    assert (bulletin.state, bulletin.number, bulletin.title) == ("issued", number, TITLE)
    assert bulletin.issued_by == world.users["inspector"]
    assert page.console_errors == []
    assert logged == []
