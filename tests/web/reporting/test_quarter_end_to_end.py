"""A whole quarter (Q1 2022) of the persona plan, driven through the API only.

Supporting units file their January–March reports to the lead units; the lead
units open their consolidated quarterly drafts (prefilled with those inputs),
submit them, their heads sign; the office returns one, the lead unit revises
and resubmits, the office accepts; one extension and one closure are decided.
Counts and states are asserted at each step, with the clock set to the day
each step happens.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from duban import clock
from duban.ledger.models import Task
from duban.reporting.models import Notification, Obligation, Receipt, Report, Request
from web.reporting.flowkit import As, head, obligation, pdf_bytes

TOWN, FGW, CZJ = "town", "fgw", "czj"
MONTH_TEXT = {
    1: "完成规划中期评估资料收集",
    2: "完成评估报告初稿",
    3: "评估报告通过专家评审",
}
FGW_MONTH_TEXT = {
    1: "配合测算预算收入",
    2: "提供重点项目税源清单",
    3: "配合开展收入形势分析",
}


def states(api: As, task_id: int, period: str) -> Counter:
    """The office's count of one task's obligations in a period, by latest report state."""
    body = api.ok("get", "/api/obligations", task=task_id, period=period)
    return Counter(item["report"]["state"] if item["report"] else "none" for item in body["items"])


def versions(obligation_id: int) -> list[tuple[int, str]]:
    return list(
        Report.objects.filter(obligation_id=obligation_id)
        .order_by("version")
        .values_list("version", "state")
    )


def file_month(api: As, obligation_id: int, text: str, month: int) -> dict:
    draft = api.ok("post", f"/api/obligations/{obligation_id}/draft")
    body = {"progress": text, "problems": f"{month}月无", "next_steps": f"{month + 1}月继续推进"}
    draft = api.ok("post", f"/api/obligations/{obligation_id}/draft", body)
    key = f"month-{obligation_id}"
    submitted = api.ok("post", f"/api/reports/{draft['id']}/submit", {"idempotency_key": key})
    # The client's retry after a lost answer gets the same report back.
    again = api.ok("post", f"/api/reports/{draft['id']}/submit", {"idempotency_key": key})
    assert again["id"] == submitted["id"] and again["state"] == "submitted"
    return submitted


def test_a_quarter_runs_from_monthly_inputs_to_accepted_reports_with_an_extension_and_a_closure(
    world,
):
    task1, task2 = world.tasks[0], world.tasks[1]
    head(world, CZJ)
    # The persona notice names no 完成时限; task 2 is given the one a notice would have.
    Task.objects.filter(pk=task2.pk).update(due=dt.date(2022, 6, 30))
    office, town, fgw, czj = (As(world, p) for p in ("admin", TOWN, FGW, CZJ))
    fgw_head, czj_head = As(world, "fgw_head"), As(world, "czj_head")
    total_obligations = Obligation.objects.count()

    # January: every assigned unit acknowledges its tasks, once.
    with clock.frozen_at(dt.date(2022, 1, 5)):
        town.ok("post", f"/api/tasks/{task1.pk}/receipt")
        fgw.ok("post", f"/api/tasks/{task1.pk}/receipt")
        fgw.ok("post", f"/api/tasks/{task2.pk}/receipt")
        czj.ok("post", f"/api/tasks/{task2.pk}/receipt")
        czj.ok("post", f"/api/tasks/{task2.pk}/receipt")
    assert Receipt.objects.count() == 4

    # January to March: the supporting units report every month.
    monthly_ids = {}
    for month in (1, 2, 3):
        period = f"2022-{month:02d}"
        with clock.frozen_at(dt.date(2022, month, 10)):
            assert states(office, task1.pk, period) == {"none": 1}
            mine = town.ok("get", "/api/obligations", task=task1.pk, period=period)["items"]
            assert len(mine) == 1 and mine[0]["unit"]["id"] == world.units[TOWN].pk
            assert mine[0]["standing"] == "on_time" and mine[0]["light"] == "绿灯"
            first = file_month(town, mine[0]["id"], MONTH_TEXT[month], month)
            support = obligation(world, FGW, 1, period)
            second = file_month(fgw, support.pk, FGW_MONTH_TEXT[month], month)
            monthly_ids[month] = (first["id"], second["id"])
            assert states(office, task1.pk, period) == {"submitted": 1}
            assert states(office, task2.pk, period) == {"submitted": 1}
            if month > 1:
                # Report once: the month's draft started from the previous month's report.
                assert Report.objects.get(pk=first["id"]).based_on_id == monthly_ids[month - 1][0]
    submitted_months = Report.objects.filter(
        obligation__rule__kind="support_monthly", state="submitted"
    )
    assert submitted_months.count() == 6
    # The lead unit sees the inputs that reach it: town's three months on task 1.
    incoming = fgw.ok("get", "/api/obligations", task=task1.pk, state="submitted")
    assert incoming["count"] == 3
    assert {i["unit"]["id"] for i in incoming["items"]} == {world.units[TOWN].pk}

    # 22 March: the lead units consolidate, starting from their supporting units' inputs.
    q1_task1 = obligation(world, FGW, 0, "2022-Q1")
    q1_task2 = obligation(world, CZJ, 1, "2022-Q1")
    with clock.frozen_at(dt.date(2022, 3, 22)):
        inputs = fgw.ok("get", f"/api/obligations/{q1_task1.pk}/inputs")
        assert [i["obligation"]["period"] for i in inputs] == ["2022-01", "2022-02", "2022-03"]
        assert all(i["report"]["state"] == "submitted" for i in inputs)
        draft1 = fgw.ok("post", f"/api/obligations/{q1_task1.pk}/draft")
        expected = "【三合镇】" + "；".join(f"{m}月：{MONTH_TEXT[m]}" for m in (1, 2, 3))
        assert draft1["progress"] == expected
        assert draft1["next_steps"].startswith("【三合镇】1月：2月继续推进")
        assert draft1["version"] == 1 and draft1["state"] == "draft"
        draft2 = czj.ok("post", f"/api/obligations/{q1_task2.pk}/draft")
        assert "【区发改委】1月：配合测算预算收入" in draft2["progress"]
        assert draft2["based_on"] in monthly_ids[3]
        fgw.ok(
            "post",
            f"/api/obligations/{q1_task1.pk}/draft",
            {
                "progress": "牵头完成中期评估。" + draft1["progress"],
                "percent": 30,
            },
        )
        czj.ok(
            "post",
            f"/api/obligations/{q1_task2.pk}/draft",
            {
                "progress": "一季度收入增长5.2%。" + draft2["progress"],
                "status": "behind",
                "percent": 20,
                "actuals": [5.2],
            },
        )
        fgw.ok("post", f"/api/reports/{draft1['id']}/submit", {"idempotency_key": "q1-t1"})
        czj.ok("post", f"/api/reports/{draft2['id']}/submit", {"idempotency_key": "q1-t2"})
        assert states(office, task1.pk, "2022-Q1") == {"submitted": 1}
        assert states(office, task2.pk, "2022-Q1") == {"submitted": 1}
        # Only the unit head signs: not the unit's clerk, not another unit's head.
        assert fgw.post(f"/api/reports/{draft1['id']}/approve")[0] == 403
        assert czj_head.post(f"/api/reports/{draft1['id']}/approve")[0] == 404
        # Not signed yet, so the office cannot review it.
        assert office.post(f"/api/reports/{draft1['id']}/accept")[0] == 409

    # 24 March: the heads sign; the reports reach the office.
    with clock.frozen_at(dt.datetime(2022, 3, 24, 10, 0)):
        signed = fgw_head.ok("post", f"/api/reports/{draft1['id']}/approve")
        assert signed["approved_by"] == "fgw_head" and signed["approved_at"].startswith(
            "2022-03-24"
        )
        czj_head.ok("post", f"/api/reports/{draft2['id']}/approve")
        assert states(office, task1.pk, "2022-Q1") == {"approved": 1}
        lights = office.ok("get", "/api/obligations", period="2022-Q1")["items"]
        assert {i["task"]["id"]: i["standing"] for i in lights} == {
            task1.pk: "on_time",
            task2.pk: "behind",
            world.tasks[2].pk: "due_soon",
        }

    # 28 March: the office returns task 1's report, accepts task 2's.
    with clock.frozen_at(dt.datetime(2022, 3, 28, 9, 0)):
        assert office.post(f"/api/reports/{draft1['id']}/return", {"comment": ""})[0] == 422
        returned = office.ok(
            "post", f"/api/reports/{draft1['id']}/return", {"comment": "请补充评估结论和数据。"}
        )
        assert returned["state"] == "returned"
        office.ok("post", f"/api/reports/{draft2['id']}/accept", {"comment": "收悉"})
    task2.refresh_from_db()
    assert (task2.progress_status, task2.percent, task2.actuals) == ("behind", 20, [5.2])
    returned_note = Notification.objects.filter(key=f"report-returned-{draft1['id']}")
    assert sorted(returned_note.values_list("user__username", flat=True)) == ["fgw", "fgw_head"]
    assert "请补充评估结论和数据" in returned_note.first().text

    # 29 March: task 1's lead unit revises, resubmits, signs; the office accepts.
    with clock.frozen_at(dt.datetime(2022, 3, 29, 9, 0)):
        revised = fgw.ok("post", f"/api/reports/{draft1['id']}/revise")
        assert (revised["version"], revised["state"], revised["based_on"]) == (
            2,
            "draft",
            draft1["id"],
        )
        assert revised["progress"].startswith("牵头完成中期评估。")
        fgw.ok(
            "post",
            f"/api/obligations/{q1_task1.pk}/draft",
            {
                "progress": revised["progress"] + "评估结论：主要指标进度符合预期。",
                "percent": 40,
            },
        )
        # The returned first version is still on record, unchanged.
        first = fgw.ok("get", f"/api/reports/{draft1['id']}")
        assert (first["state"], first["percent"]) == ("returned", 30)
        assert first["review_comment"] == "请补充评估结论和数据。"
        fgw.ok("post", f"/api/reports/{revised['id']}/submit", {"idempotency_key": "q1-t1-v2"})
        fgw_head.ok("post", f"/api/reports/{revised['id']}/approve")
        accepted = office.ok("post", f"/api/reports/{revised['id']}/accept")
        assert accepted["state"] == "accepted" and accepted["reviewed_by"] == "admin"
    assert versions(q1_task1.pk) == [(1, "returned"), (2, "accepted")]
    assert versions(q1_task2.pk) == [(1, "accepted")]
    assert states(office, task1.pk, "2022-Q1") == {"accepted": 1}
    task1.refresh_from_db()
    assert (task1.progress_status, task1.percent) == ("on_track", 40)
    assert Report.objects.filter(obligation__rule__kind="lead_quarterly").count() == 3

    # 30 March: an extension for task 2 and a closure for task 1, decided by the office.
    with clock.frozen_at(dt.datetime(2022, 3, 30, 9, 0)):
        assert (
            czj.post(
                f"/api/tasks/{task2.pk}/extension", {"reason": "项目延后", "new_due": "2022-06-01"}
            )[0]
            == 422
        )
        extension = czj.ok(
            "post",
            f"/api/tasks/{task2.pk}/extension",
            {"reason": "重点项目开工延后，收入入库推迟", "new_due": "2022-09-30"},
            expect=201,
        )
        assert (
            czj.post(
                f"/api/tasks/{task2.pk}/extension", {"reason": "再次申请", "new_due": "2022-10-30"}
            )[0]
            == 409
        )
        assert fgw.post(f"/api/tasks/{task2.pk}/closure", {"reason": "已完成"})[0] == 403
        closure = fgw.ok(
            "post",
            f"/api/tasks/{task1.pk}/closure",
            {"reason": "中期评估报告已印发"},
            expect=201,
        )
        evidence = fgw.upload(
            f"/api/requests/{closure['id']}/attachments", "评估报告.pdf", pdf_bytes()
        )
        assert evidence[0] == 201 and evidence[1]["kind"] == "pdf"
        pending = office.ok("get", "/api/requests", state="pending")
        assert pending["count"] == 2
    with clock.frozen_at(dt.datetime(2022, 3, 31, 9, 0)):
        office.ok("post", f"/api/requests/{extension['id']}/decide", {"approve": True})
        decided = office.ok(
            "post",
            f"/api/requests/{closure['id']}/decide",
            {"approve": True, "comment": "同意办结"},
        )
        assert decided["state"] == "approved"
        assert office.post(f"/api/requests/{closure['id']}/decide", {"approve": False})[0] == 409
    task1.refresh_from_db()
    task2.refresh_from_db()
    assert task2.due == dt.date(2022, 9, 30) and task2.state == "active"
    assert Obligation.objects.filter(task=task2).count() == 12 + 4
    assert task1.state == "closed" and task1.progress_status == "done"
    assert task1.closed_at.date() == dt.date(2022, 3, 31)
    # Task 1 owes nothing more: its unstarted April–December reports are gone.
    assert Obligation.objects.filter(task=task1).count() == 3 + 1
    assert Obligation.objects.count() == total_obligations - 9 - 3
    assert office.ok("get", "/api/requests", state="approved")["count"] == 2
    assert office.ok("get", f"/api/tasks/{task1.pk}")["state"] == "closed"

    # Everything is on task 1's timeline, in time order.
    events = office.ok("get", f"/api/tasks/{task1.pk}/timeline")
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert Counter(e["kind"] for e in events) == {
        "receipt": 2,
        "submitted": 5,
        "approved": 2,
        "returned": 1,
        "accepted": 1,
        "requested": 1,
        "decided": 1,
    }
    assert events[-1]["text"] == "政府办同意办结申请，意见：同意办结"

    # Who was told what: heads asked to sign, the returned unit, the decided
    # requests; the office, of every signed report and every request filed.
    sent = Counter(Notification.objects.values_list("user__username", flat=True))
    to_office = Report.objects.exclude(approved_at=None).count() + Request.objects.count()
    assert to_office == 3 + 2
    assert sent == {
        "fgw_head": 4,
        "czj_head": 2,
        "fgw": 2,
        "czj": 1,
        "admin": to_office,
        "inspector": to_office,
    }
    assert fgw.ok("get", "/api/notifications")["unread"] == 2
