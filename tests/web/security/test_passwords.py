"""The password policy (OWASP ASVS V2.1) and every place a password is set:
12 to 128 characters of anything, no common password, nothing like the
username, no rule on kinds of characters; refused in Chinese on the command
line, the first administrator's start, the user pages and the password page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.accounts import services
from duban.accounts.models import User
from duban.errors import UserError
from duban.web import runtime
from web.personas import PASSWORD


def refusal(password: str, username: str = "xiaoli") -> str:
    with pytest.raises(UserError) as caught:
        services.create_user(username, "office-admin", password)
    return caught.value.message_zh


@pytest.mark.parametrize(
    "password, why",
    [
        ("Qinghai-riv", "密码太短，至少需要 12 个字符。"),  # 11 characters
        ("password1234", "这个密码太常见了。"),
        ("qwertyuiop123", "这个密码太常见了。"),
        ("x" * 129, "密码太长，最多 128 个字符。"),
    ],
)
def test_a_short_common_or_overlong_password_is_refused_in_chinese(world, password, why):
    message = refusal(password)
    assert message.startswith("密码不符合要求：") and why in message
    assert not User.objects.filter(username="xiaoli").exists()


def test_a_password_like_the_username_is_refused(world):
    assert "太相似" in refusal("wangxiaoming2026", username="wangxiaoming2026x")


@pytest.mark.parametrize(
    "password",
    [
        "Qinghai-rive",  # exactly 12
        "黄河之水天上来奔流到海不复回",  # Chinese characters count as characters
        "123456789012345",  # no rule on kinds of characters (ASVS V2.1.9)
        "a sentence with spaces that is quite long " * 3,  # 126 characters, spaces kept
        "y" * 128,
    ],
)
def test_any_12_to_128_characters_are_accepted_as_they_are(world, password):
    user = services.create_user("xiaoli", "office-admin", password)
    user.refresh_from_db()
    assert user.check_password(password)
    assert not user.check_password(password[:-1]), "not truncated"


def test_the_first_administrators_chosen_password_follows_the_same_rules(db, monkeypatch):
    monkeypatch.setenv("DUBAN_ADMIN_PASSWORD", "admin123")
    with pytest.raises(UserError) as caught:
        runtime.ensure_first_admin()
    assert caught.value.message_zh.startswith("环境变量 DUBAN_ADMIN_PASSWORD：密码不符合要求")
    assert not User.objects.exists()
    monkeypatch.delenv("DUBAN_ADMIN_PASSWORD")
    username, password = runtime.ensure_first_admin()
    assert username == "admin" and len(password) >= 12
    assert User.objects.get(username="admin").check_password(password)


def test_an_administrator_cannot_give_a_new_user_a_short_password(login, world):
    response = login("admin").post(
        reverse("accounts:new_user"),
        {"username": "xiaoli", "role": "inspector",
         "password1": "Short-2026", "password2": "Short-2026"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "密码太短，至少需要 12 个字符" in response.content.decode()
    assert not User.objects.filter(username="xiaoli").exists()


def test_a_new_users_password_may_not_resemble_the_new_username(login, world):
    response = login("admin").post(
        reverse("accounts:new_user"),
        {"username": "duchashi2026", "role": "inspector",
         "password1": "duchashi2026!", "password2": "duchashi2026!"},
    )  # fmt: skip
    assert "太相似" in response.content.decode()
    assert not User.objects.filter(username="duchashi2026").exists()


def test_an_administrator_cannot_reset_a_password_to_a_short_one(login, world):
    fgw = world.users["fgw"]
    response = login("admin").post(
        reverse("accounts:edit_user", args=[fgw.pk]),
        {"role": "unit-user", "unit": world.units["fgw"].pk, "is_active": "on",
         "new_password1": "Short-2026", "new_password2": "Short-2026"},
    )  # fmt: skip
    assert "密码太短，至少需要 12 个字符" in response.content.decode()
    fgw.refresh_from_db()
    assert fgw.check_password(PASSWORD)


def test_the_password_page_refuses_a_short_new_password_and_says_the_rule(login, world):
    client = login("fgw")
    page = client.get(reverse("accounts:password")).content.decode()
    assert "12 至 128 个字符" in page
    response = client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": "Short-2026", "new_password2": "Short-2026"},
    )
    assert "密码太短，至少需要 12 个字符" in response.content.decode()
    world.users["fgw"].refresh_from_db()
    assert world.users["fgw"].check_password(PASSWORD)


def test_passwords_are_stored_with_argon2(world, settings):
    from duban.web import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS  # the tests' fast hasher undone
    user = services.create_user("xiaoli", "office-admin", "Qinghai-river-2027")
    user.refresh_from_db()
    algorithm, *_ = user.password.split("$")
    assert algorithm == "argon2" and "Qinghai-river-2027" not in user.password
    assert user.check_password("Qinghai-river-2027")
