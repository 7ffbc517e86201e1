"""Deadline day under load (issue #7): unit users submit their reports at once.

A real gunicorn with three workers on a real PostgreSQL database holding the
county demo, living on the day before the deadline (DUBAN_TODAY), and
benchmarks/load.py driving the users through the web pages over loopback:
login form, 报送任务, 填报, autosave, an uploaded PNG, 提交, and the same 提交
once more with the same idempotency key. Then the database itself is read:
every user's report is there exactly once, as that user submitted it, with its
one attachment whose file on disk has the SHA-256 the user uploaded, one audit
entry of the submission, and no other report was created.

By default every unit user of the county who has an open obligation of their
own takes part (about 140; a county owes about that many reports on its
deadline day). DUBAN_LOAD_USERS=500 runs 500 users over as many counties of
the demo as needed. Passwords stay Argon2 as in production: 500 logins alone
cost about 140 CPU-seconds, which is why the default stays at one county.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOAD = ROOT / "benchmarks" / "load.py"
TODAY = "2026-11-24"
SERVER_URL = os.environ.get("DATABASE_URL", "")
USERS = int(os.environ.get("DUBAN_LOAD_USERS") or 0)
PER_COUNTY = 120  # a county demo has ~140 users with an open obligation of their own
RAMP_SECONDS = 60
LIMIT_SECONDS = 900

pytestmark = pytest.mark.skipif(
    not SERVER_URL.startswith("postgres"),
    reason="the load test runs against gunicorn and PostgreSQL (set DATABASE_URL=postgres://…); "
    "SQLite takes one writer at a time and is not what a deadline day is served from",
)


def _url(database: str) -> str:
    return urllib.parse.urlsplit(SERVER_URL)._replace(path=f"/{database}").geturl()


@pytest.fixture
def database():
    """A fresh database of its own, dropped afterwards whatever happened."""
    name = f"load_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _url(name)
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(command: list[str], env: dict, timeout: float) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command[1:3]} failed:\n{done.stdout}\n{done.stderr[-4000:]}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base_url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited:\n{log.read_text()[-4000:]}"
        try:
            if httpx.get(f"{base_url}/accounts/login/", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"gunicorn did not answer within 60 s:\n{log.read_text()[-4000:]}")


def test_deadline_day_every_report_arrives_exactly_once(database, tmp_path):
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "DUBAN_TEST_DATABASE"}
    env |= {"DATABASE_URL": database, "DUBAN_DATA": str(data), "DUBAN_TODAY": TODAY}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    counties = max(1, math.ceil(USERS / PER_COUNTY))
    if counties == 1:
        duban = str(Path(sys.executable).parent / "duban")
        _run([duban, "demo", "--scale", "county", "--data", str(data)], env, 300)
    else:
        build = [sys.executable, str(LOAD), "build", "--counties", str(counties)]
        _run([*build, "--data", str(data)], env, 600)
    plan_file = tmp_path / "plan.json"
    wanted = USERS or 100_000
    _run([sys.executable, str(LOAD), "plan", "--users", str(wanted), "--today", TODAY,
          "--data", str(data), "-o", str(plan_file)], env, 300)  # fmt: skip
    planned = json.loads(plan_file.read_text())["users"]
    assert (len(planned) == USERS) if USERS else (len(planned) >= 100), len(planned)
    with psycopg.connect(database) as db:
        reports_before = db.execute("SELECT count(*) FROM reporting_report").fetchone()[0]

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "duban.web.wsgi:application",
             "-w", "3", "-b", f"127.0.0.1:{port}"],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_until_up(base_url, server, log)
        results_file = tmp_path / "load-results.json"
        load = subprocess.run(
            [sys.executable, str(LOAD), "run", "--base-url", base_url, "--plan", str(plan_file),
             "--ramp", str(RAMP_SECONDS), "--limit", str(LIMIT_SECONDS),
             "--json", str(results_file)],
            capture_output=True, text=True, timeout=LIMIT_SECONDS + 120,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=60)
    figures = tmp_path / "load-figures.txt"
    figures.write_text(load.stdout)
    print(f"\n{len(planned)} users, {counties} county demo(s); figures in {figures}")
    print(load.stdout)
    results = json.loads(results_file.read_text())
    assert load.returncode == 0 and results["errors"] == 0, (
        f"{load.stdout}\n{load.stderr[-2000:]}\ngunicorn:\n{log.read_text()[-4000:]}"
    )
    assert results["users_done"] == len(planned)
    _check_database(database, data, planned, results["submitted"], reports_before)


def _check_database(database: str, data: Path, planned, submitted, reports_before) -> None:
    """What the users were told is what the database holds, each report once."""
    assert sorted((s["username"], s["obligation"]) for s in submitted) == sorted(
        (p["username"], p["obligation"]) for p in planned
    )
    by_obligation = {s["obligation"]: s for s in submitted}
    with psycopg.connect(database) as db:
        reports_after = db.execute("SELECT count(*) FROM reporting_report").fetchone()[0]
        rows = db.execute(
            """SELECT r.obligation_id, r.id, r.version, r.state, r.idempotency_key, u.username
               FROM reporting_report r JOIN accounts_user u ON u.id = r.submitted_by_id
               WHERE r.obligation_id = ANY(%s)""",
            [list(by_obligation)],
        ).fetchall()
        files = db.execute(
            "SELECT report_id, file, sha256 FROM reporting_attachment WHERE report_id = ANY(%s)",
            [[s["report"] for s in submitted]],
        ).fetchall()
        audited = db.execute(
            """SELECT object_id, count(*) FROM audit_auditentry
               WHERE model = 'reporting.report' AND object_id = ANY(%s)
                 AND after->>'state' = 'submitted' GROUP BY object_id""",
            [[str(s["report"]) for s in submitted]],
        ).fetchall()
        failed_logins = db.execute("SELECT count(*) FROM axes_accessattempt").fetchone()[0]

    assert reports_after - reports_before == len(submitted), "a report was lost or stored twice"
    assert sorted(r[0] for r in rows) == sorted(by_obligation), "one report per obligation"
    for obligation, report, version, state, key, username in rows:
        mine = by_obligation[obligation]
        assert (report, version, state, key, username) == (
            mine["report"], 1, "submitted", mine["idempotency_key"], mine["username"]
        )  # fmt: skip
    expected = {s["report"]: s["sha256"] for s in submitted}
    assert sorted(f[0] for f in files) == sorted(expected), "one attachment per report"
    for report, path, sha256 in files:
        stored = (data / "uploads" / path).read_bytes()
        assert sha256 == expected[report] == hashlib.sha256(stored).hexdigest()
    assert dict(audited) == {str(s["report"]): 1 for s in submitted}, "one audited submission"
    assert failed_logins == 0
