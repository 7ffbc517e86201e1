"""Composing a bulletin from the data, its draft text, and issuing it."""

from __future__ import annotations

import pytest

from duban import clock
from duban.errors import Conflict, Forbidden, UserError
from duban.inspection import bulletins
from duban.inspection.models import AssessmentScheme, Bulletin
from web.inspection import bulletin_scenario as scenario


@pytest.fixture
def quarter(world):
    made = scenario.build(world)
    with clock.frozen_at(scenario.TODAY):
        yield made


def _unit(data, name):
    return next(u for u in data.units if u["unit"] == name)


def test_periods_are_read_and_a_bad_one_is_refused_in_chinese():
    q = bulletins.parse_period("2022-q1")
    assert (q.code, str(q.start), str(q.end), q.label) == (
        "2022-Q1", "2022-01-01", "2022-03-31", "2022年第一季度",
    )  # fmt: skip
    assert bulletins.parse_period("2022-3").label == "2022年3月"
    assert str(bulletins.parse_period("2022-02").end) == "2022-02-28"
    assert bulletins.parse_period("2022").label == "2022年"
    with pytest.raises(UserError, match="通报期"):
        bulletins.parse_period("2022-13")
    assert bulletins.chinese_date(__import__("datetime").date(2022, 4, 10)) == "二〇二二年四月十日"


def test_compose_counts_each_unit_of_the_quarter(world, quarter):
    data = bulletins.compose(world.plan, "2022-Q1")
    fgw = _unit(data, "区发展和改革委员会")
    assert (fgw["due"], fgw["on_time"], fgw["late"], fgw["missing"]) == (4, 4, 0, 0)
    assert (fgw["returned"], fgw["inconsistent"], fgw["issues"]) == (1, 1, 0)
    czj = _unit(data, "区财政局")
    assert (czj["due"], czj["on_time"], czj["issues"]) == (1, 1, 1)
    jyj = _unit(data, "区教育局")
    assert (jyj["due"], jyj["missing"]) == (1, 1)
    town = _unit(data, "三合镇")
    assert (town["due"], town["on_time"], town["late"], town["missing"]) == (3, 1, 1, 1)
    assert data.totals() == {"due": 9, "on_time": 6, "late": 1, "missing": 2, "pending": 0}
    assert [b["task_id"] for b in data.behind] == [world.tasks[2].pk]
    assert [r["unit"] for r in data.returned] == ["区发展和改革委员会"]
    assert [f["verdict"] for f in data.findings] == ["issue", "inconsistent"]
    # 黑榜: missing reports or untrue reports, ties by name; 红榜: the best of the rest.
    assert [b["unit"] for b in data.black] == ["三合镇", "区发展和改革委员会", "区教育局"]
    assert data.red == ["区财政局"]


def test_list_sizes_come_from_the_scheme(world, quarter):
    AssessmentScheme.objects.create(government=world.government, black_list_size=1)
    data = bulletins.compose(world.plan, "2022-Q1")
    assert [b["unit"] for b in data.black] == ["三合镇"]


def test_a_month_counts_only_its_obligations(world, quarter):
    data = bulletins.compose(world.plan, "2022-02")
    assert data.totals()["due"] == 2
    assert _unit(data, "三合镇")["late"] == 1


def test_the_draft_text_has_the_sections_and_names_the_units(world, quarter):
    title, body = bulletins.draft_text(bulletins.compose(world.plan, "2022-Q1"), world.plan)
    assert title == "关于2022年第一季度政府工作报告重点任务推进情况的通报"
    for heading in ("一、总体情况", "二、按时报送情况", "三、工作滞后任务", "四、督查发现问题",
                    "五、红黑榜", "六、下一步要求"):  # fmt: skip
        assert f"\n{heading}\n" in body
    assert "应报送进展报告9项，按时报送6项，逾期报送1项，逾期未报2项" in body
    assert "（三）逾期未报的单位：三合镇（1项）、区教育局（1项）。" in body
    assert "新建幼儿园3所" in body
    assert "现场核实尚未启动（报送进展与实际严重不符）" in body
    assert "红榜单位：区财政局。" in body


def test_office_drafts_edits_and_issues_then_the_bulletin_is_frozen(world, quarter):
    admin = world.users["admin"]
    bulletin = bulletins.create_draft(admin, world.plan, "2022-Q1")
    assert bulletin.state == Bulletin.State.DRAFT and bulletin.data["period"] == "2022-Q1"
    bulletins.save_text(world.users["inspector"], bulletin, "新标题", "一、总体情况\n正文")
    assert bulletins.next_number(world.plan) == "平政督〔2022〕1号"
    bulletins.issue(admin, bulletin, bulletins.next_number(world.plan))
    bulletin.refresh_from_db()
    assert bulletin.state == Bulletin.State.ISSUED and bulletin.number == "平政督〔2022〕1号"
    assert bulletin.issued_by == admin and bulletin.issued_at is not None
    with pytest.raises(Conflict, match="已印发"):
        bulletins.save_text(admin, bulletin, "再改", "再改")
    with pytest.raises(Conflict):
        bulletins.issue(admin, bulletin, "平政督〔2022〕9号")
    assert bulletins.next_number(world.plan) == "平政督〔2022〕2号"
    second = bulletins.create_draft(admin, world.plan, "2022-03")
    with pytest.raises(Conflict, match="已被使用"):
        bulletins.issue(admin, second, "平政督〔2022〕1号")


def test_only_the_office_of_the_government_composes(world, quarter):
    for persona in ("fgw", "fgw_head", "leader", "other_admin"):
        with pytest.raises(Forbidden):
            bulletins.create_draft(world.users[persona], world.plan, "2022-Q1")


def test_units_see_issued_bulletins_only(world, quarter):
    admin = world.users["admin"]
    draft = bulletins.create_draft(admin, world.plan, "2022-Q1")
    issued = bulletins.issue(
        admin, bulletins.create_draft(admin, world.plan, "2022"), "X〔2022〕1号"
    )
    for persona in ("fgw", "jyj", "leader"):
        assert list(bulletins.visible_bulletins(world.users[persona])) == [issued]
    assert set(bulletins.visible_bulletins(admin)) == {draft, issued}
    assert not bulletins.visible_bulletins(world.users["other_admin"]).exists()
