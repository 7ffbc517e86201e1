"""The reporting cycle on the ledger's task page: the light, targets against
actual values, receipts, sub-items, extension and closure requests, leaders'
instructions and their answers, and the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban import clock
from duban.reporting import flow
from duban.reporting.models import Receipt, Request, SubItem
from web.reporting.flowkit import head, obligation, pdf_bytes


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def task_page(client, task):
    return client.get(reverse("ledger:task", args=[task.pk]))


def test_the_task_page_shows_the_light_and_targets_against_actual_values(login, world):
    task = world.tasks[1]
    user = world.users["czj"]
    report = flow.draft_for(user, obligation(world, "czj", 1, "2022-Q1"))
    report = flow.save_draft(user, report, progress="收入增长", percent=30, actuals=[5.2])
    flow.approve(head(world, "czj"), flow.submit(user, report))
    flow.accept(world.users["admin"], report)
    response = task_page(login("czj"), task)
    page = response.content.decode()
    assert response.context["standing"] == "on_time"
    assert 'data-light="on_time"' in page and "绿灯" in page
    targets = page.split('id="targets"')[1].split("</table>")[0]
    assert "一般公共预算收入增长" in targets and "≥ 6 %" in targets and "5.2 %" in targets
    assert "正常推进 · 完成 30%" in page


def test_the_task_list_shows_each_tasks_light(login, world):
    task = world.tasks[0]
    task.due = dt.date(2022, 3, 1)
    task.save()
    page = login("admin").get(reverse("ledger:tasks", args=[world.plan.pk])).content.decode()
    row = page.split(f'href="/tasks/{task.pk}/"')[2].split("</tr>")[0]
    assert 'data-light="overdue"' in row and "逾期" in row


def test_an_assigned_unit_signs_for_the_task_once(login, world):
    task = world.tasks[0]
    client = login("town")
    assert "签收" in task_page(client, task).content.decode()
    url = reverse("reporting:receipt", args=[task.pk])
    assert client.post(url).url.endswith("#receipts")
    client.post(url)
    assert Receipt.objects.filter(task=task).count() == 1
    page = task_page(client, task).content.decode()
    assert "本单位已于 2022-03-20 09:00 签收" in page and "三合镇（3月20日）" in page
    assert url not in page


def test_a_unit_without_the_task_cannot_sign_for_it(login, world):
    url = reverse("reporting:receipt", args=[world.tasks[0].pk])
    assert login("czj").post(url).status_code == 404
    assert login("admin").post(url).status_code == 403
    assert not Receipt.objects.exists()


def test_the_lead_unit_splits_the_task_and_ticks_off_sub_items(login, world):
    task = world.tasks[0]
    client = login("fgw")
    url = reverse("reporting:add_sub_item", args=[task.pk])
    data = {"title": "收集各乡镇评估资料", "owner": world.units["town"].pk, "due": "2022-05-31",
            "milestones": "4月底前完成资料汇总"}  # fmt: skip
    assert client.post(url, data).url.endswith("#sub-items")
    client.post(url, {"title": "形成评估报告", "owner": "", "due": ""})
    items = list(task.sub_items.order_by("position"))
    assert [(i.title, i.owner.name) for i in items] == [
        ("收集各乡镇评估资料", "三合镇"), ("形成评估报告", "区发展和改革委员会")]  # fmt: skip
    client.post(reverse("reporting:sub_item_done", args=[items[0].pk]), {"done": "1"})
    page = task_page(client, task).content.decode()
    assert "完成 1/2（50%）" in page and "4月底前完成资料汇总" in page


def test_a_sub_item_needs_a_title_and_its_owner_must_be_the_tasks(login, world):
    task = world.tasks[0]
    client = login("fgw")
    url = reverse("reporting:add_sub_item", args=[task.pk])
    response = client.post(url, {"title": "", "owner": world.units["jyj"].pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "此项必填。" in page and "请选择本任务的责任单位。" in page
    assert not SubItem.objects.exists()


def test_a_support_unit_cannot_split_or_tick(login, world):
    task = world.tasks[0]
    item = flow.add_sub_item(world.users["fgw"], task, "收集资料")
    client = login("town")
    assert client.post(reverse("reporting:add_sub_item", args=[task.pk]),
                       {"title": "x"}).status_code == 403  # fmt: skip
    done = reverse("reporting:sub_item_done", args=[item.pk])
    assert client.post(done, {"done": "1"}).status_code == 403
    item.refresh_from_db()
    assert not item.done
    assert "添加具体工作" not in task_page(client, task).content.decode()


def test_an_extension_request_keeps_what_was_typed_when_it_is_incomplete(login, world):
    task = world.tasks[0]
    client = login("fgw")
    url = reverse("reporting:extension", args=[task.pk])
    response = client.post(url, {"reason": "需等待上级批复", "new_due": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "此项必填。" in page and "需等待上级批复" in page
    assert not Request.objects.exists()
    response = client.post(url, {"reason": "需等待上级批复", "new_due": "2022-12-31"})
    assert response.url.endswith("#requests")
    request = Request.objects.get()
    assert (request.kind, request.new_due, request.state) == (
        "extension",
        dt.date(2022, 12, 31),
        "pending",
    )
    page = task_page(client, task).content.decode()
    assert "申请延期至 2022年12月31日" in page and "待审批" in page
    assert url not in page, "one pending extension at a time"


def test_a_closure_request_carries_its_evidence(login, world):
    task = world.tasks[0]
    client = login("fgw")
    url = reverse("reporting:closure", args=[task.pk])
    evidence = SimpleUploadedFile("评估报告.pdf", pdf_bytes())
    response = client.post(url, {"reason": "中期评估报告已印发", "files": [evidence]})
    assert response.status_code == 302
    request = Request.objects.get(kind="closure")
    assert [a.name for a in request.attachments.all()] == ["评估报告.pdf"]
    attachment = request.attachments.get()
    download = reverse("reporting:attachment", args=[attachment.pk])
    assert download in task_page(login("admin"), task).content.decode()
    assert login("admin").get(download).status_code == 200
    assert login("jyj").get(download).status_code == 404


def test_only_the_lead_unit_requests(login, world):
    task = world.tasks[0]
    for persona, status in (("town", 403), ("leader", 403), ("czj", 404)):
        client = login(persona)
        url = reverse("reporting:extension", args=[task.pk])
        assert client.post(url, {"reason": "x", "new_due": "2022-12-31"}).status_code == status
    assert not Request.objects.exists()


def test_a_leader_instructs_and_the_lead_unit_answers_both_on_the_timeline(login, world):
    task = world.tasks[0]
    leader = login("leader")
    page = task_page(leader, task).content.decode()
    assert reverse("reporting:instruct", args=[task.pk]) in page
    leader.post(reverse("reporting:instruct", args=[task.pk]), {"text": "抓紧推进，6月底前完成"})
    instruction = task.instructions.get()
    assert world.users["fgw"].notifications.filter(text__contains="抓紧推进").exists()
    fgw = login("fgw")
    answer = reverse("reporting:answer", args=[instruction.pk])
    assert answer in task_page(fgw, task).content.decode()
    fgw.post(answer, {"text": "已制定工作方案", "next": reverse("ledger:task", args=[task.pk])})
    instruction.refresh_from_db()
    assert instruction.answer == "已制定工作方案"
    events = task_page(fgw, task).context["events"]
    assert [e.kind for e in events] == ["instructed", "answered"]
    page = task_page(login("admin"), task).content.decode()
    timeline = page.split('id="timeline"')[1]
    assert "苏铨烨批示：抓紧推进，6月底前完成" in timeline
    assert "答复批示：已制定工作方案" in timeline


def test_only_the_tasks_leader_instructs(login, world):
    url = reverse("reporting:instruct", args=[world.tasks[0].pk])
    for persona in ("fgw", "admin"):
        assert login(persona).post(url, {"text": "x"}).status_code == 403
    assert (
        login("leader")
        .post(reverse("reporting:instruct", args=[world.tasks[1].pk]), {"text": "x"})
        .status_code
        == 404
    )
    assert not world.tasks[0].instructions.exists()


def test_a_leader_instructs_on_a_report_from_the_report_page(login, world):
    user = world.users["fgw"]
    ob = obligation(world, "fgw", 0, "2022-Q1")
    report = flow.submit(user, flow.save_draft(user, flow.draft_for(user, ob), progress="初稿"))
    client = login("leader")
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "对本报告作出批示" in page
    response = client.post(reverse("reporting:instruct", args=[world.tasks[0].pk]),
                           {"text": "数据要准确", "report": report.pk,
                            "next": reverse("reporting:report", args=[report.pk])})  # fmt: skip
    assert response.url == reverse("reporting:report", args=[report.pk])
    assert world.tasks[0].instructions.get().report == report


def test_the_timeline_follows_the_report_through_the_flow(login, world):
    user = world.users["fgw"]
    ob = obligation(world, "fgw", 0, "2022-Q1")
    report = flow.submit(user, flow.save_draft(user, flow.draft_for(user, ob), progress="初稿"))
    flow.approve(world.users["fgw_head"], report)
    flow.accept(world.users["admin"], report)
    events = task_page(login("leader"), world.tasks[0]).context["events"]
    assert [e.kind for e in events] == ["submitted", "approved", "accepted"]


def test_instructions_and_requests_are_escaped(login, world):
    task = world.tasks[0]
    flow.instruct(world.users["leader"], task, "<script>alert(1)</script>批示")
    flow.request_closure(world.users["fgw"], task, "<img src=x onerror=alert(2)>")
    page = task_page(login("admin"), task).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;批示" in page
