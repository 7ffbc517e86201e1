"""The review page of a draft: the reading beside the original, the names to
decide, task edits, and who may open it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.directory.models import Person, Unit, UnitAlias
from duban.ledger.choices import Method
from duban.ledger.importing import import_notice
from duban.ledger.models import Assignment, Plan

DRAFT_NOTICE = """海东市平安区人民政府办公室关于印发2023年政府工作报告任务分工方案的通知
平政办〔2023〕5号

一、重点工作
1. 推进<script>alert(1)</script>数字政府建设。
牵头领导：苏铨烨
牵头单位：区发改委员会
责任单位：区大数据中心、区财政局
3. 全年新增城镇就业1000人。
牵头领导：王强、李四
"""
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(world) -> Plan:
    return import_notice(DRAFT_NOTICE.encode(), "2023.txt", world.government, world.users["admin"])


def _url(name, plan, *args):
    return reverse(f"ledger:{name}", args=[plan.pk, *args])


def _resolution(plan, name):
    return plan.resolutions.get(name=name)


# ---------------------------------------------------------------- the page


def test_the_review_page_shows_the_header_and_each_task_beside_its_source(login, draft):
    page = login("admin").get(_url("review", draft)).content.decode()
    assert "平政办〔2023〕5号" in page and "待审核" in page and "共 2 项任务" in page
    assert "任务与原文对照" in page
    # Task 1 read from lines 5–8, shown with one line of context either side.
    number = '<span class="text-muted user-select-none me-2">{}</span>'
    assert f'<div class="hit">{number.format(7)}牵头单位：区发改委员会</div>' in page
    assert f'<div class="text-muted">{number.format(4)}一、重点工作</div>' in page


def test_notice_text_is_escaped_never_executed(login, draft):
    page = login("admin").get(_url("review", draft)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "推进&lt;script&gt;alert(1)&lt;/script&gt;数字政府建设" in page


def test_diagnostics_are_listed_and_shown_on_their_task(login, draft):
    page = login("admin").get(_url("review", draft)).content.decode()
    task3 = draft.tasks.get(seq="3")
    assert "需要核对的问题（2）" in page
    assert f'<a class="d-print-none" href="#task-{task3.pk}">查看任务 3</a>' in page
    article = page.split(f'<article id="task-{task3.pk}"')[1].split("</article>")[0]
    assert "需核对：任务 3 没有牵头单位" in article and "序号从 1 跳到 3" in article
    assert "no_lead_unit" not in page


def test_the_names_panel_groups_names_with_their_method_and_suggestions(login, draft):
    page = login("admin").get(_url("review", draft)).content.decode()
    assert "单位（3）" in page and "领导（3）" in page
    assert "全称一致" in page and "待确认 3 个" in page
    fgw = Unit.objects.get(name="区发展和改革委员会")
    assert f'name="target" value="{fgw.pk}"' in page and "相似度 85" in page
    row = _resolution(draft, "区大数据中心")
    assert f'<li id="name-{row.pk}" class="list-group-item name-unresolved">' in page


# ---------------------------------------------------------------- names


def test_mapping_a_name_to_a_suggested_unit_adds_an_alias_and_links_assignments(login, draft):
    fgw = Unit.objects.get(name="区发展和改革委员会")
    row = _resolution(draft, "区发改委员会")
    response = login("admin").post(
        _url("decide_name", draft, row.pk), {"action": "map", "target": fgw.pk}
    )
    assert response.status_code == 302
    assert response.url == _url("review", draft) + f"#name-{row.pk}"
    row.refresh_from_db()
    assert row.method == Method.MAPPED and row.unit == fgw
    assert UnitAlias.objects.filter(name="区发改委员会", unit=fgw).exists()
    assert Assignment.objects.get(task__plan=draft, name="区发改委员会").unit == fgw


def test_an_htmx_decision_returns_the_row_and_updates_the_count_out_of_band(login, draft):
    fgw = Unit.objects.get(name="区发展和改革委员会")
    row = _resolution(draft, "区发改委员会")
    response = login("admin").post(_url("decide_name", draft, row.pk), {"target": fgw.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<li id="name-{row.pk}" class="list-group-item">' in html
    assert "人工对应" in html and "→ 区发展和改革委员会" in html
    assert 'id="unresolved-count" class="badge text-bg-danger" hx-swap-oob="true"' in html
    assert "待确认 2 个" in html
    assert 'id="confirm-panel"' in html and "还有 2 个名称尚未对应" in html
    task1 = draft.tasks.get(seq="1")
    assert (
        f'<article id="task-{task1.pk}" class="row g-3 py-3 border-bottom" hx-swap-oob="true">'
        in html
    )
    assert "<html" not in html


def test_typing_a_units_alias_maps_the_name_to_that_unit(login, draft):
    row = _resolution(draft, "区发改委员会")
    login("admin").post(_url("decide_name", draft, row.pk), {"target_name": "区发改委"}, **HTMX)
    row.refresh_from_db()
    assert row.unit.name == "区发展和改革委员会"


def test_typing_an_unknown_unit_explains_in_chinese_and_changes_nothing(login, draft):
    row = _resolution(draft, "区大数据中心")
    response = login("admin").post(
        _url("decide_name", draft, row.pk), {"target_name": "区不存在局"}, **HTMX
    )
    assert "单位目录中没有“区不存在局”" in response.content.decode()
    row.refresh_from_db()
    assert row.method == Method.UNRESOLVED


def test_a_unit_of_another_government_cannot_be_chosen(login, draft, world):
    other = Unit.objects.create(government=world.users["other_admin"].government, name="县发改局")
    row = _resolution(draft, "区发改委员会")
    login("admin").post(_url("decide_name", draft, row.pk), {"target": other.pk})
    row.refresh_from_db()
    assert row.method == Method.UNRESOLVED


def test_creating_a_unit_for_a_name_adds_it_to_the_directory(login, draft, world):
    row = _resolution(draft, "区大数据中心")
    response = login("admin").post(_url("decide_name", draft, row.pk), {"action": "create"}, **HTMX)
    assert "已新建“区大数据中心”" in response.content.decode()
    unit = Unit.objects.get(government=world.government, name="区大数据中心")
    assert Assignment.objects.get(task__plan=draft, name="区大数据中心").unit == unit


def test_creating_a_leader_for_a_name_adds_the_person(login, draft, world):
    row = _resolution(draft, "李四")
    login("admin").post(_url("decide_name", draft, row.pk), {"action": "create"})
    li = Person.objects.get(government=world.government, name="李四")
    assert Assignment.objects.get(task__plan=draft, name="李四").person == li


# ---------------------------------------------------------------- tasks


def test_the_edit_link_returns_an_inline_form_for_htmx(login, draft):
    task = draft.tasks.get(seq="1")
    response = login("admin").get(_url("edit_task", draft, task.pk), **HTMX)
    html = response.content.decode()
    assert f'<article id="task-{task.pk}"' in html
    assert "编辑任务 1" in html and 'value="区大数据中心、区财政局"' in html
    assert "<html" not in html
    full = login("admin").get(_url("edit_task", draft, task.pk)).content.decode()
    assert "<html" in full and "返回审核" in full


def test_saving_a_task_replaces_changed_names_and_resolves_new_ones(login, draft):
    task = draft.tasks.get(seq="3")
    data = {
        "content": "全年新增城镇就业1200人。",
        "deadline": "2023年12月底",
        "state": "active",
        "lead_leaders": "王强",
        "lead_units": "区人社局、区财政局",
        "support_units": "",
    }
    response = login("admin").post(_url("edit_task", draft, task.pk), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "全年新增城镇就业1200人。" in html and "2023年12月底" in html
    assert 'id="names-panel" class="card mb-3" hx-swap-oob="true"' in html
    task.refresh_from_db()
    assert task.content == "全年新增城镇就业1200人。" and task.deadline == "2023年12月底"
    assert task.names("leader") == ["王强"]
    assert [a.name for a in task.assignments.filter(role="lead")] == ["区人社局", "区财政局"]
    # The new unresolved name got its resolution; the dropped one is gone;
    # the already known 区财政局 is linked at once.
    assert _resolution(draft, "区人社局").method == Method.UNRESOLVED
    assert not draft.resolutions.filter(name="李四").exists()
    assert task.assignments.get(name="区财政局").unit.name == "区财政局"


def test_a_task_without_content_is_refused_in_chinese(login, draft):
    task = draft.tasks.get(seq="3")
    data = {"content": "", "state": "active", "lead_leaders": "王强"}
    response = login("admin").post(_url("edit_task", draft, task.pk), data, **HTMX)
    assert "工作任务不能为空" in response.content.decode()
    task.refresh_from_db()
    assert task.content == "全年新增城镇就业1000人。"


def test_saving_without_htmx_redirects_back_to_the_task(login, draft):
    task = draft.tasks.get(seq="3")
    data = {
        "content": "全年新增城镇就业1000人。",
        "state": "abolished",
        "lead_leaders": "王强、李四",
    }
    response = login("admin").post(_url("edit_task", draft, task.pk), data)
    assert response.url == _url("review", draft) + f"#task-{task.pk}"
    task.refresh_from_db()
    assert task.state == "abolished"


def test_cancelling_an_edit_shows_the_task_again(login, draft):
    task = draft.tasks.get(seq="1")
    html = login("admin").get(_url("edit_task", draft, task.pk) + "?show=1", **HTMX)
    assert "编辑任务" not in html.content.decode() and "数字政府建设" in html.content.decode()


# ---------------------------------------------------------------- who may


OTHERS = ["inspector", "fgw", "fgw_head", "czj", "town", "jyj", "leader"]


@pytest.mark.parametrize("persona", OTHERS)
def test_only_office_administrators_may_review(login, draft, persona):
    client = login(persona)
    row = _resolution(draft, "区大数据中心")
    task = draft.tasks.first()
    assert client.get(_url("review", draft)).status_code == 403
    assert client.get(_url("edit_task", draft, task.pk)).status_code == 403
    assert client.post(_url("decide_name", draft, row.pk), {"action": "create"}).status_code == 403
    assert client.post(_url("confirm", draft), {"create_missing": "1"}).status_code == 403
    assert client.post(_url("discard", draft)).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft" and not Unit.objects.filter(name="区大数据中心").exists()


def test_an_administrator_of_another_government_does_not_find_the_draft(login, draft):
    client = login("other_admin")
    row = _resolution(draft, "区大数据中心")
    assert client.get(_url("review", draft)).status_code == 404
    assert client.post(_url("decide_name", draft, row.pk), {"action": "create"}).status_code == 404
    assert client.post(_url("confirm", draft), {"create_missing": "1"}).status_code == 404
    assert client.post(_url("discard", draft)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, draft):
    response = client.get(_url("review", draft))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_name_of_another_plan_is_not_found(login, draft, world):
    other = world.plan.resolutions.first()
    assert login("admin").post(_url("decide_name", draft, other.pk)).status_code == 404


def test_an_active_plan_is_shown_read_only(login, world):
    page = login("admin").get(_url("review", world.plan)).content.decode()
    assert "不能再审核修改" in page and "确认生效" not in page and "编辑</a>" not in page
    task = world.tasks[0]
    response = login("admin").post(
        _url("edit_task", world.plan, task.pk), {"content": "改", "state": "active"}
    )
    assert "不能再修改" in response.content.decode()
    task.refresh_from_db()
    assert task.content != "改"


def test_names_are_resolved_again_after_the_directory_grows(login, draft, world):
    Unit.objects.create(government=world.government, name="区大数据中心")
    response = login("admin").post(_url("review", draft))
    assert response.url == _url("review", draft)
    assert _resolution(draft, "区大数据中心").method == Method.EXACT


def test_the_number_of_queries_does_not_grow_with_the_tasks(login, world):
    client = login("admin")
    counts = []
    for extra in (2, 12):
        text = DRAFT_NOTICE + "".join(
            f"{k}. 第{k}项工作。\n牵头领导：王强\n牵头单位：区财政局、区第{k}局\n"
            for k in range(4, 4 + extra)
        )
        plan = import_notice(text.encode(), "n.txt", world.government)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("review", plan)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
