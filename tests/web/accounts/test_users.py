"""The office administrators' user pages: listing, creating and editing users
of their own government, and nobody else getting in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.accounts.models import User
from duban.directory.models import Government, Unit
from web.personas import PASSWORD

USERS = reverse("accounts:users")
NEW = reverse("accounts:new_user")
OTHERS = ["inspector", "fgw", "fgw_head", "czj", "town", "jyj", "leader"]


def _new(client, **fields):
    data = {"username": "xiaowang", "role": "unit-user", "password1": "Huangshui-2026"}
    data.update(fields)
    data.setdefault("password2", data["password1"])
    return client.post(NEW, data)


def test_the_admin_sees_the_users_of_their_own_government_only(login, world):
    page = login("admin").get(USERS).content.decode()
    for name in ("admin", "inspector", "fgw", "leader"):
        assert f"<td>{name}</td>" in page
    assert "<td>other_admin</td>" not in page
    assert "单位经办人" in page and "区发展和改革委员会" in page


def test_the_user_list_filters_by_role(login, world):
    page = login("admin").get(USERS, {"role": "leader"}).content.decode()
    assert "<td>leader</td>" in page and "<td>fgw</td>" not in page


@pytest.mark.parametrize("persona", OTHERS)
def test_only_office_administrators_may_open_the_user_pages(login, world, persona):
    client = login(persona)
    target = world.users["fgw"].pk
    assert client.get(USERS).status_code == 403
    assert client.get(NEW).status_code == 403
    assert client.get(reverse("accounts:edit_user", args=[target])).status_code == 403
    assert _new(client).status_code == 403
    assert not User.objects.filter(username="xiaowang").exists()


def test_an_admin_creates_a_unit_user_who_can_then_log_in(login, world, client):
    response = _new(login("admin"), unit=world.units["czj"].pk)
    assert response.status_code == 302 and response.url == USERS
    user = User.objects.get(username="xiaowang")
    assert user.unit == world.units["czj"] and user.government == world.government
    client.logout()
    form = {"username": "xiaowang", "password": "Huangshui-2026"}
    assert client.post(reverse("accounts:login"), form).status_code == 302


def test_a_leader_account_is_linked_to_its_leader(login, world):
    wang = world.government.people.get(name="王强")
    _new(login("admin"), username="wangqiang", role="leader", person=wang.pk)
    assert User.objects.get(username="wangqiang").person == wang


def test_an_office_user_created_by_a_government_admin_belongs_to_that_government(login, world):
    _new(login("admin"), username="ducha2", role="inspector")
    assert User.objects.get(username="ducha2").government == world.government


def test_a_unit_user_without_a_unit_is_refused_in_chinese(login, world):
    response = _new(login("admin"))
    assert response.status_code == 200
    assert "必须选择所属单位" in response.content.decode()
    assert not User.objects.filter(username="xiaowang").exists()


def test_an_admin_cannot_create_a_user_in_another_government(login, world):
    elsewhere = Unit.objects.create(government=Government.objects.get(name="某县"), name="县财政局")
    response = _new(login("admin"), unit=elsewhere.pk)
    assert response.status_code == 200
    assert "请从列表中选择单位" in response.content.decode()
    assert not User.objects.filter(username="xiaowang").exists()


def test_a_taken_username_is_refused_with_the_services_message(login, world):
    response = _new(login("admin"), username="fgw", unit=world.units["czj"].pk)
    assert "用户名 fgw 已存在" in response.content.decode()


def test_two_different_passwords_are_refused(login, world):
    response = _new(login("admin"), unit=world.units["czj"].pk, password2="Huangshui-2027")
    assert "两次输入的密码不一致" in response.content.decode()
    assert not User.objects.filter(username="xiaowang").exists()


def test_an_admin_moves_a_user_to_another_unit_and_deactivates_them(login, world):
    target = world.users["czj"]
    url = reverse("accounts:edit_user", args=[target.pk])
    client = login("admin")
    assert "编辑用户 czj" in client.get(url).content.decode()
    response = client.post(url, {"role": "unit-head", "unit": world.units["jyj"].pk})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.role, target.unit, target.is_active) == ("unit-head", world.units["jyj"], False)
    assert target.check_password(PASSWORD)


def test_an_admin_resets_a_password(login, world):
    target = world.users["jyj"]
    data = {"role": "unit-user", "unit": world.units["jyj"].pk, "is_active": "on"}
    data["new_password1"] = data["new_password2"] = "Datong-river-99"
    login("admin").post(reverse("accounts:edit_user", args=[target.pk]), data)
    target.refresh_from_db()
    assert target.check_password("Datong-river-99") and target.is_active


def test_turning_a_unit_user_into_a_leader_drops_the_unit(login, world):
    target = world.users["jyj"]
    wang = world.government.people.get(name="王强")
    data = {"role": "leader", "unit": world.units["jyj"].pk, "person": wang.pk, "is_active": "on"}
    login("admin").post(reverse("accounts:edit_user", args=[target.pk]), data)
    target.refresh_from_db()
    assert (target.role, target.unit, target.person) == ("leader", None, wang)


def test_an_admin_cannot_demote_or_deactivate_themselves(login, world):
    me = world.users["admin"]
    response = login("admin").post(
        reverse("accounts:edit_user", args=[me.pk]), {"role": "inspector"}
    )
    page = response.content.decode()
    assert "不能修改自己的角色" in page and "不能停用自己的账号" in page
    me.refresh_from_db()
    assert me.role == "office-admin" and me.is_active


def test_a_user_of_another_government_is_not_found(login, world):
    url = reverse("accounts:edit_user", args=[world.users["other_admin"].pk])
    assert login("admin").get(url).status_code == 404
    assert (
        login("other_admin")
        .get(reverse("accounts:edit_user", args=[world.users["fgw"].pk]))
        .status_code
        == 404
    )
