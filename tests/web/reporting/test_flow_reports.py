"""Progress reports through the flow services: drafts, report once, submit,
the head's signature, the office's review, new versions."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse

from duban import clock
from duban.audit.models import AuditEntry
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.models import Task
from duban.reporting import flow
from duban.reporting.models import Notification, Report
from web.reporting.flowkit import head, monthly, obligation


def file(world, persona, o, **fields):
    user = world.users[persona]
    report = flow.draft_for(user, o)
    fields.setdefault("progress", "按计划推进")
    return flow.save_draft(user, report, **fields)


def submitted(world, persona, o, **fields):
    return flow.submit(world.users[persona], file(world, persona, o, **fields))


def signed_q1(world, task=0, unit="fgw", **fields):
    report = submitted(world, unit, obligation(world, unit, task, "2022-Q1"), **fields)
    return flow.approve(head(world, unit), report)


def test_a_first_draft_is_empty_and_asking_again_returns_the_same_draft(world):
    o = monthly(world, "town", 0, 1)
    first = flow.draft_for(world.users["town"], o)
    again = flow.draft_for(world.users["town"], o)
    assert first.pk == again.pk and first.version == 1 and first.state == "draft"
    assert (first.progress, first.based_on) == ("", None)
    assert Report.objects.filter(obligation=o).count() == 1


def test_only_the_owing_unit_drafts_and_the_refusal_is_in_chinese(world):
    o = monthly(world, "town", 0, 1)
    for persona in ("fgw", "admin", "leader", "jyj"):
        with pytest.raises(Forbidden, match="只有本单位的经办人或负责人可以填报"):
            flow.draft_for(world.users[persona], o)
    assert not Report.objects.exists()


def test_a_new_month_starts_from_the_previous_months_report(world):
    january = submitted(
        world, "town", monthly(world, "town", 0, 1), progress="完成资料收集", percent=10
    )
    february = flow.draft_for(world.users["town"], monthly(world, "town", 0, 2))
    assert february.based_on_id == january.pk
    assert (february.progress, february.percent, february.next_steps) == (
        january.progress,
        10,
        january.next_steps,
    )
    assert february.state == "draft" and february.submitted_at is None


def test_the_quarterly_draft_brings_in_the_support_units_months_part_by_part(world):
    for month, text in ((1, "收集资料"), (2, "形成初稿"), (3, "形成初稿")):
        submitted(world, "town", monthly(world, "town", 0, month), progress=text, problems="")
    # A draft still being written is not an input yet.
    file(world, "town", monthly(world, "town", 0, 4), progress="四月草稿")
    q1 = obligation(world, "fgw", 0, "2022-Q1")
    draft = flow.draft_for(world.users["fgw"], q1)
    # The repeated March text appears once.
    assert draft.progress == "【三合镇】1月：收集资料；2月：形成初稿"
    assert draft.problems == ""
    assert draft.based_on.obligation.period == "2022-03"
    pairs = flow.inputs_for(q1)
    assert [(o.period, r.state if r else None) for o, r in pairs] == [
        ("2022-01", "submitted"),
        ("2022-02", "submitted"),
        ("2022-03", "submitted"),
    ]


def test_the_second_quarter_starts_from_the_first_and_adds_the_new_inputs(world):
    signed_q1(world, progress="一季度：评估启动")
    submitted(world, "town", monthly(world, "town", 0, 4), progress="四月：完成调研")
    q2 = flow.draft_for(world.users["fgw"], obligation(world, "fgw", 0, "2022-Q2"))
    assert q2.progress == "一季度：评估启动\n【三合镇】四月：完成调研"
    assert q2.based_on.obligation.period == "2022-Q1"


def test_a_monthly_obligation_has_no_inputs(world):
    assert flow.inputs_for(monthly(world, "town", 0, 1)) == []


def test_saving_a_draft_checks_status_percent_and_actuals_against_the_tasks_targets(world):
    o = obligation(world, "czj", 1, "2022-Q1")
    report = flow.draft_for(world.users["czj"], o)
    assert len(o.task.targets) == 1
    with pytest.raises(UserError, match="完成进度应为 0 到 100 之间的整数"):
        flow.save_draft(world.users["czj"], report, percent=101)
    with pytest.raises(UserError, match="推进状态应为"):
        flow.save_draft(world.users["czj"], report, status="finished")
    with pytest.raises(UserError, match="只有 1 项量化目标"):
        flow.save_draft(world.users["czj"], report, actuals=[5.2, 3])
    with pytest.raises(UserError, match="第 1 项实际完成值应为数字"):
        flow.save_draft(world.users["czj"], report, actuals=["很多"])
    saved = flow.save_draft(world.users["czj"], report, status="behind", percent=20, actuals=[5.2])
    assert (saved.status, saved.percent, saved.actuals) == ("behind", 20, [5.2])


def test_a_report_without_progress_cannot_be_submitted(world):
    report = flow.draft_for(world.users["town"], monthly(world, "town", 0, 1))
    with pytest.raises(UserError, match="请填写进展情况后再提交"):
        flow.submit(world.users["town"], report)
    report.refresh_from_db()
    assert report.state == "draft"


def test_a_submitted_report_is_frozen_and_a_correction_is_a_new_version(world):
    o = monthly(world, "town", 0, 1)
    with clock.frozen_at(dt.datetime(2022, 1, 20, 15, 0)):
        report = submitted(world, "town", o, progress="原文")
    assert report.submitted_at == clock_at(2022, 1, 20, 15)
    assert report.submitted_by == world.users["town"]
    with pytest.raises(Conflict, match="该报告已提交，不能重复提交"):
        flow.submit(world.users["town"], report)
    with pytest.raises(UserError, match="已提交的报告不能修改"):
        flow.save_draft(world.users["town"], report, progress="改过")
    with pytest.raises(Conflict, match=r"2022年1月的报告已提交（第1版），不能再起草"):
        flow.draft_for(world.users["town"], o)
    correction = flow.revise(world.users["town"], report)
    assert (correction.version, correction.based_on_id, correction.progress) == (
        2,
        report.pk,
        "原文",
    )
    assert flow.revise(world.users["town"], report).pk == correction.pk
    report.refresh_from_db()
    assert (report.state, report.progress) == ("submitted", "原文")


def clock_at(*parts):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime(*parts))


def test_a_retried_submit_with_the_same_key_returns_the_submitted_report(world):
    report = file(world, "town", monthly(world, "town", 0, 1))
    first = flow.submit(world.users["town"], report, idempotency_key="abc-1")
    again = flow.submit(world.users["town"], report, idempotency_key="abc-1")
    assert again.pk == first.pk and again.state == "submitted"
    assert AuditEntry.objects.filter(model="reporting.report", action="update").count() == 1
    other = file(world, "town", monthly(world, "town", 0, 2))
    with pytest.raises(Conflict, match="该提交编号已用于另一份报告"):
        flow.submit(world.users["town"], other, idempotency_key="abc-1")


@contextmanager
def meanwhile(action):
    """A concurrent transaction, simulated in one connection: `action` runs
    right after the first query that looks the idempotency key up, that is
    between the submit's check and its write. (Its changes live in the
    submit's transaction, so a refusal rolls them back with it.)"""
    state = {"checked": False, "ran": False}

    def wrapper(execute, sql, params, many, context):
        if state["checked"] and not state["ran"]:
            state["ran"] = True
            action()
        elif any(isinstance(p, str) and p.endswith("-key") for p in params or ()):
            state["checked"] = True
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield
    assert state["ran"], "the concurrent action never ran"


