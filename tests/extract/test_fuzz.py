"""Robustness of the extraction core on input nobody meant to write.

Properties, whatever the bytes:
- `extract_bytes` either returns a plan or raises `ExtractError`, never anything else;
- a returned plan is well formed (field types, status values, JSON-serialisable);
- large and pathological inputs finish (no quadratic blow-up, no recursion limit).

Inputs are random bytes, random notice-like text, and the sample notices in
shared/seeds mutated: slices deleted and duplicated, lines shuffled, characters
replaced, re-encoded (GB18030, UTF-8 with BOM, UTF-16) and cut at random byte offsets.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from builders.notices import numbered_notice
from duban.extract import ExtractError, Plan, extract_bytes

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT.parent / "shared" / "seeds"

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The mutated samples are 15–30 KB each: shrinking them takes minutes and the
# explicit cases below keep minimal reproducers, so these tests only generate.
FUZZ_SAMPLES = settings(FUZZ, phases=[Phase.explicit, Phase.reuse, Phase.generate])
STATUSES = {"active", "abolished"}
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")

# Characters the recognisers react to: brackets, separators, ordinals, label words.
SIGNIFICANT = (
    "（）()【】[]〔〕《》“”、，,。.；;：:|\t\n \u3000\u00a0\ufeff-—*#"
    "0123456789一二三四五六七八九十百①②③"
    "附件抄送关于通知牵头领导单位部门责任配合协办完成时限年月日局委办县区市乡镇街道各废止取消"
)


# -- helpers -------------------------------------------------------------------


def _load_seeds() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}


SEEDS = _load_seeds()


def require_seeds() -> dict[str, str]:
    """The sample notices; skip without them, except on CI where they must be present."""
    if not SEEDS:
        message = f"sample notices not found in {SEEDS_DIR}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS


def check_plan(plan: Plan) -> None:
    assert isinstance(plan, Plan)
    assert plan.tasks, "a plan without tasks should have been an ExtractError"
    for task in plan.tasks:
        assert isinstance(task.content, str)
        assert isinstance(task.seq, str)
        assert isinstance(task.section, list)
        assert all(isinstance(title, str) for title in task.section)
        for name in ("lead_leaders", "lead_units", "support_units"):
            values = getattr(task, name)
            assert isinstance(values, list), name
            assert all(isinstance(v, str) and v for v in values), (name, values)
        assert task.status in STATUSES
        assert task.deadline is None or isinstance(task.deadline, str)
        assert task.list is None or isinstance(task.list, str)
    for diagnostic in plan.diagnostics:
        assert isinstance(diagnostic.code, str) and diagnostic.code
        assert isinstance(diagnostic.message, str)
    data = plan.to_json()
    assert set(data) == {"document", "tasks", "diagnostics"}
    assert len(data["tasks"]) == len(plan.tasks)
    json.dumps(data)
    # The CLI prints the JSON as UTF-8: no lone surrogates may slip through.
    json.dumps(data, ensure_ascii=False).encode("utf-8")


def extract_or_error(data: bytes) -> Plan | None:
    """Extract; a plan must be well formed, an ExtractError must carry its messages."""
    try:
        plan = extract_bytes(data)
    except ExtractError as exc:
        assert isinstance(exc.message_zh, str) and exc.message_zh
        assert isinstance(exc.reason_en, str) and exc.reason_en
        return None
    check_plan(plan)
    return plan


# -- strategies ----------------------------------------------------------------

any_char = st.characters(codec="utf-8")
notice_char = st.one_of(st.sampled_from(SIGNIFICANT), any_char)
short_text = st.text(alphabet=notice_char, max_size=40)
units = st.lists(
    st.sampled_from(
        ["县发改局", "区财政局", "各乡镇人民政府", "市资源局海州分局", "县政府办", "局"]
    ),
    max_size=4,
).map("、".join)
ordinal = st.sampled_from(
    ["1.", "2、", "12 ", "（一）", "一、", "(3)", "①", "**1.", "第一部分", ""]
)
label = st.sampled_from(
    [
        "牵头领导：",
        "牵头单位：",
        "责任单位：",
        "配合单位：",
        "完成时限：",
        "牽頭單位:",
        "某某领导：",
    ]
)
notice_line = st.one_of(
    st.builds(lambda o, t: o + t, ordinal, short_text),
    st.builds(lambda lab, u: lab + u, label, st.one_of(units, short_text)),
    st.builds(lambda t, u: f"{t}（{u}牵头）", short_text, units),
    st.lists(short_text, min_size=1, max_size=6).map(lambda cells: "|" + "|".join(cells) + "|"),
    short_text.map(lambda t: "\t" + t),
    st.sampled_from(
        [
            "附件",
            "附件2：",
            "| 序号 | 工作任务 | 牵头单位 | 责任单位 |",
            "|--|--|--|--|",
            "<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>",
            "<tr><td>1</td><td>推进某项工作</td><td>县发改局</td></tr>",
            "</table>",
        ]
    ),
    short_text,
)


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


# Signatures that send the bytes to another reader. RTF and .doc are left out on
# purpose: they are converted by LibreOffice, seconds per call, too slow to fuzz here.
magic_prefix = st.sampled_from(
    [
        b"",
        b"PK\x03\x04",
        b"%PDF-1.7\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"<html><body><table><tr><td>",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xff\xfe\x00\x00",
    ]
)
zip_member = st.tuples(
    st.sampled_from(
        ["word/document.xml", "[Content_Types].xml", "xl/workbook.xml", "OFD.xml", "a"]
    ),
    st.binary(max_size=200),
)


# -- random input ----------------------------------------------------------------


@FUZZ
@given(prefix=magic_prefix, body=st.binary(max_size=3000))
def test_random_bytes(prefix: bytes, body: bytes) -> None:
    extract_or_error(prefix + body)


@FUZZ
@given(members=st.lists(zip_member, max_size=4, unique_by=lambda m: m[0]))
def test_random_zip_containers(members: list[tuple[str, bytes]]) -> None:
    extract_or_error(_zip(members))


@FUZZ
@given(text=st.text(alphabet=notice_char, max_size=2000), encoding=st.sampled_from(ENCODINGS))
def test_random_text(text: str, encoding: str) -> None:
    extract_or_error(text.encode(encoding))


@FUZZ
@given(lines=st.lists(notice_line, max_size=60), encoding=st.sampled_from(ENCODINGS))
def test_random_notice_lines(lines: list[str], encoding: str) -> None:
    extract_or_error("\n".join(lines).encode(encoding))


# -- mutated sample notices ----------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, seeds: dict[str, str]) -> str:
    """A sample notice with 1–6 edits: slices deleted, duplicated, inserted or
    characters replaced."""
    text = seeds[draw(st.sampled_from(sorted(seeds)))]
    for op in draw(st.lists(st.sampled_from(["del", "dup", "ins", "rep"]), min_size=1, max_size=6)):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 3000)))
        if op == "del":
            text = text[:i] + text[j:]
        elif op == "dup":
            text = text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
        elif op == "ins":
            text = text[:i] + draw(st.one_of(short_text, notice_line)) + text[i:]
        elif text:
            chars = list(text)
            for _ in range(draw(st.integers(1, 30))):
                chars[draw(st.integers(0, len(chars) - 1))] = draw(notice_char)
            text = "".join(chars)
    return text


def test_samples_as_printed() -> None:
    for name, text in require_seeds().items():
        for encoding in ENCODINGS:
            assert extract_or_error(text.encode(encoding)) is not None, (name, encoding)


def test_mutated_samples() -> None:
    seeds = require_seeds()

    @FUZZ_SAMPLES
    @given(text=mutated(seeds), encoding=st.sampled_from(ENCODINGS))
    def run(text: str, encoding: str) -> None:
        extract_or_error(text.encode(encoding))

    run()


def test_shuffled_lines() -> None:
    seeds = require_seeds()

    @FUZZ_SAMPLES
    @given(
        name=st.sampled_from(sorted(seeds)),
        seed=st.integers(0, 2**32 - 1),
        window=st.one_of(st.none(), st.integers(2, 40)),
    )
    def run(name: str, seed: int, window: int | None) -> None:
        rng = random.Random(seed)  # an integer seed reproduces the shuffle from the report
        lines = seeds[name].split("\n")
        if window is None:
            rng.shuffle(lines)
        else:
            start = rng.randrange(len(lines))
            part = lines[start : start + window]
            rng.shuffle(part)
            lines[start : start + window] = part
        extract_or_error("\n".join(lines).encode("utf-8"))

    run()


def test_truncated_at_byte_offsets() -> None:
    """Cut anywhere, including inside a multi-byte UTF-8 or GB18030 sequence."""
    seeds = require_seeds()

    @FUZZ_SAMPLES
    @given(
        name=st.sampled_from(sorted(seeds)),
        encoding=st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]),
        data=st.data(),
    )
    def run(name: str, encoding: str, data: st.DataObject) -> None:
        raw = seeds[name].encode(encoding)
        # Offsets of UTF-8 continuation bytes: cutting there splits a character.
        inside = [k for k in range(len(raw)) if 0x80 <= raw[k] < 0xC0]
        offset = st.integers(0, len(raw))
        if encoding != "gb18030" and inside:
            offset = st.one_of(offset, st.sampled_from(inside))
        end = data.draw(offset, label="end")
        start = data.draw(st.one_of(st.just(0), st.integers(0, end)), label="start")
        extract_or_error(raw[start:end])

    run()


# -- size and pathological input -------------------------------------------------------


def test_one_megabyte_generated_notice() -> None:
    data, expected = numbered_notice(1 << 20)
    assert len(data) >= 1 << 20
    plan = extract_bytes(data)
    check_plan(plan)
    assert len(plan.tasks) == expected
    last = plan.tasks[-1]
    assert last.seq == "50"
    assert last.lead_leaders == ["张三"]
    assert last.lead_units == ["县发改局"]
    assert last.support_units == ["县财政局", "县统计局"]
    assert last.deadline == "2024年12月底"


def test_one_megabyte_of_repeated_samples() -> None:
    seeds = require_seeds()
    one_pass = "\n\n".join(seeds.values()) + "\n\n"
    expected_once = sum(len(extract_bytes(text.encode("utf-8")).tasks) for text in seeds.values())
    times = -(-(1 << 20) // len(one_pass.encode("utf-8")))
    plan = extract_bytes((one_pass * times).encode("utf-8"))
    check_plan(plan)
    assert len(plan.tasks) == times * expected_once


class _TooSlow(BaseException):
    """Raised by the alarm; a BaseException so no `except Exception` swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a runaway extraction (a hang is a failure, not a stuck CI job).

    Far above the expected times (all well under a second), so it never fires on
    a slow machine; without SIGALRM or off the main thread it only waits."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Repeat every 0.1 s: an alarm that lands in a gc callback is ignored there.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


