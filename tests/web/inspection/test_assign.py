"""Naming a task's inspecting units (督查单位): the service, the form on the task
page, the audit entry, and what the ledger shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from duban.errors import Forbidden, UserError
from duban.inspection import assign
from duban.ledger.choices import Role
from duban.ledger.models import Assignment


def _inspect(task):
    return list(
        Assignment.objects.filter(task=task, role=Role.INSPECT)
        .order_by("position")
        .values_list("name", flat=True)
    )


def test_the_admin_names_and_replaces_the_inspecting_units(world):
    task, admin = world.tasks[0], world.users["admin"]
    fgw, czj, jyj = (world.units[k] for k in ("fgw", "czj", "jyj"))
    made = assign.set_inspectors(admin, task, [jyj.pk, czj.pk])
    assert [a.unit for a in made] == sorted([jyj, czj], key=lambda u: u.name)
    assign.set_inspectors(admin, task, [fgw.pk])
    assert _inspect(task) == [fgw.name]
    assert task.names(Role.LEAD) and task.names(Role.INSPECT) == [fgw.name]
    entry = (
        AuditEntry.objects.filter(model="ledger.task", object_id=str(task.pk)).order_by("pk").last()
    )
    assert entry.after == {"督查单位": [fgw.name]}
    assert entry.before == {"督查单位": sorted([jyj.name, czj.name])}
    assign.set_inspectors(admin, task, [])
    assert _inspect(task) == []


def test_only_the_admin_of_the_government_and_only_its_units(world):
    task = world.tasks[0]
    with pytest.raises(Forbidden):
        assign.set_inspectors(world.users["inspector"], task, [world.units["jyj"].pk])
    with pytest.raises(Forbidden):
        assign.set_inspectors(world.users["other_admin"], task, [world.units["jyj"].pk])
    with pytest.raises(UserError):
        assign.set_inspectors(world.users["admin"], task, [999999])
    assert _inspect(task) == []


def test_candidates_are_the_government_units_by_name(world):
    units = assign.candidate_units(world.tasks[0])
    assert [u.name for u in units] == sorted(u.name for u in units)
    assert {u.government_id for u in units} == {world.government.pk}


def test_the_form_on_the_task_page_and_the_names_everyone_reads(world, login):
    task, jyj = world.tasks[0], world.units["jyj"]
    url = reverse("ledger:task", args=[task.pk])
    client = login("admin")
    page = client.get(url).content.decode()
    assert "指定督查单位" in page and 'name="units"' in page
    response = client.post(reverse("inspection:inspectors", args=[task.pk]), {"units": [jyj.pk]})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "督查单位已更新：区教育局。" in page and 'id="inspector-names"' in page
    assert f'<option value="{jyj.pk}" selected>' in page

    reader = login("fgw").get(url).content.decode()
    assert "区教育局" in reader and "督查单位" in reader and "指定督查单位" not in reader


def test_a_bad_choice_is_explained(world, login):
    task = world.tasks[0]
    client = login("admin")
    page = client.post(
        reverse("inspection:inspectors", args=[task.pk]), {"units": ["x"]}, follow=True
    ).content.decode()
    assert "所选单位无效。" in page and _inspect(task) == []


def test_an_inspecting_unit_sees_the_task_and_a_revision_keeps_it(world):
    from duban.inspection.assign import set_inspectors
    from duban.ledger.importing import import_notice
    from duban.ledger.models import Task
    from duban.ledger.review import confirm
    from web.personas import NOTICE

    task = world.tasks[2]
    jyj_task_seen_by_czj = Task.objects.restrict(world.users["czj"]).filter(pk=task.pk)
    assert not jyj_task_seen_by_czj.exists()
    set_inspectors(world.users["admin"], task, [world.units["czj"].pk])
    assert Task.objects.restrict(world.users["czj"]).filter(pk=task.pk).exists()

    revised = NOTICE.replace("新建幼儿园3所", "新建幼儿园4所")
    confirm(import_notice(revised.encode(), "v2.txt", world.government), create_missing=True)
    task.refresh_from_db()
    assert "4所" in task.content
    assert list(task.assignments.filter(role="inspect").values_list("unit", flat=True)) == [
        world.units["czj"].pk
    ]
