"""An inspector's spot check in headless Chromium: draw two tasks at random with
the seed "2022Q1", see the drawn tasks, record a finding with a photo as
evidence, and verify the draw. Set DUBAN_SCREENSHOTS=docs/screenshots to
refresh the screenshot.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from duban.inspection import draw
from duban.inspection.models import Finding, SpotCheck
from web.browser.helpers import log_in, shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def photo(tmp_path) -> Path:
    from PIL import Image

    path = tmp_path / "现场照片.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_an_inspector_draws_records_a_finding_and_verifies(page, world, photo):
    log_in(page, "inspector")
    page.get_by_role("link", name="督查抽查").first.click()
    page.get_by_role("link", name="新建抽查").click()
    page.get_by_label("分工方案").select_option(str(world.plan.pk))
    page.get_by_label("名称").fill("一季度随机抽查")
    page.get_by_label("督查方式").select_option("random")
    page.get_by_label("抽取数量（每层）").fill("2")
    page.get_by_label("随机种子（可选）").fill("2022Q1")
    page.get_by_role("button", name="抽取").click()
    expect(page.locator("#seed")).to_have_text("2022Q1")
    rows = page.locator("tbody tr[id^=task-]")
    expect(rows).to_have_count(2)
    shoot(page, "spot-check.png")

    rows.first.get_by_role("link", name="记录督查情况").click()
    page.get_by_label("发现问题").check()
    page.get_by_label("督查情况").fill("现场查看，进度滞后于报送。")
    page.get_by_label("督查日期").fill("2022-04-10")
    page.get_by_label("佐证材料（照片、文件，可多选）").set_input_files(str(photo))
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已记录督查情况。")).to_be_visible()
    expect(page.get_by_role("link", name="现场照片.png")).to_be_visible()

    page.get_by_role("button", name="核验抽取").click()
    expect(page.locator("#verify-result")).to_contain_text("核验通过")

    check = SpotCheck.objects.get()
    assert check.seed == "2022Q1" and len(check.drawn) == 2 and draw.verify(check)
    assert check.drawn == draw.draw([t.pk for t in world.tasks], None, 2, "2022Q1")
    finding = Finding.objects.get()
    assert finding.spot_check == check and finding.task_id == check.drawn[0]
    assert finding.inspector == world.users["inspector"]
    assert finding.evidence.get().kind == "png"
    assert page.console_errors == []
