"""A task's timeline: every step of the year in time order, each as a Chinese sentence."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from duban import clock
from duban.reporting import flow
from web.reporting.flowkit import monthly, obligation


def at(month, day, hour=9):
    return timezone.make_aware(dt.datetime(2022, month, day, hour))


def test_the_timeline_lists_every_step_in_time_order_whatever_order_they_were_recorded(world):
    task = world.tasks[0]
    users = world.users
    q1 = obligation(world, "fgw", 0, "2022-Q1")
    # Recorded out of order: the March steps first, then the January ones.
    with clock.frozen_at(at(3, 20)):
        draft = flow.save_draft(users["fgw"], flow.draft_for(users["fgw"], q1), progress="汇总")
        flow.submit(users["fgw"], draft)
    with clock.frozen_at(at(3, 21)):
        flow.approve(users["fgw_head"], draft)
    with clock.frozen_at(at(3, 22)):
        flow.return_report(users["admin"], draft, "请补充数据")
    with clock.frozen_at(at(3, 23)):
        second = flow.revise(users["fgw"], draft)
        flow.submit(users["fgw"], second)
        flow.approve(users["fgw_head"], second)
    with clock.frozen_at(at(3, 24)):
        flow.accept(users["admin"], second, "收悉")
    with clock.frozen_at(at(1, 4)):
        flow.acknowledge(users["town"], task)
    with clock.frozen_at(at(1, 20)):
        month = flow.draft_for(users["town"], monthly(world, "town", 0, 1))
        flow.save_draft(users["town"], month, progress="一月进展")
        flow.submit(users["town"], month)
    with clock.frozen_at(at(2, 8)):
        instruction = flow.instruct(users["leader"], task, "请加快进度")
    with clock.frozen_at(at(2, 9)):
        flow.answer(users["fgw"], instruction, "已部署")
    with clock.frozen_at(at(3, 25)):
        request = flow.request_extension(users["fgw"], task, "评估延后", dt.date(2022, 8, 31))
    with clock.frozen_at(at(3, 28)):
        flow.decide(users["admin"], request, True, "同意")
    # A draft is nobody's business yet.
    with clock.frozen_at(at(3, 29)):
        flow.draft_for(users["town"], monthly(world, "town", 0, 2))

    events = flow.timeline(task)
    assert [(e.at, e.kind) for e in events] == [
        (at(1, 4), "receipt"),
        (at(1, 20), "submitted"),
        (at(2, 8), "instructed"),
        (at(2, 9), "answered"),
        (at(3, 20), "submitted"),
        (at(3, 21), "approved"),
        (at(3, 22), "returned"),
        (at(3, 23), "submitted"),
        (at(3, 23), "approved"),
        (at(3, 24), "accepted"),
        (at(3, 25), "requested"),
        (at(3, 28), "decided"),
    ]
    texts = [e.text for e in events]
    assert texts[0] == "三合镇签收了任务。"
    assert texts[1] == "三合镇报送牵头单位：2022年1月进展报告（第1版）。"
    assert texts[2] == "苏铨烨批示：请加快进度"
    assert texts[3] == "区发展和改革委员会答复批示：已部署"
    assert texts[4] == "区发展和改革委员会提交单位负责人审签：2022年第一季度进展报告（第1版）。"
    assert (
        texts[5]
        == "区发展和改革委员会负责人fgw_head审签2022年第一季度进展报告（第1版），报送政府办。"
    )
    assert (
        texts[6]
        == "政府办退回了区发展和改革委员会的2022年第一季度进展报告（第1版），意见：请补充数据"
    )
    assert texts[9] == "政府办采纳了区发展和改革委员会的2022年第一季度进展报告（第2版）。意见：收悉"
    assert texts[10] == "区发展和改革委员会提出延期申请，申请延期至2022年8月31日，理由：评估延后"
    assert texts[11] == "政府办同意延期申请，意见：同意"
    assert [e.actor for e in events][:4] == ["town", "town", "苏铨烨", "fgw"]
    assert all(e.url for e in events)


def test_a_task_with_nothing_done_has_an_empty_timeline(world):
    assert flow.timeline(world.tasks[2]) == []
