"""filter_tasks on its own (the API uses it too), and the search index migration."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from duban.ledger.choices import TaskState
from duban.ledger.filters import TaskFilterForm, facets, filter_tasks
from duban.ledger.models import Task


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seqs(qs) -> list[str]:
    return list(qs.order_by("position").values_list("seq", flat=True))


def test_filters_accept_objects_or_ids_and_none_means_any(world):
    tasks = Task.objects.filter(plan=world.plan)
    fgw = world.units["fgw"]
    assert seqs(filter_tasks(tasks)) == ["1", "2", "3"]
    assert seqs(filter_tasks(tasks, unit=fgw, role="lead")) == ["1"]
    assert seqs(filter_tasks(tasks, unit=str(fgw.pk), role="support")) == ["2"]
    assert seqs(filter_tasks(tasks, unit=999999)) == []
    assert seqs(filter_tasks(tasks, role="lead")) == ["1", "2", "3"]


def test_the_unit_filter_of_a_member_includes_its_collectives_tasks(world):
    tasks = Task.objects.filter(plan=world.plan)
    assert seqs(filter_tasks(tasks, unit=world.units["town"], role="support")) == ["1"]
    assert seqs(filter_tasks(tasks, unit=world.units["town"], role="lead")) == []


def test_the_search_is_case_insensitive_for_latin_letters(world):
    task = world.tasks[2]
    task.content = "GDP 增长"
    task.save()
    assert seqs(filter_tasks(Task.objects.all(), q="gdp")) == ["3"]


def test_filters_only_narrow_a_restricted_queryset(world):
    visible = Task.objects.restrict(world.users["czj"])
    assert seqs(filter_tasks(visible, unit=world.units["jyj"])) == []


@pytest.mark.parametrize("state", TaskState.values)
def test_every_task_state_filters_the_list_and_the_form_takes_it(world, state):
    Task.objects.filter(pk=world.tasks[1].pk).update(state=state)
    tasks = Task.objects.filter(plan=world.plan)
    expected = sorted(t.seq for t in tasks if t.state == state)
    assert seqs(filter_tasks(tasks, status=state)) == expected and "2" in expected
    form = TaskFilterForm({"status": state}, government_id=world.government.pk, sections=[])
    assert form.filters()["status"] == state and not form.errors
    counts = {value: n for value, _, n in facets(tasks)["status"]}
    assert counts[state] == len(expected)


def test_the_task_list_page_lists_closed_tasks_under_their_own_status(world, login):
    Task.objects.filter(pk=world.tasks[0].pk).update(state=TaskState.CLOSED)
    client = login("admin")
    url = reverse("ledger:tasks", args=[world.plan.pk])
    page = client.get(url, {"status": "closed"}).content.decode()
    assert world.tasks[0].content[:10] in page
    assert world.tasks[1].content[:10] not in page
    assert '<option value="closed" selected>已办结</option>' in page


def test_facets_cost_four_queries(world, django_assert_num_queries):
    with django_assert_num_queries(4):
        result = facets(Task.objects.filter(plan=world.plan))
    assert result["total"] == 3


def test_the_trigram_migration_does_nothing_on_sqlite():
    migration = importlib.import_module("duban.ledger.migrations.0002_task_content_trigram")
    executed: list[str] = []
    editor = SimpleNamespace(connection=SimpleNamespace(vendor="sqlite"), execute=executed.append)
    migration.create_index(None, editor)
    migration.drop_index(None, editor)
    assert executed == []
    editor.connection.vendor = "postgresql"
    migration.create_index(None, editor)
    assert executed[0] == "CREATE EXTENSION IF NOT EXISTS pg_trgm"
    assert "gin_trgm_ops" in executed[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists on PostgreSQL only")
def test_on_postgresql_the_search_has_a_trigram_index_on_the_content(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ledger_task_content_trgm'"
        )
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition and "upper(content)" in definition.lower()
