"""Confirming a draft (blocked while names are open), discarding it, and a
revised notice: what it changes, and applying it to the plan in force."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from duban.directory.models import Person, Unit
from duban.ledger.importing import import_notice
from duban.ledger.models import Plan
from web.personas import NOTICE

DRAFT_NOTICE = """海东市平安区人民政府办公室关于印发2023年政府工作报告任务分工方案的通知
平政办〔2023〕5号

一、重点工作
1. 推进数字政府建设。
牵头领导：苏铨烨
牵头单位：区大数据中心
2. 全年新增城镇就业1000人。
牵头领导：李四
牵头单位：区财政局
"""

REVISED = (
    NOTICE.replace("〔2022〕1号", "〔2022〕9号")
    .replace("增长6%以上", "增长8%以上")
    .replace(
        "3. 新建幼儿园3所，办好人民满意的教育。\n牵头领导：王强\n牵头单位：区教育局\n",
        "3. 建设城市书房5处，开展全民阅读活动。\n牵头领导：王强\n牵头单位：区文体旅游局\n",
    )
)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(world) -> Plan:
    return import_notice(DRAFT_NOTICE.encode(), "2023.txt", world.government, world.users["admin"])


@pytest.fixture
def revision(world) -> Plan:
    return import_notice(REVISED.encode(), "修订.txt", world.government, world.users["admin"])


def _url(name, plan, *args):
    return reverse(f"ledger:{name}", args=[plan.pk, *args])


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- confirm


def test_the_confirm_button_is_disabled_while_names_are_open(login, draft):
    page = login("admin").get(_url("review", draft)).content.decode()
    assert 'id="confirm-button" type="submit" class="btn btn-success" disabled' in page
    assert "还有 2 个名称尚未对应到单位或领导" in page
    assert "为尚未对应的名称新建单位/领导" in page


def test_confirming_with_open_names_is_refused_with_the_names(login, draft):
    response = login("admin").post(_url("confirm", draft))
    assert response.status_code == 302 and response.url == _url("review", draft)
    assert any("还有名称未确认：" in m and "区大数据中心" in m for m in _messages(response))
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_button_is_enabled_once_every_name_is_decided(login, draft):
    client = login("admin")
    for r in draft.resolutions.filter(method="unresolved"):
        client.post(_url("decide_name", draft, r.pk), {"action": "create"})
    page = client.get(_url("review", draft)).content.decode()
    assert 'id="confirm-button" type="submit" class="btn btn-success">' in page
    assert "名称已全部对应" in page


def test_confirming_with_create_missing_activates_the_plan(login, draft, world):
    response = login("admin").post(_url("confirm", draft), {"create_missing": "1"})
    assert response.status_code == 302 and response.url == _url("plan", draft)
    assert any("方案已确认生效" in m for m in _messages(response))
    draft.refresh_from_db()
    assert draft.status == "active" and draft.confirmed_at is not None
    unit = Unit.objects.get(government=world.government, name="区大数据中心")
    assert draft.tasks.get(seq="1").assignments.get(role="lead").unit == unit
    assert Person.objects.filter(government=world.government, name="李四").exists()


def test_a_plan_in_force_cannot_be_confirmed_again(login, world):
    response = login("admin").post(_url("confirm", world.plan))
    assert any("不能再修改" in m for m in _messages(response))


def test_confirm_and_discard_take_a_post(login, draft):
    client = login("admin")
    assert client.get(_url("confirm", draft)).status_code == 405
    assert client.get(_url("discard", draft)).status_code == 405


# ---------------------------------------------------------------- discard


def test_discarding_a_draft_marks_it_discarded(login, draft):
    response = login("admin").post(_url("discard", draft))
    assert response.status_code == 302 and response.url == reverse("ledger:plans")
    draft.refresh_from_db()
    assert draft.status == "discarded"
    page = login("admin").get(_url("review", draft)).content.decode()
    assert "该方案已作废，不能再审核修改" in page


def test_a_plan_in_force_cannot_be_discarded(login, world):
    response = login("admin").post(_url("discard", world.plan))
    assert response.url == _url("review", world.plan)
    world.plan.refresh_from_db()
    assert world.plan.status == "active"


# ---------------------------------------------------------------- revision


def test_a_revised_notice_shows_what_it_changes(login, revision, world):
    assert revision.revises == world.plan
    page = login("admin").get(_url("review", revision)).content.decode()
    assert "与现行方案相比的变化" in page
    for count in ("新增 1 项", "修改 1 项", "废止 1 项", "未变 1 项"):
        assert count in page
    assert "建设城市书房5处" in page.split('<h3 class="h6">新增</h3>')[1]
    changed = page.split('<h3 class="h6">修改</h3>')[1]
    assert "全年一般公共预算收入增长8%以上" in changed and "修改了：工作任务" in changed
    assert "增长6%以上" in changed
    assert "新建幼儿园3所" in page.split("废止（修订稿中已没有）")[1]


def test_applying_a_revision_keeps_the_tasks_that_continue(login, revision, world):
    first, second, third = world.tasks
    response = login("admin").post(_url("confirm", revision), {"create_missing": "1"})
    assert response.url == _url("plan", world.plan)
    assert any("修订已并入现行方案：新增 1 项" in m for m in _messages(response))
    revision.refresh_from_db()
    assert revision.status == "merged"
    tasks = {t.pk: t for t in world.plan.tasks.all()}
    assert tasks[first.pk].content == first.content and tasks[first.pk].state == "active"
    assert tasks[second.pk].content == "全年一般公共预算收入增长8%以上。"
    assert tasks[third.pk].state == "abolished"
    added = [t for t in tasks.values() if t.pk not in (first.pk, second.pk, third.pk)]
    assert [t.content for t in added] == ["建设城市书房5处，开展全民阅读活动。"]
    world.plan.refresh_from_db()
    assert world.plan.doc_number == "平政办〔2022〕9号"
    page = login("admin").get(_url("review", revision)).content.decode()
    assert "已并入修订" in page and _url("plan", world.plan) in page
