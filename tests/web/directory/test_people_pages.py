"""Leaders: the list, a leader's page with 分管 units and tasks, and editing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from duban.directory.models import Person


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def su(world) -> Person:
    return Person.objects.get(government=world.government, name="苏铨烨")


def test_the_people_list_shows_leaders_with_their_posts(login, world):
    page = login("fgw").get(reverse("directory:people")).content.decode()
    assert "苏铨烨" in page and "王强" in page and "副区长" in page


def test_a_leaders_page_shows_the_tasks_they_lead_that_the_viewer_may_see(login, world, su):
    url = reverse("directory:person", args=[su.pk])
    assert [t.seq for t in login("admin").get(url).context["tasks"]] == ["1"]
    assert [t.seq for t in login("czj").get(url).context["tasks"]] == []
    assert login("other_admin").get(url).status_code == 404


def test_an_admin_edits_a_leaders_post_and_oversight_and_it_is_audited(login, world, su):
    client = login("admin")
    url = reverse("directory:edit_person", args=[su.pk])
    assert client.get(url).status_code == 200
    fgw = world.units["fgw"]
    response = client.post(url, {"name": "苏铨烨", "post": "常务副区长", "oversees": [fgw.pk]})
    assert response.status_code == 302
    su.refresh_from_db()
    assert su.post == "常务副区长" and list(su.oversees.all()) == [fgw]
    entries = AuditEntry.objects.filter(model="directory.person", object_id=str(su.pk))
    assert entries.filter(actor=world.users["admin"], after__post="常务副区长").exists()
    assert entries.filter(after__oversees=["区发展和改革委员会"]).exists()
    page = client.get(reverse("directory:person", args=[su.pk])).content.decode()
    assert "分管单位" in page and "区发展和改革委员会" in page


def test_a_leaders_name_must_stay_unique(login, world, su):
    response = login("admin").post(
        reverse("directory:edit_person", args=[su.pk]), {"name": "王强", "post": ""}
    )
    assert response.status_code == 200 and "本政府已有同名领导" in response.content.decode()


@pytest.mark.parametrize("persona", ["inspector", "fgw", "leader"])
def test_only_an_admin_may_edit_a_leader(login, world, su, persona):
    url = reverse("directory:edit_person", args=[su.pk])
    assert login(persona).get(url).status_code == 403
    assert login(persona).post(url, {"name": "x"}).status_code == 403


def test_an_admin_of_another_government_cannot_find_the_leader(login, world, su):
    url = reverse("directory:edit_person", args=[su.pk])
    assert login("other_admin").get(url).status_code == 404
