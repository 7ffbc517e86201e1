"""通知: the user's notifications with the unread count in the navigation bar;
opening one marks it read and follows its link, only ever within the site."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.reporting import flow, notify
from duban.reporting.models import Notification

URL = reverse("reporting:notifications")


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


@pytest.fixture
def instructed(world):
    return flow.instruct(world.users["leader"], world.tasks[0], "抓紧推进")


def test_the_navigation_counts_unread_notifications(login, world, instructed):
    page = login("fgw").get(reverse("ledger:my_unit")).content.decode()
    assert 'id="unread-count">1<' in page
    assert 'id="unread-count"' not in login("czj").get(reverse("ledger:my_unit")).content.decode()


def test_the_page_lists_notifications_newest_first(login, world, instructed):
    notify.send([world.users["fgw"]], "第二条<b>通知</b>", "second", "/plans/")
    response = login("fgw").get(URL)
    texts = [n.text for n in response.context["page"].object_list]
    assert texts[0] == "第二条<b>通知</b>" and "抓紧推进" in texts[1]
    page = response.content.decode()
    assert "2 条未读" in page and "第二条&lt;b&gt;通知&lt;/b&gt;" in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(login, world, instructed):
    notification = world.users["fgw"].notifications.get()
    response = login("fgw").post(reverse("reporting:read", args=[notification.pk]), {"open": "1"})
    assert response.url == reverse("ledger:task", args=[world.tasks[0].pk])
    notification.refresh_from_db()
    assert notification.read_at == clock.now()


def test_marking_all_read_clears_the_count(login, world, instructed):
    client = login("fgw")
    client.post(reverse("reporting:read_all"))
    assert not world.users["fgw"].notifications.filter(read_at__isnull=True).exists()
    assert 'id="unread-count"' not in client.get(URL).content.decode()
    assert world.users["fgw_head"].notifications.filter(read_at__isnull=True).count() == 1


def test_a_link_to_another_site_is_not_followed(login, world):
    notification = Notification.objects.create(
        user=world.users["fgw"], text="外部链接", url="https://example.com/", key="outside"
    )
    response = login("fgw").post(reverse("reporting:read", args=[notification.pk]), {"open": "1"})
    assert response.url == URL


def test_another_users_notification_is_not_found(login, world, instructed):
    notification = world.users["fgw"].notifications.get()
    response = login("fgw_head").post(reverse("reporting:read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_no_notifications_says_so(login):
    assert "暂无通知。" in login("jyj").get(URL).content.decode()