def test_a_submit_losing_the_race_for_its_key_to_its_obligation_answers_with_the_winner(world):
    o = monthly(world, "town", 0, 1)
    first = flow.submit(world.users["town"], file(world, "town", o))
    loser = flow.save_draft(
        world.users["town"], flow.revise(world.users["town"], first), progress="更正"
    )
    with meanwhile(lambda: Report.objects.filter(pk=first.pk).update(idempotency_key="tab-key")):
        answer = flow.submit(world.users["town"], loser, idempotency_key="tab-key")
    assert answer.pk == first.pk
    assert Report.objects.get(pk=loser.pk).state == "draft"
    assert list(Report.objects.filter(idempotency_key="tab-key")) == [first]


def test_a_submit_losing_the_race_for_its_key_to_another_obligation_is_refused(world):
    winner = file(world, "town", monthly(world, "town", 0, 1))
    loser = file(world, "town", monthly(world, "town", 0, 2))
    won = []

    def submit_winner():
        won.append(flow.submit(world.users["town"], winner, idempotency_key="same-key").state)

    with (
        meanwhile(submit_winner),
        pytest.raises(Conflict, match="该提交编号已用于另一份报告，请使用新的编号"),
    ):
        flow.submit(world.users["town"], loser, idempotency_key="same-key")
    assert won == ["submitted"]
    assert Report.objects.get(pk=loser.pk).state == "draft"
    # The refusal left the transaction usable: the loser goes through with its own key.
    again = flow.submit(world.users["town"], loser, idempotency_key="own-key")
    assert again.state == "submitted"


