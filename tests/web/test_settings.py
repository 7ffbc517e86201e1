"""Settings read from the environment, read the way a deployment reads them:
a fresh interpreter importing `duban.web.settings` with only that environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PG = "postgres://postgres@127.0.0.1:5432/duban"
SHOW = (
    "import json, duban.web.settings as s; d = s.DATABASES['default'];"
    "print(json.dumps([d['ENGINE'], d.get('CONN_MAX_AGE', 0), d.get('CONN_HEALTH_CHECKS', False)]))"
)


def database_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "DATABASE_URL"))}
    clean |= {"DUBAN_DATA": str(tmp_path / "data"), **env}
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=clean, capture_output=True, text=True, timeout=60
    )


def test_postgresql_connections_are_kept_between_requests_and_checked_before_reuse(tmp_path):
    shown = database_settings(tmp_path, DATABASE_URL=PG)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == ["django.db.backends.postgresql", 60, True]


def test_connection_reuse_can_be_turned_off(tmp_path):
    shown = database_settings(tmp_path, DATABASE_URL=PG, DUBAN_DB_CONN_MAX_AGE="0")
    assert json.loads(shown.stdout)[1:] == [0, True]


def test_sqlite_opens_a_connection_per_request(tmp_path):
    shown = database_settings(tmp_path)
    assert json.loads(shown.stdout) == ["django.db.backends.sqlite3", 0, False]


def test_a_malformed_value_names_the_variable(tmp_path):
    shown = database_settings(tmp_path, DATABASE_URL=PG, DUBAN_DB_CONN_MAX_AGE="一分钟")
    assert shown.returncode != 0
    assert "DUBAN_DB_CONN_MAX_AGE must be an integer" in shown.stderr
