"""Browser security headers: the Content-Security-Policy (scripts only from this
site, no inline script, no eval), Permissions-Policy, COOP, and HSTS when the
site runs over HTTPS (DUBAN_SECURE_COOKIES)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from duban.web.security import CONTENT_SECURITY_POLICY


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [p.split() for p in policy.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


@pytest.fixture
def pages(world, login):
    """An anonymous page, a logged-in page, an error page, a fragment, the API's JSON."""
    anonymous = Client()
    client = login("admin")
    return {
        "login": anonymous.get(reverse("accounts:login")),
        "plan": client.get(reverse("ledger:plan", args=[world.plan.pk])),
        "not found": client.get("/no-such-page/"),
        "api": Client().get("/api/openapi.json"),
        "api docs": Client().get("/api/docs"),
    }


def test_every_kind_of_response_carries_the_policy(pages):
    for name, response in pages.items():
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, name


def test_scripts_come_only_from_this_site_and_nothing_inline_runs(pages):
    policy = directives(pages["plan"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    # <style> elements only from files; style attributes (ECharts) are allowed.
    assert policy["style-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "unsafe-eval" not in everything
    assert "'unsafe-inline'" not in " ".join(policy["script-src"] + policy["style-src"])


def test_permissions_policy_and_cross_origin_isolation(pages):
    response = pages["plan"]
    features = dict(f.strip().split("=") for f in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_hsts_is_sent_only_when_the_site_runs_over_https(world, settings):
    settings.SESSION_COOKIE_SECURE = False
    assert "Strict-Transport-Security" not in Client().get(reverse("accounts:login"))
    settings.SESSION_COOKIE_SECURE = True
    response = Client().get(reverse("accounts:login"))
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_the_session_and_csrf_cookies_are_http_only_lax_and_secure_over_https(world, settings):
    client = Client()
    client.post(reverse("accounts:login"), {"username": "fgw", "password": "Duban-test-2026"})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE


def test_htmx_is_told_not_to_inject_styles_nor_to_eval(pages):
    page = pages["plan"].content.decode()
    found = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert found, "base.html configures htmx"
    config = json.loads(found.group(1))
    # historyCacheSize 0: no copy of a page in the browser's storage (ASVS V8.2.2).
    assert config == {"includeIndicatorStyles": False, "allowEval": False, "historyCacheSize": 0}
    assert '<script src="/static/duban/duban.js"></script>' in page


def test_a_downloaded_file_keeps_its_stricter_sandbox_policy(attachment, login):
    response = login("town").get(reverse("reporting:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_pages_and_api_answers_are_not_cached_but_static_files_are(pages, world):
    for name in ("login", "plan", "not found", "api"):
        assert "no-store" in pages[name]["Cache-Control"], name
    static = Client().get("/static/duban/duban.js")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


def test_a_form_posted_without_the_csrf_token_is_refused_in_chinese(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["fgw"])
    response = client.post(reverse("accounts:password"), {"old_password": "x"})
    assert response.status_code == 403
    assert "为了安全，这次提交没有被接受" in response.content.decode()


def test_no_other_site_is_allowed_to_read_the_api(world):
    response = Client().get("/api/openapi.json", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert not any(h.lower().startswith("access-control-") for h in response.headers)


def _production_settings(**env) -> dict:
    """The settings a fresh process reads from the environment, as `duban serve` would."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'DEBUG', 'SESSION_COOKIE_NAME', 'CSRF_COOKIE_NAME', 'SESSION_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_AGE', 'DUBAN_IDLE_MINUTES')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_") or k == "DUBAN_DATA"}
    clean.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "duban.web.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_defaults_are_safe_and_https_gives_host_only_cookies():
    plain = _production_settings()
    assert plain["DEBUG"] is False and plain["SESSION_COOKIE_HTTPONLY"] is True
    assert (plain["SESSION_COOKIE_AGE"], plain["DUBAN_IDLE_MINUTES"]) == (8 * 3600, 30)
    assert plain["SESSION_COOKIE_NAME"] == "sessionid"
    https = _production_settings(DUBAN_SECURE_COOKIES="1", DUBAN_IDLE_MINUTES="15")
    assert https["SESSION_COOKIE_SECURE"] is True and https["DUBAN_IDLE_MINUTES"] == 15
    assert (https["SESSION_COOKIE_NAME"], https["CSRF_COOKIE_NAME"]) == (
        "__Host-sessionid",
        "__Host-csrftoken",
    )
