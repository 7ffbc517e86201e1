"""Year-end scores of the seeded quarter equal a table computed by hand."""

from __future__ import annotations

import pytest

from duban import clock
from duban.inspection import assessment
from web.inspection import bulletin_scenario as scenario

# Default scheme: on time 40, completion 50, findings 10, −1 per issue,
# −5 per untrue report, −0.5 per returned report. As of 2022-04-10:
#
# unit          reports on time      led tasks            findings      penalties      total
# 区发改委      4/4 → 40             task 1 done 1 → 50   10            −5 −0.5        94.5
# 区财政局      1/1 → 40             task 2 on track .5   10 − 1 = 9    0              74
#                                     → 25
# 三合镇        1/3 → 13.33          none → 50            10            0              73.33
# 区教育局      0/1 → 0              task 3 behind 0 → 0  10            0              10
EXPECTED = [
    # rank, unit, on_time, completion, finding, penalty, total
    (1, "区发展和改革委员会", 40.0, 50.0, 10.0, 5.5, 94.5),
    (2, "区财政局", 40.0, 25.0, 9.0, 0.0, 74.0),
    (3, "三合镇", 13.33, 50.0, 10.0, 0.0, 73.33),
    (4, "区教育局", 0.0, 0.0, 10.0, 0.0, 10.0),
]


@pytest.fixture
def quarter(world):
    made = scenario.build(world)
    with clock.frozen_at(scenario.TODAY):
        yield made


def test_scores_equal_the_hand_computed_table(world, quarter):
    rows = [
        (s.rank, s.unit, s.on_time, s.completion, s.finding, s.penalty, s.total)
        for s in assessment.scores(world.plan, 2022)
    ]
    assert rows == EXPECTED


def test_every_score_is_traced_to_its_reports_and_findings(world, quarter):
    fgw = next(s for s in assessment.scores(world.plan, 2022) if s.unit == "区发展和改革委员会")
    by = {}
    for line in fgw.lines:
        by.setdefault(line.component, []).append(line)
    assert len(by["on_time"]) == 4 and {x.effect for x in by["on_time"]} == {"按时报送"}
    assert [(x.kind, x.ref_id, x.points) for x in by["completion"]] == [
        ("task", world.tasks[0].pk, 1.0)
    ]
    assert [(x.kind, x.ref_id, x.points) for x in by["inconsistent"]] == [
        ("finding", quarter["inconsistent"].pk, -5.0)
    ]
    assert [(x.kind, x.ref_id, x.points) for x in by["returned"]] == [
        ("report", quarter["fgw_q1"].pk, -0.5)
    ]
    town = next(s for s in assessment.scores(world.plan, 2022) if s.unit == "三合镇")
    assert sorted(x.effect for x in town.lines) == ["按时报送", "逾期报送", "逾期未报"]


def test_weights_come_from_the_scheme(world, quarter):
    from duban.inspection.models import AssessmentScheme

    AssessmentScheme.objects.create(
        government=world.government, on_time_weight=60, completion_weight=30,
        finding_weight=10, issue_penalty=4, inconsistent_penalty=10, return_penalty=2,
    )  # fmt: skip
    scores = {s.unit: s.total for s in assessment.scores(world.plan, 2022)}
    # 区发改委 60 + 30 + 10 − 10 − 2 = 88; 区财政局 60 + 15 + (10 − 4) = 81
    assert scores["区发展和改革委员会"] == 88.0 and scores["区财政局"] == 81.0


def test_red_and_black_lists_for_any_period(world, quarter):
    red, black = assessment.red_black_for(world.plan, "2022-01")
    # January: both units that owed reports delivered on time; 区发改委 leads a done task.
    assert (red, black) == (["区发展和改革委员会", "三合镇"], [])