def test_submitting_to_the_office_asks_the_unit_head_to_sign(world):
    report = submitted(world, "fgw", obligation(world, "fgw", 0, "2022-Q1"))
    notes = world.users["fgw_head"].notifications.all()
    assert [n.key for n in notes] == [f"report-submitted-{report.pk}"]
    assert "待您审签" in notes[0].text
    # A monthly report goes to the lead unit, no signature.
    submitted(world, "town", monthly(world, "town", 0, 1))
    assert world.users["fgw_head"].notifications.count() == 1


def test_only_the_head_of_the_reporting_unit_signs_and_signing_records_who_and_when(world):
    report = submitted(world, "fgw", obligation(world, "fgw", 0, "2022-Q1"))
    for persona in ("fgw", "admin"):
        with pytest.raises(Forbidden, match="只有本单位负责人可以审签"):
            flow.approve(world.users[persona], report)
    with pytest.raises(Forbidden):
        flow.approve(head(world, "czj"), report)
    with clock.frozen_at(dt.datetime(2022, 3, 24, 10, 30)):
        signed = flow.approve(world.users["fgw_head"], report)
    assert (signed.state, signed.approved_by, signed.approved_at) == (
        "approved",
        world.users["fgw_head"],
        clock_at(2022, 3, 24, 10, 30),
    )
    with pytest.raises(Conflict, match="只能审签已提交待审签的报告"):
        flow.approve(world.users["fgw_head"], signed)


def test_a_signed_report_is_announced_once_to_the_office_of_its_government(world):
    report = submitted(world, "fgw", obligation(world, "fgw", 0, "2022-Q1"))
    assert not Notification.objects.filter(user__role__in=["office-admin", "inspector"]).exists()
    with clock.frozen_at(dt.datetime(2022, 3, 24, 10, 30)):
        flow.approve(world.users["fgw_head"], report)
    notes = Notification.objects.filter(key=f"report-approved-{report.pk}").order_by("user_id")
    assert [n.user.username for n in notes] == ["admin", "inspector"]
    assert "区发展和改革委员会" in notes[0].text and "待政府办审核" in notes[0].text
    assert report.obligation.period_label in notes[0].text
    assert notes[0].url == reverse("reporting:report", args=[report.pk])
    assert notes[0].created_at == clock_at(2022, 3, 24, 10, 30)
    assert not world.users["other_admin"].notifications.exists()
    # A support unit's monthly report goes to the lead unit, not the office.
    submitted(world, "town", monthly(world, "town", 0, 1))
    assert Notification.objects.filter(user=world.users["admin"]).count() == 1


def test_a_monthly_report_needs_no_signature(world):
    report = submitted(world, "town", monthly(world, "town", 0, 1))
    with pytest.raises(Conflict, match="无需审签"):
        flow.approve(world.users["fgw_head"], report)


def test_the_office_reviews_only_signed_reports(world):
    report = submitted(world, "fgw", obligation(world, "fgw", 0, "2022-Q1"))
    with pytest.raises(Conflict, match="只能审核单位负责人已审签的报告"):
        flow.accept(world.users["admin"], report)
    monthly_report = submitted(world, "town", monthly(world, "town", 0, 1))
    with pytest.raises(Conflict, match="配合单位月报无需政府办审核"):
        flow.accept(world.users["admin"], monthly_report)


def test_only_the_office_of_the_government_reviews(world):
    report = signed_q1(world)
    for persona in ("fgw", "fgw_head", "leader", "other_admin"):
        with pytest.raises(Forbidden, match="只有政府办（督查室）可以审核报告"):
            flow.accept(world.users[persona], report)
        with pytest.raises(Forbidden):
            flow.return_report(world.users[persona], report, "退回")


