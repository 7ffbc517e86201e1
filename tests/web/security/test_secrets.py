"""Secrets stay where they are put (OWASP ASVS V6.4, V8.3, V14.3): the secret
key from DUBAN_SECRET_KEY or a file only its owner can read; the SMTP password,
a DingTalk signing key and a robot's access token never go back to a page."""

from __future__ import annotations

import stat

from django.urls import reverse

from duban.reporting.models import Channel
from duban.web import settings as duban_settings

ROBOT = "https://oapi.dingtalk.com/robot/send?access_token=9f2c41d7e0b84a6c"
SIGNING_KEY = "SECb1d7f0c2a9e84e3f"


def test_a_generated_secret_key_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("DUBAN_SECRET_KEY", raising=False)
    key = duban_settings._secret_key(tmp_path)
    path = tmp_path / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 50 and duban_settings._secret_key(tmp_path) == key, "kept, not remade"


def test_the_secret_key_from_the_environment_wins_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DUBAN_SECRET_KEY", "from-the-environment-" + "k" * 40)
    assert duban_settings._secret_key(tmp_path).startswith("from-the-environment-")
    assert not (tmp_path / "secret_key").exists()


def test_the_smtp_password_appears_on_no_page(world, login, settings):
    settings.EMAIL_HOST_PASSWORD = "smtp-Pa55word-xyz"
    client = login("admin")
    for url in (
        reverse("reporting:settings"),
        reverse("reporting:channels"),
        reverse("accounts:users"),
        reverse("audit:log"),
        "/api/openapi.json",
    ):
        response = client.get(url)
        assert response.status_code == 200 and b"smtp-Pa55word-xyz" not in response.content, url


def _robot(world) -> Channel:
    return Channel.objects.create(
        government=world.government, kind="dingtalk", target=ROBOT, secret=SIGNING_KEY
    )


def test_neither_the_signing_key_nor_the_access_token_is_sent_back(world, login):
    channel = _robot(world)
    client = login("admin")
    for url in (
        reverse("reporting:channels"),
        reverse("reporting:edit_channel", args=[channel.pk]),
    ):
        page = client.get(url).content.decode()
        assert SIGNING_KEY not in page, url
        assert "9f2c41d7e0b84a6c" not in page and "access_token=9f2c…" in page, url


def test_saving_the_edit_form_unchanged_keeps_the_full_address(world, login):
    channel = _robot(world)
    url = reverse("reporting:edit_channel", args=[channel.pk])
    shown = "https://oapi.dingtalk.com/robot/send?access_token=9f2c…"
    response = login("admin").post(url, {"kind": "dingtalk", "target": shown, "active": "on"})
    assert response.status_code == 302
    channel.refresh_from_db()
    assert (channel.target, channel.secret, channel.active) == (ROBOT, SIGNING_KEY, True)


def test_a_new_address_typed_in_full_replaces_the_old_one(world, login):
    channel = _robot(world)
    url = reverse("reporting:edit_channel", args=[channel.pk])
    new = "https://oapi.dingtalk.com/robot/send?access_token=0000aaaa1111"
    login("admin").post(url, {"kind": "dingtalk", "target": new, "active": "on"})
    channel.refresh_from_db()
    assert channel.target == new


def test_a_shortened_address_cannot_become_an_email_channel(world, login):
    channel = _robot(world)
    url = reverse("reporting:edit_channel", args=[channel.pk])
    shown = "https://oapi.dingtalk.com/robot/send?access_token=9f2c…"
    response = login("admin").post(url, {"kind": "email", "target": shown, "active": "on"})
    assert response.status_code == 200 and "不是有效的邮箱地址" in response.content.decode()
    channel.refresh_from_db()
    assert channel.kind == "dingtalk"


def test_api_tokens_are_stored_only_as_digests(world):
    from duban.accounts.models import ApiToken

    token = world.token("fgw")
    stored = ApiToken.objects.get(user=world.users["fgw"])
    assert stored.digest != token and token not in stored.digest
    assert stored.digest == ApiToken.hash(token)
