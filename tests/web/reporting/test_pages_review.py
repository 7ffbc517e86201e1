"""待审签 and 审核: the unit head signs the unit's reports to the office; the
office accepts or returns them (a return needs a comment) and decides the
extension and closure requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.reporting import flow
from duban.reporting.models import Report
from web.reporting.flowkit import monthly, obligation

APPROVALS = reverse("reporting:approvals")
REVIEW = reverse("reporting:review")


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def submitted_q1(world, progress="完成中期评估初稿") -> Report:
    user = world.users["fgw"]
    report = flow.draft_for(user, obligation(world, "fgw", 0, "2022-Q1"))
    return flow.submit(user, flow.save_draft(user, report, progress=progress, percent=30))


def signed_q1(world, **kwargs) -> Report:
    return flow.approve(world.users["fgw_head"], submitted_q1(world, **kwargs))


def test_the_head_sees_the_units_submitted_reports_in_full(login, world):
    report = submitted_q1(world, progress="完成中期评估初稿\n下一步征求意见")
    response = login("fgw_head").get(APPROVALS)
    assert [r.pk for r in response.context["reports"]] == [report.pk]
    page = response.content.decode()
    assert "完成中期评估初稿<br>下一步征求意见" in page
    assert "30%" in page and "推动重大规划编制" in page
    assert reverse("reporting:approve", args=[report.pk]) in page


def test_signing_records_who_and_when_and_empties_the_list(login, world):
    report = submitted_q1(world)
    client = login("fgw_head")
    response = client.post(reverse("reporting:approve", args=[report.pk]), follow=True)
    report.refresh_from_db()
    assert report.state == "approved"
    assert report.approved_by == world.users["fgw_head"]
    assert report.approved_at == clock.now()
    assert "已报送政府办" in response.content.decode()
    assert response.context["reports"] == []


def test_a_support_units_monthly_report_never_waits_for_a_signature(login, world):
    town = world.users["town"]
    march = monthly(world, "town", 0, 3)
    flow.submit(town, flow.save_draft(town, flow.draft_for(town, march), progress="月报"))
    assert login("fgw_head").get(APPROVALS).context["reports"] == []


def test_a_unit_user_neither_sees_the_list_nor_signs(login, world):
    report = submitted_q1(world)
    client = login("fgw")
    assert client.get(APPROVALS).status_code == 403
    assert client.post(reverse("reporting:approve", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.state == "submitted"


def test_the_office_sees_signed_reports_and_accepts_one(login, world):
    submitted = submitted_q1(world)
    client = login("admin")
    assert client.get(REVIEW).context["reports"] == []
    flow.approve(world.users["fgw_head"], submitted)
    response = client.get(REVIEW)
    assert [r.pk for r in response.context["reports"]] == [submitted.pk]
    assert "完成中期评估初稿" in response.content.decode()
    response = client.post(reverse("reporting:accept", args=[submitted.pk]),
                           {"comment": "内容翔实"}, follow=True)  # fmt: skip
    submitted.refresh_from_db()
    assert (submitted.state, submitted.review_comment) == ("accepted", "内容翔实")
    task = world.tasks[0]
    task.refresh_from_db()
    assert (task.progress_status, task.percent) == ("on_track", 30)
    assert "已采纳" in response.content.decode()
    assert response.context["reports"] == []


def test_returning_a_report_needs_a_comment(login, world):
    report = signed_q1(world)
    client = login("inspector")
    url = reverse("reporting:return", args=[report.pk])
    response = client.post(url, {"comment": "  "}, follow=True)
    assert "退回时须填写审核意见。" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "approved"
    client.post(url, {"comment": "请补充评估数据"})
    report.refresh_from_db()
    assert (report.state, report.review_comment) == ("returned", "请补充评估数据")
    page = login("fgw").get(reverse("reporting:obligation", args=[report.obligation_id]))
    assert "请补充评估数据" in page.content.decode()


def test_a_revised_and_resubmitted_report_comes_back_to_the_office(login, world):
    report = signed_q1(world)
    flow.return_report(world.users["admin"], report, "请补充评估数据")
    fgw = login("fgw")
    fgw.post(reverse("reporting:revise", args=[report.pk]))
    second = Report.objects.get(obligation=report.obligation, version=2)
    fgw.post(reverse("reporting:save", args=[second.pk]),
             {"status": "on_track", "progress": "已补充数据", "action": "submit",
              "lock_version": second.lock_version})  # fmt: skip
    login("fgw_head").post(reverse("reporting:approve", args=[second.pk]))
    reports = login("admin").get(REVIEW).context["reports"]
    assert [(r.pk, r.version) for r in reports] == [(second.pk, 2)]


def test_others_cannot_review(login, world):
    report = signed_q1(world)
    for persona in ("fgw", "fgw_head", "leader"):
        client = login(persona)
        assert client.get(REVIEW).status_code == 403, persona
        assert client.post(reverse("reporting:accept", args=[report.pk])).status_code == 403
    other = login("other_admin")
    assert other.get(REVIEW).context["reports"] == []
    assert other.post(reverse("reporting:accept", args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert report.state == "approved"


def test_the_office_decides_an_extension_on_the_review_page(login, world):
    task = world.tasks[0]
    request = flow.request_extension(
        world.users["fgw"], task, "规划评估需上级批复", dt.date(2022, 12, 31)
    )
    client = login("admin")
    response = client.get(REVIEW)
    assert response.context["requests"] == [request]
    assert "规划评估需上级批复" in response.content.decode()
    url = reverse("reporting:decide", args=[request.pk])
    refused = client.post(url, {"decision": "reject", "comment": ""}, follow=True)
    assert "不同意申请时请填写审批意见。" in refused.content.decode()
    client.post(url, {"decision": "approve", "comment": "同意延期"})
    request.refresh_from_db()
    task.refresh_from_db()
    assert request.state == "approved" and task.due == dt.date(2022, 12, 31)
    assert client.get(REVIEW).context["requests"] == []


def test_a_closure_can_be_refused_with_a_reason(login, world):
    task = world.tasks[0]
    request = flow.request_closure(world.users["fgw"], task, "评估已完成")
    login("inspector").post(reverse("reporting:decide", args=[request.pk]),
                            {"decision": "reject", "comment": "缺少佐证材料"})  # fmt: skip
    request.refresh_from_db()
    task.refresh_from_db()
    assert (request.state, request.comment, task.state) == ("rejected", "缺少佐证材料", "active")


def test_a_unit_cannot_decide_its_own_request(login, world):
    request = flow.request_closure(world.users["fgw"], world.tasks[0], "评估已完成")
    response = login("fgw").post(reverse("reporting:decide", args=[request.pk]),
                                 {"decision": "approve"})  # fmt: skip
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.state == "pending"