def test_accepting_copies_status_percent_and_actuals_to_the_task(world):
    report = signed_q1(world, task=1, unit="czj", status="behind", percent=20, actuals=[5.2])
    with clock.frozen_at(dt.datetime(2022, 3, 28, 9, 0)):
        accepted = flow.accept(world.users["inspector"], report, "收悉")
    assert (accepted.state, accepted.reviewed_by, accepted.review_comment) == (
        "accepted",
        world.users["inspector"],
        "收悉",
    )
    task = Task.objects.get(pk=world.tasks[1].pk)
    assert (task.progress_status, task.percent, task.actuals) == ("behind", 20, [5.2])
    with pytest.raises(Conflict):
        flow.return_report(world.users["admin"], accepted, "晚了")


def test_an_earlier_period_accepted_late_does_not_overwrite_a_later_one(world):
    q1 = signed_q1(world, task=1, unit="czj", percent=20)
    q2 = submitted(world, "czj", obligation(world, "czj", 1, "2022-Q2"), percent=45)
    flow.approve(head(world, "czj"), q2)
    flow.accept(world.users["admin"], q2)
    flow.accept(world.users["admin"], q1)
    assert Task.objects.get(pk=world.tasks[1].pk).percent == 45


def test_a_return_needs_a_comment_and_tells_the_units_users(world):
    report = signed_q1(world)
    with pytest.raises(UserError, match="必须填写退回意见"):
        flow.return_report(world.users["admin"], report, "  ")
    returned = flow.return_report(world.users["admin"], report, "请补充数据")
    assert (returned.state, returned.review_comment) == ("returned", "请补充数据")
    told = set(
        world.users["fgw"]
        .notifications.filter(key=f"report-returned-{report.pk}")
        .values_list("text", flat=True)
    )
    assert len(told) == 1 and "请补充数据" in told.pop()
    assert world.users["fgw_head"].notifications.filter(key__startswith="report-returned").exists()
    assert not world.users["town"].notifications.exists()


def test_a_returned_report_is_revised_into_a_new_version_that_goes_through_again(world):
    first = flow.return_report(world.users["admin"], signed_q1(world, progress="初稿"), "补充")
    # Opening the obligation again revises the returned report.
    second = flow.draft_for(world.users["fgw"], first.obligation)
    assert (second.version, second.based_on_id, second.progress) == (2, first.pk, "初稿")
    assert flow.revise(world.users["fgw"], first).pk == second.pk
    flow.save_draft(world.users["fgw"], second, progress="补充后的报告")
    flow.submit(world.users["fgw"], second)
    flow.approve(world.users["fgw_head"], second)
    flow.accept(world.users["admin"], second)
    states = list(first.obligation.reports.order_by("version").values_list("version", "state"))
    assert states == [(1, "returned"), (2, "accepted")]


def test_the_head_cannot_sign_a_version_the_unit_has_since_corrected(world):
    first = submitted(world, "fgw", obligation(world, "fgw", 0, "2022-Q1"))
    flow.revise(world.users["fgw"], first)
    with pytest.raises(Conflict, match="已有更新的第2版"):
        flow.approve(world.users["fgw_head"], first)


def test_an_accepted_report_cannot_be_revised(world):
    accepted = flow.accept(world.users["admin"], signed_q1(world))
    with pytest.raises(Conflict, match="只有已退回或已提交的报告可以修订"):
        flow.revise(world.users["fgw"], accepted)


def test_a_closed_task_takes_no_more_reports(world):
    o = monthly(world, "town", 0, 1)
    Task.objects.filter(pk=o.task_id).update(state="closed")
    o.task.refresh_from_db()
    with pytest.raises(Conflict, match="该任务已办结，无需再报送进展"):
        flow.draft_for(world.users["town"], o)


def test_state_changes_are_in_the_audit_log_with_before_and_after(world):
    report = signed_q1(world)
    flow.accept(world.users["admin"], report)
    entries = AuditEntry.objects.filter(
        model="reporting.report", object_id=str(report.pk), action="update"
    ).order_by("id")
    assert [(e.before["state"], e.after["state"]) for e in entries] == [
        ("draft", "submitted"),
        ("submitted", "approved"),
        ("approved", "accepted"),
    ]


def test_without_a_report_to_the_office_the_office_reviews_the_monthly_reports(world):
    from duban.reporting.models import ReportingRule

    ReportingRule.objects.filter(plan=world.plan, kind="lead_quarterly").delete()
    report = submitted(world, "town", monthly(world, "town", 0, 1), percent=15, status="on_track")
    flow.accept(world.users["admin"], report)
    task = Task.objects.get(pk=world.tasks[0].pk)
    assert (task.progress_status, task.percent) == ("on_track", 15)
