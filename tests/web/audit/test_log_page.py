"""The audit log page: administrators only, newest first, filters, before → after."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.audit.context import acting_as
from duban.audit.models import AuditEntry


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def renamed(world):
    unit = world.units["czj"]
    with acting_as(world.users["admin"], ip="10.1.2.3"):
        unit.short_name = "<b>财政</b>"
        unit.save()
    return unit


def test_an_admin_sees_changes_newest_first_with_fields_before_and_after(login, world, renamed):
    # Logging in is itself logged: look at the units' entries.
    response = login("admin").get(reverse("audit:log"), {"model": "directory.unit"})
    rows = response.context["rows"]
    assert rows[0]["entry"].object_id == str(renamed.pk)
    assert rows[0]["model"] == "单位"
    assert rows[0]["changes"] == [("简称", "（空）", "<b>财政</b>")]
    page = response.content.decode()
    assert "&lt;b&gt;财政&lt;/b&gt;" in page and "<b>财政</b>" not in page
    assert "10.1.2.3" in page and "修改" in page


def test_the_log_filters_by_model_action_actor_and_object(login, world, renamed):
    client = login("admin")
    url = reverse("audit:log")

    def entries(**params):
        return [row["entry"] for row in client.get(url, params).context["rows"]]

    assert {e.model for e in entries(model="directory.unit")} == {"directory.unit"}
    assert {e.action for e in entries(action="import")} == {"import"}
    assert [e.object_id for e in entries(actor="adm", model="directory.unit")] == [str(renamed.pk)]
    assert {e.object_id for e in entries(object=str(renamed.pk), model="directory.unit")} == {
        str(renamed.pk)
    }
    assert {e.object_repr for e in entries(object="区财政")} == {"区财政局"}


def test_the_log_is_paged(login, world):
    AuditEntry.objects.bulk_create(
        AuditEntry(action="update", model="directory.unit", object_repr=f"单位{k}")
        for k in range(120)
    )
    response = login("admin").get(reverse("audit:log"), {"page": 2})
    assert response.context["page"].number == 2 and len(response.context["rows"]) == 50


@pytest.mark.parametrize("persona", ["inspector", "fgw", "fgw_head", "leader"])
def test_only_administrators_see_the_log(login, world, persona):
    assert login(persona).get(reverse("audit:log")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, world):
    assert client.get(reverse("audit:log")).status_code == 302


def test_choices_show_their_labels_and_lists_their_items(login, world):
    collective = world.units["collective"]
    with acting_as(world.users["admin"]):
        AuditEntry.objects.create(
            action="update",
            model="directory.unit",
            object_id=str(collective.pk),
            before={"kind": "department", "members": []},
            after={"kind": "collective", "members": ["三合镇"]},
        )
    response = login("admin").get(reverse("audit:log"), {"object": str(collective.pk)})
    changes = response.context["rows"][0]["changes"]
    assert ("类别", "部门", "统称（单位集合）") in changes
    assert ("包含单位", "（空）", '["三合镇"]') in changes
