"""Generated notices are reproducible and read back by the real extractor as written."""

from __future__ import annotations

import random

from duban.demo.names import DEPARTMENTS
from duban.demo.notices import Directory, notice
from duban.extract import extract_bytes

DIRECTORY = Directory(
    government="安平县",
    level="县",
    leaders=["张伟", "李强", "王芳"],
    departments=list(DEPARTMENTS),
    townships=["石桥镇人民政府", "云溪乡人民政府"],
)


def test_the_same_seed_writes_the_same_notice_and_another_seed_another():
    first = notice(DIRECTORY, 2026, 30, random.Random(7))
    assert notice(DIRECTORY, 2026, 30, random.Random(7)) == first
    assert notice(DIRECTORY, 2026, 30, random.Random(8)) != first


def test_every_generated_task_is_read_back_with_its_assignment():
    conventions = set()
    for seed in range(6):
        text = notice(DIRECTORY, 2026, 25, random.Random(seed), support=5)
        conventions.add("（牵头领导：" in text)
        plan = extract_bytes(text.encode())
        assert plan.document.year == 2026
        assert plan.document.issuer == "安平县人民政府办公室"
        assert [t.seq for t in plan.tasks] == [str(n) for n in range(1, 26)]
        for task in plan.tasks:
            assert task.lead_leaders and task.lead_leaders[0] in DIRECTORY.leaders
            assert len(task.lead_units) == 1 and task.lead_units[0] not in task.support_units
            assert 1 <= len(task.support_units) <= 6
    assert conventions == {True, False}, "both conventions should appear across seeds"