TIME_LIMIT = 3.0
TASK = "1.推进某项工作。\n牵头领导：张三\n牵头单位：县发改局\n责任单位：县财政局\n"
PATHOLOGICAL = {
    "long_line_cjk": "推进重点工作建设发展" * 10_000,
    "long_line_cjk_after_task": TASK + "推进重点工作建设发展" * 10_000,
    "long_line_ascii_after_task": TASK + "a" * 100_000,
    "long_label_value_no_punct": TASK + "责任单位：" + "推进重点工作建设发展" * 5_000,
    "100k_open_brackets": TASK + "（" * 100_000,
    "100k_dun": TASK + "、" * 100_000,
    "100k_dun_alone": "、" * 100_000,
    "100k_pipes": TASK + "|" * 100_000,
    "50k_chars_of_labels": TASK + "牵头单位：" * 10_000,
    "labels_line_alone": "牵头单位：" * 10_000,
    "nested_brackets": "1.推进工作" + "（(【" * 3_000 + "县发改局牵头" + "】)）" * 3_000,
    "run_together_units": "1.推进某项工作。\n牵头单位：" + "县发改局" * 2_000,
    "tab_table_then_long_text": "\t序号\n\t工作任务\n\t牵头单位\n\t1\n"
    + "正文\n" * 20_000
    + "\t推进某项工作\n\t县发改局\n",
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_finishes(name: str) -> None:
    data = PATHOLOGICAL[name].encode("utf-8")
    try:
        with time_limit(TIME_LIMIT):
            extract_or_error(data)
    except _TooSlow:
        pytest.fail(f"{name}: extraction of {len(data)} bytes still running after {TIME_LIMIT} s")


# Inputs on which extraction once raised something other than ExtractError (found
# by the tests above, reduced by hand), kept as fixed cases.
FOUND_BY_FUZZING = {
    "label_line_before_numbered_task": "牵头单位：县发改局\n1.推进某项工作。",
    "circled_digit_ordinal": "①推进某项工作。\n牵头单位：县发改局",
    "second_header_row_wider": "|序号|工作任务|牵头单位|\n|序号|工作任务|牵头单位|责任单位|\n"
    "|1|推进某项工作|县发改局|县财政局|",
}


@pytest.mark.parametrize("name", FOUND_BY_FUZZING)
def test_inputs_found_by_fuzzing(name: str) -> None:
    extract_or_error(FOUND_BY_FUZZING[name].encode("utf-8"))
