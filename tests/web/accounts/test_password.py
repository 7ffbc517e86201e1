"""Changing one's own password."""

from __future__ import annotations

from django.urls import reverse

from web.personas import PASSWORD

URL = reverse("accounts:password")


def _change(client, old, new, again=None):
    return client.post(
        URL, {"old_password": old, "new_password1": new, "new_password2": again or new}
    )


def test_the_password_page_is_in_chinese(login):
    page = login("fgw").get(URL).content.decode()
    assert "原密码" in page and "新密码" in page and "确认新密码" in page


def test_a_user_changes_their_password_and_stays_logged_in(login, world):
    client = login("fgw")
    response = _change(client, PASSWORD, "Qinghai-river-2027")
    assert response.status_code == 302 and response.url == reverse("home")
    assert "密码已修改" in client.get(reverse("home"), follow=True).content.decode()
    user = world.users["fgw"]
    user.refresh_from_db()
    assert user.check_password("Qinghai-river-2027")
    assert "_auth_user_id" in client.session


def test_a_wrong_old_password_is_refused_in_chinese(login, world):
    response = _change(login("fgw"), "not-it", "Qinghai-river-2027")
    assert response.status_code == 200
    assert "原密码不正确" in response.content.decode()


def test_two_different_new_passwords_are_refused(login):
    response = _change(login("fgw"), PASSWORD, "Qinghai-river-2027", "Qinghai-river-2028")
    assert "两次输入的新密码不一致" in response.content.decode()


def test_a_weak_new_password_is_refused(login, world):
    response = _change(login("fgw"), PASSWORD, "12345678")
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    world.users["fgw"].refresh_from_db()
    assert world.users["fgw"].check_password(PASSWORD)
