"""Deadline day under load: many unit users submit their reports at once.

    python benchmarks/load.py build --counties 5 --data DIR      # demo data
    python benchmarks/load.py plan --users 500 --today 2026-11-24 -o plan.json
    python benchmarks/load.py run --base-url http://127.0.0.1:8000 --plan plan.json

`build` and `plan` read DATABASE_URL and DUBAN_DATA like `duban`. `build`
makes the county demo N times over: one county owes only about 140 reports on
its deadline day, so 500 users with a report each of their own need several.
`plan` gives each of up to N unit users one obligation of their own unit that
is open on that day and has no report yet, at most one per user, spread over
all units. `run` only talks HTTP to a running server (loopback) that lives on
that day (DUBAN_TODAY): it knows nothing of the database, so it measures
exactly what a browser would get.

Each simulated user walks the civil servant's path through the web pages:
the login form, the landing page, 报送任务, 填报 on their obligation, the report
page, the autosave of the typed text (as htmx sends it), the upload of a PNG
made for that user, 提交 with the page's idempotency key — and then the same
提交 once more with the same key, as a browser retry sends it, which must
answer with the same report, not a second one. The report's versions are then
read back through the API with the same session.

Users arrive evenly over --ramp seconds, wait up to --request-timeout seconds
for each answer, and the whole run is cut at --limit seconds. --double-click
also sends the first 提交 twice at once (both in flight), as an impatient user
does. Prints requests, errors by step and status, p50/p95/p99 latency per step
and overall, and throughput; --json writes the same figures and what each user
submitted (report id, idempotency key, attachment SHA-256) for checking the
database afterwards. Exit status 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import statistics
import struct
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

SUBMITTED = ("报告已报送牵头单位", "报告已提交")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SAVE = re.compile(r'action="/reporting/reports/(\d+)/save/"')
_KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
_LOCK = re.compile(r'id="lock-version" value="(\d+)"')


# --- data: build and plan (these two use Django; run does not) ----------


def build(counties: int, seed: int, data: str | None) -> None:
    """The county demo `counties` times over, into an empty database."""
    from dataclasses import replace

    from duban.web import runtime

    runtime.start(data)
    from duban.audit.context import acting_as
    from duban.demo.build import build as build_demo
    from duban.demo.scales import SCALES
    from duban.ledger.models import Plan

    if Plan.objects.exists():
        sys.exit("the database already has plans: build into an empty one")
    with acting_as(None, via="cli"):
        summary = build_demo(replace(SCALES["county"], counties=counties), seed=seed)
    print("\n".join(summary.lines()))


def plan(users: int, today: str, password: str, data: str | None) -> dict:
    """Up to `users` (unit user, open obligation of their unit) pairs; rank 0 of
    every unit first, then rank 1, so a cut list still covers every unit."""
    import datetime as dt

    from duban.web import runtime

    runtime.start(data)
    from django.db.models import Exists, OuterRef

    from duban.accounts.choices import Role
    from duban.accounts.models import User
    from duban.ledger.choices import TaskState
    from duban.reporting.models import Obligation, Report

    day = dt.date.fromisoformat(today)
    reported = Report.objects.filter(obligation=OuterRef("pk"))
    open_ones = (
        Obligation.objects.filter(task__state=TaskState.ACTIVE, period_start__lte=day)
        .exclude(Exists(reported))
        .order_by("unit_id", "due", "pk")
        .values_list("pk", "unit_id")
    )
    by_unit: dict[int, list[int]] = defaultdict(list)
    for pk, unit_id in open_ones:
        by_unit[unit_id].append(pk)
    staff: dict[int, list[str]] = defaultdict(list)
    rows = (
        User.objects.filter(is_active=True, role__in=[Role.UNIT_USER, Role.UNIT_HEAD])
        .exclude(unit=None)
        .order_by("unit_id", "username")
        .values_list("username", "unit_id")
    )
    for username, unit_id in rows:
        staff[unit_id].append(username)
    ranked = [list(zip(staff[unit], by_unit[unit], strict=False)) for unit in sorted(by_unit)]
    deepest = max(map(len, ranked), default=0)
    pairs = [row[rank] for rank in range(deepest) for row in ranked if rank < len(row)]
    chosen = [{"username": u, "obligation": o} for u, o in pairs[:users]]
    if len(chosen) < users:
        print(f"only {len(chosen)} users have an open obligation of their own", file=sys.stderr)
    return {"today": today, "password": password, "users": chosen}


# --- the simulated users ----------


@dataclass
class Record:
    """Every request's step, status and seconds, and every failure."""

    samples: list[tuple[str, int, float]] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    done: list[dict] = field(default_factory=list)


