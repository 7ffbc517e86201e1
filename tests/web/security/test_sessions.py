"""Session ends (OWASP ASVS V3.3): the server-side idle timeout, 退出所有设备,
and a password change or reset ending the user's other sessions."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from duban.accounts.limits import LAST_SEEN, STARTED
from duban.accounts.models import ApiToken
from duban.audit.models import AuditEntry
from web.personas import PASSWORD

MY_UNIT = reverse("ledger:my_unit")
LOGIN = reverse("accounts:login")
EVERYWHERE = reverse("accounts:logout_everywhere")


def logged_in(world, persona: str) -> Client:
    """A fresh browser of the persona, logged in through the login form."""
    client = Client()
    response = client.post(LOGIN, {"username": persona, "password": PASSWORD})
    assert response.status_code == 302, "logged in"
    return client


def is_logged_in(client: Client) -> bool:
    return client.get(MY_UNIT).status_code == 200


def idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN] = time.time() - minutes * 60
    session.save()


@pytest.fixture
def idle_limit(settings):
    settings.DUBAN_IDLE_MINUTES = 30
    return settings


def test_a_session_idle_past_the_limit_is_logged_out_with_a_chinese_message(world, idle_limit):
    client = logged_in(world, "fgw")
    assert is_logged_in(client)
    idle_for(client, 31)
    response = client.get(MY_UNIT)
    assert response.status_code == 302 and response.url == f"{LOGIN}?next={MY_UNIT}"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "您已超过 30 分钟未操作，为安全起见已自动退出，请重新登录。" in page
    entry = AuditEntry.objects.filter(action="logout").get()
    assert entry.actor == world.users["fgw"] and entry.after == {"reason": "长时间未操作，自动退出"}


def test_a_session_used_within_the_limit_stays_and_its_clock_restarts(world, idle_limit):
    client = logged_in(world, "fgw")
    idle_for(client, 29)
    assert is_logged_in(client)
    assert time.time() - client.session[LAST_SEEN] < 5


def test_the_idle_limit_is_kept_on_the_server_not_in_the_cookie(world, idle_limit):
    """The browser holds only the session key: what it sends cannot refresh the time."""
    client = logged_in(world, "fgw")
    idle_for(client, 31)
    client.cookies["duban_last_seen"] = str(time.time())
    assert not is_logged_in(client)


def test_an_htmx_request_after_the_limit_sends_the_whole_page_to_the_login(world, idle_limit):
    client = logged_in(world, "fgw")
    idle_for(client, 45)
    response = client.get(MY_UNIT, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == LOGIN


def test_an_api_call_on_an_idle_session_is_refused_in_json(world, idle_limit):
    client = logged_in(world, "fgw")
    assert client.get("/api/plans").status_code == 200
    idle_for(client, 31)
    response = client.get("/api/plans")
    assert response.status_code == 401 and "detail" in response.json()


def test_a_busy_session_still_ends_eight_hours_after_the_login(world, idle_limit):
    """Django renews the cookie whenever the session changes; the login time does not move."""
    client = logged_in(world, "fgw")
    session = client.session
    session[STARTED] = time.time() - 8 * 3600 - 60
    session.save()
    response = client.get(MY_UNIT)
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    page = client.get(response.url).content.decode()
    assert "本次登录已超过 8 小时，为安全起见已自动退出，请重新登录。" in page
    entry = AuditEntry.objects.filter(action="logout").get()
    assert entry.after == {"reason": "登录时间已满，自动退出"}


def test_logging_in_starts_a_new_session_key_and_both_clocks(world):
    client = Client()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    client.post(LOGIN, {"username": "fgw", "password": PASSWORD})
    after = client.session
    assert after.session_key != before, "no session fixation"
    assert time.time() - after[STARTED] < 5 and time.time() - after[LAST_SEEN] < 5


def test_zero_minutes_turns_the_idle_limit_off(world, settings):
    settings.DUBAN_IDLE_MINUTES = 0
    client = logged_in(world, "fgw")
    idle_for(client, 7 * 60)
    assert is_logged_in(client)


def test_logout_everywhere_ends_every_session_and_token_of_the_user_only(world):
    here, laptop = logged_in(world, "fgw"), logged_in(world, "fgw")
    token = world.token("fgw")
    neighbour = logged_in(world, "czj")
    assert client_with(token).get("/api/plans").status_code == 200

    response = here.post(EVERYWHERE, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert "已退出所有设备上的登录，1 个接口令牌已作废。请重新登录。" in response.content.decode()

    assert not is_logged_in(here) and not is_logged_in(laptop)
    assert client_with(token).get("/api/plans").status_code == 401
    assert not ApiToken.objects.filter(user=world.users["fgw"]).exists()
    assert is_logged_in(neighbour), "another user's session is untouched"
    assert is_logged_in(logged_in(world, "fgw")), "logging in again works"

    [entry] = AuditEntry.objects.filter(action="logout_all")
    assert (entry.actor, entry.object_id, entry.after) == (
        world.users["fgw"],
        str(world.users["fgw"].pk),
        {"tokens": 1},
    )
    reasons = AuditEntry.objects.filter(action="logout").values_list("after", flat=True)
    assert list(reasons) == [{"reason": "退出所有设备"}]


def test_logout_everywhere_asks_for_the_password_again(world):
    here, laptop = logged_in(world, "fgw"), logged_in(world, "fgw")
    response = here.post(EVERYWHERE, {"password": "Not-the-password-1"})
    assert response.status_code == 200
    assert "当前密码不正确，请重新输入。" in response.content.decode()
    assert is_logged_in(here) and is_logged_in(laptop)
    assert not AuditEntry.objects.filter(action="logout_all").exists()


def test_logout_everywhere_takes_a_post_from_a_logged_in_user(world):
    client = logged_in(world, "fgw")
    assert client.get(EVERYWHERE).status_code == 405
    anonymous = Client().post(EVERYWHERE, {"password": PASSWORD})
    assert anonymous.status_code == 302 and anonymous.url.startswith(LOGIN)


def test_the_account_page_offers_logout_everywhere(world):
    page = logged_in(world, "fgw").get(reverse("accounts:password")).content.decode()
    assert "退出所有设备" in page and f'action="{EVERYWHERE}"' in page and "当前密码" in page


def test_changing_the_password_keeps_this_session_and_ends_the_others(world):
    here, laptop = logged_in(world, "fgw"), logged_in(world, "fgw")
    response = here.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": "Qinghai-river-2027",
         "new_password2": "Qinghai-river-2027"},
    )  # fmt: skip
    assert response.status_code == 302
    assert is_logged_in(here)
    assert not is_logged_in(laptop)


def test_an_administrators_password_reset_ends_the_users_sessions(world):
    laptop = logged_in(world, "fgw")
    admin = logged_in(world, "admin")
    response = admin.post(
        reverse("accounts:edit_user", args=[world.users["fgw"].pk]),
        {"role": "unit-user", "unit": world.units["fgw"].pk, "is_active": "on",
         "new_password1": "Qinghai-river-2027", "new_password2": "Qinghai-river-2027"},
    )  # fmt: skip
    assert response.status_code == 302
    assert not is_logged_in(laptop)


def client_with(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})
