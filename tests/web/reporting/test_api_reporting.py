"""The reporting API beyond the happy path: filters, scopes, status codes,
Chinese errors, evidence up- and download, and pages in constant queries."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from duban import clock
from duban.ledger.choices import TaskState
from duban.ledger.models import Task
from duban.reporting import flow
from duban.reporting.models import Obligation
from web.reporting.flowkit import As, monthly, obligation, pdf_bytes, png_bytes


def filed(world, persona, o, **fields):
    user = world.users[persona]
    fields.setdefault("progress", "按计划推进")
    return flow.save_draft(user, flow.draft_for(user, o), **fields)


def test_obligations_are_filtered_by_unit_task_period_state_and_due_date(world):
    office = As(world, "admin")
    everything = office.ok("get", "/api/obligations", limit=200)
    assert everything["count"] == Obligation.objects.count() == 36
    dues = [item["due"] for item in everything["items"]]
    assert dues == sorted(dues)
    town = world.units["town"].pk
    assert office.ok("get", "/api/obligations", unit=town)["count"] == 12
    assert office.ok("get", "/api/obligations", task=world.tasks[2].pk)["count"] == 4
    q1 = office.ok("get", "/api/obligations", period="2022-Q1")
    assert sorted(i["unit"]["name"] for i in q1["items"]) == sorted(
        ["区发展和改革委员会", "区财政局", "区教育局"]
    )
    assert all(i["to_office"] and i["kind"] == "lead_quarterly" for i in q1["items"])
    assert office.ok("get", "/api/obligations", due_before="2022-02-28")["count"] == 4
    filed(world, "town", monthly(world, "town", 0, 1))
    flow.submit(world.users["town"], filed(world, "town", monthly(world, "town", 0, 2)))
    assert office.ok("get", "/api/obligations", state="submitted")["count"] == 1
    # The office does not see the town's January draft: for it, nothing is filed yet.
    assert office.ok("get", "/api/obligations", state="draft")["count"] == 0
    assert office.ok("get", "/api/obligations", state="none")["count"] == 35
    assert As(world, "town").ok("get", "/api/obligations", state="draft")["count"] == 1


def test_each_caller_sees_only_its_obligations_and_the_inputs_it_receives(world):
    def units(persona):
        items = As(world, persona).ok("get", "/api/obligations", limit=200)["items"]
        return {(i["unit"]["name"], i["kind"]) for i in items}

    assert units("town") == {("三合镇", "support_monthly")}
    assert units("fgw") == {
        ("区发展和改革委员会", "lead_quarterly"),
        ("区发展和改革委员会", "support_monthly"),
        ("三合镇", "support_monthly"),
    }
    assert units("czj") == {
        ("区财政局", "lead_quarterly"),
        ("区发展和改革委员会", "support_monthly"),
    }
    assert units("leader") == {
        ("区发展和改革委员会", "lead_quarterly"),
        ("三合镇", "support_monthly"),
    }
    assert units("other_admin") == set()


def test_a_page_of_obligations_costs_the_same_queries_however_long(world):
    for month in (1, 2, 3):
        flow.submit(world.users["town"], filed(world, "town", monthly(world, "town", 0, month)))
    office = Client(headers={"Authorization": f"Bearer {world.token('admin')}"})
    office.get("/api/obligations?limit=1")  # warm up (token last used)
    for filters in ("", "&state=submitted"):
        counts = []
        for limit in (2, 30):
            with CaptureQueriesContext(connection) as queries:
                answer = office.get(f"/api/obligations?limit={limit}{filters}")
            assert answer.status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], filters


def test_an_obligation_shows_its_light_for_the_day(world):
    o = monthly(world, "town", 0, 1)
    town = As(world, "town")
    with clock.frozen_at(dt.date(2022, 1, 10)):
        assert town.ok("get", f"/api/obligations/{o.pk}")["light"] == "绿灯"
    with clock.frozen_at(dt.date(2022, 1, 21)):
        shown = town.ok("get", f"/api/obligations/{o.pk}")
        assert (shown["standing"], shown["standing_label"], shown["light"]) == (
            "due_soon",
            "临期",
            "黄灯",
        )
    with clock.frozen_at(dt.date(2022, 1, 26)):
        assert town.ok("get", f"/api/obligations/{o.pk}")["light"] == "红灯"
        flow.submit(world.users["town"], filed(world, "town", o, status="done"))
        shown = town.ok("get", f"/api/obligations/{o.pk}")
        assert (shown["standing"], shown["light"]) == ("ahead", "蓝灯")
        assert [r["state"] for r in shown["reports"]] == ["submitted"]


def test_the_draft_endpoint_saves_only_the_fields_given(world):
    o = obligation(world, "czj", 1, "2022-Q1")
    czj = As(world, "czj")
    first = czj.ok(
        "post", f"/api/obligations/{o.pk}/draft", {"progress": "收入增长", "percent": 20}
    )
    again = czj.ok("post", f"/api/obligations/{o.pk}/draft", {"actuals": [5.2], "status": None})
    assert again["id"] == first["id"]
    assert (again["progress"], again["percent"], again["actuals"], again["status"]) == (
        "收入增长",
        20,
        [5.2],
        "on_track",
    )
    assert again["targets"][0]["metric"] == "一般公共预算收入"
    cleared = czj.ok("post", f"/api/obligations/{o.pk}/draft", {"percent": None})
    assert cleared["percent"] is None


def test_invalid_content_is_refused_in_chinese(world):
    o = obligation(world, "czj", 1, "2022-Q1")
    czj = As(world, "czj")
    status, body = czj.post(f"/api/obligations/{o.pk}/draft", {"percent": 120})
    assert status == 422 and body["detail"] == "请求参数有误：percent：不能大于 100。"
    status, body = czj.post(f"/api/obligations/{o.pk}/draft", {"actuals": [1, 2]})
    assert status == 422
    assert body["detail"] == "该任务只有 1 项量化目标，实际完成值不能多于 1 项。"
    draft = czj.ok("post", f"/api/obligations/{o.pk}/draft")
    status, body = czj.post(f"/api/reports/{draft['id']}/submit")
    assert (status, body["detail"]) == (422, "请填写进展情况后再提交。")


def test_refusals_for_who_asks_are_403_and_for_the_state_409(world):
    o = obligation(world, "fgw", 0, "2022-Q1")
    report = flow.submit(world.users["fgw"], filed(world, "fgw", o))
    status, body = As(world, "fgw").post(f"/api/reports/{report.pk}/approve")
    assert (status, body["detail"]) == (403, "只有本单位负责人可以审签报告。")
    status, body = As(world, "fgw").post(f"/api/reports/{report.pk}/submit")
    assert (status, body["detail"]) == (409, "该报告已提交，不能重复提交。")
    status, body = As(world, "admin").post(f"/api/reports/{report.pk}/return", {"comment": ""})
    assert status == 422 and "comment" in body["detail"]


def test_another_units_draft_is_not_found(world):
    draft = filed(world, "town", monthly(world, "town", 0, 1))
    for persona in ("fgw", "admin", "leader"):
        status, body = As(world, persona).get(f"/api/reports/{draft.pk}")
        assert (status, body["detail"]) == (404, "找不到该报告，或您无权查看。")
    assert As(world, "town").ok("get", f"/api/reports/{draft.pk}")["state"] == "draft"


def test_the_lead_unit_reads_its_inputs_side_by_side(world):
    flow.submit(
        world.users["town"], filed(world, "town", monthly(world, "town", 0, 1), progress="一月")
    )
    filed(world, "town", monthly(world, "town", 0, 2), progress="二月草稿")
    q1 = obligation(world, "fgw", 0, "2022-Q1")
    rows = As(world, "fgw").ok("get", f"/api/obligations/{q1.pk}/inputs")
    assert [(r["obligation"]["period"], r["report"] and r["report"]["progress"]) for r in rows] == [
        ("2022-01", "一月"),
        ("2022-02", None),
        ("2022-03", None),
    ]
    assert rows[0]["obligation"]["unit"]["name"] == "三合镇"


def test_evidence_is_uploaded_checked_and_downloaded(world, settings):
    draft = filed(world, "town", monthly(world, "town", 0, 1))
    town = As(world, "town")
    status, body = town.upload(f"/api/reports/{draft.pk}/attachments", "现场.png", png_bytes())
    assert status == 201 and (body["name"], body["kind"]) == ("现场.png", "png")
    status, refused = town.upload(
        f"/api/reports/{draft.pk}/attachments", "材料.pdf", b"<html><body>x</body></html>"
    )
    assert status == 422 and refused["detail"].startswith("文件“材料.pdf”的内容不是允许的类型")
    settings.DUBAN_MAX_ATTACHMENT_MB = 1
    status, big = town.upload(
        f"/api/reports/{draft.pk}/attachments", "扫描.pdf", pdf_bytes() + b"0" * 1024 * 1024
    )
    assert status == 413 and "超过上限 1 MB" in big["detail"]
    shown = town.ok("get", f"/api/reports/{draft.pk}")
    assert [a["name"] for a in shown["attachments"]] == ["现场.png"]
    download = town.client.get(shown["attachments"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == png_bytes()
    assert "attachment" in download["Content-Disposition"]
    # Still a draft: the lead unit cannot fetch it yet.
    assert As(world, "fgw").client.get(shown["attachments"][0]["url"]).status_code == 404


def test_a_session_caller_needs_the_csrf_token_to_change_anything(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["town"])
    o = monthly(world, "town", 0, 1)
    refused = client.post(f"/api/obligations/{o.pk}/draft", "{}", content_type="application/json")
    assert refused.status_code == 403
    assert not o.reports.exists()
    assert client.get(f"/api/obligations/{o.pk}").status_code == 200


def test_requests_are_listed_and_decided_through_the_api(world):
    task = world.tasks[0]
    fgw, office = As(world, "fgw"), As(world, "admin")
    with clock.frozen_at(dt.date(2022, 5, 1)):
        made = fgw.ok(
            "post",
            f"/api/tasks/{task.pk}/extension",
            {"reason": "评估延后", "new_due": "2022-08-31"},
            expect=201,
        )
        assert (made["state"], made["new_due"], made["old_due"]) == ("pending", "2022-08-31", None)
        assert office.ok("get", "/api/requests", state="pending")["count"] == 1
        assert As(world, "czj").ok("get", "/api/requests")["count"] == 0
        status, body = As(world, "town").post(
            f"/api/requests/{made['id']}/decide", {"approve": True}
        )
        assert (status, body["detail"]) == (403, "只有政府办（督查室）可以审批申请。")
        status, body = office.post(f"/api/requests/{made['id']}/decide", {"approve": False})
        assert (status, body["detail"]) == (422, "不同意申请时请填写审批意见。")
        decided = office.ok("post", f"/api/requests/{made['id']}/decide", {"approve": True})
    assert decided["state"] == "approved" and decided["decided_by"] == "admin"
    assert As(world, "fgw").ok("get", f"/api/tasks/{task.pk}")["state"] == "active"
    assert office.ok("get", "/api/requests", state="pending")["count"] == 0


def test_instructions_sub_items_receipts_and_the_timeline_through_the_api(world):
    task = world.tasks[0]
    leader, fgw = As(world, "leader"), As(world, "fgw")
    with clock.frozen_at(dt.datetime(2022, 4, 1, 9, 0)):
        made = leader.ok(
            "post", f"/api/tasks/{task.pk}/instructions", {"text": "加快进度"}, expect=201
        )
        assert made["leader"] == "苏铨烨"
    with clock.frozen_at(dt.datetime(2022, 4, 2, 9, 0)):
        answered = fgw.ok("post", f"/api/instructions/{made['id']}/answer", {"text": "已部署"})
        assert answered["answer"] == "已部署" and answered["answered_by"] == "fgw"
    with clock.frozen_at(dt.datetime(2022, 4, 3, 9, 0)):
        receipt = fgw.ok("post", f"/api/tasks/{task.pk}/receipt")
        assert receipt["unit"]["name"] == "区发展和改革委员会"
    listed = As(world, "town").ok("get", f"/api/tasks/{task.pk}/instructions")
    assert [(i["text"], i["answer"]) for i in listed] == [("加快进度", "已部署")]
    item = fgw.ok(
        "post",
        f"/api/tasks/{task.pk}/sub-items",
        {"title": "收集资料", "owner": world.units["town"].pk, "due": "2022-06-30"},
        expect=201,
    )
    assert item["owner"]["name"] == "三合镇"
    fgw.ok("post", f"/api/sub-items/{item['id']}", {"done": True})
    rolled = As(world, "admin").ok("get", f"/api/tasks/{task.pk}/sub-items")
    assert (rolled["done"], rolled["total"]) == (1, 1)
    status, body = fgw.post(f"/api/tasks/{task.pk}/sub-items", {"title": "x", "owner": 999999})
    assert (status, body["detail"]) == (422, "责任单位不存在或不属于本政府。")
    events = As(world, "leader").ok("get", f"/api/tasks/{task.pk}/timeline")
    assert [e["kind"] for e in events] == ["instructed", "answered", "receipt"]
    assert events[0]["text"] == "苏铨烨批示：加快进度"


def test_notifications_are_listed_newest_first_and_marked_read(world):
    task = world.tasks[0]
    with clock.frozen_at(dt.datetime(2022, 4, 1, 9, 0)):
        flow.instruct(world.users["leader"], task, "第一条")
    with clock.frozen_at(dt.datetime(2022, 4, 2, 9, 0)):
        flow.instruct(world.users["leader"], task, "第二条")
    fgw = As(world, "fgw")
    listed = fgw.ok("get", "/api/notifications")
    assert (listed["count"], listed["unread"]) == (2, 2)
    assert "第二条" in listed["items"][0]["text"]
    first_id = listed["items"][1]["id"]
    assert fgw.ok("post", "/api/notifications/read", {"ids": [first_id]}) == {"read": 1}
    unread = fgw.ok("get", "/api/notifications", unread=True)
    assert unread["count"] == 1 and "第二条" in unread["items"][0]["text"]
    # Another user's notifications are not touched.
    assert As(world, "fgw_head").ok("post", "/api/notifications/read", {"ids": [first_id]}) == {
        "read": 0
    }
    assert fgw.ok("post", "/api/notifications/read", {}) == {"read": 1}
    assert fgw.ok("get", "/api/notifications")["unread"] == 0


def test_the_task_lists_filter_and_count_closed_tasks_like_any_other_state(world):
    task = world.tasks[0]
    with clock.frozen_at(dt.date(2022, 3, 10)):
        request = flow.request_closure(world.users["fgw"], task, "规划已印发")
        flow.decide(world.users["admin"], request, True)
    office, fgw = As(world, "admin"), As(world, "fgw")
    for state in TaskState.values:
        expected = sorted(t.seq for t in Task.objects.filter(plan=world.plan, state=state))
        listed = office.ok("get", f"/api/plans/{world.plan.pk}/tasks", status=state)
        assert sorted(t["seq"] for t in listed["items"]) == expected
        assert {t["state"] for t in listed["items"]} <= {state}
    closed = fgw.ok("get", f"/api/units/{world.units['fgw'].pk}/tasks", status="closed")
    assert [(t["id"], t["state"]) for t in closed["items"]] == [(task.pk, "closed")]
    assert fgw.ok("get", f"/api/units/{world.units['fgw'].pk}/tasks", status="active")["count"] == 1
    counts = office.ok("get", f"/api/plans/{world.plan.pk}")["tasks"]
    assert counts == {"total": 3, "active": 2, "closed": 1, "abolished": 0}
    status, body = office.get(f"/api/plans/{world.plan.pk}/tasks", status="done")
    assert status == 422 and "status" in str(body)
