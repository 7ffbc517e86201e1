"""The permission matrix: every URL and every API operation, for every persona,
on its own and on other units' objects (see personas.py for who may do what).

Management pages answer 403 to any non-administrator before looking anything up
(so they reveal nothing about which ids exist), and 404 to an administrator of
another government; reading pages answer 404 for objects outside the scope.

Each row names a route and the status each persona gets; personas not named get
the row's `rest`. Every denied persona is also tried with POST, and a denied
request must change nothing (no audit entry). The matrix is checked to be
complete: a new URL or API operation without a row fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from duban.api import api as ninja_api
from duban.audit.models import AuditEntry
from duban.ledger.importing import import_notice
from web.personas import NOTICE

PERSONAS = ["admin", "inspector", "fgw", "fgw_head", "czj", "town", "jyj", "leader", "other_admin"]
OFFICE = {"admin": 200, "inspector": 200}
GOVERNMENT_USERS = dict.fromkeys(PERSONAS[:-1], 200)
DENIED = {403, 404, 405}


@dataclass
class Row:
    """One route: its name (HTML) or "METHOD /api/path", how to build its URL from the
    world and a draft plan, the method, and the expected status per persona."""

    route: str
    url: object
    method: str = "get"
    expect: dict[str, int] = field(default_factory=dict)
    rest: int = 403
    anonymous: int = 302

    def status(self, persona: str) -> int:
        return self.expect.get(persona, self.rest)


def task(k):
    return lambda w, d: w.tasks[k].pk


HTML = [
    Row("home", lambda w, d: reverse("home"), expect=dict.fromkeys(PERSONAS, 302)),
    Row("accounts:login", lambda w, d: reverse("accounts:login"), rest=302, anonymous=200),
    Row("accounts:logout", lambda w, d: reverse("accounts:logout"), method="post", rest=302),
    Row("accounts:password", lambda w, d: reverse("accounts:password"), rest=200),
    Row("accounts:users", lambda w, d: reverse("accounts:users"),
        expect={"admin": 200, "other_admin": 200}),
    Row("accounts:new_user", lambda w, d: reverse("accounts:new_user"),
        expect={"admin": 200, "other_admin": 200}),
    Row("accounts:edit_user", lambda w, d: reverse("accounts:edit_user", args=[w.users["fgw"].pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("ledger:plans", lambda w, d: reverse("ledger:plans"), rest=200),
    Row("ledger:import", lambda w, d: reverse("ledger:import"),
        expect={"admin": 200, "other_admin": 200}),
    Row("ledger:plan", lambda w, d: reverse("ledger:plan", args=[w.plan.pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("ledger:plan (draft)", lambda w, d: reverse("ledger:plan", args=[d.pk]),
        expect=OFFICE, rest=404),
    Row("ledger:tasks", lambda w, d: reverse("ledger:tasks", args=[w.plan.pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("ledger:review", lambda w, d: reverse("ledger:review", args=[d.pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("ledger:review (active plan)", lambda w, d: reverse("ledger:review", args=[w.plan.pk]),
        expect={"admin": 200, "other_admin": 404}, rest=403),
    Row("ledger:decide_name",
        lambda w, d: reverse("ledger:decide_name", args=[d.pk, d.resolutions.first().pk]),
        method="post", expect={"admin": 302, "other_admin": 404}),
    Row("ledger:edit_task",
        lambda w, d: reverse("ledger:edit_task", args=[d.pk, d.tasks.first().pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("ledger:confirm", lambda w, d: reverse("ledger:confirm", args=[d.pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("ledger:discard", lambda w, d: reverse("ledger:discard", args=[d.pk]), method="post",
        expect={"admin": 302, "other_admin": 404}),
    Row("ledger:task (task 1: fgw leads, town via collective, leader leads)",
        lambda w, d: reverse("ledger:task", args=[w.tasks[0].pk]),
        expect={**OFFICE, "fgw": 200, "fgw_head": 200, "town": 200, "leader": 200}, rest=404),
    Row("ledger:task (task 3: jyj's)", lambda w, d: reverse("ledger:task", args=[w.tasks[2].pk]),
        expect={**OFFICE, "jyj": 200}, rest=404),
    Row("ledger:my_unit", lambda w, d: reverse("ledger:my_unit"),
        expect={p: 200 for p in ("fgw", "fgw_head", "czj", "town", "jyj")}, rest=302),
    Row("ledger:my_tasks", lambda w, d: reverse("ledger:my_tasks"),
        expect={"leader": 200}, rest=302),
    Row("directory:units", lambda w, d: reverse("directory:units"), rest=200),
    Row("directory:new_unit", lambda w, d: reverse("directory:new_unit"),
        expect={"admin": 200, "other_admin": 200}),
    Row("directory:import_units", lambda w, d: reverse("directory:import_units"),
        expect={"admin": 200, "other_admin": 200}),
    Row("directory:pick_unit", lambda w, d: reverse("directory:pick_unit") + "?q=fgw", rest=200),
    Row("directory:unit", lambda w, d: reverse("directory:unit", args=[w.units["fgw"].pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("directory:edit_unit",
        lambda w, d: reverse("directory:edit_unit", args=[w.units["fgw"].pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("directory:people", lambda w, d: reverse("directory:people"), rest=200),
    Row("directory:person", lambda w, d: reverse("directory:person", args=[_person(w).pk]),
        expect=GOVERNMENT_USERS, rest=404),
    Row("directory:edit_person",
        lambda w, d: reverse("directory:edit_person", args=[_person(w).pk]),
        expect={"admin": 200, "other_admin": 404}),
    Row("audit:log", lambda w, d: reverse("audit:log"), expect={"admin": 200, "other_admin": 200}),
]  # fmt: skip

API = [
    Row("GET /api/plans", lambda w, d: "/api/plans", rest=200, anonymous=401),
    Row("POST /api/plans/import", lambda w, d: "/api/plans/import", method="post",
        expect={"admin": 201, "other_admin": 201}, anonymous=401),
    Row("GET /api/plans/{plan_id}", lambda w, d: f"/api/plans/{w.plan.pk}",
        expect=GOVERNMENT_USERS, rest=404, anonymous=401),
    Row("GET /api/plans/{plan_id} (draft)", lambda w, d: f"/api/plans/{d.pk}",
        expect=OFFICE, rest=404, anonymous=401),
    Row("POST /api/plans/{plan_id}/confirm", lambda w, d: f"/api/plans/{d.pk}/confirm",
        method="post", expect={"admin": 200, "inspector": 403}, rest=404, anonymous=401),
    Row("GET /api/plans/{plan_id}/tasks", lambda w, d: f"/api/plans/{w.plan.pk}/tasks",
        expect=GOVERNMENT_USERS, rest=404, anonymous=401),
    Row("GET /api/tasks/{task_id}", lambda w, d: f"/api/tasks/{w.tasks[0].pk}",
        expect={**OFFICE, "fgw": 200, "fgw_head": 200, "town": 200, "leader": 200},
        rest=404, anonymous=401),
    Row("GET /api/tasks/{task_id} (jyj's)", lambda w, d: f"/api/tasks/{w.tasks[2].pk}",
        expect={**OFFICE, "jyj": 200}, rest=404, anonymous=401),
    Row("GET /api/units", lambda w, d: "/api/units", rest=200, anonymous=401),
    Row("GET /api/units/{unit_id}", lambda w, d: f"/api/units/{w.units['fgw'].pk}",
        expect=GOVERNMENT_USERS, rest=404, anonymous=401),
    Row("GET /api/units/{unit_id}/tasks", lambda w, d: f"/api/units/{w.units['fgw'].pk}/tasks",
        expect={**OFFICE, "fgw": 200, "fgw_head": 200, "leader": 200, "other_admin": 404},
        anonymous=401),
]  # fmt: skip


def _person(world):
    return world.government.people.get(name="苏铨烨")


@pytest.fixture
def draft(world):
    """A draft of the next year's notice: only the office sees drafts."""
    return import_notice(NOTICE.replace("2022", "2023").encode(), "2023.txt", world.government)


