"""Receipts (签收), sub-items (具体工作) and leaders' instructions (领导批示)."""

from __future__ import annotations

import datetime as dt

import pytest

from duban import clock
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.models import Task
from duban.reporting import flow
from duban.reporting.models import Instruction, Notification, Receipt, SubItem
from web.reporting.flowkit import head


def test_assigned_units_acknowledge_once_including_through_a_collective(world):
    task = world.tasks[0]
    with clock.frozen_at(dt.datetime(2022, 3, 1, 8, 30)):
        town = flow.acknowledge(world.users["town"], task)
    again = flow.acknowledge(world.users["town"], task)
    assert again.pk == town.pk and town.unit == world.units["town"]
    assert town.at.date() == dt.date(2022, 3, 1)
    flow.acknowledge(world.users["fgw_head"], task)
    assert Receipt.objects.filter(task=task).count() == 2
    for persona in ("czj", "admin", "leader"):
        with pytest.raises(Forbidden, match="只有承办该任务的单位可以签收"):
            flow.acknowledge(world.users[persona], task)
    assert Receipt.objects.count() == 2


def test_the_lead_unit_splits_a_task_into_sub_items_that_roll_up(world):
    task = world.tasks[0]
    fgw = world.users["fgw"]
    first = flow.add_sub_item(fgw, task, "收集资料", owner=world.units["town"])
    second = flow.add_sub_item(
        fgw, task, "形成评估报告", due=dt.date(2022, 6, 30), milestones="6月底前"
    )
    flow.add_sub_item(world.users["fgw_head"], task, "报送审议")
    assert [i.position for i in SubItem.objects.filter(task=task)] == [0, 1, 2]
    assert flow.rollup(task) == (0, 3)
    flow.set_sub_item_done(fgw, first, True)
    flow.set_sub_item_done(fgw, second, True)
    flow.set_sub_item_done(fgw, second, True)
    assert flow.rollup(task) == (2, 3)
    flow.set_sub_item_done(fgw, second, False)
    assert flow.rollup(task) == (1, 3)
    assert flow.rollup(world.tasks[2]) == (0, 0)


def test_only_the_lead_unit_manages_sub_items(world):
    task = world.tasks[0]
    for persona in ("town", "admin", "leader"):
        with pytest.raises(Forbidden, match="只有任务的牵头单位可以分解和更新具体工作"):
            flow.add_sub_item(world.users[persona], task, "收集资料")
    item = flow.add_sub_item(world.users["fgw"], task, "收集资料")
    with pytest.raises(Forbidden):
        flow.set_sub_item_done(world.users["town"], item, True)
    with pytest.raises(UserError, match="请填写具体工作内容"):
        flow.add_sub_item(world.users["fgw"], task, "  ")
    with pytest.raises(UserError, match="责任单位应为本政府的单位"):
        other = world.users["other_admin"].government.units.create(name="某局")
        flow.add_sub_item(world.users["fgw"], task, "收集资料", owner=other)


@pytest.mark.parametrize(("state", "label"), [("closed", "已办结"), ("abolished", "已废止")])
def test_a_task_no_longer_in_force_takes_no_new_or_ticked_sub_items(world, state, label):
    task = world.tasks[0]
    fgw = world.users["fgw"]
    made = flow.add_sub_item(fgw, task, "收集资料")
    item = SubItem.objects.select_related("task").get(pk=made.pk)
    Task.objects.filter(pk=task.pk).update(state=state)
    task.refresh_from_db()
    with pytest.raises(Conflict, match=f"该任务{label}，不能再添加或更新具体工作"):
        flow.add_sub_item(fgw, task, "形成评估报告")
    # The caller's copy of the item still holds the task as it was before.
    with pytest.raises(Conflict, match=f"该任务{label}"):
        flow.set_sub_item_done(fgw, item, True)
    assert list(SubItem.objects.filter(task=task).values_list("title", "done")) == [
        ("收集资料", False)
    ]
    # Who asks is answered first: another unit is told it may not, whatever the state.
    with pytest.raises(Forbidden):
        flow.add_sub_item(world.users["czj"], task, "收集资料")


def test_a_leaders_instruction_notifies_the_lead_units_users_once(world):
    task = world.tasks[0]
    with clock.frozen_at(dt.datetime(2022, 4, 6, 9, 0)):
        instruction = flow.instruct(world.users["leader"], task, "请加快进度，月底前报结果")
    assert (instruction.leader.name, instruction.created_at.date()) == (
        "苏铨烨",
        dt.date(2022, 4, 6),
    )
    notes = Notification.objects.filter(key=f"instruction-{instruction.pk}")
    assert sorted(notes.values_list("user__username", flat=True)) == ["fgw", "fgw_head"]
    assert "苏铨烨对" in notes[0].text and "请加快进度" in notes[0].text


def test_only_the_tasks_leader_instructs(world):
    for persona in ("fgw", "admin"):
        with pytest.raises(Forbidden, match="只有该任务的牵头领导可以作出批示"):
            flow.instruct(world.users[persona], world.tasks[0], "批示")
    # 苏铨烨 leads task 1 only.
    with pytest.raises(Forbidden):
        flow.instruct(world.users["leader"], world.tasks[1], "批示")
    with pytest.raises(UserError, match="请填写批示内容"):
        flow.instruct(world.users["leader"], world.tasks[0], "")
    assert not Instruction.objects.exists()


def test_an_instruction_on_a_report_must_be_on_that_tasks_report(world):
    report = flow.draft_for(
        head(world, "czj"), world.tasks[1].obligations.filter(unit=world.units["czj"]).first()
    )
    with pytest.raises(UserError, match="批示的报告不属于该任务"):
        flow.instruct(world.users["leader"], world.tasks[0], "批示", report=report)


def test_the_lead_unit_answers_and_the_leader_is_told(world):
    instruction = flow.instruct(world.users["leader"], world.tasks[0], "请加快进度")
    with pytest.raises(Forbidden, match="只有任务的牵头单位可以答复批示"):
        flow.answer(world.users["town"], instruction, "已落实")
    with clock.frozen_at(dt.datetime(2022, 4, 8, 16, 0)):
        answered = flow.answer(world.users["fgw"], instruction, "已召开专题会议落实")
    assert answered.answered_by == world.users["fgw"]
    assert answered.answered_at.date() == dt.date(2022, 4, 8)
    told = world.users["leader"].notifications.get()
    assert told.key == f"instruction-answered-{instruction.pk}"
    assert "区发展和改革委员会答复了您" in told.text
    # The same answer again changes nothing; a different one is refused.
    assert flow.answer(world.users["fgw_head"], instruction, "已召开专题会议落实").pk == answered.pk
    with pytest.raises(Conflict, match="该批示已答复"):
        flow.answer(world.users["fgw"], instruction, "另一个答复")
    assert world.users["leader"].notifications.count() == 1
