"""The issue's walk-through of a reporting month in headless Chromium: a support
unit (三合镇, for task 1) files its March report with a real photo and submits
it; the lead unit (区发展和改革委员会) opens its first-quarter report, finds the
town's input beside the form and already in its draft, writes the consolidated
report and submits it for the head's signature.

The clock is frozen at 2022-03-20 (the persona plan's year): the live server
runs in a thread of this process, so the module-level clock applies to it.
Set DUBAN_SCREENSHOTS=docs/screenshots to refresh the README's screenshots.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from duban import clock
from duban.reporting.models import Obligation, Report
from web.browser.helpers import console_errors, log_in, shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def march_20():
    """Frozen before the world is built (the schedule starts in March) and
    released after, whatever the test's outcome."""
    clock.set_now(dt.date(2022, 3, 20))
    try:
        yield
    finally:
        clock.set_now(None)


@pytest.fixture
def photo(tmp_path) -> Path:
    from PIL import Image

    path = tmp_path / "现场照片.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def autosaved(page):
    """Wait for the autosave of what is typed inside the block (it fires a second
    after the last keystroke), so no save is still on its way when a button is
    pressed: the live server's threads share one test database connection."""
    return page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok)


def test_a_town_files_its_month_and_the_lead_unit_consolidates_the_quarter(page, world, photo):
    logged = console_errors(page)
    task = world.tasks[0]
    march = Obligation.objects.get(task=task, unit=world.units["town"], period="2022-03")
    quarter = Obligation.objects.get(task=task, unit=world.units["fgw"], period="2022-Q1")

    log_in(page, "town")
    page.get_by_role("link", name="报送任务").click()
    expect(page.get_by_role("heading", name="报送任务 · 三合镇")).to_be_visible()
    page.locator(f'tr[data-obligation="{march.pk}"]').get_by_role("button", name="填报").click()
    expect(page).to_have_url(re.compile(rf"/reporting/obligations/{march.pk}/$"))

    page.get_by_label("正常推进").check()
    page.get_by_label("进展情况").fill("完成全镇规划实施情况自查，形成自查报告。")
    page.get_by_label("存在问题").fill("部分村级资料不全。")
    page.get_by_label("下一步措施").fill("4月上旬补齐资料。")
    with autosaved(page):
        page.get_by_label("完成进度（%）").fill("40")
    expect(page.locator("#autosave")).to_contain_text("已自动保存 09:00")
    assert Report.objects.get(obligation=march).percent == 40, "saved before any button"

    page.locator("#attachment-files").set_input_files(str(photo))
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator("#attachments-list")).to_contain_text("已上传 1 个附件。")
    expect(page.get_by_role("link", name="现场照片.png")).to_be_visible()

    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text("报告已报送牵头单位。")).to_be_visible()
    expect(page.get_by_role("button", name="修改（提交新版本）")).to_be_visible()

    filed = Report.objects.get(obligation=march)
    assert (filed.state, filed.version, filed.percent) == ("submitted", 1, 40)
    assert filed.progress == "完成全镇规划实施情况自查，形成自查报告。"
    assert filed.submitted_by == world.users["town"]
    assert [a.name for a in filed.attachments.all()] == ["现场照片.png"]
    assert filed.attachments.get().file.read() == photo.read_bytes()

    page.get_by_role("button", name="退出").click()
    log_in(page, "fgw")
    page.get_by_role("link", name="报送任务").click()
    expect(page.locator("#incoming")).to_contain_text("三合镇")
    page.locator(f'tr[data-obligation="{quarter.pk}"]').get_by_role("button", name="填报").click()
    expect(page).to_have_url(re.compile(rf"/reporting/obligations/{quarter.pk}/$"))

    town_input = page.locator('.input-card[data-unit="三合镇"]', has_text="2022年3月")
    expect(town_input).to_contain_text("完成全镇规划实施情况自查")
    expect(town_input).to_contain_text("40%")
    progress = page.get_by_label("进展情况")
    expect(progress).to_have_value(re.compile("【三合镇】完成全镇规划实施情况自查"))
    progress.fill("牵头完成“十四五”规划中期评估方案，各乡镇自查已启动。\n" + progress.input_value())
    with autosaved(page):
        page.get_by_label("完成进度（%）").fill("30")
    expect(page.locator("#autosave")).to_contain_text("已自动保存 09:00")
    shoot(page, "report.png")

    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text("报告已提交，等待本单位负责人审签后报送政府办。")).to_be_visible()

    consolidated = Report.objects.get(obligation=quarter)
    assert (consolidated.state, consolidated.percent) == ("submitted", 30)
    assert consolidated.progress.startswith("牵头完成“十四五”规划中期评估方案")
    assert "【三合镇】完成全镇规划实施情况自查，形成自查报告。" in consolidated.progress
    assert consolidated.submitted_by == world.users["fgw"]
    filed.refresh_from_db()
    assert filed.state == "submitted", "the input stays as the town delivered it"

    assert page.console_errors == []
    assert logged == []


@pytest.mark.parametrize(
    "persona, where",
    [("town", "obligations"), ("town", "report"), ("fgw", "task"), ("admin", "review")],
)
def test_the_reporting_pages_fit_a_phone_screen(browser, live_server, world, persona, where):
    from duban.reporting import flow

    march = Obligation.objects.get(task=world.tasks[0], unit=world.units["town"], period="2022-03")
    flow.draft_for(world.users["town"], march)
    url = {
        "obligations": "/reporting/",
        "report": f"/reporting/obligations/{march.pk}/",
        "task": f"/tasks/{world.tasks[0].pk}/",
        "review": "/reporting/review/",
    }[where]
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
