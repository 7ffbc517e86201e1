"""The Content-Security-Policy in a real browser: the main pages (review,
report, dashboard, API docs) work under it and trigger no violation.

Every page gets a listener for `securitypolicyviolation` events before its
own scripts run, and the console is watched for Chromium's "Content Security
Policy" messages; the first test shows the listener does catch a violation.
window.print is replaced by a counter, so the print buttons can be pressed.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from duban import clock
from duban.ledger.importing import import_notice
from duban.ledger.models import Plan
from duban.reporting import flow
from duban.reporting.models import Obligation
from web.browser.helpers import log_in
from web.dashboards.scenario import TODAY, prepare

pytestmark = pytest.mark.django_db(transaction=True)

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" "));
});
window.print = function () { window.__printed = (window.__printed || 0) + 1; };
"""

NOTICE_2023 = "\n".join(
    [
        "海东市平安区人民政府办公室关于印发2023年政府工作报告任务分工方案的通知",
        "一、重点工作",
        "1. 推进新型工业化，规上工业增加值增长8%以上。",
        "牵头领导：苏铨烨",
        "牵头单位：区发展改革局",
        "责任单位：区数据局",
        "2. 实施城市更新行动，改造老旧小区12个。",
        "牵头领导：王强",
        "牵头单位：区财政局",
    ]
)


class Violations:
    """What the policy refused on the pages visited, gathered before each navigation."""

    def __init__(self, page):
        self.page = page
        self.seen: list[str] = []
        page.add_init_script(WATCH)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.seen.append(message.text)

    def collect(self) -> list[str]:
        self.seen += self.page.evaluate("window.__csp || []")
        self.page.evaluate("window.__csp = []")
        return self.seen


@pytest.fixture
def violations(page):
    return Violations(page)


def test_the_listener_catches_an_inline_script_and_an_inline_style(page, world, violations):
    page.goto("/accounts/login/")
    page.evaluate(
        """() => {
          const s = document.createElement("script");
          s.textContent = "window.__ran = true";
          document.body.appendChild(s);
          const st = document.createElement("style");
          st.textContent = "body { color: red }";
          document.head.appendChild(st);
        }"""
    )
    page.wait_for_function("window.__csp.length >= 2")
    assert page.evaluate("window.__ran === undefined"), "the inline script did not run"
    seen = violations.collect()
    assert any("script-src" in v for v in seen) and any("style-src" in v for v in seen)


def test_the_review_page_works_under_the_policy(page, world, violations):
    draft = import_notice(NOTICE_2023.encode(), "2023.txt", world.government)
    log_in(page, "admin")
    page.goto(f"/plans/{draft.pk}/review/")

    button = page.locator("#confirm-button")
    expect(button).to_be_disabled()
    page.get_by_label("为尚未对应的名称新建单位/领导").check()
    expect(button).to_be_enabled()
    page.get_by_label("为尚未对应的名称新建单位/领导").uncheck()
    expect(button).to_be_disabled()

    # htmx: one click on a suggestion resolves the name in place.
    unknown = page.locator("li.name-unresolved", has_text="区发展改革局")
    unknown.get_by_role("button", name=re.compile("区发展和改革委员会")).click()
    expect(page.locator("li.name-unresolved", has_text="区发展改革局")).to_have_count(0)

    # 作废草稿 asks first: cancelling keeps the draft, accepting discards it.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="作废草稿").click()
    expect(page).to_have_url(re.compile(rf"/plans/{draft.pk}/review/"))
    assert Plan.objects.filter(pk=draft.pk).exists()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with page.expect_navigation():
        page.get_by_role("button", name="作废草稿").click()
    assert asked == ["确定作废这份草稿吗？作废后不能恢复。"]
    assert not Plan.objects.filter(pk=draft.pk, status="draft").exists()

    assert violations.collect() == []
    assert page.console_errors == []


def test_the_report_page_autosaves_and_the_list_prints_under_the_policy(page, world, violations):
    clock.set_now(dt.date(2022, 3, 20))
    try:
        march = Obligation.objects.get(
            task=world.tasks[0], unit=world.units["town"], period="2022-03"
        )
        flow.draft_for(world.users["town"], march)
        log_in(page, "town")
        page.goto(f"/reporting/obligations/{march.pk}/")
        with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok):
            page.get_by_label("进展情况").fill("完成全镇规划实施情况自查。")
        expect(page.locator("#autosave")).to_contain_text("已自动保存")
        assert violations.collect() == []
        page.goto("/reporting/")
        page.get_by_role("button", name="打印").click()
        assert page.evaluate("window.__printed") == 1
        assert violations.collect() == []
        assert page.console_errors == []
    finally:
        clock.set_now(None)


def test_the_dashboard_draws_and_shows_tooltips_under_the_policy(page, world, violations):
    prepare(world)
    clock.set_now(TODAY)
    try:
        log_in(page, "admin")
        page.goto(f"/dashboards/plan/{world.plan.pk}/")
        chart = page.locator('[data-chart="by_unit"]')
        expect(chart.locator("svg")).to_have_count(1)
        box = chart.bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
        # ECharts writes its tooltip (and the coloured markers in it) as HTML with
        # style attributes: the policy's style-src-attr lets them through.
        tooltip = chart.locator("div[style*='z-index: 9999999']")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text(re.compile("区"))
        assert tooltip.locator("span[style*='background-color']").count() > 0
        assert violations.collect() == []
        assert page.console_errors == []
    finally:
        clock.set_now(None)


def test_the_api_documentation_renders_under_the_policy(page, world, violations):
    log_in(page, "admin")
    page.goto("/api/docs")
    expect(page.locator("#swagger-ui .opblock").first).to_be_visible()
    assert violations.collect() == []
