"""Extension and closure requests: who may ask, one pending at a time, the office decides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.models import Task
from duban.reporting import flow
from duban.reporting.models import Notification, Obligation, Report, Request
from web.reporting.flowkit import monthly, pdf_bytes


@pytest.fixture
def due_task(world):
    """Task 2 (lead czj) with the due date a notice's 完成时限 would give it."""
    Task.objects.filter(pk=world.tasks[1].pk).update(due=dt.date(2022, 6, 30))
    return Task.objects.get(pk=world.tasks[1].pk)


def test_only_the_lead_unit_asks_for_an_extension(world, due_task):
    for persona in ("fgw", "admin", "leader"):
        with pytest.raises(Forbidden, match="只有任务的牵头单位可以提出延期或办结申请"):
            flow.request_extension(world.users[persona], due_task, "理由", dt.date(2022, 9, 30))
    assert not Request.objects.exists()


def test_an_extension_needs_a_reason_and_a_date_after_the_current_due_date(world, due_task):
    czj = world.users["czj"]
    with pytest.raises(UserError, match="请填写延期理由"):
        flow.request_extension(czj, due_task, " ", dt.date(2022, 9, 30))
    with pytest.raises(UserError, match="应晚于当前截止日期（2022年6月30日）"):
        flow.request_extension(czj, due_task, "项目延后", dt.date(2022, 6, 30))
    with clock.frozen_at(dt.date(2022, 4, 1)):
        request = flow.request_extension(czj, due_task, "项目延后", dt.date(2022, 9, 30))
    assert (request.kind, request.state, request.old_due, request.unit) == (
        "extension",
        "pending",
        dt.date(2022, 6, 30),
        world.units["czj"],
    )
    assert request.requested_at.date() == dt.date(2022, 4, 1)


def test_a_task_without_a_due_date_may_be_extended_to_a_future_day(world):
    task = world.tasks[0]
    with clock.frozen_at(dt.date(2022, 5, 1)):
        with pytest.raises(UserError, match="应晚于今天"):
            flow.request_extension(world.users["fgw"], task, "理由", dt.date(2022, 4, 30))
        assert flow.request_extension(world.users["fgw"], task, "理由", dt.date(2022, 8, 1))


def test_one_pending_request_of_each_kind_per_task(world, due_task):
    czj = world.users["czj"]
    flow.request_extension(czj, due_task, "项目延后", dt.date(2022, 9, 30))
    with pytest.raises(Conflict, match="已有待审批的延期申请"):
        flow.request_extension(czj, due_task, "再次申请", dt.date(2022, 10, 30))
    assert flow.request_closure(czj, due_task, "已完成").kind == "closure"
    with pytest.raises(Conflict, match="已有待审批的办结申请"):
        flow.request_closure(czj, due_task, "已完成")


def test_an_approved_extension_moves_the_due_date_and_nothing_else(world, due_task):
    before = Obligation.objects.filter(task=due_task).count()
    request = flow.request_extension(world.users["czj"], due_task, "延后", dt.date(2022, 9, 30))
    with pytest.raises(Forbidden, match="只有政府办（督查室）可以审批申请"):
        flow.decide(world.users["other_admin"], request, True)
    with pytest.raises(Forbidden):
        flow.decide(world.users["czj"], request, True)
    with clock.frozen_at(dt.datetime(2022, 4, 2, 11, 0)):
        decided = flow.decide(world.users["inspector"], request, True, "同意")
    due_task.refresh_from_db()
    assert (due_task.due, due_task.state) == (dt.date(2022, 9, 30), "active")
    assert (decided.state, decided.old_due, decided.decided_by) == (
        "approved",
        dt.date(2022, 6, 30),
        world.users["inspector"],
    )
    assert Obligation.objects.filter(task=due_task).count() == before
    with pytest.raises(Conflict, match="该申请已同意，不能重复审批"):
        flow.decide(world.users["admin"], request, False, "改主意")


