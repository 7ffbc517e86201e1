"""Logging in and out, and the lockout after repeated wrong passwords."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from web.personas import PASSWORD

LOGIN = reverse("accounts:login")


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_login_page_asks_in_chinese(client, world):
    page = client.get(LOGIN).content.decode()
    assert "用户名" in page and "密码" in page and "登录" in page


def test_a_user_with_the_right_password_is_logged_in_and_sent_home(client, world):
    response = _login(client, "fgw", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("ledger:my_unit")
    assert AuditEntry.objects.filter(action="login", object_repr="fgw").exists()


def test_a_wrong_password_shows_a_chinese_message_on_the_form(client, world):
    response = _login(client, "fgw", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deactivated_user_cannot_log_in(client, world):
    world.users["fgw"].is_active = False
    world.users["fgw"].save()
    response = _login(client, "fgw", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, world):
    for _ in range(4):
        assert _login(client, "czj", "wrong-password").status_code == 200
    locked = _login(client, "czj", "wrong-password")
    assert locked.status_code == 429
    assert "登录已被暂时锁定" in locked.content.decode()
    assert "连续 5 次输错密码" in locked.content.decode()
    assert "已暂停登录 15 分钟" in locked.content.decode()
    again = _login(client, "czj", PASSWORD)
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    assert "accounts/locked_out.html" in [t.name for t in again.templates]


def test_the_lockout_concerns_only_the_account_that_failed(client, world):
    for _ in range(5):
        _login(client, "czj", "wrong-password")
    assert _login(client, "jyj", PASSWORD).status_code == 302


def test_a_logged_in_user_opening_the_login_page_goes_home(login):
    client = login("admin")
    assert client.get(LOGIN).url == reverse("home")


def test_logging_out_takes_a_post_not_a_link(login):
    client = login("fgw")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response.url == LOGIN
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("name", ["password", "users", "new_user"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world, name):
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302 and response.url.startswith(LOGIN + "?next=")
