"""Importing the exported plan gives the same plan: the round trip.

The five sample notices, two notices written for this test (several lists,
unnumbered tasks, a heading without its ordinal, categories in tables) and
the extraction corpus are each read, written back as .docx, read again and
compared field by field; the samples are also scored against their gold
plans with the project's scorer.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from duban.exports import plan_docx
from duban.exports.layout import Grid
from duban.exports.plan_docx import plan_items
from duban.extract import Document, Plan, Task, extract_bytes, extract_file
from exports.helpers import NOTICES

SAMPLES = ["000", "001", "002", "003", "004"]
CORPUS = Path(__file__).parents[1] / "extract" / "corpus"
FIELDS = (
    "list",
    "section",
    "seq",
    "content",
    "lead_leaders",
    "lead_units",
    "support_units",
    "deadline",
    "status",
)


def essence(plan: Plan) -> dict:
    return {
        "document": plan.to_json()["document"],
        "tasks": [{f: t.to_json()[f] for f in FIELDS} for t in plan.tasks],
    }


NOTICE = Document(title="关于印发2024年重点工作分工方案的通知", year=2024)


def in_running_text(plan: Plan) -> bool:
    """Printed as paragraphs, not fallen back to a table."""
    return not any(isinstance(item, Grid) for item in plan_items(plan))


def round_trip(plan: Plan) -> Plan:
    return extract_bytes(plan_docx(plan, addressee="各乡镇人民政府，区直各单位："))


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_plan_survives_the_round_trip(shared, scorer, name):
    (seed,) = (shared / "seeds").glob(f"{name}_*.txt")
    gold = json.loads((shared / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    plan = extract_file(seed)
    assert in_running_text(plan)  # headings and task paragraphs, no fallback table
    back = round_trip(plan)
    assert essence(back) == essence(plan)
    before, after = scorer.score(gold, plan.to_json()), scorer.score(gold, back.to_json())
    assert after["score"] >= before["score"]
    assert all(after["document"].values()), after["document"]


def test_the_running_text_notice_with_two_lists_survives_the_round_trip():
    plan = extract_file(NOTICES / "two_lists_running_text.txt")
    assert {t.list for t in plan.tasks} == {
        "2024年《政府工作报告》重点工作分工方案",
        "2024年民生实事分工方案",
    }
    assert [t.seq for t in plan.tasks].count("") == 2
    assert ["二、重点工作任务", "加快推进乡村振兴示范带建设"] in [t.section for t in plan.tasks]
    assert [t.status for t in plan.tasks].count("abolished") == 1
    assert essence(round_trip(plan)) == essence(plan)


def test_the_category_table_notice_with_two_lists_survives_the_round_trip():
    plan = extract_file(NOTICES / "two_lists_category_tables.txt")
    assert len({t.list for t in plan.tasks}) == 2
    assert [t.seq for t in plan.tasks].count("") == 2
    assert [t.section for t in plan.tasks][:3] == [["产业发展"]] * 3
    assert not in_running_text(plan)  # categories have no rank: printed as a table
    data = plan_docx(plan)
    back = extract_bytes(data)
    assert essence(back) == essence(plan)


@pytest.mark.parametrize("notice", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_each_corpus_notice_survives_the_round_trip(notice):
    plan = extract_file(notice)
    assert essence(round_trip(plan)) == essence(plan)


UNITS = [
    "县发改局",
    "县财政局",
    "各乡镇人民政府",
    "县直各单位",
    "东润公司",
    "平西乡",
    "各街道",
    "执法局",
]
CN = "一二三四五六七八九"


def random_plan(rng: random.Random) -> Plan:
    """A plan of random shape, as a notice can have it: one list or two;
    numbered headings (一、 and （一）), headings without ordinals, categories;
    numbering restarting or running on; unnumbered tasks; labels missing;
    abolished tasks."""
    tasks = []
    titles = rng.choice([[None], ["重点工作清单", "民生实事清单"]])
    for title in titles:
        number = 0
        numbered = rng.random() < 0.6  # 一、 二、 or categories (a list keeps one way)
        for a in range(rng.randint(1, 3)):
            top = f"{CN[a]}、第{CN[a]}方面重点工作" if numbered else f"第{a + 1}类工作"
            subs = rng.choice(
                [[[]], [[f"（{CN[b]}）第{b + 1}组"] for b in range(rng.randint(1, 2))]]
            )
            number = 0 if rng.random() < 0.5 else number
            for sub in subs:
                for _ in range(rng.randint(1, 2)):
                    unnumbered = rng.random() < 0.2
                    number += not unnumbered
                    tasks.append(
                        Task(
                            seq="" if unnumbered else str(number),
                            section=[top, *sub],
                            list=title,
                            content=f"推进第{len(tasks) + 1}项重点工作，确保完成年度目标任务。",
                            lead_leaders=rng.sample(
                                ["王磊", "李娟", "各副县长"], rng.randint(0, 2)
                            ),
                            lead_units=rng.sample(UNITS, rng.randint(1, 2)),
                            support_units=rng.sample(UNITS, rng.randint(0, 3)),
                            deadline=rng.choice([None, "6月底前", "长期坚持"]),
                            status="abolished" if rng.random() < 0.1 else "active",
                        )
                    )
    document = Document(title="关于印发2024年重点工作分工方案的通知", year=2024)
    return Plan(document=document, tasks=tasks)


@pytest.mark.parametrize("seed", range(20))
def test_plans_of_random_shape_survive_the_round_trip(seed):
    plan = random_plan(random.Random(seed))
    assert essence(round_trip(plan)) == essence(plan)


def test_a_unit_list_ending_in_an_unusual_name_does_not_swallow_the_next_task():
    tasks = [
        Task(
            seq="1",
            content="推进城区供热管网改造。",
            lead_units=["县住建局"],
            support_units=["城投"],
        ),
        Task(seq="", content="全年新增城镇就业1200人。", lead_units=["县人社局"]),
    ]
    plan = Plan(document=NOTICE, tasks=tasks)
    assert in_running_text(plan)
    assert essence(round_trip(plan)) == essence(plan)


def test_a_list_opening_with_a_short_unnumbered_task_keeps_its_title():
    tasks = [
        Task(seq="1", content="新增就业1500人。", lead_units=["县人社局"], list="重点工作清单"),
        Task(seq="", content="新建幼儿园3所。", lead_units=["县教育局"], list="民生实事清单"),
        Task(seq="1", content="改造农村公路50公里。", lead_units=["县交通局"], list="民生实事清单"),
    ]
    plan = Plan(document=NOTICE, tasks=tasks)
    assert in_running_text(plan)
    assert essence(round_trip(plan)) == essence(plan)


def test_a_plan_with_only_a_year_keeps_its_year():
    tasks = [Task(seq="1", content="新增就业1500人。", lead_units=["县人社局"])]
    plan = Plan(document=Document(year=2024), tasks=tasks)
    assert essence(round_trip(plan)) == essence(plan)
