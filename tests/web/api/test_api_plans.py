"""Plans through the API: importing real notices, confirming them, reading them per persona."""

from __future__ import annotations

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.audit.models import AuditEntry
from duban.directory.models import Person, Unit
from duban.ledger.models import Plan
from web.personas import NOTICE

# A later year, so it is a new plan rather than a revision of the active 2022 one;
# 区住建局 and 李四 are in no directory yet.
NOTICE_2023 = """海东市平安区人民政府办公室关于印发2023年政府工作报告任务分工方案的通知
平政办〔2023〕5号

一、城乡建设
1. 改造老旧小区10个。
牵头领导：李四
牵头单位：区住建局
责任单位：区发改局
2. 完成年度财政预算执行。
牵头领导：王强
牵头单位：区财政局

海东市平安区人民政府办公室
2023年3月1日
"""


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(client, name: str, data: bytes, **fields):
    return client.post("/api/plans/import", {"file": SimpleUploadedFile(name, data), **fields})


def test_importing_a_text_notice_makes_a_draft_revision_of_the_active_plan(world, api):
    answer = _upload(api("admin"), "通知.txt", NOTICE.encode())
    assert answer.status_code == 201
    body = answer.json()
    plan = Plan.objects.get(pk=body["id"])
    assert body["tasks"] == 3 and body["status"] == "draft"
    assert body["revises"] == world.plan.pk and body["unresolved"] == 0
    assert isinstance(body["diagnostics"], list)
    assert plan.source_name == "通知.txt" and plan.created_by == world.users["admin"]
    entry = AuditEntry.objects.get(action="import", object_id=str(plan.pk))
    assert entry.actor == world.users["admin"] and entry.via == "api"


def test_importing_a_word_notice_reads_its_header_tasks_and_open_names(world, api):
    answer = _upload(api("admin"), "2023年分工方案.docx", _docx(NOTICE_2023))
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["tasks"] == 2 and body["revises"] is None
    assert body["unresolved"] == 2, "区住建局 and 李四 are not in the directory"

    plan = api("admin").get(f"/api/plans/{body['id']}").json()
    assert plan["doc_number"] == "平政办〔2023〕5号" and plan["year"] == 2023
    assert plan["issue_date"] == "2023-03-01" and plan["status"] == "draft"
    assert plan["government"] == {"id": world.government.pk, "name": "海东市平安区"}
    assert plan["tasks"] == {"total": 2, "active": 2, "closed": 0, "abolished": 0}


def test_only_office_administrators_import(world, api):
    for persona in ("inspector", "fgw", "leader"):
        answer = _upload(api(persona), "通知.txt", NOTICE.encode())
        assert answer.status_code == 403, persona
        assert "管理员" in answer.json()["detail"]
    assert Plan.objects.count() == 1


def test_an_administrator_imports_only_into_its_own_government(world, api):
    answer = _upload(api("admin"), "通知.txt", NOTICE.encode(), government="某县")
    assert answer.status_code == 403 and "海东市平安区" in answer.json()["detail"]


def test_an_unreadable_notice_is_refused_in_chinese(world, api):
    answer = _upload(api("admin"), "空白.txt", "这里没有任何任务。\n".encode())
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in detail) and "Traceback" not in detail
    assert Plan.objects.count() == 1


