"""The report page: the form of a draft with one field per numeric target,
autosave through htmx, saving and submitting, the read-only report with its
versions, the support units' inputs beside a lead unit's report, and who may
see what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.reporting import flow
from duban.reporting.models import Report
from web.reporting.flowkit import head, monthly, obligation

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def page_of(ob):
    return reverse("reporting:obligation", args=[ob.pk])


def started(client, ob) -> Report:
    assert client.post(reverse("reporting:start", args=[ob.pk])).status_code == 302
    return Report.objects.get(obligation=ob, state="draft")


def form(**fields):
    data = {"status": "on_track", "progress": "", "problems": "", "next_steps": "",
            "percent": "", "action": "save", "lock_version": "0"}  # fmt: skip
    data.update(fields)
    return data


def test_the_form_has_one_actual_value_field_per_numeric_target(login, world):
    task = world.tasks[1]
    assert task.targets, "增长6%以上 is a numeric target"
    client = login("czj")
    ob = obligation(world, "czj", 1, "2022-Q1")
    started(client, ob)
    response = client.get(page_of(ob))
    fields = response.context["form"].actual_fields()
    assert len(fields) == len(task.targets)
    assert fields[0].label == "一般公共预算收入增长 ≥ 6 %"
    page = response.content.decode()
    assert 'name="actual_0"' in page and "实际完成值" in page
    for label in ("推进状态", "进展情况", "存在问题", "下一步措施", "完成进度（%）"):
        assert label in page
    for status in ("未启动", "正常推进", "滞后", "已完成"):
        assert status in page


def test_saving_a_draft_keeps_everything_typed(login, world):
    client = login("czj")
    ob = obligation(world, "czj", 1, "2022-Q1")
    report = started(client, ob)
    data = form(status="behind", progress="一季度收入同比增长5.2%", problems="减税影响",
                next_steps="加强征管", percent="25", actual_0="5.2")  # fmt: skip
    response = client.post(reverse("reporting:save", args=[report.pk]), data)
    assert response.status_code == 302 and response.url == page_of(ob)
    report.refresh_from_db()
    assert (report.state, report.status, report.percent, report.actuals) == (
        "draft",
        "behind",
        25,
        [5.2],
    )
    assert (report.progress, report.problems, report.next_steps) == (
        "一季度收入同比增长5.2%", "减税影响", "加强征管")  # fmt: skip
    page = client.get(page_of(ob)).content.decode()
    assert "草稿已保存（09:00）" in page and "一季度收入同比增长5.2%" in page


def test_an_invalid_value_comes_back_with_the_form_and_a_chinese_message(login, world):
    client = login("czj")
    ob = obligation(world, "czj", 1, "2022-Q1")
    report = started(client, ob)
    data = form(progress="已写的内容", percent="一百", actual_0="很多")
    response = client.post(reverse("reporting:save", args=[report.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "完成进度请填写 0 到 100 之间的整数。" in page
    assert "实际完成值请填写数字。" in page
    assert "已写的内容" in page
    report.refresh_from_db()
    assert report.progress == ""


def test_autosave_answers_htmx_with_the_time_it_saved(login, world):
    client = login("town")
    report = started(client, monthly(world, "town", 0, 3))
    url = reverse("reporting:autosave", args=[report.pk])
    response = client.post(url, form(progress="正在收集资料"), **HTMX)
    assert response.status_code == 200
    answer = response.content.decode().strip()
    assert answer.startswith("已自动保存 09:00")
    assert 'id="lock-version" value="1" hx-swap-oob="true"' in answer, "the form moves on"
    report.refresh_from_db()
    assert report.progress == "正在收集资料" and report.state == "draft"


def test_autosave_refuses_an_impossible_percentage_and_keeps_the_last_good_draft(login, world):
    client = login("town")
    report = started(client, monthly(world, "town", 0, 3))
    url = reverse("reporting:autosave", args=[report.pk])
    client.post(url, form(progress="第一稿", percent="40"), **HTMX)
    response = client.post(url, form(progress="第二稿", percent="150"), **HTMX)
    assert "未自动保存：完成进度不能超过 100。" in response.content.decode()
    report.refresh_from_db()
    assert (report.progress, report.percent) == ("第一稿", 40)


def test_autosave_without_javascript_returns_to_the_page(login, world):
    client = login("town")
    ob = monthly(world, "town", 0, 3)
    report = started(client, ob)
    response = client.post(reverse("reporting:autosave", args=[report.pk]), form(progress="无脚本"))
    assert response.status_code == 302 and response.url == page_of(ob)


def test_the_form_autosaves_through_htmx_and_submits_normally(login, world):
    client = login("town")
    ob = monthly(world, "town", 0, 3)
    report = started(client, ob)
    page = client.get(page_of(ob)).content.decode()
    assert f'hx-post="{reverse("reporting:autosave", args=[report.pk])}"' in page
    assert f'action="{reverse("reporting:save", args=[report.pk])}"' in page
    assert 'hx-target="#autosave"' in page
    assert "保存草稿" in page and "提交" in page


def test_submitting_delivers_the_report_and_shows_it_read_only(login, world):
    client = login("town")
    ob = monthly(world, "town", 0, 3)
    report = started(client, ob)
    data = form(progress="完成资料收集", action="submit", idempotency_key="k-1")
    response = client.post(reverse("reporting:save", args=[report.pk]), data, follow=True)
    report.refresh_from_db()
    assert report.state == "submitted" and report.submitted_by == world.users["town"]
    page = response.content.decode()
    assert "报告已报送牵头单位。" in page
    assert response.context["form"] is None
    assert "修改（提交新版本）" in page and "完成资料收集" in page
    assert 'name="progress"' not in page


def test_a_submission_retried_with_the_same_key_submits_once(login, world):
    client = login("town")
    ob = monthly(world, "town", 0, 3)
    report = started(client, ob)
    data = form(progress="完成资料收集", action="submit", idempotency_key="same-key")
    url = reverse("reporting:save", args=[report.pk])
    client.post(url, data)
    again = client.post(url, data, follow=True)
    assert "报告已报送牵头单位。" in again.content.decode()
    assert list(ob.reports.values_list("version", "state")) == [(1, "submitted")]


def test_an_empty_report_is_not_submitted_and_the_reason_is_shown(login, world):
    client = login("town")
    ob = monthly(world, "town", 0, 3)
    report = started(client, ob)
    response = client.post(
        reverse("reporting:save", args=[report.pk]), form(action="submit"), follow=True
    )
    assert "请填写进展情况后再提交。" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "draft"


def test_a_lead_units_report_waits_for_the_head_and_says_so(login, world):
    client = login("fgw")
    ob = obligation(world, "fgw", 0, "2022-Q1")
    report = started(client, ob)
    data = form(progress="完成中期评估初稿", action="submit")
    page = client.post(reverse("reporting:save", args=[report.pk]), data, follow=True)
    assert "等待本单位负责人审签" in page.content.decode()
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_submitted_report_is_revised_as_a_new_version_with_its_history(login, world):
    client = login("town")
    ob = monthly(world, "town", 0, 3)
    report = started(client, ob)
    client.post(reverse("reporting:save", args=[report.pk]), form(progress="初稿", action="submit"))
    response = client.post(reverse("reporting:revise", args=[report.pk]), follow=True)
    versions = list(ob.reports.order_by("version"))
    assert [(v.version, v.state) for v in versions] == [(1, "submitted"), (2, "draft")]
    assert versions[1].based_on == versions[0] and versions[1].progress == "初稿"
    page = response.content.decode()
    assert "已生成新版本草稿" in page and "版本记录" in page
    assert reverse("reporting:report", args=[versions[0].pk]) in page
    old = client.get(reverse("reporting:report", args=[versions[0].pk]))
    assert "这是第1版（历史版本）" in old.content.decode()
    assert old.context["form"] is None


def test_a_returned_report_shows_the_offices_comment_and_can_be_revised(login, world):
    user = world.users["fgw"]
    ob = obligation(world, "fgw", 0, "2022-Q1")
    report = flow.save_draft(user, flow.draft_for(user, ob), progress="初稿")
    flow.approve(head(world, "fgw"), flow.submit(user, report))
    flow.return_report(world.users["admin"], report, "请补充评估数据")
    page = login("fgw").get(page_of(ob)).content.decode()
    assert "政府办退回：" in page and "请补充评估数据" in page
    assert reverse("reporting:revise", args=[report.pk]) in page


def test_the_lead_units_quarterly_report_shows_the_support_inputs_side_by_side(login, world):
    town = world.users["town"]
    march = monthly(world, "town", 0, 3)
    report = flow.save_draft(town, flow.draft_for(town, march), progress="三合镇完成资料收集")
    flow.submit(town, report)
    client = login("fgw")
    ob = obligation(world, "fgw", 0, "2022-Q1")
    draft = started(client, ob)
    response = client.get(page_of(ob))
    inputs = response.context["inputs"]
    assert [(o.unit.name, r) for o, r in inputs] == [("三合镇", report)]
    page = response.content.decode()
    assert page.index('id="inputs"') < page.index('id="report-form"')
    assert 'data-unit="三合镇"' in page and "三合镇完成资料收集" in page
    assert "【三合镇】三合镇完成资料收集" in draft.progress


def test_the_head_signs_from_the_report_page(login, world):
    user = world.users["fgw"]
    ob = obligation(world, "fgw", 0, "2022-Q1")
    report = flow.submit(user, flow.save_draft(user, flow.draft_for(user, ob), progress="初稿"))
    client = login("fgw_head")
    page = client.get(page_of(ob)).content.decode()
    assert reverse("reporting:approve", args=[report.pk]) in page
    client.post(reverse("reporting:approve", args=[report.pk]), {"next": page_of(ob)})
    report.refresh_from_db()
    assert report.state == "approved" and report.approved_by == world.users["fgw_head"]


def test_another_units_draft_stays_with_that_unit(login, world):
    ob = obligation(world, "fgw", 0, "2022-Q1")
    draft = flow.save_draft(world.users["fgw"], flow.draft_for(world.users["fgw"], ob),
                            progress="内部草稿")  # fmt: skip
    admin = login("admin")
    assert admin.get(reverse("reporting:report", args=[draft.pk])).status_code == 404
    page = admin.get(page_of(ob)).content.decode()
    assert "内部草稿" not in page and "该单位尚未报送本期报告" in page
    save = reverse("reporting:save", args=[draft.pk])
    assert admin.post(save, form(progress="改写")).status_code == 404
    assert login("czj").get(page_of(ob)).status_code == 404
    draft.refresh_from_db()
    assert draft.progress == "内部草稿"


def test_the_lead_unit_reads_a_support_report_but_cannot_change_it(login, world):
    town = world.users["town"]
    march = monthly(world, "town", 0, 3)
    report = flow.submit(town, flow.save_draft(town, flow.draft_for(town, march), progress="月报"))
    client = login("fgw")
    response = client.get(page_of(march))
    assert response.status_code == 200 and "月报" in response.content.decode()
    assert "修改（提交新版本）" not in response.content.decode()
    assert client.post(reverse("reporting:revise", args=[report.pk])).status_code == 403
    assert client.post(reverse("reporting:start", args=[march.pk])).status_code == 403


def test_what_units_write_is_escaped(login, world):
    town = world.users["town"]
    march = monthly(world, "town", 0, 3)
    script = "<script>alert('x')</script>"
    report = flow.save_draft(town, flow.draft_for(town, march), progress=f"进展{script}",
                             problems="<img src=x onerror=alert(1)>")  # fmt: skip
    flow.submit(town, report)
    client = login("fgw")
    started(client, obligation(world, "fgw", 0, "2022-Q1"))
    for url in (page_of(march), page_of(obligation(world, "fgw", 0, "2022-Q1"))):
        page = client.get(url).content.decode()
        assert script not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