def test_a_rejection_needs_a_comment_and_is_told_to_the_unit(world, due_task):
    request = flow.request_extension(world.users["czj"], due_task, "延后", dt.date(2022, 9, 30))
    with pytest.raises(UserError, match="不同意申请时请填写审批意见"):
        flow.decide(world.users["admin"], request, False)
    flow.decide(world.users["admin"], request, False, "理由不充分")
    due_task.refresh_from_db()
    assert due_task.due == dt.date(2022, 6, 30)
    text = world.users["czj"].notifications.get().text
    assert "不同意" in text and "理由不充分" in text


def test_an_approved_closure_closes_the_task_and_drops_its_unstarted_future_reports(world):
    task = world.tasks[0]
    with clock.frozen_at(dt.date(2022, 3, 10)):
        report = flow.draft_for(world.users["town"], monthly(world, "town", 0, 4))
        flow.save_draft(world.users["town"], report, progress="四月提前报送")
        request = flow.request_closure(world.users["fgw"], task, "中期评估报告已印发")
        flow.add_attachment(world.users["fgw"], request, _upload("评估报告.pdf", pdf_bytes()))
    with clock.frozen_at(dt.datetime(2022, 3, 31, 9, 0)):
        flow.decide(world.users["admin"], request, True)
    task.refresh_from_db()
    assert (task.state, task.progress_status) == ("closed", "done")
    assert task.closed_at == request.__class__.objects.get(pk=request.pk).decided_at
    remaining = Obligation.objects.filter(task=task).values_list("period", flat=True)
    # The past months stay; April has a report, so it stays too.
    assert sorted(remaining) == ["2022-01", "2022-02", "2022-03", "2022-04", "2022-Q1"]
    assert Report.objects.filter(pk=report.pk).exists()
    with clock.frozen_at(dt.date(2022, 4, 1)), pytest.raises(Conflict, match="已办结"):
        flow.request_extension(world.users["fgw"], task, "延后", dt.date(2022, 12, 1))


def test_filing_a_request_tells_the_office_of_the_tasks_government_once(world, due_task):
    with clock.frozen_at(dt.datetime(2022, 6, 1, 9, 0)):
        extension = flow.request_extension(
            world.users["czj"], due_task, "受汛期影响，工期顺延", dt.date(2022, 9, 30)
        )
        closure = flow.request_closure(world.users["fgw"], world.tasks[0], "规划已印发")
    for request, kind in ((extension, "延期申请"), (closure, "办结申请")):
        notes = Notification.objects.filter(key=f"request-filed-{request.pk}").order_by("user_id")
        assert [n.user.username for n in notes] == ["admin", "inspector"]
        assert kind in notes[0].text and request.unit.name in notes[0].text
        assert request.reason in notes[0].text
        assert notes[0].url == reverse("reporting:review") + f"#request-{request.pk}"
        assert notes[0].created_at.date() == dt.date(2022, 6, 1)
    assert not world.users["other_admin"].notifications.exists()
    assert not Notification.objects.filter(user__unit__isnull=False).exists()
    # A refused duplicate tells nobody anything new.
    with pytest.raises(Conflict):
        flow.request_closure(world.users["fgw"], world.tasks[0], "再次申请")
    assert Notification.objects.count() == 4


def test_evidence_is_added_only_by_the_requesting_unit_while_pending(world, due_task):
    request = flow.request_closure(world.users["czj"], due_task, "已完成")
    with pytest.raises(Forbidden, match="只有提出申请的牵头单位可以上传申请附件"):
        flow.add_attachment(world.users["fgw"], request, _upload("a.pdf", pdf_bytes()))
    attachment = flow.add_attachment(world.users["czj"], request, _upload("a.pdf", pdf_bytes()))
    assert attachment.request == request and attachment.report is None
    flow.decide(world.users["admin"], request, False, "材料不全")
    with pytest.raises(Conflict, match="该申请已审批，不能再添加附件"):
        flow.add_attachment(world.users["czj"], request, _upload("b.pdf", pdf_bytes()))


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