def _request(client: Client, row: Row, url: str, method: str):
    if row.route == "POST /api/plans/import" and method == "post":
        return client.post(url, {"file": _notice_file()})
    if row.route.endswith("/confirm") and method == "post":
        return client.post(url, {"create_missing_units": True}, content_type="application/json")
    return getattr(client, method)(url)


def _notice_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("n.txt", NOTICE.replace("2022", "2024").encode())


def _check(row: Row, world, draft, make_client) -> None:
    url = row.url(world, draft)
    anonymous = _request(Client(), row, url, row.method)
    assert anonymous.status_code == row.anonymous, f"{row.route} anonymous"
    # Denied personas first, so an allowed change does not alter what they meet.
    order = sorted(PERSONAS, key=lambda p: row.status(p) < 300 or row.status(p) == 302)
    for persona in order:
        expected = row.status(persona)
        client = make_client(persona)
        before = AuditEntry.objects.exclude(action__in=("login", "login_failed")).count()
        response = _request(client, row, url, row.method)
        assert response.status_code == expected, f"{row.route} as {persona}"
        if expected in (403, 404):
            if row.method == "get":
                posted = _request(client, row, url, "post")
                assert posted.status_code in DENIED, f"POST {row.route} as {persona}"
            after = AuditEntry.objects.exclude(action__in=("login", "login_failed")).count()
            assert after == before, f"{row.route} as {persona} changed something"


@pytest.mark.parametrize("row", HTML, ids=[r.route for r in HTML])
def test_every_page_for_every_persona(row, world, draft, login):
    _check(row, world, draft, login)


@pytest.mark.parametrize("row", API, ids=[r.route for r in API])
def test_every_api_operation_for_every_persona(row, world, draft, api):
    _check(row, world, draft, api)


def test_the_matrix_covers_every_url():
    names = {r.route.split(" ")[0] for r in HTML}
    assert set(_url_names(get_resolver())) - {"api"} <= names | _api_names()


def test_the_matrix_covers_every_api_operation():
    schema = ninja_api.get_openapi_schema()
    operations = {
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
    }
    covered = {" ".join(r.route.split(" ")[:2]) for r in API} | {"POST /api/auth/token"}
    assert operations == covered


def _api_names() -> set[str]:
    return {name for name in _url_names(get_resolver()) if name.startswith("api:")}


def _url_names(resolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name
