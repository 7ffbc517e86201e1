"""Fixtures of the reporting tests: the local servers that stand in for the
mail server and the DingTalk/WeCom robots (see remind_servers.py), and the
town's March draft that the attachment tests upload to."""

from __future__ import annotations

import pytest

from duban.reporting import flow
from web.reporting.flowkit import monthly
from web.reporting.remind_servers import robot_server, smtp_server


@pytest.fixture
def robots():
    with robot_server() as server:
        yield server


@pytest.fixture
def mailbox(settings):
    with smtp_server() as box:
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = box.port
        settings.DEFAULT_FROM_EMAIL = "督办系统 <duban@pingan.example>"
        yield box


@pytest.fixture
def draft(world):
    town = world.users["town"]
    report = flow.draft_for(town, monthly(world, "town", 0, 3))
    return flow.save_draft(town, report, progress="完成资料收集")
