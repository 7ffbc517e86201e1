"""Task lists through the API: who sees what, filters, pages, and a fixed query cost."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.directory.models import Person, Unit
from duban.ledger.models import Assignment, Task


def _seqs(answer) -> list[int]:
    assert answer.status_code == 200, answer.json()
    return [int(t["seq"]) for t in answer.json()["items"]]


def test_each_persona_lists_exactly_its_tasks_of_the_plan(world, api):
    expected = {
        "admin": [1, 2, 3],
        "inspector": [1, 2, 3],
        "fgw": [1, 2],
        "fgw_head": [1, 2],
        "czj": [2],
        "town": [1],
        "jyj": [3],
        "leader": [1],
    }
    for persona, seqs in expected.items():
        answer = api(persona).get(f"/api/plans/{world.plan.pk}/tasks")
        assert _seqs(answer) == seqs, persona
        assert answer.json()["count"] == len(seqs), persona


def test_a_task_names_the_directory_entries_and_the_printed_names(world, api):
    first = api("admin").get(f"/api/plans/{world.plan.pk}/tasks").json()["items"][0]
    fgw, collective = world.units["fgw"], world.units["collective"]
    assert first["lead_units"] == [
        {"id": fgw.pk, "name": "区发展和改革委员会", "printed": "区发改局"}
    ]
    assert first["support_units"] == [
        {"id": collective.pk, "name": "各乡镇人民政府", "printed": "各乡镇人民政府"}
    ]
    leader = Person.objects.get(name="苏铨烨")
    assert first["lead_leaders"] == [{"id": leader.pk, "name": "苏铨烨", "printed": "苏铨烨"}]
    assert first["section"] == ["一、重点工作"] and first["state"] == "active"
    assert first["url"] == f"/tasks/{world.tasks[0].pk}/"
    assert first["plan"] == world.plan.pk and first["seq"] == "1"


def test_the_unit_filter_includes_tasks_of_the_collectives_the_unit_belongs_to(world, api):
    admin = api("admin")
    url = f"/api/plans/{world.plan.pk}/tasks"
    fgw, town = world.units["fgw"].pk, world.units["town"].pk
    assert _seqs(admin.get(url, {"unit": fgw})) == [1, 2]
    assert _seqs(admin.get(url, {"unit": fgw, "role": "lead"})) == [1]
    assert _seqs(admin.get(url, {"unit": fgw, "role": "support"})) == [2]
    assert _seqs(admin.get(url, {"unit": town})) == [1]
    assert _seqs(admin.get(url, {"unit": town, "role": "lead"})) == []
    assert _seqs(admin.get(url, {"unit": 999999})) == []


def test_filters_by_leader_status_section_and_text(world, api):
    admin = api("admin")
    url = f"/api/plans/{world.plan.pk}/tasks"
    wang = Person.objects.get(name="王强").pk
    assert _seqs(admin.get(url, {"leader": wang})) == [2, 3]
    assert _seqs(admin.get(url, {"q": "幼儿园"})) == [3]
    assert _seqs(admin.get(url, {"q": "幼儿园", "leader": wang})) == [3]
    assert _seqs(admin.get(url, {"status": "active"})) == [1, 2, 3]
    assert _seqs(admin.get(url, {"status": "abolished"})) == []
    assert _seqs(admin.get(url, {"section": "一、重点工作"})) == [1, 2, 3]
    assert _seqs(admin.get(url, {"section": "二、别的部分"})) == []


def test_filters_never_widen_what_a_unit_may_see(world, api):
    url = f"/api/plans/{world.plan.pk}/tasks"
    assert _seqs(api("czj").get(url, {"unit": world.units["jyj"].pk})) == []
    assert _seqs(api("czj").get(url, {"q": "幼儿园"})) == []


def test_pages_follow_limit_and_offset_and_keep_the_total(world, api):
    admin = api("admin")
    url = f"/api/plans/{world.plan.pk}/tasks"
    first = admin.get(url, {"limit": 2})
    assert _seqs(first) == [1, 2] and first.json()["count"] == 3
    second = admin.get(url, {"limit": 2, "offset": 2})
    assert _seqs(second) == [3] and second.json()["count"] == 3
    assert _seqs(admin.get(url, {"offset": 10})) == []


def test_bad_parameters_are_explained_in_chinese(world, api):
    url = f"/api/plans/{world.plan.pk}/tasks"
    for params, field in (
        ({"limit": 0}, "limit"),
        ({"limit": 1000}, "limit"),
        ({"role": "boss"}, "role"),
        ({"status": "done"}, "status"),
        ({"unit": "fgw"}, "unit"),
        ({"q": "x" * 101}, "q"),
    ):
        answer = api("admin").get(url, params)
        assert answer.status_code == 422, params
        assert (
            answer.json()["detail"].startswith("请求参数有误") and field in answer.json()["detail"]
        )


def test_the_task_list_costs_the_same_queries_for_one_task_or_fifty(world, api):
    plan = world.plan
    unit = Unit.objects.create(government=world.government, name="区住建局")
    for k in range(4, 60):
        task = Task.objects.create(plan=plan, position=k, seq=str(k), content=f"任务{k}")
        Assignment.objects.create(task=task, role="lead", name="区住建局", unit=unit)
        Assignment.objects.create(
            task=task, role="support", name="区发改局", unit=world.units["fgw"]
        )
    for persona in ("admin", "fgw"):
        client = api(persona)
        url = f"/api/plans/{plan.pk}/tasks"
        client.get(url)  # the token's first use records last_used_at: not part of the count
        counts = []
        for limit in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                answer = client.get(url, {"limit": limit})
            assert len(answer.json()["items"]) == limit
            counts.append(len(queries))
        assert counts[0] == counts[1], (persona, counts)


def test_a_task_in_scope_shows_its_source_lines(world, api):
    answer = api("town").get(f"/api/tasks/{world.tasks[0].pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["content"].startswith("推动重大规划编制")
    assert any("牵头单位：区发改局" in line["text"] for line in body["source"])
    assert body["plan_title"].endswith("任务分工方案的通知")


def test_a_task_outside_the_callers_scope_is_not_found(world, api):
    third = world.tasks[2].pk
    for persona in ("fgw", "town", "leader", "other_admin"):
        answer = api(persona).get(f"/api/tasks/{third}")
        assert answer.status_code == 404, persona
        assert "找不到" in answer.json()["detail"]
    assert api("jyj").get(f"/api/tasks/{third}").status_code == 200
