"""The plan's task list: filters in the query string, search, paging, htmx, cost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.ledger.models import Assignment, Task


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def listed(client, world, **params) -> list[str]:
    response = client.get(reverse("ledger:tasks", args=[world.plan.pk]), params)
    assert response.status_code == 200
    return [t.seq for t in response.context["tasks"]]


def add_tasks(world, count: int) -> None:
    """`count` more tasks led by 区财政局 with a leader, as an import would add them."""
    start = world.plan.tasks.count() + 1
    tasks = Task.objects.bulk_create(
        Task(
            plan=world.plan,
            position=k,
            seq=str(k),
            content=f"第{k}项补充任务",
            section_title="二、补充",
        )
        for k in range(start, start + count)
    )
    person = world.tasks[1].assignments.get(role="leader").person
    Assignment.objects.bulk_create(
        [Assignment(task=t, role="lead", name="区财政局", unit=world.units["czj"]) for t in tasks]
        + [Assignment(task=t, role="leader", name=person.name, person=person) for t in tasks]
    )


def test_the_list_shows_every_visible_task_with_names_linked_to_the_directory(login, world):
    response = login("admin").get(reverse("ledger:tasks", args=[world.plan.pk]))
    page = response.content.decode()
    assert [t.seq for t in response.context["tasks"]] == ["1", "2", "3"]
    assert reverse("directory:unit", args=[world.units["fgw"].pk]) in page
    assert reverse("ledger:task", args=[world.tasks[0].pk]) in page
    assert "共 3 项任务" in page


def test_a_unit_user_lists_only_their_units_tasks(login, world):
    assert listed(login("fgw"), world) == ["1", "2"]
    assert listed(login("jyj"), world) == ["3"]


def test_the_unit_filter_separates_leading_from_supporting(login, world):
    client, fgw = login("inspector"), world.units["fgw"].pk
    assert listed(client, world, unit=fgw, role="lead") == ["1"]
    assert listed(client, world, unit=fgw, role="support") == ["2"]
    assert listed(client, world, unit=fgw, role="any") == ["1", "2"]
    assert listed(client, world, unit=fgw) == ["1", "2"]


def test_the_unit_filter_includes_tasks_of_the_collectives_the_unit_belongs_to(login, world):
    assert listed(login("admin"), world, unit=world.units["town"].pk) == ["1"]


def test_the_leader_section_and_status_filters(login, world):
    client = login("admin")
    wang = world.tasks[1].assignments.get(role="leader").person_id
    assert listed(client, world, leader=wang) == ["2", "3"]
    assert listed(client, world, section="一、重点工作") == ["1", "2", "3"]
    assert listed(client, world, section="不存在的部分") == ["1", "2", "3"]  # invalid: ignored
    assert listed(client, world, status="abolished") == []
    assert listed(client, world, status="active", leader=wang, q="幼儿园") == ["3"]


def test_the_search_finds_chinese_substrings_and_needs_every_word(login, world):
    client = login("admin")
    assert listed(client, world, q="幼儿园") == ["3"]
    assert listed(client, world, q="规划 中期评估") == ["1"]
    assert listed(client, world, q="规划 幼儿园") == []


def test_filters_never_widen_what_a_unit_user_sees(login, world):
    assert listed(login("czj"), world, unit=world.units["jyj"].pk) == []
    assert listed(login("czj"), world, q="幼儿园") == []


def test_an_invalid_filter_is_ignored_with_a_warning(login, world):
    response = login("admin").get(reverse("ledger:tasks", args=[world.plan.pk]), {"unit": "x"})
    assert [t.seq for t in response.context["tasks"]] == ["1", "2", "3"]
    assert "部分筛选条件无效" in response.content.decode()


def test_the_filter_form_keeps_its_values_so_the_url_can_be_shared(login, world):
    fgw = world.units["fgw"].pk
    page = (
        login("admin")
        .get(
            reverse("ledger:tasks", args=[world.plan.pk]),
            {"unit": fgw, "role": "lead", "q": "规划"},
        )
        .content.decode()
    )
    assert f'<option value="{fgw}" selected>' in page
    assert '<option value="lead" selected>' in page
    assert 'value="规划"' in page


def test_an_htmx_request_gets_only_the_results(login, world):
    url = reverse("ledger:tasks", args=[world.plan.pk])
    response = login("admin").get(url, {"q": "幼儿园"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and 'id="task-filter"' not in page
    assert "新建幼儿园3所" in page
    assert "HX-Request" in response["Vary"]


def test_the_list_is_paged_fifty_a_page_keeping_the_filters(login, world):
    add_tasks(world, 60)
    client = login("admin")
    url = reverse("ledger:tasks", args=[world.plan.pk])
    first = client.get(url, {"unit": world.units["czj"].pk})
    assert len(first.context["tasks"]) == 50 and first.context["page"].paginator.count == 61
    assert f"?unit={world.units['czj'].pk}&amp;page=2" in first.content.decode()
    second = client.get(url, {"unit": world.units["czj"].pk, "page": 2})
    assert len(second.context["tasks"]) == 11


def test_the_number_of_queries_does_not_grow_with_the_rows(
    login, world, django_assert_max_num_queries
):
    client = login("admin")
    url = reverse("ledger:tasks", args=[world.plan.pk])
    params = {"unit": world.units["czj"].pk, "q": "任务"}
    add_tasks(world, 2)
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(url, params).context["tasks"]) == 2
    add_tasks(world, 45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, params)
    assert len(response.context["tasks"]) == 47


def test_task_content_is_escaped(login, world):
    task = world.tasks[0]
    task.content = "<script>alert(1)</script>推动规划"
    task.save()
    client = login("admin")
    for url in (
        reverse("ledger:tasks", args=[world.plan.pk]),
        reverse("ledger:task", args=[task.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_plan_outside_the_scope_is_not_found(login, world):
    url = reverse("ledger:tasks", args=[world.plan.pk])
    assert login("other_admin").get(url).status_code == 404
