"""The permission matrix: every URL and every API operation, for every persona,
on its own and on other units' objects (see personas.py for who may do what).

Management pages answer 403 to any non-administrator before looking anything up
(so they reveal nothing about which ids exist), and 404 to an administrator of
another government; reading pages answer 404 for objects outside the scope.

Each row names a route and the status each persona gets; personas not named get
the row's `rest`. Every denied persona is also tried with POST, and a denied
request must change nothing (no audit entry). The matrix is checked to be
complete: a new URL or API operation without a row fails the test.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from duban.api import api as ninja_api
from duban.audit.models import AuditEntry
from duban.ledger.importing import import_notice
from duban.reporting import flow
from duban.reporting.models import Obligation, Report
from web.personas import NOTICE, PASSWORD

PERSONAS = ["admin", "inspector", "fgw", "fgw_head", "czj", "town", "jyj", "leader", "other_admin"]
OFFICE = {"admin": 200, "inspector": 200}
GOVERNMENT_USERS = dict.fromkeys(PERSONAS[:-1], 200)
DENIED = {403, 404, 405}


@dataclass
class Row:
    """One route: its name (HTML) or "METHOD /api/path", how to build its URL from the
    world and a draft plan, the method, and the expected status per persona."""

    route: str
    url: object
    method: str = "get"
    expect: dict[str, int] = field(default_factory=dict)
    rest: int = 403
    anonymous: int = 302
    # What a POST sends: a JSON body (a dict, or a function of nothing for
    # values of the day) or, with `upload`, a multipart PNG file.
    body: object = None
    upload: bool = False
    # What an HTML form POST sends (form-encoded, files as multipart): a dict or
    # a function of nothing.
    data: object = None

    def status(self, persona: str) -> int:
        return self.expect.get(persona, self.rest)


def task(k):
    return lambda w, d: w.tasks[k].pk


HTML = [
    Row("home", lambda w, d: reverse("home"), expect=dict.fromkeys(PERSONAS, 302)),
    Row("accounts:login", lambda w, d: reverse("accounts:login"), rest=302, anonymous=200),
    Row("accounts:logout", lambda w, d: reverse("accounts:logout"), method="post", rest=302),
    Row("accounts:password", lambda w, d: reverse("accounts:password"), rest=200),
    # Everyone may end all of their own sessions (and only their own).
    Row("accounts:logout_everywhere", lambda w, d: reverse("accounts:logout_everywhere"),
        method="post", data={"password": PASSWORD}, rest=302),
    Row("accounts:users", lambda w, d: reverse("accounts:users"),
        expect={"admin": 200, "other_admin": 200}),
    Row("accounts:new_user", lambda w, d: reverse("accounts:new_user"),
        expect={"admin": 200, "other_admin": 200}),
    Row("accounts:edit_user", lambda w, d: reverse("accounts:edit_user", args=[w.users["fgw"].pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("ledger:plans", lambda w, d: reverse("ledger:plans"), rest=200),
    Row("ledger:import", lambda w, d: reverse("ledger:import"),
        expect={"admin": 200, "other_admin": 200}),
    Row("ledger:plan", lambda w, d: reverse("ledger:plan", args=[w.plan.pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("ledger:plan (draft)", lambda w, d: reverse("ledger:plan", args=[d.pk]),
        expect=OFFICE, rest=404),
    Row("ledger:tasks", lambda w, d: reverse("ledger:tasks", args=[w.plan.pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("ledger:review", lambda w, d: reverse("ledger:review", args=[d.pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("ledger:review (active plan)", lambda w, d: reverse("ledger:review", args=[w.plan.pk]),
        expect={"admin": 200, "other_admin": 404}, rest=403),
    Row("ledger:decide_name",
        lambda w, d: reverse("ledger:decide_name", args=[d.pk, d.resolutions.first().pk]),
        method="post", expect={"admin": 302, "other_admin": 404}),
    Row("ledger:edit_task",
        lambda w, d: reverse("ledger:edit_task", args=[d.pk, d.tasks.first().pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("ledger:confirm", lambda w, d: reverse("ledger:confirm", args=[d.pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("ledger:discard", lambda w, d: reverse("ledger:discard", args=[d.pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("ledger:task (task 1: fgw leads, town via collective, leader leads)",
        lambda w, d: reverse("ledger:task", args=[w.tasks[0].pk]),
        expect={**OFFICE, "fgw": 200, "fgw_head": 200, "town": 200, "leader": 200}, rest=404),
    Row("ledger:task (task 3: jyj's)", lambda w, d: reverse("ledger:task", args=[w.tasks[2].pk]),
        expect={**OFFICE, "jyj": 200}, rest=404),
    Row("ledger:my_unit", lambda w, d: reverse("ledger:my_unit"),
        expect={p: 200 for p in ("fgw", "fgw_head", "czj", "town", "jyj")}, rest=302),
    Row("ledger:my_tasks", lambda w, d: reverse("ledger:my_tasks"),
        expect={"leader": 200}, rest=302),
    Row("directory:units", lambda w, d: reverse("directory:units"), rest=200),
    Row("directory:new_unit", lambda w, d: reverse("directory:new_unit"),
        expect={"admin": 200, "other_admin": 200}),
    Row("directory:import_units", lambda w, d: reverse("directory:import_units"),
        expect={"admin": 200, "other_admin": 200}),
    Row("directory:pick_unit", lambda w, d: reverse("directory:pick_unit") + "?q=fgw", rest=200),
    Row("directory:unit", lambda w, d: reverse("directory:unit", args=[w.units["fgw"].pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("directory:edit_unit",
        lambda w, d: reverse("directory:edit_unit", args=[w.units["fgw"].pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("directory:people", lambda w, d: reverse("directory:people"), rest=200),
    Row("directory:person", lambda w, d: reverse("directory:person", args=[_person(w).pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("directory:edit_person",
        lambda w, d: reverse("directory:edit_person", args=[_person(w).pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("audit:log", lambda w, d: reverse("audit:log"), expect={"admin": 200, "other_admin": 200}),
]  # fmt: skip

API = [
    Row("GET /api/plans", lambda w, d: "/api/plans", rest=200, anonymous=401),
    Row("POST /api/plans/import", lambda w, d: "/api/plans/import", method="post",
        expect={"admin": 201, "other_admin": 201}, anonymous=401),
    Row("GET /api/plans/{plan_id}", lambda w, d: f"/api/plans/{w.plan.pk}",
        expect=GOVERNMENT_USERS, rest=404, anonymous=401),
    Row("GET /api/plans/{plan_id} (draft)", lambda w, d: f"/api/plans/{d.pk}",
        expect=OFFICE, rest=404, anonymous=401),
    Row("POST /api/plans/{plan_id}/confirm", lambda w, d: f"/api/plans/{d.pk}/confirm",
        method="post", expect={"admin": 200, "inspector": 403}, rest=404, anonymous=401),
    Row("GET /api/plans/{plan_id}/tasks", lambda w, d: f"/api/plans/{w.plan.pk}/tasks",
        expect=GOVERNMENT_USERS, rest=404, anonymous=401),
    Row("GET /api/tasks/{task_id}", lambda w, d: f"/api/tasks/{w.tasks[0].pk}",
        expect={**OFFICE, "fgw": 200, "fgw_head": 200, "town": 200, "leader": 200},
        rest=404, anonymous=401),
    Row("GET /api/tasks/{task_id} (jyj's)", lambda w, d: f"/api/tasks/{w.tasks[2].pk}",
        expect={**OFFICE, "jyj": 200}, rest=404, anonymous=401),
    Row("GET /api/units", lambda w, d: "/api/units", rest=200, anonymous=401),
    Row("GET /api/units/{unit_id}", lambda w, d: f"/api/units/{w.units['fgw'].pk}",
        expect=GOVERNMENT_USERS, rest=404, anonymous=401),
    Row("GET /api/units/{unit_id}/tasks", lambda w, d: f"/api/units/{w.units['fgw'].pk}/tasks",
        expect={**OFFICE, "fgw": 200, "fgw_head": 200, "leader": 200, "other_admin": 404},
        anonymous=401),
]  # fmt: skip


FGW_SIDE = {**OFFICE, "fgw": 200, "fgw_head": 200, "leader": 200}
TASK1 = {**OFFICE, "fgw": 200, "fgw_head": 200, "town": 200, "leader": 200}
NOT_ACTING = {"admin": 403, "inspector": 403, "leader": 403}


REPORTING_API = [
    Row("GET /api/obligations", lambda w, d: "/api/obligations", rest=200, anonymous=401),
    Row("GET /api/obligations/{obligation_id} (fgw's quarterly report on task 1)",
        lambda w, d: f"/api/obligations/{_q1(w).pk}", expect=FGW_SIDE, rest=404, anonymous=401),
    Row("GET /api/obligations/{obligation_id} (town's monthly input to fgw)",
        lambda w, d: f"/api/obligations/{_month(w).pk}",
        expect={**FGW_SIDE, "town": 200}, rest=404, anonymous=401),
    Row("POST /api/obligations/{obligation_id}/draft",
        lambda w, d: f"/api/obligations/{_q1(w).pk}/draft", method="post",
        body={"progress": "完成中期评估"}, expect={**NOT_ACTING, "fgw": 200, "fgw_head": 200},
        rest=404, anonymous=401),
    Row("GET /api/obligations/{obligation_id}/inputs",
        lambda w, d: f"/api/obligations/{_q1(w).pk}/inputs", expect=FGW_SIDE, rest=404,
        anonymous=401),
    Row("GET /api/reports/{report_id}", lambda w, d: f"/api/reports/{_submitted(w).pk}",
        expect=FGW_SIDE, rest=404, anonymous=401),
    Row("GET /api/reports/{report_id} (draft: its unit only)",
        lambda w, d: f"/api/reports/{_draft(w).pk}",
        expect={"fgw": 200, "fgw_head": 200}, rest=404, anonymous=401),
    Row("POST /api/reports/{report_id}/submit",
        lambda w, d: f"/api/reports/{_draft(w).pk}/submit", method="post",
        body={"idempotency_key": "matrix"}, expect={"fgw": 200, "fgw_head": 200}, rest=404,
        anonymous=401),
    Row("POST /api/reports/{report_id}/approve",
        lambda w, d: f"/api/reports/{_submitted(w).pk}/approve", method="post",
        expect={**NOT_ACTING, "fgw": 403, "fgw_head": 200}, rest=404, anonymous=401),
    Row("POST /api/reports/{report_id}/accept",
        lambda w, d: f"/api/reports/{_approved(w).pk}/accept", method="post", body={},
        expect={"admin": 200, "inspector": 409, "fgw": 403, "fgw_head": 403, "leader": 403},
        rest=404, anonymous=401),
    Row("POST /api/reports/{report_id}/return",
        lambda w, d: f"/api/reports/{_approved(w).pk}/return", method="post",
        body={"comment": "请补充数据"},
        expect={"admin": 200, "inspector": 409, "fgw": 403, "fgw_head": 403, "leader": 403},
        rest=404, anonymous=401),
    Row("POST /api/reports/{report_id}/revise",
        lambda w, d: f"/api/reports/{_returned(w).pk}/revise", method="post",
        expect={**NOT_ACTING, "fgw": 200, "fgw_head": 200}, rest=404, anonymous=401),
    Row("POST /api/reports/{report_id}/attachments",
        lambda w, d: f"/api/reports/{_draft(w).pk}/attachments", method="post", upload=True,
        expect={"fgw": 201, "fgw_head": 201}, rest=404, anonymous=401),
    Row("GET /api/attachments/{attachment_id}",
        lambda w, d: f"/api/attachments/{_evidence(w).pk}", expect=FGW_SIDE, rest=404,
        anonymous=401),
    Row("POST /api/tasks/{task_id}/receipt",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/receipt", method="post",
        expect={**NOT_ACTING, "fgw": 200, "fgw_head": 200, "town": 200}, rest=404,
        anonymous=401),
    Row("POST /api/tasks/{task_id}/extension",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/extension", method="post",
        body=lambda: {"reason": "项目延后", "new_due": str(_later(60))},
        expect={**NOT_ACTING, "fgw": 201, "fgw_head": 409, "town": 403}, rest=404,
        anonymous=401),
    Row("POST /api/tasks/{task_id}/closure",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/closure", method="post",
        body={"reason": "已完成"},
        expect={**NOT_ACTING, "fgw": 201, "fgw_head": 409, "town": 403}, rest=404,
        anonymous=401),
    Row("GET /api/tasks/{task_id}/instructions",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/instructions", body={"text": "抓紧推进"},
        expect=TASK1, rest=404, anonymous=401),
    Row("POST /api/tasks/{task_id}/instructions",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/instructions", method="post",
        body={"text": "抓紧推进"},
        expect={**NOT_ACTING, "fgw": 403, "fgw_head": 403, "town": 403, "leader": 201},
        rest=404, anonymous=401),
    Row("GET /api/tasks/{task_id}/sub-items",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/sub-items", body={"title": "资料收集"},
        expect=TASK1, rest=404, anonymous=401),
    Row("POST /api/tasks/{task_id}/sub-items",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/sub-items", method="post",
        body={"title": "资料收集"},
        expect={**NOT_ACTING, "fgw": 201, "fgw_head": 201, "town": 403}, rest=404,
        anonymous=401),
    Row("GET /api/tasks/{task_id}/timeline",
        lambda w, d: f"/api/tasks/{w.tasks[0].pk}/timeline", expect=TASK1, rest=404,
        anonymous=401),
    Row("POST /api/sub-items/{item_id}",
        lambda w, d: f"/api/sub-items/{_sub_item(w).pk}", method="post", body={"done": True},
        expect={**NOT_ACTING, "fgw": 200, "fgw_head": 200, "town": 403}, rest=404,
        anonymous=401),
    Row("GET /api/requests", lambda w, d: "/api/requests", rest=200, anonymous=401),
    Row("POST /api/requests/{request_id}/decide",
        lambda w, d: f"/api/requests/{_extension(w).pk}/decide", method="post",
        body={"approve": True},
        expect={"admin": 200, "inspector": 409, "fgw": 403, "fgw_head": 403, "town": 403,
                "leader": 403}, rest=404, anonymous=401),
    Row("POST /api/requests/{request_id}/attachments",
        lambda w, d: f"/api/requests/{_extension(w).pk}/attachments", method="post",
        upload=True,
        expect={**NOT_ACTING, "fgw": 201, "fgw_head": 201, "town": 403}, rest=404,
        anonymous=401),
    Row("POST /api/instructions/{instruction_id}/answer",
        lambda w, d: f"/api/instructions/{_instruction(w).pk}/answer", method="post",
        body={"text": "已落实"},
        expect={**NOT_ACTING, "fgw": 200, "fgw_head": 200, "town": 403}, rest=404,
        anonymous=401),
    Row("GET /api/notifications", lambda w, d: "/api/notifications", rest=200, anonymous=401),
    Row("POST /api/notifications/read", lambda w, d: "/api/notifications/read", method="post",
        body={}, rest=200, anonymous=401),
]  # fmt: skip
API += REPORTING_API

UNIT_MEMBERS = {p: 200 for p in ("fgw", "fgw_head", "czj", "town", "jyj")}
FGW_FILES = {"fgw": 302, "fgw_head": 302}
OFFICE_ACTS = {"admin": 302, "inspector": 302, "fgw": 403, "fgw_head": 403, "leader": 403}
FGW_LEADS = {**NOT_ACTING, "town": 403}
REPORT_FORM = {"status": "on_track", "progress": "完成中期评估资料收集", "action": "save"}


def _report_form() -> dict:
    """The report form as the page sends it: with the draft's current lock_version."""
    return {**REPORT_FORM, "lock_version": Report.objects.get(state="draft").lock_version}


