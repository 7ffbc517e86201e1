"""A unit's own tasks and a leader's own tasks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.accounts.models import User


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seqs(tasks) -> list[str]:
    return [t.seq for t in tasks]


def test_a_unit_sees_the_tasks_it_leads_and_those_it_supports(login, world):
    response = login("fgw").get(reverse("ledger:my_unit"))
    assert seqs(response.context["leads"]) == ["1"]
    assert seqs(response.context["supports"]) == ["2"]
    assert "区发展和改革委员会" in response.content.decode()


def test_a_unit_head_sees_the_same_lists(login, world):
    response = login("fgw_head").get(reverse("ledger:my_unit"))
    assert seqs(response.context["leads"]) == ["1"] and seqs(response.context["supports"]) == ["2"]


def test_a_township_supports_through_its_collective_and_is_told_so(login, world):
    response = login("town").get(reverse("ledger:my_unit"))
    assert seqs(response.context["leads"]) == []
    assert seqs(response.context["supports"]) == ["1"]
    assert "通过“各乡镇人民政府”承担" in response.content.decode()
    assert "本单位暂无牵头任务" in response.content.decode()


def test_the_unit_page_ignores_plans_not_in_force(login, world):
    world.plan.status = "merged"
    world.plan.save()
    response = login("fgw").get(reverse("ledger:my_unit"))
    assert seqs(response.context["leads"]) == [] and seqs(response.context["supports"]) == []


def test_others_asking_for_a_units_tasks_are_sent_home(login, world):
    for persona in ("admin", "leader"):
        response = login(persona).get(reverse("ledger:my_unit"))
        assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_unit_account_without_a_unit_is_refused_rather_than_looping(client, world):
    orphan = User.objects.create(username="orphan", role="unit-user")
    client.force_login(orphan)
    assert client.get(reverse("ledger:my_unit")).status_code == 403


def test_a_leader_sees_the_tasks_they_lead(login, world):
    response = login("leader").get(reverse("ledger:my_tasks"))
    assert seqs(response.context["tasks"]) == ["1"]
    page = response.content.decode()
    assert "苏铨烨" in page and "推动重大规划编制" in page


def test_others_asking_for_a_leaders_tasks_are_sent_home(login, world):
    for persona in ("fgw", "inspector"):
        response = login(persona).get(reverse("ledger:my_tasks"))
        assert response.status_code == 302 and response["Location"] == reverse("home")


def test_anonymous_visitors_must_log_in_first(client, world):
    for name in ("ledger:my_unit", "ledger:my_tasks"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"]
