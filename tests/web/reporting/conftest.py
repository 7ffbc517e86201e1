"""Fixtures of the reporting tests: the local servers that stand in for the
mail server and the DingTalk/WeCom robots (see remind_servers.py)."""

from __future__ import annotations

import pytest

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