class Refused(Exception):
    """A step's answer was not what a working system gives."""

    def __init__(self, step: str, status: int, detail: str):
        super().__init__(f"{step}: HTTP {status}: {detail}")
        self.step, self.status, self.detail = step, status, detail


class User:
    def __init__(self, client: httpx.AsyncClient, record: Record, username: str):
        self.client, self.record, self.username = client, record, username

    async def call(self, step: str, method: str, url: str, expect: int | None, **kwargs):
        """One request timed; any status but `expect` (None: any at all) fails the user."""
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            self.record.samples.append((step, 0, time.perf_counter() - started))
            raise Refused(step, 0, f"{type(exc).__name__}: {exc}") from exc
        self.record.samples.append((step, response.status_code, time.perf_counter() - started))
        if expect is not None and response.status_code != expect:
            raise Refused(step, response.status_code, _gist(response))
        return response

    async def follow(self, step: str, response: httpx.Response) -> httpx.Response:
        """Follow redirects as the browser does, each request timed under `step`."""
        for _ in range(5):
            if response.status_code not in (301, 302, 303):
                return response
            response = await self.call(step, "GET", response.headers["location"], None)
        raise Refused(step, response.status_code, "too many redirects")


def _gist(response: httpx.Response) -> str:
    text = response.text
    alert = re.search(r'class="alert[^"]*"[^>]*>(.*?)</', text, re.S)
    if alert:
        return re.sub(r"\s+", " ", alert.group(1)).strip()[:200]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()[:200]


def _find(pattern: re.Pattern, text: str, step: str, what: str) -> str:
    found = pattern.search(text)
    if found is None:
        raise Refused(step, 200, f"no {what} on the page")
    return found.group(1)


