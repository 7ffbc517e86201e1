"""Shared pieces of the security tests: a report with a real attached photo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban import clock
from duban.reporting import flow
from web.reporting.flowkit import monthly, png_bytes


@pytest.fixture
def attachment(world):
    """A photo attached to the town's March report of task 1, on 20 March 2022."""
    with clock.frozen_at(dt.date(2022, 3, 20)):
        town = world.users["town"]
        report = flow.draft_for(town, monthly(world, "town", 0, 3))
        return flow.add_attachment(town, report, SimpleUploadedFile("现场照片.png", png_bytes()))
