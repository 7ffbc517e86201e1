"""The office administrator opens the plan's dashboard in headless Chromium:
every chart draws its SVG (ECharts, vendored) and the page logs no error.

The clock is frozen at 10 April 2022 with the quarter of tests/web/dashboards/
scenario.py behind it. Set DUBAN_SCREENSHOTS=docs/screenshots to refresh the
README's screenshot.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duban import clock
from web.browser.helpers import console_errors, log_in, shoot
from web.dashboards.scenario import TODAY, prepare

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = ["by_section", "by_unit", "by_leader", "trend", "targets"]


@pytest.fixture
def april_10(world):
    """The world is built (and its year's obligations generated) before the
    clock is frozen, as in the other dashboard tests."""
    prepare(world)
    clock.set_now(TODAY)
    try:
        yield
    finally:
        clock.set_now(None)


def test_the_office_admin_sees_every_chart_drawn(page, world, april_10):
    logged = console_errors(page)

    log_in(page, "admin")
    page.goto(f"/plans/{world.plan.pk}/")
    page.get_by_role("link", name="数据看板").click()
    expect(page.get_by_role("heading", name=f"数据看板：{world.plan}")).to_be_visible()

    containers = page.locator("[data-chart]")
    expect(containers).to_have_count(len(CHARTS))
    for name in CHARTS:
        expect(page.locator(f'[data-chart="{name}"] svg')).to_have_count(1)
    assert page.locator('[data-chart="trend"] svg').inner_html().count("%") >= 3
    expect(page.get_by_role("table").first).to_be_visible()
    shoot(page, "dashboard.png")

    assert page.console_errors == []
    assert logged == []
