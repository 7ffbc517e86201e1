"""DUBAN_TODAY: a server that lives on a demo's day while its hours still run."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.utils import timezone

from duban import clock


@pytest.fixture
def real_day():
    yield
    clock.set_today(clock.day_from_env())


def test_set_today_moves_the_date_and_keeps_the_time_running(real_day):
    clock.set_today(dt.date(2026, 11, 24))
    before = timezone.localtime(timezone.now())
    shifted = timezone.localtime(clock.now())
    after = timezone.localtime(timezone.now())
    assert clock.today() == dt.date(2026, 11, 24)
    assert shifted.date() == dt.date(2026, 11, 24)
    assert before.time() <= shifted.time() <= after.time() or before.date() != after.date()
    assert timezone.is_aware(shifted)


def test_a_frozen_clock_wins_over_the_day(real_day):
    clock.set_today(dt.date(2026, 11, 24))
    with clock.frozen_at(dt.date(2022, 3, 1)):
        assert clock.today() == dt.date(2022, 3, 1)
    assert clock.today() == dt.date(2026, 11, 24)


def test_no_day_is_the_real_date(real_day):
    clock.set_today(None)
    assert clock.today() == timezone.localdate()


def _today_in_a_new_process(value: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DUBAN_TODAY": value,
        "DUBAN_DATA": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "duban.web.settings",
    }
    code = "import django; django.setup(); from duban import clock; print(clock.today())"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_duban_today_in_the_environment_sets_the_servers_date(tmp_path):
    done = _today_in_a_new_process("2026-11-24", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2026-11-24"


def test_a_garbled_duban_today_stops_the_start_with_the_reason(tmp_path):
    done = _today_in_a_new_process("24.11.2026", tmp_path)
    assert done.returncode != 0
    assert "DUBAN_TODAY must be a date like 2026-11-24, not '24.11.2026'" in done.stderr
