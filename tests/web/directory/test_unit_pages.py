"""Reading the directory: the unit list and its search, a unit's page, the picker."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.directory.models import Government, Unit


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def names(response) -> list[str]:
    return [u.name for u in response.context["units"]]


def test_any_user_of_the_government_reads_the_unit_list_grouped_by_kind(login, world):
    response = login("jyj").get(reverse("directory:units"))
    assert set(names(response)) >= {"区发展和改革委员会", "三合镇", "各乡镇人民政府"}
    page = response.content.decode()
    assert "部门" in page and "乡镇" in page and "统称" in page
    assert "新建单位" not in page


def test_the_list_does_not_show_units_of_another_government(login, world):
    Unit.objects.create(government=Government.objects.get(name="某县"), name="某县财政局")
    assert "某县财政局" not in names(login("fgw").get(reverse("directory:units")))
    assert names(login("other_admin").get(reverse("directory:units"))) == ["某县财政局"]


@pytest.mark.parametrize("q", ["fgw", "FGW", "发改委", "区发改局", "发展和改革", "qfzhggwyh"])
def test_the_search_finds_a_unit_by_any_name_or_pinyin_initials(login, world, q):
    response = login("czj").get(reverse("directory:units"), {"q": q})
    assert "区发展和改革委员会" in names(response)
    assert "区教育局" not in names(response)


def test_the_search_can_keep_to_one_kind(login, world):
    response = login("admin").get(reverse("directory:units"), {"kind": "township"})
    assert names(response) == ["三合镇"]


def test_an_htmx_search_gets_only_the_results(login, world):
    response = login("admin").get(
        reverse("directory:units"), {"q": "fgw"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page and "区发展和改革委员会" in page


def test_a_units_page_shows_names_membership_and_its_visible_tasks(login, world):
    fgw = world.units["fgw"]
    response = login("admin").get(reverse("directory:unit", args=[fgw.pk]))
    page = response.content.decode()
    assert "区发改委" in page and "区发改局" in page
    assert [t.seq for t in response.context["leads"]] == ["1"]
    assert [t.seq for t in response.context["supports"]] == ["2"]
    assert reverse("directory:edit_unit", args=[fgw.pk]) in page


def test_a_collectives_page_lists_its_members_and_a_members_page_its_collectives(login, world):
    client = login("town")
    collective, town = world.units["collective"], world.units["town"]
    page = client.get(reverse("directory:unit", args=[collective.pk])).content.decode()
    assert "包含单位" in page and "三合镇" in page
    response = client.get(reverse("directory:unit", args=[town.pk]))
    assert "各乡镇人民政府" in response.content.decode()
    assert [t.seq for t in response.context["supports"]] == ["1"]


def test_a_unit_page_shows_only_the_tasks_the_viewer_may_see(login, world):
    response = login("jyj").get(reverse("directory:unit", args=[world.units["fgw"].pk]))
    assert response.status_code == 200
    assert response.context["leads"] == [] and response.context["supports"] == []
    assert "推动重大规划编制" not in response.content.decode()
    assert reverse("directory:edit_unit", args=[world.units["fgw"].pk]) not in (
        response.content.decode()
    )


def test_a_unit_of_another_government_is_not_found(login, world):
    url = reverse("directory:unit", args=[world.units["fgw"].pk])
    assert login("other_admin").get(url).status_code == 404


def test_the_picker_offers_matching_units_as_options(login, world):
    response = login("fgw").get(reverse("directory:pick_unit"), {"q": "fgw"})
    page = response.content.decode()
    assert (
        f'<option value="{world.units["fgw"].pk}">区发展和改革委员会（区发改委）</option>' in page
    )
    assert "区教育局" not in page
    assert '<option value="">匹配“fgw”的单位' in page


def test_the_picker_answers_json_when_asked(login, world):
    response = login("fgw").get(
        reverse("directory:pick_unit"), {"q": "教育"}, headers={"Accept": "application/json"}
    )
    assert response.json() == {
        "results": [
            {
                "id": world.units["jyj"].pk,
                "name": "区教育局",
                "short_name": "",
                "kind": "department",
            }
        ]
    }


def test_the_picker_returns_at_most_twenty_units_of_the_users_government(login, world):
    gov = world.government
    Unit.objects.bulk_create(Unit(government=gov, name=f"区第{k}局") for k in range(30))
    Unit.objects.create(government=Government.objects.get(name="某县"), name="某县第1局")
    response = login("fgw").get(
        reverse("directory:pick_unit"), {"q": "第"}, headers={"Accept": "application/json"}
    )
    found = [u["name"] for u in response.json()["results"]]
    assert len(found) == 20 and "某县第1局" not in found


def test_directory_pages_need_a_login(client, world):
    for url in (reverse("directory:units"), reverse("directory:pick_unit")):
        assert client.get(url).status_code == 302
