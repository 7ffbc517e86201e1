"""Creating and editing units: aliases, kind, parent, a collective's members; audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from duban.directory.models import Unit, UnitAlias


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def form_data(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "aliases": "、".join(a.name for a in unit.aliases.all()),
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "members": [m.pk for m in unit.members.all()],
    }
    return {**data, **changes}


def test_an_admin_creates_a_unit_with_aliases_found_by_pinyin(login, world):
    client = login("admin")
    assert client.get(reverse("directory:new_unit")).status_code == 200
    response = client.post(
        reverse("directory:new_unit"),
        {
            "name": "区文化和旅游局",
            "short_name": "区文旅局",
            "aliases": "文旅局、区文体局",
            "kind": "department",
        },
    )
    unit = Unit.objects.get(government=world.government, name="区文化和旅游局")
    assert response.status_code == 302 and response["Location"] == reverse(
        "directory:unit", args=[unit.pk]
    )
    assert sorted(a.name for a in unit.aliases.all()) == ["区文体局", "文旅局"]
    assert "qwtj" in unit.pinyin and "文体局" in unit.search_key
    assert AuditEntry.objects.filter(
        model="directory.unit", action="create", object_id=str(unit.pk), actor=world.users["admin"]
    ).exists()
    assert AuditEntry.objects.filter(model="directory.unitalias", action="create").count() >= 2


def test_editing_aliases_adds_and_removes_alias_rows_with_audit(login, world):
    fgw = world.units["fgw"]
    client = login("admin")
    url = reverse("directory:edit_unit", args=[fgw.pk])
    assert "区发改局" in client.get(url).content.decode()
    response = client.post(url, form_data(fgw, aliases="发改局，区发改委员会"))
    assert response.status_code == 302
    assert sorted(fgw.aliases.values_list("name", flat=True)) == ["区发改委员会", "发改局"]
    assert AuditEntry.objects.filter(
        model="directory.unitalias", action="delete", object_repr="区发改局"
    ).exists()
    fgw.refresh_from_db()
    assert "发改委员会" in fgw.search_key and "qfgj" not in fgw.pinyin


def test_an_alias_another_unit_answers_to_is_refused(login, world):
    czj = world.units["czj"]
    response = login("admin").post(
        reverse("directory:edit_unit", args=[czj.pk]), form_data(czj, aliases="区发改局、区教育局")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "“区发改局”已是“区发展和改革委员会”的别名" in page
    assert "“区教育局”是另一个单位的全称" in page
    assert not UnitAlias.objects.filter(unit=czj).exists()


def test_a_duplicate_name_is_refused(login, world):
    czj = world.units["czj"]
    response = login("admin").post(
        reverse("directory:edit_unit", args=[czj.pk]), form_data(czj, name="区教育局")
    )
    assert "本政府已有同名单位" in response.content.decode()


def test_the_office_edits_which_units_a_collective_stands_for(login, world):
    collective, town = world.units["collective"], world.units["town"]
    other = Unit.objects.create(government=world.government, name="古城乡", kind="township")
    url = reverse("directory:edit_unit", args=[collective.pk])
    client = login("admin")
    page = client.get(url).content.decode()
    assert "古城乡" in page and "包含单位" in page
    client.post(url, form_data(collective, members=[town.pk, other.pk]))
    assert set(collective.members.all()) == {town, other}
    entry = AuditEntry.objects.filter(model="directory.unit", object_id=str(collective.pk)).first()
    assert entry.changed_fields() == [("members", ["三合镇"], ["三合镇", "古城乡"])]
    # The new member now sees the collective's task.
    assert [
        t.seq for t in client.get(reverse("directory:unit", args=[other.pk])).context["supports"]
    ] == ["1"]


def test_a_unit_that_is_not_a_collective_keeps_no_members(login, world):
    czj, town = world.units["czj"], world.units["town"]
    login("admin").post(
        reverse("directory:edit_unit", args=[czj.pk]), form_data(czj, members=[town.pk])
    )
    assert not czj.members.exists()


def test_a_unit_cannot_be_its_own_ancestor(login, world):
    fgw, czj = world.units["fgw"], world.units["czj"]
    czj.parent = fgw
    czj.save()
    response = login("admin").post(
        reverse("directory:edit_unit", args=[fgw.pk]), form_data(fgw, parent=czj.pk)
    )
    assert "上级单位不能是本单位或其下级单位" in response.content.decode()


@pytest.mark.parametrize("persona", ["inspector", "fgw", "fgw_head", "leader"])
def test_only_an_admin_may_create_or_edit_units(login, world, persona):
    client = login(persona)
    edit = reverse("directory:edit_unit", args=[world.units["fgw"].pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name": "x"}).status_code == 403
    assert client.get(reverse("directory:new_unit")).status_code == 403
    assert client.post(reverse("directory:new_unit"), {"name": "x"}).status_code == 403
    assert world.units["fgw"].name == Unit.objects.get(pk=world.units["fgw"].pk).name


def test_an_admin_of_another_government_cannot_find_the_unit_to_edit(login, world):
    url = reverse("directory:edit_unit", args=[world.units["fgw"].pk])
    assert login("other_admin").get(url).status_code == 404


def test_an_admin_of_every_government_first_picks_one(client, world, django_user_model):
    root = django_user_model.objects.create(username="root", role="office-admin")
    client.force_login(root)
    page = client.get(reverse("directory:new_unit")).content.decode()
    assert "选择所属政府" in page and "海东市平安区" in page
    url = reverse("directory:new_unit") + f"?government={world.government.pk}"
    assert client.get(url).status_code == 200
    client.post(url, {"name": "区审计局", "kind": "department", "government": world.government.pk})
    assert Unit.objects.filter(government=world.government, name="区审计局").exists()
