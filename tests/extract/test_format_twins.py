"""Every format reads like its text twin.

Each of the five sample notices is rendered from its text into the files it
could have been flattened from (tests/builders/render.py): a .docx with real
tables and vertically merged cells, an .xlsx ledger, a government web page and
a PDF with ruled tables. Read back, each must score against the gold plan as
the text does, and give the text twin's tasks.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher

import pytest

from builders.render import FORMATS, render, twin
from duban.extract import extract_bytes

SAMPLES = ["000", "001", "002", "003", "004"]
THRESHOLD = 0.97
FIELDS = ("seq", "content", "lead_units", "support_units", "lead_leaders", "deadline", "status")


@pytest.fixture(scope="module")
def sample(shared):
    """name → (gold plan, text twin), each read once per module."""
    cache = {}

    def get(name: str):
        if name not in cache:
            (gold,) = (shared / "gold").glob(f"{name}_*.json")
            seed = shared / "seeds" / f"{gold.stem}.txt"
            cache[name] = json.loads(gold.read_text(encoding="utf-8")), twin(seed.read_bytes())
        return cache[name]

    return get


@pytest.fixture(scope="module")
def reading(sample):
    """(name, format) → the plan read from the rendered file, built once per module."""
    cache = {}

    def get(name: str, fmt: str):
        if (name, fmt) not in cache:
            cache[(name, fmt)] = extract_bytes(render(sample(name)[1], fmt))
        return cache[(name, fmt)]

    return get


def _key(task) -> tuple:
    return tuple(json.dumps(getattr(task, f), ensure_ascii=False) for f in FIELDS)


def _differences(text_tasks, format_tasks) -> tuple[int, list[str]]:
    """How many tasks agree (in order), and a line for each that does not."""
    a, b = [_key(t) for t in text_tasks], [_key(t) for t in format_tasks]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    lines = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            mine = text_tasks[i1 + k] if i1 + k < i2 else None
            theirs = format_tasks[j1 + k] if j1 + k < j2 else None
            if mine is None or theirs is None:
                task = mine or theirs
                side = "only in text" if mine else "only in format"
                lines.append(f"task {task.seq or '-'} {side}: {task.content[:30]}")
                continue
            fields = [
                f"{f}: {getattr(mine, f)!r} → {getattr(theirs, f)!r}"
                for f in FIELDS
                if getattr(mine, f) != getattr(theirs, f)
            ]
            lines.append(f"task {mine.seq or '-'}: " + "; ".join(fields))
    return same, lines


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SAMPLES)
def test_each_format_twin_scores_at_least_the_threshold(scorer, sample, reading, name, fmt):
    gold, _ = sample(name)
    result = scorer.score(gold, reading(name, fmt).to_json())
    assert result["score"] >= THRESHOLD, (result["score"], result["misses"][:10])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SAMPLES)
def test_each_format_twin_gives_the_text_twins_tasks(sample, reading, name, fmt):
    text_tasks = sample(name)[1].plan.tasks
    format_tasks = reading(name, fmt).tasks
    same, lines = _differences(text_tasks, format_tasks)
    total = max(len(text_tasks), len(format_tasks))
    assert same >= THRESHOLD * total, f"{same}/{total} tasks agree:\n" + "\n".join(lines[:20])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SAMPLES)
def test_each_format_twin_gives_the_text_twins_header(sample, reading, name, fmt):
    assert reading(name, fmt).document == sample(name)[1].plan.document
