"""The task page: its names, its lines of the notice, and who may open it."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_task_page_shows_content_names_deadline_and_plan(login, world):
    task = world.tasks[0]
    response = login("fgw").get(reverse("ledger:task", args=[task.pk]))
    page = response.content.decode()
    assert "推动重大规划编制" in page
    assert "一、重点工作" in page
    assert reverse("directory:unit", args=[world.units["fgw"].pk]) in page
    assert reverse("directory:unit", args=[world.units["collective"].pk]) in page
    assert "苏铨烨" in page and reverse("ledger:plan", args=[world.plan.pk]) in page


def test_the_source_excerpt_highlights_the_tasks_own_lines(login, world):
    task = world.tasks[1]
    lines = login("admin").get(reverse("ledger:task", args=[task.pk])).context["lines"]
    own = [line["text"] for line in lines if line["own"]]
    assert any("一般公共预算收入" in text for text in own)
    assert any("区财政局" in text for text in own)
    context = [line["text"] for line in lines if not line["own"]]
    assert context, "two lines of context around the task"
    assert not any("一般公共预算收入" in text for text in context)


@pytest.mark.parametrize(
    ("persona", "seq", "status"),
    [
        ("fgw", 1, 200),
        ("fgw", 2, 200),
        ("fgw", 3, 404),
        ("fgw_head", 3, 404),
        ("czj", 1, 404),
        ("town", 1, 200),
        ("town", 2, 404),
        ("jyj", 3, 200),
        ("leader", 1, 200),
        ("leader", 2, 404),
        ("inspector", 3, 200),
        ("other_admin", 1, 404),
    ],
)
def test_a_task_outside_the_users_scope_is_not_found(login, world, persona, seq, status):
    url = reverse("ledger:task", args=[world.tasks[seq - 1].pk])
    assert login(persona).get(url).status_code == status


def test_a_unit_user_cannot_open_another_units_task(login, world):
    url = reverse("ledger:task", args=[world.tasks[2].pk])
    assert login("czj").get(url).status_code == 404
