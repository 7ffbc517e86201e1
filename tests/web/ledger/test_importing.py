"""Importing a notice into a draft plan, deciding its names, and confirming it."""

from __future__ import annotations

import pytest

from duban.audit.models import AuditEntry
from duban.directory.models import Government, Unit, UnitAlias
from duban.errors import UserError
from duban.ledger import review
from duban.ledger.importing import government_from_issuer, import_notice
from duban.ledger.models import Plan
from web.personas import NOTICE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_notice_becomes_a_draft_with_its_tasks_source_and_names():
    plan = import_notice(NOTICE.encode(), "通知.txt")
    assert plan.status == "draft" and plan.year == 2022
    assert plan.government.name == "海东市平安区"
    assert plan.doc_number == "平政办〔2022〕1号"
    tasks = list(plan.tasks.order_by("position"))
    assert [t.seq for t in tasks] == ["1", "2", "3"]
    assert tasks[0].names("lead") == ["区发改局"]
    assert any("推动重大规划编制" in text for _, text in tasks[0].source_excerpt())
    names = {r.name: r.method for r in plan.resolutions.all()}
    assert names["区发改局"] == "unresolved" and names["苏铨烨"] == "unresolved"
    assert plan.resolutions.get(name="区发改局").occurrences == 2
    assert plan.source_file.read() == NOTICE.encode()
    assert AuditEntry.objects.filter(action="import", object_id=str(plan.pk)).exists()


def test_a_file_without_tasks_is_refused_in_chinese_and_nothing_is_saved():
    with pytest.raises(UserError) as refused:
        import_notice("这不是一份通知。".encode(), "空.txt", "某县")
    assert "没有找到任务" in refused.value.message_zh
    assert not Plan.objects.exists()


def test_a_notice_without_issuer_needs_a_government():
    body = NOTICE.split("\n", 2)[2].replace("海东市平安区人民政府办公室\n", "")
    with pytest.raises(UserError, match="所属政府"):
        import_notice(body.encode(), "n.txt")
    assert import_notice(body.encode(), "n.txt", "某县").government.name == "某县"


@pytest.mark.parametrize(
    ("issuer", "government"),
    [
        ("海东市平安区人民政府办公室", "海东市平安区"),
        ("互助土族自治县人民政府办公室", "互助土族自治县"),
        ("海州区人民政府", "海州区"),
        ("某市人民政府办公厅", "某市"),
        (None, None),
    ],
)
def test_the_government_is_read_from_the_issuer(issuer, government):
    assert government_from_issuer(issuer) == government


def test_confirm_is_refused_while_names_are_unresolved():
    plan = import_notice(NOTICE.encode(), "n.txt")
    with pytest.raises(UserError, match="还有名称未确认"):
        review.confirm(plan)
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_mapping_a_name_remembers_it_as_an_alias_for_the_next_notice():
    gov = Government.objects.create(name="海东市平安区")
    fgw = Unit.objects.create(government=gov, name="区发展和改革委员会")
    plan = import_notice(NOTICE.encode(), "n.txt", gov)
    review.map_name(plan.resolutions.get(name="区发改局"), fgw)
    assert UnitAlias.objects.filter(name="区发改局", unit=fgw).exists()
    assert {a.unit for a in plan.tasks.get(seq="1").assignments.filter(role="lead")} == {fgw}
    again = import_notice(NOTICE.encode(), "n.txt", gov)
    assert again.resolutions.get(name="区发改局").method == "alias"


def test_a_name_cannot_be_mapped_to_another_governments_unit():
    plan = import_notice(NOTICE.encode(), "n.txt")
    foreign = Unit.objects.create(government=Government.objects.create(name="某县"), name="X")
    with pytest.raises(UserError):
        review.map_name(plan.resolutions.get(name="区发改局"), foreign)


def test_confirm_with_create_missing_builds_the_directory_and_collectives():
    plan = import_notice(NOTICE.encode(), "n.txt")
    active = review.confirm(plan, create_missing=True)
    assert active.pk == plan.pk and active.status == "active"
    units = {u.name: u.kind for u in Unit.objects.filter(government=plan.government)}
    assert units["各乡镇人民政府"] == "collective" and units["区教育局"] == "department"
    assert not plan.tasks.filter(assignments__unit=None, assignments__person=None).exists()
    with pytest.raises(UserError, match="已确认"):
        review.confirm(active)