def test_a_file_larger_than_the_upload_limit_is_refused(world, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    answer = _upload(api("admin"), "通知.txt", NOTICE.encode() * 3)
    assert answer.status_code == 413 and "上限" in answer.json()["detail"]
    assert Plan.objects.count() == 1


def test_a_missing_file_is_a_chinese_validation_error(world, api):
    answer = api("admin").post("/api/plans/import", {"government": "海东市平安区"})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("请求参数有误") and "file" in answer.json()["detail"]


def test_confirming_with_open_names_is_refused_listing_them_then_creates_them(world, api):
    admin = api("admin")
    plan_id = _upload(admin, "2023.txt", NOTICE_2023.encode()).json()["id"]
    url = f"/api/plans/{plan_id}/confirm"

    refused = admin.post(url, {}, content_type="application/json")
    assert refused.status_code == 409
    assert set(refused.json()["unresolved"]) == {"李四", "区住建局"}
    assert "区住建局" in refused.json()["detail"]
    assert Plan.objects.get(pk=plan_id).status == "draft"

    confirmed = admin.post(url, {"create_missing_units": True}, content_type="application/json")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "active" and confirmed.json()["id"] == plan_id
    assert Unit.objects.filter(government=world.government, name="区住建局").exists()
    assert Person.objects.filter(government=world.government, name="李四").exists()

    again = admin.post(url, {"create_missing_units": True}, content_type="application/json")
    assert again.status_code == 409 and again.json()["unresolved"] == []


def test_confirming_without_a_body_means_without_creating(world, api):
    admin = api("admin")
    plan_id = _upload(admin, "2023.txt", NOTICE_2023.encode()).json()["id"]
    answer = admin.post(f"/api/plans/{plan_id}/confirm", content_type="application/json")
    assert answer.status_code == 409 and len(answer.json()["unresolved"]) == 2


def test_a_revision_confirmed_through_the_api_answers_with_the_plan_in_force(world, api):
    admin = api("admin")
    draft = _upload(admin, "通知.txt", NOTICE.encode()).json()["id"]
    answer = admin.post(f"/api/plans/{draft}/confirm", {}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["id"] == world.plan.pk
    assert answer.json()["status"] == "active"


def test_the_inspector_and_units_may_not_confirm(world, api):
    admin = api("admin")
    plan_id = _upload(admin, "2023.txt", NOTICE_2023.encode()).json()["id"]
    url = f"/api/plans/{plan_id}/confirm"
    body = {"create_missing_units": True}
    assert api("inspector").post(url, body, content_type="application/json").status_code == 403
    # Units do not see drafts at all.
    assert api("fgw").post(url, body, content_type="application/json").status_code == 404
    active = f"/api/plans/{world.plan.pk}/confirm"
    assert api("fgw").post(active, body, content_type="application/json").status_code == 403


def test_a_malformed_confirm_body_is_a_chinese_400(world, api):
    answer = api("admin").post(
        f"/api/plans/{world.plan.pk}/confirm", "{not json", content_type="application/json"
    )
    assert answer.status_code == 400 and "JSON" in answer.json()["detail"]


def test_each_persona_lists_the_plans_it_may_see(world, api):
    draft = _upload(api("admin"), "2023.txt", NOTICE_2023.encode()).json()["id"]
    expected = {
        "admin": {world.plan.pk, draft},
        "inspector": {world.plan.pk, draft},
        "fgw": {world.plan.pk},
        "town": {world.plan.pk},
        "leader": {world.plan.pk},
        "other_admin": set(),
    }
    for persona, ids in expected.items():
        answer = api(persona).get("/api/plans")
        assert answer.status_code == 200
        assert {p["id"] for p in answer.json()} == ids, persona


def test_task_counts_of_a_plan_are_what_the_caller_may_see(world, api):
    counts = {
        persona: api(persona).get(f"/api/plans/{world.plan.pk}").json()["tasks"]["total"]
        for persona in ("admin", "fgw", "czj", "leader")
    }
    assert counts == {"admin": 3, "fgw": 2, "czj": 1, "leader": 1}


def test_another_governments_plan_is_not_found(world, api):
    for path in (
        f"/api/plans/{world.plan.pk}",
        f"/api/plans/{world.plan.pk}/tasks",
    ):
        answer = api("other_admin").get(path)
        assert answer.status_code == 404 and "找不到" in answer.json()["detail"]
    confirm = api("other_admin").post(
        f"/api/plans/{world.plan.pk}/confirm", {}, content_type="application/json"
    )
    assert confirm.status_code == 404
    assert api("admin").get("/api/plans/999999").status_code == 404
