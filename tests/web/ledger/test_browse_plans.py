"""The plan list and the plan overview: who sees which plans, and the counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.ledger.importing import import_notice
from web.personas import NOTICE


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(world):
    return import_notice(NOTICE.replace("2022年", "2023年").encode(), "2023.txt", world.government)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world):
    response = client.get(reverse("ledger:plans"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_admin_sees_drafts_linking_to_review_and_the_import_button(login, world, draft):
    page = login("admin").get(reverse("ledger:plans")).content.decode()
    assert "导入方案" in page and reverse("ledger:import") in page
    assert reverse("ledger:review", args=[draft.pk]) in page
    assert reverse("ledger:plan", args=[world.plan.pk]) in page
    assert "待审核" in page and "执行中" in page


def test_an_inspector_sees_drafts_but_neither_import_nor_review(login, world, draft):
    page = login("inspector").get(reverse("ledger:plans")).content.decode()
    assert reverse("ledger:plan", args=[draft.pk]) in page
    assert reverse("ledger:review", args=[draft.pk]) not in page
    assert "导入方案" not in page


def test_a_unit_user_sees_active_plans_only_with_their_own_task_count(login, world, draft):
    response = login("czj").get(reverse("ledger:plans"))
    assert list(response.context["plans"]) == [world.plan]
    assert response.context["plans"][0].task_total == 1
    assert "导入方案" not in response.content.decode()


def test_an_admin_of_another_government_sees_no_plan(login, world):
    response = login("other_admin").get(reverse("ledger:plans"))
    assert response.context["plans"] == []
    assert "暂无可查看的分工方案" in response.content.decode()


def test_the_overview_counts_tasks_by_status_section_lead_unit_and_leader(login, world):
    response = login("admin").get(reverse("ledger:plan", args=[world.plan.pk]))
    facets = response.context["facets"]
    assert facets["total"] == 3
    assert ("active", "执行中", 3) in facets["status"]
    assert facets["sections"] == [("一、重点工作", 3)]
    units = world.units
    assert sorted(facets["lead_units"]) == sorted(
        [
            (units["fgw"].pk, "区发展和改革委员会", 1),
            (units["czj"].pk, "区财政局", 1),
            (units["jyj"].pk, "区教育局", 1),
        ]
    )
    leaders = {name: n for _, name, n in facets["leaders"]}
    assert leaders == {"王强": 2, "苏铨烨": 1}
    page = response.content.decode()
    tasks_url = reverse("ledger:tasks", args=[world.plan.pk])
    assert f"{tasks_url}?unit={units['fgw'].pk}&amp;role=lead" in page
    assert f"{tasks_url}?status=active" in page


def test_the_overview_counts_only_the_tasks_the_user_may_see(login, world):
    facets = login("fgw").get(reverse("ledger:plan", args=[world.plan.pk])).context["facets"]
    assert facets["total"] == 2
    assert {name for _, name, _ in facets["lead_units"]} == {"区发展和改革委员会", "区财政局"}


def test_the_overview_costs_a_fixed_number_of_queries(login, world, django_assert_max_num_queries):
    client = login("admin")
    with django_assert_max_num_queries(8):
        client.get(reverse("ledger:plan", args=[world.plan.pk]))


def test_a_draft_is_not_found_for_a_unit_user(login, world, draft):
    assert login("fgw").get(reverse("ledger:plan", args=[draft.pk])).status_code == 404


def test_a_plan_of_another_government_is_not_found(login, world):
    url = reverse("ledger:plan", args=[world.plan.pk])
    assert login("other_admin").get(url).status_code == 404


def test_a_draft_overview_counts_unresolved_names_under_their_printed_form(login, world):
    notice = NOTICE.replace("2022年", "2023年").replace("区教育局", "区文旅局")
    draft = import_notice(notice.encode(), "2023.txt", world.government)
    response = login("admin").get(reverse("ledger:plan", args=[draft.pk]))
    assert (None, "区文旅局", 1) in response.context["facets"]["lead_units"]
    assert "未确认" in response.content.decode()
    assert reverse("ledger:review", args=[draft.pk]) in response.content.decode()
