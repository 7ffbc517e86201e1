"""A first quarter of 2022 in the persona world, for bulletins and assessment.

As of 2022-04-10 (clock frozen):
  区发展和改革委员会 (fgw): Q1 report on task 1 signed 3-20 (on time), returned by
      the office 3-28; monthly inputs on task 2 for Jan, Feb, Mar submitted on the 20th
      (on time); an inspection 3-30 finds its Q1 report inconsistent with reality.
  区财政局 (czj): Q1 report on task 2 signed 3-24 (on time); an inspection 3-15
      finds a problem on task 2 (an issue finding, no report named).
  区教育局 (jyj): Q1 report on task 3 never filed (missing).
  三合镇 (town): monthly inputs on task 1: Jan submitted 1-20 (on time), Feb
      submitted 3-01 (late), Mar never (missing).
Tasks: 1 reported done, 2 on track, 3 behind.
"""

from __future__ import annotations

import datetime as dt

from duban import clock
from duban.inspection.models import Finding
from duban.ledger.models import Task
from duban.reporting import flow
from web.reporting.flowkit import head, obligation

TODAY = dt.date(2022, 4, 10)


def at(day: str):
    return clock.frozen_at(dt.datetime.fromisoformat(f"2022-{day}T10:00:00"))


def file(world, unit: str, task: int, period: str, submit_on: str, sign_on: str | None = None):
    user = world.users[unit]
    with at(submit_on):
        report = flow.draft_for(user, obligation(world, unit, task, period))
        report = flow.save_draft(user, report, progress="按计划推进")
        report = flow.submit(user, report)
    if sign_on:
        with at(sign_on):
            report = flow.approve(head(world, unit), report)
    return report


def build(world):
    fgw_q1 = file(world, "fgw", 0, "2022-Q1", "03-18", "03-20")
    with at("03-28"):
        flow.return_report(world.users["admin"], fgw_q1, "请补充中期评估的具体进度数据")
    for month in ("01", "02", "03"):
        file(world, "fgw", 1, f"2022-{month}", f"{month}-20")
    file(world, "czj", 1, "2022-Q1", "03-22", "03-24")
    file(world, "town", 0, "2022-01", "01-20")
    file(world, "town", 0, "2022-02", "03-01")
    issue = Finding.objects.create(
        task=world.tasks[1], verdict=Finding.Verdict.ISSUE, text="预算执行进度偏慢",
        inspector=world.users["inspector"], found_on=dt.date(2022, 3, 15),
    )  # fmt: skip
    inconsistent = Finding.objects.create(
        task=world.tasks[0], report=fgw_q1, verdict=Finding.Verdict.INCONSISTENT,
        text="报称已完成评估初稿，现场核实尚未启动", inspector=world.users["inspector"],
        found_on=dt.date(2022, 3, 30),
    )  # fmt: skip
    Task.objects.filter(pk=world.tasks[0].pk).update(progress_status="done")
    Task.objects.filter(pk=world.tasks[2].pk).update(progress_status="behind")
    return {"fgw_q1": fgw_q1, "issue": issue, "inconsistent": inconsistent}
