"""`parse_deadline`: a task's 时限 phrase read into a due date, a cadence and milestones.

The table holds phrases as notices print them, for a 2022 plan; unknown phrases
must be flagged, never guessed; properties hold for any text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.cli import main
from duban.extract.deadlines import DeadlineParse, Milestone, parse_deadline

YEAR = 2022
Q, M, H = "quarterly", "monthly", "half-yearly"

# phrase → (due, cadence, ongoing, phrase milestones as (clause, due))
PHRASES: dict[str, tuple[str | None, str | None, bool, list[tuple[str, str]]]] = {
    # end of a month
    "12月末前完成": ("2022-12-31", None, False, []),
    "12月底前": ("2022-12-31", None, False, []),
    "10月底前": ("2022-10-31", None, False, []),
    "10月末前完成": ("2022-10-31", None, False, []),
    "12月底前完成": ("2022-12-31", None, False, []),
    "11月底": ("2022-11-30", None, False, []),
    "9月底前完成": ("2022-09-30", None, False, []),
    "2月底前": ("2022-02-28", None, False, []),
    "2022年12月底前": ("2022-12-31", None, False, []),
    "2022年9月底前": ("2022-09-30", None, False, []),
    "2022年10月底前完成": ("2022-10-31", None, False, []),
    "于6月底前": ("2022-06-30", None, False, []),
    "3月": ("2022-03-31", None, False, []),
    "12月": ("2022-12-31", None, False, []),
    "12月份": ("2022-12-31", None, False, []),
    "4月份完成": ("2022-04-30", None, False, []),
    "10月前": ("2022-10-31", None, False, []),
    "2022年12月": ("2022-12-31", None, False, []),
    # parts of a month and exact days
    "11月中旬前完成": ("2022-11-20", None, False, []),
    "5月上旬": ("2022-05-10", None, False, []),
    "9月下旬前": ("2022-09-30", None, False, []),
    "6月30日前": ("2022-06-30", None, False, []),
    "6月30日": ("2022-06-30", None, False, []),
    "11月20日前": ("2022-11-20", None, False, []),
    "10月15日前": ("2022-10-15", None, False, []),
    "2022年12月31日前": ("2022-12-31", None, False, []),
    "8月31号前": ("2022-08-31", None, False, []),
    "2022.6.30前": ("2022-06-30", None, False, []),
    "2022-09-30": ("2022-09-30", None, False, []),
    # Chinese numerals, full-width digits, spaces, traditional characters
    "十二月底前": ("2022-12-31", None, False, []),
    "十一月中旬": ("2022-11-20", None, False, []),
    "三月底前完成": ("2022-03-31", None, False, []),
    "六月三十日前": ("2022-06-30", None, False, []),
    "二〇二二年十月底前": ("2022-10-31", None, False, []),
    "１２月底前": ("2022-12-31", None, False, []),
    "２０２２年６月３０日前": ("2022-06-30", None, False, []),
    "12 月 底 前": ("2022-12-31", None, False, []),
    "11月中旬\u3000前完成": ("2022-11-20", None, False, []),
    "12月底前完成，按季度實施推進": ("2022-12-31", Q, False, []),
    "年內完成": ("2022-12-31", None, False, []),
    # half years and quarters
    "上半年": ("2022-06-30", None, False, []),
    "上半年内": ("2022-06-30", None, False, []),
    "6月底前": ("2022-06-30", None, False, []),
    "下半年": ("2022-12-31", None, False, []),
    "一季度": ("2022-03-31", None, False, []),
    "第一季度": ("2022-03-31", None, False, []),
    "一季度末": ("2022-03-31", None, False, []),
    "一季度末前": ("2022-03-31", None, False, []),
    "二季度末": ("2022-06-30", None, False, []),
    "三季度末": ("2022-09-30", None, False, []),
    "四季度": ("2022-12-31", None, False, []),
    "第4季度": ("2022-12-31", None, False, []),
    "前三季度": ("2022-09-30", None, False, []),
    "2022年上半年": ("2022-06-30", None, False, []),
    # the whole year
    "年内完成": ("2022-12-31", None, False, []),
    "年内": ("2022-12-31", None, False, []),
    "年底前": ("2022-12-31", None, False, []),
    "年底": ("2022-12-31", None, False, []),
    "年末": ("2022-12-31", None, False, []),
    "全年": ("2022-12-31", None, False, []),
    "2022年": ("2022-12-31", None, False, []),
    "2022年度": ("2022-12-31", None, False, []),
    "2022年底前": ("2022-12-31", None, False, []),
    "今年年底": ("2022-12-31", None, False, []),
    "年内有实质性进展": ("2022-12-31", None, False, []),
    "年内开工建设": ("2022-12-31", None, False, []),
    "力争年底前": ("2022-12-31", None, False, []),
    "年度内完成": ("2022-12-31", None, False, []),
    # the next year
    "2023年6月": ("2023-06-30", None, False, []),
    "2023年6月底前": ("2023-06-30", None, False, []),
    "次年6月底前": ("2023-06-30", None, False, []),
    "明年一季度": ("2023-03-31", None, False, []),
    "明年底前": ("2023-12-31", None, False, []),
    # ongoing
    "长期保持": (None, None, True, []),
    "长期坚持": (None, None, True, []),
    "持续推进": (None, None, True, []),
    "长期": (None, None, True, []),
    "持续": (None, None, True, []),
    "常态化": (None, None, True, []),
    "常态化推进": (None, None, True, []),
    "長期堅持": (None, None, True, []),
    "持續推進": (None, None, True, []),
    "持续推进，年底前见成效": ("2022-12-31", None, True, []),
    "长期坚持，按季度调度": (None, Q, True, []),
    # cadences
    "按季度实施推进": (None, Q, False, []),
    "按季度推进": (None, Q, False, []),
    "每季度": (None, Q, False, []),
    "每季度末": (None, Q, False, []),
    "每一季度报送进展": (None, Q, False, []),
    "按月实施推进": (None, M, False, []),
    "每月": (None, M, False, []),
    "按月": (None, M, False, []),
    "按月调度": (None, M, False, []),
    "每月25日前": (None, M, False, []),
    "每半年": (None, H, False, []),
    "每半年报送一次": (None, H, False, []),
    "12月末前完成，按季度实施推进": ("2022-12-31", Q, False, []),
    "12月末前完成，按月实施推进": ("2022-12-31", M, False, []),
    "12月底前完成，按月调度": ("2022-12-31", M, False, []),
    "按月调度，按季度通报，年底前完成": ("2022-12-31", M, False, []),
    "3月起按月调度": (None, M, False, []),
    # several deadlines: the latest is due, the earlier are milestones
    "6月底前完成前期工作，12月底前建成": (
        "2022-12-31",
        None,
        False,
        [("6月底前完成前期工作", "2022-06-30")],
    ),
    "9月底前完成招标，年底前开工": ("2022-12-31", None, False, [("9月底前完成招标", "2022-09-30")]),
    "上半年启动，下半年完成": ("2022-12-31", None, False, [("上半年启动", "2022-06-30")]),
    "一季度完成方案；三季度末前完成主体；年底前竣工": (
        "2022-12-31",
        None,
        False,
        [("一季度完成方案", "2022-03-31"), ("三季度末前完成主体", "2022-09-30")],
    ),
    "3月底前出台方案，6月底前启动，按月调度": (
        "2022-06-30",
        M,
        False,
        [("3月底前出台方案", "2022-03-31")],
    ),
    "年底前完成一期，2023年6月底前全面建成": (
        "2023-06-30",
        None,
        False,
        [("年底前完成一期", "2022-12-31")],
    ),
    "年内开工，年底前完成": ("2022-12-31", None, False, []),
    # the first date of a range, or a start, is not a deadline
    "6月至9月": ("2022-09-30", None, False, []),
    "6-9月": ("2022-09-30", None, False, []),
    "3月起按季度推进，11月底前完成": ("2022-11-30", Q, False, []),
    "资金年底前到位": ("2022-12-31", None, False, []),
}

UNKNOWN = [
    "视情况而定",
    "根据上级要求",
    "按上级要求",
    "尽快",
    "立即",
    "及时",
    "随时",
    "与省同步",
    "按进度推进",
    "三年内完成",
    "两个月内",
    "2月30日前",
    "13月底前",
    "2021年底前",
    "去年底",
    "2025年底前",
    "2022年前",
    "6月起实施",
    "6月底后启动",
    "每周调度",
    "完成",
    "",
    "   ",
]


def fields(parsed: DeadlineParse) -> tuple:
    milestones = [(m["text"], m["due"]) for m in parsed.to_json()["milestones"]]
    data = parsed.to_json()
    return data["due"], data["cadence"], data["ongoing"], milestones


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_printed_phrase_reads_as_its_due_date_cadence_and_milestones(phrase: str) -> None:
    parsed = parse_deadline(phrase, YEAR)
    assert parsed.recognized, phrase
    assert parsed.text == phrase
    assert fields(parsed) == PHRASES[phrase]


def test_the_table_covers_at_least_seventy_phrases() -> None:
    assert len(PHRASES) >= 70


@pytest.mark.parametrize("phrase", UNKNOWN)
def test_an_unknown_phrase_is_flagged_not_guessed(phrase: str) -> None:
    parsed = parse_deadline(phrase, YEAR)
    assert not parsed.recognized
    assert parsed.due is None
    assert parsed.cadence is None
    assert parsed.ongoing is False
    assert parsed.milestones == ()
    assert parsed.text == phrase


def test_no_phrase_is_unrecognized_with_empty_text() -> None:
    parsed = parse_deadline(None, YEAR)
    assert parsed == DeadlineParse(None, None, False, False, (), "")


def test_the_year_comes_from_the_plan() -> None:
    assert parse_deadline("11月中旬前完成", 2024).due == date(2024, 11, 20)
    assert parse_deadline("2月底前", 2024).due == date(2024, 2, 29)
    assert parse_deadline("次年一季度", 2024).due == date(2025, 3, 31)


def test_the_json_has_iso_dates_and_every_field() -> None:
    parsed = parse_deadline("6月底前完成前期工作，12月底前建成", YEAR)
    assert parsed.to_json() == {
        "due": "2022-12-31",
        "cadence": None,
        "ongoing": False,
        "recognized": True,
        "milestones": [{"text": "6月底前完成前期工作", "due": "2022-06-30"}],
    }
    json.dumps(parsed.to_json(), ensure_ascii=False)


# -- milestones in the task text ---------------------------------------------------------

CONTENT = (
    "推进城东污水处理厂建设，力争上半年实质性开工，6月底前完成土地征收，"
    "年底前建成投运。2022年是关键之年，全年完成投资5亿元，比上年增长10%，"
    "2021年底已完成可研。"
)


def test_dates_in_the_task_text_become_milestones_never_the_due_date() -> None:
    parsed = parse_deadline("年内完成", YEAR, CONTENT)
    assert parsed.due == date(2022, 12, 31)
    assert parsed.milestones == (
        Milestone("力争上半年实质性开工", date(2022, 6, 30)),
        Milestone("6月底前完成土地征收", date(2022, 6, 30)),
        Milestone("年底前建成投运", date(2022, 12, 31)),
    )


def test_task_text_milestones_follow_the_phrase_milestones() -> None:
    parsed = parse_deadline("9月底前完成招标，年底前开工", YEAR, "力争8月底前完成设计")
    assert [m.text for m in parsed.milestones] == ["9月底前完成招标", "力争8月底前完成设计"]


def test_task_text_milestones_are_read_even_without_a_phrase() -> None:
    parsed = parse_deadline(None, YEAR, "力争9月底前开工")
    assert not parsed.recognized
    assert parsed.due is None
    assert parsed.milestones == (Milestone("力争9月底前开工", date(2022, 9, 30)),)


def test_a_task_text_milestone_is_quoted_as_printed_even_in_traditional() -> None:
    parsed = parse_deadline("年內完成", YEAR, "力爭十月底前建成 投運")
    assert parsed.milestones == (Milestone("力爭十月底前建成 投運", date(2022, 10, 31)),)


def test_an_unknown_phrase_keeps_the_task_text_milestones() -> None:
    parsed = parse_deadline("根据上级要求", YEAR, "6月底前开工")
    assert not parsed.recognized
    assert parsed.milestones == (Milestone("6月底前开工", date(2022, 6, 30)),)


def test_descriptive_dates_in_the_task_text_are_not_milestones() -> None:
    content = "2022年是攻坚之年，全年地区生产总值增长6%，比上年提高1个百分点，今年以来成效明显。"
    assert parse_deadline("年内完成", YEAR, content).milestones == ()


# -- properties --------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        *"0123456789一二三四五六七八九十〇两１２年月日号底末前后内中上下半季度第每按起，；、 ",
        "旬",
        "全年",
        "次年",
        "明年",
        "去年",
        "上半年",
        "前三季度",
        "长期",
        "持续",
        "完成",
        "2022",
        "2023",
        "2021",
    ]
)
PHRASELIKE = st.lists(PIECES, max_size=16).map("".join)
FAST = settings(max_examples=200, deadline=None)


@FAST
@given(phrase=st.one_of(st.text(max_size=40), PHRASELIKE), content=st.text(max_size=40))
def test_any_text_parses_without_raising(phrase: str, content: str) -> None:
    parsed = parse_deadline(phrase, YEAR, content)
    json.dumps(parsed.to_json(), ensure_ascii=False)
    assert parsed.text == phrase


@FAST
@given(phrase=PHRASELIKE, year=st.integers(2000, 2100))
def test_a_recognized_due_date_stays_within_the_plan_year_and_the_next(
    phrase: str, year: int
) -> None:
    parsed = parse_deadline(phrase, year)
    if parsed.due is not None:
        assert parsed.recognized
        assert year <= parsed.due.year <= year + 1


@FAST
@given(phrase=PHRASELIKE)
def test_the_due_date_is_never_before_a_milestone_of_the_phrase(phrase: str) -> None:
    parsed = parse_deadline(phrase, YEAR)
    if parsed.due is not None:
        assert all(m.due is None or m.due < parsed.due for m in parsed.milestones)
    else:
        assert parsed.milestones == ()


# -- the command -------------------------------------------------------------------------


def test_the_command_prints_the_json(capsys) -> None:
    assert main(["deadline", "11月中旬前完成", "--year", "2022"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "due": "2022-11-20",
        "cadence": None,
        "ongoing": False,
        "recognized": True,
        "milestones": [],
    }


def test_the_command_reads_milestones_from_the_content(capsys) -> None:
    assert main(["deadline", "年内完成", "--year", "2022", "--content", "力争6月底前开工"]) == 0
    out = capsys.readouterr().out
    assert "力争6月底前开工" in out  # ensure_ascii=False: readable Chinese
    assert json.loads(out)["milestones"] == [{"text": "力争6月底前开工", "due": "2022-06-30"}]


def test_the_command_exits_0_for_an_unknown_phrase(capsys) -> None:
    assert main(["deadline", "视情况而定", "--year", "2022"]) == 0
    assert json.loads(capsys.readouterr().out)["recognized"] is False


def test_the_command_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "duban.cli", "deadline", "12月末前完成，按季度实施推进"]
        + ["--year", "2022"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["due"], data["cadence"], data["recognized"]) == ("2022-12-31", Q, True)