REPORTING_HTML = [
    Row("reporting:obligations", lambda w, d: reverse("reporting:obligations"),
        expect=UNIT_MEMBERS),
    Row("reporting:obligation (fgw's quarterly report on task 1)",
        lambda w, d: reverse("reporting:obligation", args=[_q1(w).pk]), expect=FGW_SIDE,
        rest=404),
    Row("reporting:obligation (town's monthly input to fgw)",
        lambda w, d: reverse("reporting:obligation", args=[_month(w).pk]),
        expect={**FGW_SIDE, "town": 200}, rest=404),
    Row("reporting:start", lambda w, d: reverse("reporting:start", args=[_q1(w).pk]),
        method="post", expect={**NOT_ACTING, **FGW_FILES}, rest=404),
    Row("reporting:report", lambda w, d: reverse("reporting:report", args=[_submitted(w).pk]),
        expect=FGW_SIDE, rest=404),
    Row("reporting:report (draft: its unit only)",
        lambda w, d: reverse("reporting:report", args=[_draft(w).pk]),
        expect={"fgw": 200, "fgw_head": 200}, rest=404),
    Row("reporting:save", lambda w, d: reverse("reporting:save", args=[_draft(w).pk]),
        method="post", data=_report_form, expect=FGW_FILES, rest=404),
    Row("reporting:autosave", lambda w, d: reverse("reporting:autosave", args=[_draft(w).pk]),
        method="post", data=_report_form, expect=FGW_FILES, rest=404),
    Row("reporting:revise", lambda w, d: reverse("reporting:revise", args=[_returned(w).pk]),
        method="post", expect={**NOT_ACTING, **FGW_FILES}, rest=404),
    Row("reporting:upload", lambda w, d: reverse("reporting:upload", args=[_draft(w).pk]),
        method="post", data=lambda: {"files": _png_file()}, expect=FGW_FILES, rest=404),
    Row("reporting:attachment",
        lambda w, d: reverse("reporting:attachment", args=[_evidence(w).pk]), expect=FGW_SIDE,
        rest=404),
    Row("reporting:approve", lambda w, d: reverse("reporting:approve", args=[_submitted(w).pk]),
        method="post", expect={**NOT_ACTING, "fgw": 403, "fgw_head": 302}, rest=404),
    Row("reporting:accept", lambda w, d: reverse("reporting:accept", args=[_approved(w).pk]),
        method="post", data={"comment": ""}, expect=OFFICE_ACTS, rest=404),
    Row("reporting:return", lambda w, d: reverse("reporting:return", args=[_approved(w).pk]),
        method="post", data={"comment": "请补充数据"}, expect=OFFICE_ACTS, rest=404),
    Row("reporting:approvals", lambda w, d: reverse("reporting:approvals"),
        expect={"fgw_head": 200}),
    Row("reporting:review", lambda w, d: reverse("reporting:review"),
        expect={**OFFICE, "other_admin": 200}),
    Row("reporting:decide", lambda w, d: reverse("reporting:decide", args=[_extension(w).pk]),
        method="post", data={"decision": "approve"}, expect={**OFFICE_ACTS, "town": 403},
        rest=404),
    Row("reporting:receipt", lambda w, d: reverse("reporting:receipt", args=[w.tasks[0].pk]),
        method="post", expect={**NOT_ACTING, "fgw": 302, "fgw_head": 302, "town": 302},
        rest=404),
    Row("reporting:add_sub_item",
        lambda w, d: reverse("reporting:add_sub_item", args=[w.tasks[0].pk]),
        expect={**FGW_LEADS, "fgw": 200, "fgw_head": 200}, rest=404),
    Row("reporting:sub_item_done",
        lambda w, d: reverse("reporting:sub_item_done", args=[_sub_item(w).pk]), method="post",
        data={"done": "1"}, expect={**FGW_LEADS, **FGW_FILES}, rest=404),
    Row("reporting:extension", lambda w, d: reverse("reporting:extension", args=[w.tasks[0].pk]),
        expect={**FGW_LEADS, "fgw": 200, "fgw_head": 200}, rest=404),
    Row("reporting:closure", lambda w, d: reverse("reporting:closure", args=[w.tasks[0].pk]),
        expect={**FGW_LEADS, "fgw": 200, "fgw_head": 200}, rest=404),
    Row("reporting:instruct", lambda w, d: reverse("reporting:instruct", args=[w.tasks[0].pk]),
        expect={**FGW_LEADS, "fgw": 403, "fgw_head": 403, "leader": 200}, rest=404),
    Row("reporting:answer",
        lambda w, d: reverse("reporting:answer", args=[_instruction(w).pk]),
        expect={**FGW_LEADS, "fgw": 200, "fgw_head": 200}, rest=404),
    Row("reporting:notifications", lambda w, d: reverse("reporting:notifications"), rest=200),
    Row("reporting:read_all", lambda w, d: reverse("reporting:read_all"), method="post",
        rest=302),
    Row("reporting:read (fgw's own notification)",
        lambda w, d: reverse("reporting:read", args=[_notification(w, "fgw").pk]),
        method="post", expect={"fgw": 302}, rest=404),
    Row("reporting:settings", lambda w, d: reverse("reporting:settings"),
        expect={"admin": 200, "other_admin": 200}),
    Row("reporting:rules", lambda w, d: reverse("reporting:rules", args=[w.plan.pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("reporting:add_rule", lambda w, d: reverse("reporting:add_rule", args=[w.plan.pk]),
        method="post", data={"kind": "preset", "preset": "fixed_half_q3_year", "first_month": 1},
        expect={"admin": 302, "other_admin": 404}),
    Row("reporting:generate_rule",
        lambda w, d: reverse("reporting:generate_rule", args=[_rule(w).pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("reporting:deactivate_rule",
        lambda w, d: reverse("reporting:deactivate_rule", args=[_rule(w).pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("reporting:export",
        lambda w, d: reverse("reporting:export", args=[w.plan.pk, "ledger"]),
        expect={**OFFICE, "other_admin": 404}),
    # The holiday table is the deployment's (official holidays are national).
    Row("reporting:holidays", lambda w, d: reverse("reporting:holidays"),
        expect={"admin": 200, "other_admin": 200}),
    Row("reporting:edit_holiday",
        lambda w, d: reverse("reporting:edit_holiday", args=[_holiday().pk]),
        expect={"admin": 200, "other_admin": 200}),
    # Deleting is idempotent: whoever comes second finds the row gone and is told so.
    Row("reporting:delete_holiday",
        lambda w, d: reverse("reporting:delete_holiday", args=[_holiday().pk]), method="post",
        expect={"admin": 302, "other_admin": 302}),
    # Reminder channels are each government's own.
    Row("reporting:channels", lambda w, d: reverse("reporting:channels"),
        expect={"admin": 200, "other_admin": 200}),
    Row("reporting:edit_channel",
        lambda w, d: reverse("reporting:edit_channel", args=[_channel(w).pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("reporting:channel_active",
        lambda w, d: reverse("reporting:channel_active", args=[_channel(w).pk]), method="post",
        data={"active": "0"}, expect={"admin": 302, "other_admin": 404}),
    Row("reporting:test_channel",
        lambda w, d: reverse("reporting:test_channel", args=[_channel(w).pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("reporting:delete_channel",
        lambda w, d: reverse("reporting:delete_channel", args=[_channel(w).pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
]  # fmt: skip
HTML += REPORTING_HTML

# Dashboards: the office reads the plan's; a leader is sent to the cockpit
# (the tasks the leader leads); units have none.
DASHBOARD_HTML = [
    Row("dashboards:plan", lambda w, d: reverse("dashboards:plan", args=[w.plan.pk]),
        expect={**OFFICE, "leader": 302, "other_admin": 404}),
    Row("dashboards:plan (draft)", lambda w, d: reverse("dashboards:plan", args=[d.pk]),
        expect={**OFFICE, "leader": 302, "other_admin": 404}),
    Row("dashboards:cockpit", lambda w, d: reverse("dashboards:cockpit"),
        expect={"leader": 200}),
    Row("dashboards:cockpit (a draft plan)",
        lambda w, d: reverse("dashboards:cockpit") + f"?plan={d.pk}", expect={"leader": 404}),
]  # fmt: skip
HTML += DASHBOARD_HTML

# Inspection: spot checks are the office's working papers (403 to anyone else
# before any lookup, 404 to another government's office); findings and their
# evidence are read by whoever sees the task.
INSPECTION_HTML = [
    Row("inspection:spot_checks", lambda w, d: reverse("inspection:spot_checks"),
        expect={**OFFICE, "other_admin": 200}),
    Row("inspection:new_spot_check", lambda w, d: reverse("inspection:new_spot_check"),
        expect={**OFFICE, "other_admin": 200}),
    Row("inspection:spot_check",
        lambda w, d: reverse("inspection:spot_check", args=[_spot_check(w).pk]),
        expect={**OFFICE, "other_admin": 404}),
    Row("inspection:record_finding",
        lambda w, d: reverse("inspection:record_finding",
                             args=[_spot_check(w).pk, w.tasks[0].pk]),
        expect={**OFFICE, "other_admin": 404}),
    Row("inspection:findings", lambda w, d: reverse("inspection:findings"), rest=200),
    Row("inspection:evidence (on task 1)",
        lambda w, d: reverse("inspection:evidence", args=[_finding_evidence(w).pk]),
        expect={**FGW_SIDE, "town": 200}, rest=404),
    Row("inspection:inspectors",
        lambda w, d: reverse("inspection:inspectors", args=[w.tasks[0].pk]),
        method="post", data={}, expect={"admin": 302, "other_admin": 404}),
]  # fmt: skip
HTML += INSPECTION_HTML

# Bulletins: the office of the government composes, edits and issues them
# (403 to anyone else before any lookup, 404 to another government's office);
# everyone of the government reads and downloads the issued ones, never drafts.
# Assessment scores are the office's; the scheme's weights its administrators'.
BULLETIN_HTML = [
    Row("bulletins:index", lambda w, d: reverse("bulletins:index"), rest=200),
    Row("bulletins:new", lambda w, d: reverse("bulletins:new"), method="post",
        data=lambda: {"plan": _active_plan().pk, "period": "2022-Q1"},
        expect={"admin": 302, "inspector": 302, "other_admin": 404}),
    Row("bulletins:detail (issued)",
        lambda w, d: reverse("bulletins:detail", args=[_bulletin(w, issued=True).pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("bulletins:detail (draft)",
        lambda w, d: reverse("bulletins:detail", args=[_bulletin(w).pk]), expect=OFFICE,
        rest=404),
    Row("bulletins:save", lambda w, d: reverse("bulletins:save", args=[_bulletin(w).pk]),
        method="post", data={"title": "通报", "body": "一、总体情况"},
        expect={"admin": 302, "inspector": 302, "other_admin": 404}),
    Row("bulletins:issue", lambda w, d: reverse("bulletins:issue", args=[_bulletin(w).pk]),
        method="post", data={"number": "平政督〔2022〕8号"},
        expect={"admin": 302, "inspector": 302, "other_admin": 404}),
    Row("bulletins:docx (issued)",
        lambda w, d: reverse("bulletins:docx", args=[_bulletin(w, issued=True).pk]),
        expect=GOVERNMENT_USERS, rest=404),
    # The PDF needs LibreOffice; without it the page explains that (a redirect).
    Row("bulletins:pdf (draft)", lambda w, d: reverse("bulletins:pdf", args=[_bulletin(w).pk]),
        expect=dict.fromkeys(OFFICE, 200 if shutil.which("soffice") else 302), rest=404),
    Row("bulletins:assessment", lambda w, d: reverse("bulletins:assessment"),
        expect={**OFFICE, "other_admin": 200}),
    Row("bulletins:unit_score",
        lambda w, d: reverse("bulletins:unit_score", args=[w.plan.pk, w.units["fgw"].pk]),
        expect={**OFFICE, "other_admin": 404}),
    Row("bulletins:scheme", lambda w, d: reverse("bulletins:scheme"),
        expect={"admin": 200, "other_admin": 200}),
]  # fmt: skip
HTML += BULLETIN_HTML


def _active_plan():
    from duban.ledger.models import Plan

    return Plan.objects.filter(status="active").order_by("pk").first()


def _bulletin(world, issued=False):
    from duban.inspection import bulletins
    from duban.inspection.models import Bulletin

    state = Bulletin.State.ISSUED if issued else Bulletin.State.DRAFT
    found = Bulletin.objects.filter(plan=world.plan, state=state).first()
    if found:
        return found
    made = bulletins.create_draft(world.users["admin"], world.plan, "2022-Q1")
    return bulletins.issue(world.users["admin"], made, "平政督〔2022〕1号") if issued else made


INSPECTION_API = [
    Row("GET /api/spot-checks", lambda w, d: "/api/spot-checks", body=lambda: _spot_check_body(),
        expect={**OFFICE, "other_admin": 200}, anonymous=401),
    Row("POST /api/spot-checks", lambda w, d: "/api/spot-checks", method="post",
        body=lambda: _spot_check_body(),
        expect={"admin": 201, "inspector": 201, "other_admin": 404}, anonymous=401),
    Row("GET /api/spot-checks/{check_id}",
        lambda w, d: f"/api/spot-checks/{_spot_check(w).pk}",
        expect={**OFFICE, "other_admin": 404}, anonymous=401),
    Row("POST /api/spot-checks/{check_id}/findings",
        lambda w, d: f"/api/spot-checks/{_spot_check(w).pk}/findings", method="post",
        data=lambda: _finding_form(),
        expect={"admin": 201, "inspector": 201, "other_admin": 404}, anonymous=401),
    Row("GET /api/findings", lambda w, d: "/api/findings", rest=200, anonymous=401),
]  # fmt: skip
API += INSPECTION_API


def _spot_check(world):
    """A spot check drawing every task of the plan (size 3), so task 1 is drawn."""
    from duban.inspection.draw import create_spot_check

    return create_spot_check(
        world.users["inspector"], world.plan, "矩阵抽查", "random", "none", 3, seed="matrix"
    )


def _spot_check_body():
    from duban.ledger.models import Plan

    plan = Plan.objects.filter(status="active").order_by("pk").first()
    return {"plan": plan.pk, "size": 1, "seed": "matrix"}


def _finding_form():
    from duban.inspection.models import SpotCheck

    task = SpotCheck.objects.order_by("pk").first().drawn[0]
    return {"task": task, "verdict": "issue", "text": "进度滞后", "found_on": "2022-04-10",
            "files": _png_file()}  # fmt: skip


def _finding_evidence(world):
    from duban.inspection.findings import record_with_evidence

    finding = record_with_evidence(
        world.users["inspector"], world.tasks[0], "issue", "进度滞后", "2022-04-10",
        files=[_png_file()],
    )  # fmt: skip
    return finding.evidence.get()


def _notification(world, persona):
    _instruction(world)
    return world.users[persona].notifications.first()


def _rule(world):
    return world.plan.reporting_rules.order_by("pk").first()


def _channel(world):
    """A WeCom robot whose address refuses connections at once: the test send
    fails fast, and that failure is a message on the page, not an error."""
    from duban.reporting.models import Channel
    from web.reporting.remind_servers import free_port

    url = f"http://127.0.0.1:{free_port()}/cgi-bin/webhook/send?key=matrix"
    return Channel.objects.get_or_create(
        government=world.government, kind=Channel.Kind.WECOM, defaults={"target": url}
    )[0]


def _holiday():
    from duban.reporting.models import Holiday

    return Holiday.objects.order_by("date").first()


def _png_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("现场照片.png", _png())


def _q1(world):
    return Obligation.objects.get(task=world.tasks[0], unit=world.units["fgw"], period="2022-Q1")


def _month(world):
    return Obligation.objects.get(task=world.tasks[0], unit=world.units["town"], period="2022-01")


def _draft(world):
    report = flow.draft_for(world.users["fgw"], _q1(world))
    return flow.save_draft(world.users["fgw"], report, progress="完成中期评估资料收集")


def _submitted(world):
    return flow.submit(world.users["fgw"], _draft(world))


def _approved(world):
    return flow.approve(world.users["fgw_head"], _submitted(world))


def _returned(world):
    return flow.return_report(world.users["admin"], _approved(world), "请补充数据")


def _evidence(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = _draft(world)
    attachment = flow.add_attachment(
        world.users["fgw"], report, SimpleUploadedFile("照片.png", _png())
    )
    flow.submit(world.users["fgw"], report)
    return attachment


def _extension(world):
    return flow.request_extension(world.users["fgw"], world.tasks[0], "项目延后", _later(60))


def _instruction(world):
    return flow.instruct(world.users["leader"], world.tasks[0], "抓紧推进")


def _sub_item(world):
    return flow.add_sub_item(world.users["fgw"], world.tasks[0], "资料收集")


def _later(days: int):
    import datetime as dt

    from duban import clock

    return clock.today() + dt.timedelta(days=days)


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 128, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def _person(world):
    return world.government.people.get(name="苏铨烨")


@pytest.fixture
def draft(world):
    """A draft of the next year's notice: only the office sees drafts."""
    return import_notice(NOTICE.replace("2022", "2023").encode(), "2023.txt", world.government)


def _request(client: Client, row: Row, url: str, method: str):
    if method == "post" and row.data is not None:
        return client.post(url, row.data() if callable(row.data) else row.data)
    if method == "post" and row.upload:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(url, {"file": SimpleUploadedFile("现场照片.png", _png())})
    if method == "post" and row.body is not None:
        body = row.body() if callable(row.body) else row.body
        return client.post(url, body, content_type="application/json")
    if row.route == "POST /api/plans/import" and method == "post":
        return client.post(url, {"file": _notice_file()})
    if row.route.endswith("/confirm") and method == "post":
        return client.post(url, {"create_missing_units": True}, content_type="application/json")
    return getattr(client, method)(url)


def _notice_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("n.txt", NOTICE.replace("2022", "2024").encode())


def _check(row: Row, world, draft, make_client) -> None:
    url = row.url(world, draft)
    anonymous = _request(Client(), row, url, row.method)
    assert anonymous.status_code == row.anonymous, f"{row.route} anonymous"
    # Denied personas first, so an allowed change does not alter what they meet;
    # a 409 (already done) is what an allowed persona meets after another's change.
    order = sorted(PERSONAS, key=lambda p: row.status(p) < 300 or row.status(p) in (302, 409))
    for persona in order:
        expected = row.status(persona)
        client = make_client(persona)
        before = AuditEntry.objects.exclude(action__in=("login", "login_failed")).count()
        response = _request(client, row, url, row.method)
        assert response.status_code == expected, f"{row.route} as {persona}"
        if expected in (403, 404):
            if row.method == "get":
                posted = _request(client, row, url, "post")
                assert posted.status_code in DENIED, f"POST {row.route} as {persona}"
            after = AuditEntry.objects.exclude(action__in=("login", "login_failed")).count()
            assert after == before, f"{row.route} as {persona} changed something"


@pytest.mark.parametrize("row", HTML, ids=[r.route for r in HTML])
def test_every_page_for_every_persona(row, world, draft, login):
    _check(row, world, draft, login)


@pytest.mark.parametrize("row", API, ids=[r.route for r in API])
def test_every_api_operation_for_every_persona(row, world, draft, api):
    _check(row, world, draft, api)


def test_the_matrix_covers_every_url():
    names = {r.route.split(" ")[0] for r in HTML}
    assert set(_url_names(get_resolver())) - {"api"} <= names | _api_names()


def test_the_matrix_covers_every_api_operation():
    schema = ninja_api.get_openapi_schema()
    operations = {
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
    }
    covered = {" ".join(r.route.split(" ")[:2]) for r in API} | {"POST /api/auth/token"}
    assert operations == covered


def _api_names() -> set[str]:
    return {name for name in _url_names(get_resolver()) if name.startswith("api:")}


def _url_names(resolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name