def evidence_png(seed: str, kilobytes: int) -> bytes:
    """A real PNG of about `kilobytes` of noise, different for every seed."""
    width = 256
    height = max(1, kilobytes * 1024 // (width * 3))
    noise = hashlib.shake_256(seed.encode()).digest(width * 3 * height)
    rows = b"".join(b"\x00" + noise[y * width * 3 : (y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Options:
    """How the simulated users behave: the demo password, the size of their
    evidence photo, how long they wait for an answer, and whether they double
    click 提交 (both requests in flight at once) before the retry."""

    password: str
    kilobytes: int = 64
    request_timeout: float = 120.0
    double_click: bool = False


async def simulate(user: User, obligation: int, options: Options) -> dict:
    """One civil servant's deadline-day visit, from the login form to the check."""
    page = await user.call("login_page", "GET", "/accounts/login/", 200)
    csrf = _find(_CSRF, page.text, "login_page", "CSRF token")
    form = {"csrfmiddlewaretoken": csrf, "username": user.username, "password": options.password}
    form["next"] = ""
    answer = await user.call("login", "POST", "/accounts/login/", 302, data=form)
    landing = await user.follow("landing", answer)
    if landing.status_code != 200:
        raise Refused("landing", landing.status_code, _gist(landing))

    listing = await user.call("obligations", "GET", "/reporting/", 200)
    start_url = f"/reporting/obligations/{obligation}/start/"
    if f'data-obligation="{obligation}"' not in listing.text or start_url not in listing.text:
        raise Refused("obligations", 200, f"obligation {obligation} not open in the list")
    csrf = _find(_CSRF, listing.text, "obligations", "CSRF token")
    started = await user.call("start", "POST", start_url, 302, data={"csrfmiddlewaretoken": csrf})
    page_url = f"/reporting/obligations/{obligation}/"
    if started.headers.get("location") != page_url:
        raise Refused("start", 302, f"redirected to {started.headers.get('location')}")

    opened = await user.call("open", "GET", page_url, 200)
    report = int(_find(_SAVE, opened.text, "open", "report form"))
    key = _find(_KEY, opened.text, "open", "idempotency key")
    lock = _find(_LOCK, opened.text, "open", "lock_version")
    csrf = _find(_CSRF, opened.text, "open", "CSRF token")
    fields = {
        "csrfmiddlewaretoken": csrf,
        "status": "on_track",
        "progress": f"截至11月24日，{user.username} 所在单位已按计划推进，完成年度任务的92%。",
        "problems": "项目要素保障仍需协调。",
        "next_steps": "12月底前完成全部建设内容。",
        "percent": "92",
    }
    htmx = {"HX-Request": "true", "HX-Current-URL": str(user.client.base_url) + page_url}
    saved = await user.call(
        "autosave",
        "POST",
        f"/reporting/reports/{report}/autosave/",
        200,
        data={**fields, "idempotency_key": key, "lock_version": lock},
        headers=htmx,
    )
    if "已自动保存" not in saved.text:
        raise Refused("autosave", 200, _gist(saved))
    lock = _find(_LOCK, saved.text, "autosave", "new lock_version")

    png = evidence_png(f"{user.username}:{obligation}", options.kilobytes)
    name = f"现场照片-{user.username}.png"
    uploaded = await user.call(
        "upload",
        "POST",
        f"/reporting/reports/{report}/attachments/",
        200,
        data={"csrfmiddlewaretoken": csrf},
        files={"files": (name, png, "image/png")},
        headers=htmx,
    )
    if "已上传 1 个附件" not in uploaded.text:
        raise Refused("upload", 200, _gist(uploaded))

    submission = {**fields, "idempotency_key": key, "lock_version": lock, "action": "submit"}
    save_url = f"/reporting/reports/{report}/save/"
    clicks = 2 if options.double_click else 1
    for step in ("submit", "retry"):
        answers = await asyncio.gather(
            *(user.call(step, "POST", save_url, 302, data=submission) for _ in range(clicks)),
            return_exceptions=True,
        )
        for answer in answers:
            if isinstance(answer, BaseException):
                raise answer
            if answer.headers.get("location") != page_url:
                raise Refused(step, 302, f"redirected to {answer.headers.get('location')}")
        shown = await user.call(f"{step}_page", "GET", page_url, 200)
        if not any(text in shown.text for text in SUBMITTED):
            raise Refused(f"{step}_page", 200, _gist(shown))
        clicks = 1

    check = await user.call("verify", "GET", f"/api/obligations/{obligation}", 200)
    versions = check.json()["reports"]
    if [(r["id"], r["state"]) for r in versions] != [(report, "submitted")]:
        raise Refused("verify", 200, f"versions after the retried submit: {versions}")
    return {
        "username": user.username,
        "obligation": obligation,
        "report": report,
        "idempotency_key": key,
        "attachment": name,
        "sha256": hashlib.sha256(png).hexdigest(),
    }


async def one_user(base_url: str, entry: dict, delay: float, options: Options, record: Record):
    await asyncio.sleep(delay)
    timeout = httpx.Timeout(options.request_timeout)
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout) as client:
        user = User(client, record, entry["username"])
        try:
            record.done.append(await simulate(user, entry["obligation"], options))
        except Refused as exc:
            record.errors.append(
                {"username": user.username, "step": exc.step, "status": exc.status}
                | {"detail": exc.detail}
            )


async def run(
    base_url: str, entries: list[dict], options: Options, ramp: float, limit: float
) -> tuple[Record, float]:
    """Users arrive evenly over `ramp` seconds; whoever is not done at `limit`
    seconds is stopped and counted as an error."""
    record = Record()
    step = ramp / len(entries) if entries else 0
    tasks = [
        asyncio.create_task(one_user(base_url, e, i * step, options, record))
        for i, e in enumerate(entries)
    ]
    started = time.perf_counter()
    _finished, late = await asyncio.wait(tasks, timeout=limit)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    seen = {e["username"] for e in record.errors} | {d["username"] for d in record.done}
    for entry in entries:
        if entry["username"] not in seen:
            record.errors.append(
                {"username": entry["username"], "step": "unfinished", "status": 0}
                | {"detail": f"not done within {limit:.0f} s"}
            )
    return record, time.perf_counter() - started


# --- figures ----------


def percentiles(seconds: list[float]) -> dict:
    if not seconds:
        return {"count": 0}
    ordered = sorted(seconds)
    if len(ordered) == 1:
        cuts = [ordered[0]] * 99
    else:
        cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "count": len(ordered),
        "p50": round(cuts[49], 3),
        "p95": round(cuts[94], 3),
        "p99": round(cuts[98], 3),
        "max": round(ordered[-1], 3),
    }


def figures(record: Record, wall: float, users: int) -> dict:
    by_step: dict[str, list[float]] = defaultdict(list)
    for step, _status, seconds in record.samples:
        by_step[step].append(seconds)
    statuses = Counter(f"{step} {status}" for step, status, _ in record.samples)
    return {
        "users": users,
        "users_done": len(record.done),
        "errors": len(record.errors),
        "errors_by_step": dict(Counter(f"{e['step']} {e['status']}" for e in record.errors)),
        "requests": len(record.samples),
        "statuses": dict(sorted(statuses.items())),
        "seconds": round(wall, 1),
        "requests_per_second": round(len(record.samples) / wall, 1) if wall else 0,
        "steps": {step: percentiles(s) for step, s in by_step.items()},
        "overall": percentiles([s for _, _, s in record.samples]),
    }


def show(result: dict) -> str:
    lines = [
        f"users {result['users_done']}/{result['users']} done, {result['errors']} errors, "
        f"{result['requests']} requests in {result['seconds']} s "
        f"({result['requests_per_second']} requests/s)",
        f"{'step':<14}{'count':>7}{'p50 s':>9}{'p95 s':>9}{'p99 s':>9}{'max s':>9}",
    ]
    rows = [*result["steps"].items(), ("overall", result["overall"])]
    for step, p in rows:
        if p["count"]:
            lines.append(
                f"{step:<14}{p['count']:>7}{p['p50']:>9.3f}{p['p95']:>9.3f}"
                f"{p['p99']:>9.3f}{p['max']:>9.3f}"
            )
    for what, count in result["errors_by_step"].items():
        lines.append(f"error: {what} × {count}")
    return "\n".join(lines)


# --- command line ----------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("build", help="the county demo N times over")
    make.add_argument("--counties", type=int, default=6)
    make.add_argument("--seed", type=int, default=1)
    make.add_argument("--data")
    choose = commands.add_parser("plan", help="who submits which obligation")
    choose.add_argument("--users", type=int, default=500)
    choose.add_argument("--today", default="2026-11-24")
    choose.add_argument("--password", default="Duban-demo-2026")
    choose.add_argument("--data")
    choose.add_argument("-o", "--output", required=True)
    go = commands.add_parser("run", help="the simulated users against a running server")
    go.add_argument("--base-url", default="http://127.0.0.1:8000")
    go.add_argument("--plan", required=True)
    go.add_argument("--users", type=int, help="only the first N of the plan")
    go.add_argument("--ramp", type=float, default=60.0, help="seconds over which users arrive")
    go.add_argument("--limit", type=float, default=600.0, help="seconds before the run is cut")
    go.add_argument("--attachment-kb", type=int, default=64, help="size of each user's PNG")
    go.add_argument(
        "--request-timeout", type=float, default=120.0, help="seconds a user waits for an answer"
    )
    go.add_argument(
        "--double-click", action="store_true", help="send 提交 twice at once before the retry"
    )
    go.add_argument("--json", help="write figures and submissions to this file")
    args = parser.parse_args(argv)

    if args.command == "build":
        build(args.counties, args.seed, args.data)
        return 0
    if args.command == "plan":
        chosen = plan(args.users, args.today, args.password, args.data)
        Path(args.output).write_text(json.dumps(chosen, ensure_ascii=False, indent=1))
        print(f"{len(chosen['users'])} users planned for {args.today}")
        return 0
    planned = json.loads(Path(args.plan).read_text())
    entries = planned["users"][: args.users] if args.users else planned["users"]
    options = Options(
        password=planned["password"],
        kilobytes=args.attachment_kb,
        request_timeout=args.request_timeout,
        double_click=args.double_click,
    )
    record, wall = asyncio.run(run(args.base_url, entries, options, args.ramp, args.limit))
    result = figures(record, wall, len(entries))
    print(show(result), flush=True)
    for error in record.errors[:20]:
        print(f"  {error['username']}: {error['step']} {error['status']} {error['detail']}")
    if args.json:
        report = {**result, "submitted": record.done, "error_list": record.errors}
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if record.errors else 0


if __name__ == "__main__":
    sys.exit(main())
