"""Getting into the API: tokens, lockout after guessing, bearer and session authentication."""

from __future__ import annotations

from django.test import Client
from django.utils.crypto import get_random_string

from duban.accounts.models import ApiToken
from duban.audit.models import AuditEntry
from web.personas import PASSWORD


def _token(client: Client, username: str, password: str):
    return client.post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_a_token_is_issued_for_the_right_password_and_works_as_a_bearer(world):
    answer = _token(Client(), "fgw", PASSWORD)
    assert answer.status_code == 200
    token = answer.json()["token"]
    stored = ApiToken.objects.get(user=world.users["fgw"])
    assert stored.digest == ApiToken.hash(token) and token not in stored.digest
    assert AuditEntry.objects.filter(action="login", actor=world.users["fgw"], via="api").exists()

    plans = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/plans")
    assert plans.status_code == 200 and [p["id"] for p in plans.json()] == [world.plan.pk]
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_wrong_password_is_refused_in_chinese(world):
    answer = _token(Client(), "fgw", "not-the-password")
    assert answer.status_code == 401
    assert answer.json() == {"detail": "用户名或密码错误"}
    assert not ApiToken.objects.exists()
    assert AuditEntry.objects.filter(action="login_failed").exists()


def test_five_wrong_passwords_lock_the_username_out_even_for_the_right_one(world):
    client = Client()
    codes = [_token(client, "fgw", f"wrong-{k}").status_code for k in range(5)]
    assert codes[:4] == [401] * 4 and codes[4] == 429
    locked = _token(client, "fgw", PASSWORD)
    assert locked.status_code == 429
    assert "锁定" in locked.json()["detail"]
    assert locked["Content-Type"].startswith("application/json")
    assert not ApiToken.objects.exists()
    assert _token(client, "czj", PASSWORD).status_code == 200, "other usernames are not locked"


def test_an_inactive_user_gets_no_token_and_its_old_tokens_stop_working(world, api):
    client = api("fgw")
    assert client.get("/api/plans").status_code == 200
    world.users["fgw"].is_active = False
    world.users["fgw"].save()
    assert client.get("/api/plans").status_code == 401
    assert _token(Client(), "fgw", PASSWORD).status_code == 401


def test_every_endpoint_but_the_token_needs_authentication(world):
    anonymous = Client()
    paths = [
        "/api/plans",
        f"/api/plans/{world.plan.pk}",
        f"/api/plans/{world.plan.pk}/tasks",
        f"/api/tasks/{world.tasks[0].pk}",
        "/api/units",
        f"/api/units/{world.units['fgw'].pk}",
        f"/api/units/{world.units['fgw'].pk}/tasks",
    ]
    for path in paths:
        answer = anonymous.get(path)
        assert answer.status_code == 401, path
        assert "令牌" in answer.json()["detail"], path
    assert anonymous.post(f"/api/plans/{world.plan.pk}/confirm").status_code == 401


def test_a_wrong_or_malformed_bearer_token_is_401_not_403(world):
    for header in ("Bearer nonsense", "Bearer ", "Token abc", "Bearer " + "x" * 500):
        client = Client(headers={"Authorization": header})
        assert client.get("/api/plans").status_code == 401, header
        assert client.post(f"/api/plans/{world.plan.pk}/confirm").status_code == 401, header


def test_the_browser_session_works_and_its_changes_need_the_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["admin"])
    assert browser.get("/api/plans").status_code == 200, "reading needs no CSRF token"

    url = f"/api/plans/{world.plan.pk}/confirm"
    refused = browser.post(url, {}, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]

    secret = get_random_string(32)
    browser.cookies["csrftoken"] = secret
    answer = browser.post(url, {}, content_type="application/json", headers={"X-CSRFToken": secret})
    assert answer.status_code == 409, "past authentication: the plan is already active"


def test_a_bearer_token_needs_no_csrf_token_even_with_a_session(world, api):
    client = api("admin")
    client.force_login(world.users["admin"])
    client.handler.enforce_csrf_checks = True
    answer = client.post(f"/api/plans/{world.plan.pk}/confirm", {}, content_type="application/json")
    assert answer.status_code == 409


def test_guesses_sent_as_a_broken_form_are_counted_too(world):
    client = Client()
    body = '{"username": "fgw", "password": "wrong"}'
    codes = [
        client.post("/api/auth/token", body, content_type="multipart/form-data").status_code
        for _ in range(5)
    ]
    assert codes[:4] == [401] * 4 and codes[4] == 429
    assert _token(client, "fgw", PASSWORD).status_code == 429
