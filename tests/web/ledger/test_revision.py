"""A revised notice for a plan in force: the diff, and applying it without losing tasks."""

from __future__ import annotations

import pytest

from duban.ledger import review
from duban.ledger.importing import import_notice
from duban.ledger.revision import diff, summary
from web.personas import NOTICE

pytestmark = pytest.mark.django_db

REVISED = (
    NOTICE.replace("完成“十四五”规划中期评估。", "完成“十四五”规划中期评估和调整。")
    .replace("责任单位：区发改局\n", "责任单位：区发改局、区统计局\n")
    .replace(
        "3. 新建幼儿园3所，办好人民满意的教育。\n牵头领导：王强\n牵头单位：区教育局\n",
        "3. 新增城镇就业2000人。\n牵头领导：王强\n牵头单位：区人社局\n",
    )
)


@pytest.fixture
def active(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return review.confirm(import_notice(NOTICE.encode(), "v1.txt"), create_missing=True)


def test_a_revised_notice_becomes_a_draft_revision_of_the_active_plan(active):
    draft = import_notice(REVISED.encode(), "v2.txt", active.government)
    assert draft.revises == active and draft.status == "draft"
    changes = diff(draft, active)
    assert summary(changes) == {"added": 1, "changed": 2, "abolished": 1, "unchanged": 0}
    by_seq = {(c.kind, (c.new or c.old).seq): c for c in changes}
    assert by_seq[("changed", "1")].fields == ["content"]
    assert by_seq[("changed", "2")].fields == ["support"]
    assert ("abolished", "3") in by_seq and ("added", "3") in by_seq


def test_applying_a_revision_keeps_the_identity_of_matched_tasks(active):
    before = {t.seq: t.pk for t in active.tasks.all()}
    draft = import_notice(REVISED.encode(), "v2.txt", active.government)
    result = review.confirm(draft, create_missing=True)
    assert result.pk == active.pk
    draft.refresh_from_db()
    assert draft.status == "merged"
    tasks = list(active.tasks.order_by("position"))
    assert tasks[0].pk == before["1"] and "调整" in tasks[0].content
    assert tasks[1].pk == before["2"] and tasks[1].names("support") == ["区发改局", "区统计局"]
    abolished = active.tasks.get(pk=before["3"])
    assert abolished.state == "abolished"
    added = [t for t in tasks if t.pk not in before.values()]
    assert [t.content for t in added] == ["新增城镇就业2000人。"]
    assert len(tasks) == 4


def test_an_identical_notice_changes_nothing(active):
    draft = import_notice(NOTICE.encode(), "again.txt", active.government)
    assert summary(diff(draft, active)) == {
        "added": 0,
        "changed": 0,
        "abolished": 0,
        "unchanged": 3,
    }
