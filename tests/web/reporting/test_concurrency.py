"""Two people at once: editing the same draft, consolidating the same period,
signing or reviewing the same report, deciding the same request.

The parallel tests run each person in their own thread with their own
database connection and transaction, released together by a barrier; they
need PostgreSQL, where the transactions really overlap and the row locks
(SELECT … FOR UPDATE) decide who waits. SQLite's in-memory test database is
not shared between threads in a way that shows anything, so there they are
skipped; the same conflict rules are checked sequentially on both databases,
and through the report page and the API.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban import clock
from duban.accounts.choices import Role
from duban.audit.context import acting_as
from duban.audit.models import AuditEntry
from duban.errors import Conflict
from duban.ledger.models import Task
from duban.reporting import flow
from duban.reporting.models import Report, Request
from duban.reporting.reports import DraftConflict
from web.personas import _user
from web.reporting.flowkit import As, head, monthly, obligation

POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def parallel(test):
    """PostgreSQL only, with committed transactions the other threads can see."""
    test = pytest.mark.skipif(
        not POSTGRES,
        reason="parallel transactions need PostgreSQL (DATABASE_URL=postgres://…); "
        "SQLite's in-memory test database is not shared between threads",
    )(test)
    return pytest.mark.django_db(transaction=True)(test)


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def march_20():
    """Frozen before the world is built (the schedule starts in March); the
    clock is the process's, so every thread reads the same time."""
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


# --- running people in parallel ---------------------------------------------------------


def race(*calls) -> list:
    """Each call in its own thread, connection and transaction, all released at
    once; each call's result, or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = call()
        except Exception as exc:  # noqa: BLE001 — the outcome under test
            outcomes[i] = exc
        finally:
            connection.close()

    _run_threads([threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)])
    return outcomes


def while_held(first, second, hold: float = 0.5):
    """`first` runs inside a transaction that stays open `hold` seconds after it
    returned (its row locks held, its writes not yet visible); `second` starts
    as soon as `first` returned. Returns both outcomes and whether `second`
    ended only after `first` committed, i.e. it waited for the lock."""
    barrier = threading.Barrier(2)
    outcomes: list = [None, None]
    times: dict[str, float] = {}

    def hold_it():
        try:
            with transaction.atomic():
                outcomes[0] = first()
                barrier.wait(timeout=10)
                time.sleep(hold)
            times["committed"] = time.monotonic()
        except Exception as exc:  # noqa: BLE001
            outcomes[0] = exc
            barrier.abort()
        finally:
            connection.close()

    def meet_it():
        try:
            barrier.wait(timeout=10)
            outcomes[1] = second()
        except Exception as exc:  # noqa: BLE001
            outcomes[1] = exc
        finally:
            times["ended"] = time.monotonic()
            connection.close()

    _run_threads([threading.Thread(target=hold_it), threading.Thread(target=meet_it)])
    return outcomes[0], outcomes[1], times["ended"] >= times["committed"]


def _run_threads(threads) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung (deadlock?)"


def as_(user, fn, *args, **kwargs):
    """A call made by `user`, audited as theirs, for a thread to run."""

    def call():
        with acting_as(user):
            return fn(user, *args, **kwargs)

    return call


def one_winner(outcomes, conflict_text: str):
    """Exactly one outcome succeeded and the other is a Conflict saying `conflict_text`."""
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], Conflict), repr(errors[0])
    assert conflict_text in errors[0].message_zh, errors[0].message_zh
    winner = next(i for i, o in enumerate(outcomes) if not isinstance(o, Exception))
    return winner, errors[0]


def second_user(world, name: str, role: str, unit: str | None = None):
    if unit is not None:
        return _user(name, role, unit=world.units[unit])
    return _user(name, role, government=world.government)


def decisions(request: Request) -> list[AuditEntry]:
    """The audit entries that recorded a decision of `request`."""
    entries = AuditEntry.objects.filter(model="reporting.request", object_id=str(request.pk))
    return [e for e in entries if (e.before or {}).get("state") == "pending" != e.after["state"]]


# --- the same draft, two editors ----------------------------------------------------------


@parallel
def test_two_people_saving_the_same_draft_at_once_one_wins_and_the_other_is_told(world):
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    read = draft.lock_version  # both opened the page at this version
    outcomes = race(
        as_(fgw, flow.save_draft, draft, expected_version=read, progress="发改委经办人的汇总"),
        as_(fgw_head, flow.save_draft, draft, expected_version=read, progress="负责人的修改"),
    )
    winner, error = one_winner(outcomes, "您的修改未保存")
    name = ("fgw", "fgw_head")[winner]
    assert isinstance(error, DraftConflict)
    assert error.message_zh.startswith(f"该草稿已被{name}于 09:00 修改，您的修改未保存。")
    draft.refresh_from_db()
    assert draft.progress == ("发改委经办人的汇总", "负责人的修改")[winner]
    assert (draft.lock_version, draft.author.username) == (read + 1, name)


@parallel
def test_a_save_waits_for_the_draft_being_saved_and_then_finds_it_newer(world):
    """The row lock is held from the version check to the write: without it the
    second save would read the old version (the first is not committed yet),
    pass the check, and overwrite the first."""
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    first, second, waited = while_held(
        as_(fgw, flow.save_draft, draft, expected_version=0, progress="先保存的内容"),
        as_(fgw_head, flow.save_draft, draft, expected_version=0, progress="后保存的内容"),
    )
    assert first.lock_version == 1
    assert isinstance(second, DraftConflict), second
    assert "该草稿已被fgw于 09:00 修改，您的修改未保存。" in second.message_zh
    assert waited, "the second save did not wait for the first one's lock"
    draft.refresh_from_db()
    assert (draft.progress, draft.lock_version) == ("先保存的内容", 1)


# --- the same period, two consolidators ---------------------------------------------------


@parallel
def test_two_people_opening_the_periods_report_at_once_get_one_draft_and_one_save_wins(world):
    town = world.users["town"]
    flow.submit(town, flow.save_draft(town, flow.draft_for(town, monthly(world, "town", 0, 3)),
                                      progress="三合镇完成自查"))  # fmt: skip
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    q1 = obligation(world, "fgw", 0, "2022-Q1")
    opened = race(as_(fgw, flow.draft_for, q1), as_(fgw_head, flow.draft_for, q1))
    assert all(isinstance(r, Report) for r in opened), opened
    assert opened[0].pk == opened[1].pk
    assert list(q1.reports.values_list("version", "state")) == [(1, "draft")]
    assert "【三合镇】" in opened[0].progress, "prefilled once from the town's input"

    saved = race(
        as_(fgw, flow.save_draft, opened[0], expected_version=0, progress="经办人汇总稿"),
        as_(fgw_head, flow.save_draft, opened[1], expected_version=0, progress="负责人汇总稿"),
    )
    winner, _ = one_winner(saved, "您的修改未保存")
    assert Report.objects.get(obligation=q1).progress == ("经办人汇总稿", "负责人汇总稿")[winner]


@parallel
def test_a_second_opening_waits_for_the_first_draft_instead_of_making_another(world):
    """Without the obligation's row lock both would create version 1, and the
    second would fail on the unique (obligation, version) with a 500."""
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    q1 = obligation(world, "fgw", 0, "2022-Q1")
    first, second, waited = while_held(
        as_(fgw, flow.draft_for, q1), as_(fgw_head, flow.draft_for, q1)
    )
    assert isinstance(second, Report), second
    assert first.pk == second.pk and waited
    assert q1.reports.count() == 1


# --- the same report, two signers or reviewers --------------------------------------------


@parallel
def test_two_submits_of_the_same_draft_at_once_submit_it_once(world):
    town, town2 = world.users["town"], second_user(world, "town2", Role.UNIT_USER, "town")
    march = monthly(world, "town", 0, 3)
    draft = flow.save_draft(town, flow.draft_for(town, march), progress="三月进展")
    outcomes = race(as_(town, flow.submit, draft), as_(town2, flow.submit, draft))
    winner, _ = one_winner(outcomes, "该报告已提交，不能重复提交。")
    report = Report.objects.get(obligation=march)
    assert (report.state, report.submitted_by.username) == ("submitted", ("town", "town2")[winner])
    submits = AuditEntry.objects.filter(model="reporting.report", after__state="submitted")
    assert submits.count() == 1


@parallel
def test_two_heads_signing_the_same_report_at_once_sign_it_once(world):
    fgw = world.users["fgw"]
    q1 = obligation(world, "fgw", 0, "2022-Q1")
    report = flow.submit(fgw, flow.save_draft(fgw, flow.draft_for(fgw, q1), progress="季度汇总"))
    heads = [head(world, "fgw"), second_user(world, "fgw_deputy", Role.UNIT_HEAD, "fgw")]
    outcomes = race(*(as_(h, flow.approve, report) for h in heads))
    winner, _ = one_winner(outcomes, "只能审签已提交待审签的报告，该报告已审签。")
    report.refresh_from_db()
    assert (report.state, report.approved_by) == ("approved", heads[winner])
    assert AuditEntry.objects.filter(model="reporting.report", after__state="approved").count() == 1


def _signed_q1(world) -> Report:
    fgw = world.users["fgw"]
    report = flow.save_draft(fgw, flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1")),
                             progress="季度汇总", percent=30)  # fmt: skip
    return flow.approve(head(world, "fgw"), flow.submit(fgw, report))


@parallel
def test_accepting_and_returning_the_same_report_at_once_decides_it_once(world):
    report = _signed_q1(world)
    admin, inspector = world.users["admin"], world.users["inspector"]
    outcomes = race(
        as_(admin, flow.accept, report, "同意"),
        as_(inspector, flow.return_report, report, "请补充数据"),
    )
    winner, error = one_winner(outcomes, "只能审核单位负责人已审签的报告")
    state = ("accepted", "returned")[winner]
    assert error.message_zh.endswith(
        f"该报告{ {'accepted': '已采纳', 'returned': '已退回'}[state] }。"
    )
    report.refresh_from_db()
    assert (report.state, report.reviewed_by) == (state, (admin, inspector)[winner])
    reviews = AuditEntry.objects.filter(model="reporting.report", before__state="approved")
    assert reviews.count() == 1
    task = Task.objects.get(pk=report.obligation.task_id)
    assert task.percent == (30 if state == "accepted" else None)


@parallel
def test_a_return_waits_for_an_acceptance_in_progress_and_is_then_refused(world):
    report = _signed_q1(world)
    admin, inspector = world.users["admin"], world.users["inspector"]
    first, second, waited = while_held(
        as_(admin, flow.accept, report), as_(inspector, flow.return_report, report, "请补充数据")
    )
    assert first.state == "accepted" and waited
    assert isinstance(second, Conflict) and second.message_zh.endswith("该报告已采纳。")
    report.refresh_from_db()
    assert (report.state, report.review_comment) == ("accepted", "")


# --- the same request, two deciders ----------------------------------------------------------


@pytest.fixture
def extension(world):
    Task.objects.filter(pk=world.tasks[1].pk).update(due=dt.date(2022, 6, 30))
    task = Task.objects.get(pk=world.tasks[1].pk)
    return flow.request_extension(world.users["czj"], task, "项目延后", dt.date(2022, 9, 30))


@parallel
def test_two_office_users_approving_the_same_extension_at_once_decide_it_once(world, extension):
    admin, admin2 = world.users["admin"], second_user(world, "admin2", Role.OFFICE_ADMIN)
    outcomes = race(
        as_(admin, flow.decide, extension, True, "同意延期"),
        as_(admin2, flow.decide, extension, True, "同意"),
    )
    winner, _ = one_winner(outcomes, "该申请已同意，不能重复审批。")
    extension.refresh_from_db()
    assert (extension.state, extension.decided_by) == ("approved", (admin, admin2)[winner])
    # A second approval would have recorded the new date as the old one.
    assert extension.old_due == dt.date(2022, 6, 30)
    task = Task.objects.get(pk=extension.task_id)
    assert task.due == dt.date(2022, 9, 30)
    moves = AuditEntry.objects.filter(model="ledger.task", object_id=str(task.pk))
    assert [e.after["due"] for e in moves if e.before and e.before["due"] != e.after["due"]] == [
        "2022-09-30"
    ]
    assert len(decisions(extension)) == 1


@parallel
def test_approving_and_rejecting_the_same_request_at_once_leaves_one_decision(world, extension):
    admin, inspector = world.users["admin"], world.users["inspector"]
    outcomes = race(
        as_(admin, flow.decide, extension, True),
        as_(inspector, flow.decide, extension, False, "理由不充分"),
    )
    winner, error = one_winner(outcomes, "不能重复审批。")
    state = ("approved", "rejected")[winner]
    extension.refresh_from_db()
    assert extension.state == state
    assert (
        error.message_zh
        == f"该申请{ {'approved': '已同意', 'rejected': '不同意'}[state] }，不能重复审批。"
    )
    due = Task.objects.get(pk=extension.task_id).due
    assert due == (dt.date(2022, 9, 30) if state == "approved" else dt.date(2022, 6, 30))
    assert len(decisions(extension)) == 1


# --- through the report page and the API, in parallel ------------------------------------------


@parallel
def test_two_browsers_saving_the_same_form_at_once_one_gets_the_conflict_page(world):
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    url = reverse("reporting:save", args=[draft.pk])
    clients = []
    for user in (fgw, fgw_head):
        client = Client()
        client.force_login(user)
        clients.append(client)
    texts = ("经办人的稿子", "负责人的稿子")

    def post(i):
        return lambda: clients[i].post(url, _form(texts[i], lock_version=0))

    responses = race(post(0), post(1))
    assert sorted(r.status_code for r in responses) == [302, 409], responses
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    loser = responses[1 - winner].content.decode()
    assert f"该草稿已被{('fgw', 'fgw_head')[winner]}于 09:00 修改，您的修改未保存。" in loser
    assert texts[1 - winner] in loser and texts[winner] in loser, "both versions on the page"
    draft.refresh_from_db()
    assert draft.progress == texts[winner]


@parallel
def test_a_double_click_on_submit_submits_once_and_both_clicks_are_told_it_is_done(world):
    fgw = world.users["fgw"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    url = reverse("reporting:save", args=[draft.pk])
    client = Client()
    client.force_login(fgw)
    form = _form("一季度进展", lock_version=0, action="submit", idempotency_key="click-1")

    responses = race(*(lambda: client.post(url, form) for _ in range(2)))
    assert [r.status_code for r in responses] == [302, 302], responses
    report = Report.objects.get(idempotency_key="click-1")
    assert report.state == "submitted" and report.progress == "一季度进展"
    assert Report.objects.filter(obligation=report.obligation).count() == 1


# --- different people, the same task: nobody waits -----------------------------------------


@parallel
def test_units_filing_on_the_same_task_do_not_wait_for_each_other(world):
    """A row lock takes only its own row. Locking a model whose ordering joins
    the task would lock the task's row too: every unit filing on it would
    queue, and two keyed submits crossing there deadlocked on deadline day."""
    fgw, town = world.users["fgw"], world.users["town"]
    first, second, waited = while_held(
        as_(fgw, flow.draft_for, obligation(world, "fgw", 0, "2022-Q1")),
        as_(town, flow.draft_for, monthly(world, "town", 0, 3)),
        hold=1.0,
    )
    assert isinstance(first, Report) and isinstance(second, Report), (first, second)
    assert not waited, "the town's draft waited for the lead unit's draft on the same task"


@parallel
def test_every_row_lock_of_a_filing_day_locks_only_its_own_table(world):
    """The locks of a whole filing (draft, keyed submit in the web form, review,
    a request and its decision), read from the SQL sent: a FOR UPDATE over a
    join must name its own table (FOR UPDATE OF)."""
    town, fgw, admin = world.users["town"], world.users["fgw"], world.users["admin"]
    client = Client()
    client.force_login(town)
    with CaptureQueriesContext(connection) as sent:
        draft = flow.draft_for(town, monthly(world, "town", 0, 3))
        form = _form("三月进展", lock_version=0, action="submit", idempotency_key="day-1")
        assert client.post(reverse("reporting:save", args=[draft.pk]), form).status_code == 302
        with acting_as(fgw):
            request = flow.request_extension(fgw, world.tasks[0], "需要延期", dt.date(2022, 12, 31))
        with acting_as(admin):
            flow.decide(admin, request, approve=True)
    locks = [q["sql"] for q in sent.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(locks) >= 4, locks
    wide = [sql for sql in locks if " JOIN " in sql and "FOR UPDATE OF" not in sql]
    assert not wide, wide


# --- the same rules, one after the other (SQLite and PostgreSQL) ------------------------------


def test_a_save_from_an_older_version_is_refused_naming_who_saved_and_when(world):
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    assert draft.lock_version == 0
    with clock.frozen_at(dt.datetime(2022, 3, 20, 10, 32)):
        saved = flow.save_draft(fgw_head, draft, expected_version=0, progress="负责人改过")
    assert saved.lock_version == 1
    with pytest.raises(DraftConflict) as refused:
        flow.save_draft(fgw, draft, expected_version=0, progress="经办人的稿子")
    assert refused.value.message_zh == (
        "该草稿已被fgw_head于 10:32 修改，您的修改未保存。请查看最新内容后再修改。"
    )
    assert refused.value.current.progress == "负责人改过"
    draft.refresh_from_db()
    assert (draft.progress, draft.lock_version, draft.author) == ("负责人改过", 1, fgw_head)


def test_a_conflict_on_another_day_names_the_date(world):
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    with clock.frozen_at(dt.datetime(2022, 3, 18, 16, 5)):
        flow.save_draft(fgw_head, draft, expected_version=0, progress="周五改的")
    with pytest.raises(DraftConflict, match="该草稿已被fgw_head于 2022年3月18日 16:05 修改"):
        flow.save_draft(fgw, draft, expected_version=0, progress="周日改的")


def test_saves_each_from_the_version_the_last_one_returned_never_conflict(world):
    town = world.users["town"]
    draft = flow.draft_for(town, monthly(world, "town", 0, 3))
    version = draft.lock_version
    for text in ("第一稿", "第二稿", "第三稿"):
        version = flow.save_draft(town, draft, expected_version=version, progress=text).lock_version
    draft.refresh_from_db()
    assert (draft.progress, draft.lock_version) == ("第三稿", 3)


def test_the_same_person_in_another_window_is_told_it_was_their_own_save(world):
    town = world.users["town"]
    draft = flow.draft_for(town, monthly(world, "town", 0, 3))
    flow.save_draft(town, draft, expected_version=0, progress="窗口一")
    with pytest.raises(
        DraftConflict, match="已于 09:00 在您的另一次保存（其他窗口或自动保存）中修改"
    ):
        flow.save_draft(town, draft, expected_version=0, progress="窗口二")
    draft.refresh_from_db()
    assert draft.progress == "窗口一"


def test_a_save_without_a_version_is_not_checked(world):
    """Only API callers that send no lock_version get this (documented there)."""
    town = world.users["town"]
    draft = flow.draft_for(town, monthly(world, "town", 0, 3))
    flow.save_draft(town, draft, expected_version=0, progress="一")
    assert flow.save_draft(town, draft, progress="二").lock_version == 2


def test_a_submit_from_an_older_version_does_not_deliver_unseen_content(world):
    fgw, fgw_head = world.users["fgw"], world.users["fgw_head"]
    draft = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
    mine = flow.save_draft(fgw, draft, expected_version=0, progress="经办人的稿子")
    flow.save_draft(fgw_head, draft, expected_version=1, progress="负责人改过")
    with pytest.raises(DraftConflict, match="该草稿已被fgw_head于 09:00 修改"):
        flow.submit(fgw, draft, expected_version=mine.lock_version)
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert flow.submit(fgw, draft, expected_version=2).state == "submitted"


def test_a_decided_request_is_refused_to_the_second_decider(world, extension):
    flow.decide(world.users["admin"], extension, True)
    with pytest.raises(Conflict, match="^该申请已同意，不能重复审批。$"):
        flow.decide(world.users["inspector"], extension, False, "不同意")
    assert len(decisions(extension)) == 1


# --- the report page -------------------------------------------------------------------------


def _form(progress: str, lock_version, **extra) -> dict:
    data = {"status": "on_track", "progress": progress, "problems": "", "next_steps": "",
            "percent": "", "action": "save", "lock_version": lock_version}  # fmt: skip
    data.update(extra)
    return data


def _page(ob) -> str:
    return reverse("reporting:obligation", args=[ob.pk])


def test_the_page_refuses_a_stale_form_and_keeps_the_users_text_beside_the_saved_one(login, world):
    ob = obligation(world, "fgw", 0, "2022-Q1")
    draft = flow.draft_for(world.users["fgw"], ob)
    client = login("fgw")
    form_page = client.get(_page(ob)).content.decode()
    assert 'name="lock_version" id="lock-version" value="0"' in form_page
    flow.save_draft(world.users["fgw_head"], draft, expected_version=0, progress="负责人先改了")

    response = client.post(reverse("reporting:save", args=[draft.pk]), _form("我刚写的汇总", 0))
    assert response.status_code == 409
    page = response.content.decode()
    assert "该草稿已被fgw_head于 09:00 修改，您的修改未保存。" in page
    assert "您填写的内容仍保留在下方表单中" in page
    assert response.context["form"]["progress"].value() == "我刚写的汇总"
    assert 'id="kept-version"' in page and "负责人先改了" in page
    assert 'name="lock_version" id="lock-version" value="1"' in page, "now from the kept one"
    draft.refresh_from_db()
    assert draft.progress == "负责人先改了", "nothing overwritten"

    # Having seen both, saving again is a choice, and it is saved.
    again = client.post(reverse("reporting:save", args=[draft.pk]), _form("我刚写的汇总", 1))
    assert again.status_code == 302
    draft.refresh_from_db()
    assert (draft.progress, draft.lock_version) == ("我刚写的汇总", 2)


def test_a_stale_submit_from_the_page_is_not_submitted(login, world):
    ob = obligation(world, "fgw", 0, "2022-Q1")
    draft = flow.draft_for(world.users["fgw"], ob)
    flow.save_draft(world.users["fgw_head"], draft, expected_version=0, progress="负责人先改了")
    client = login("fgw")
    data = _form("经办人的稿子", 0, action="submit", idempotency_key="k-stale")
    response = client.post(reverse("reporting:save", args=[draft.pk]), data)
    assert response.status_code == 409
    assert "该草稿已被fgw_head于 09:00 修改" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.state, draft.progress) == ("draft", "负责人先改了")


def test_a_form_without_its_version_is_refused_not_saved(login, world):
    ob = monthly(world, "town", 0, 3)
    draft = flow.save_draft(world.users["town"], flow.draft_for(world.users["town"], ob),
                            progress="已保存的")  # fmt: skip
    client = login("town")
    data = _form("没有版本号的表单", "")
    response = client.post(reverse("reporting:save", args=[draft.pk]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "页面已过期，无法确认您是否在最新内容上修改，您的修改未保存。" in page
    assert "没有版本号的表单" in page and "已保存的" in page
    autosaved = client.post(reverse("reporting:autosave", args=[draft.pk]), data, **HTMX)
    assert "未自动保存：页面已过期" in autosaved.content.decode()
    draft.refresh_from_db()
    assert draft.progress == "已保存的"


def test_a_draft_submitted_meanwhile_shows_the_unsaved_text_to_copy(login, world):
    ob = obligation(world, "fgw", 0, "2022-Q1")
    draft = flow.save_draft(world.users["fgw_head"], flow.draft_for(world.users["fgw"], ob),
                            progress="负责人的稿子")  # fmt: skip
    flow.submit(world.users["fgw_head"], draft)
    response = login("fgw").post(
        reverse("reporting:save", args=[draft.pk]), _form("经办人还在写的内容", 1)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "已提交的报告不能修改" in page
    assert 'id="unsaved"' in page and "经办人还在写的内容" in page
    draft.refresh_from_db()
    assert (draft.state, draft.progress) == ("submitted", "负责人的稿子")


def test_autosave_moves_the_forms_version_on_and_refuses_a_stale_one(login, world):
    ob = monthly(world, "town", 0, 3)
    draft = flow.draft_for(world.users["town"], ob)
    client = login("town")
    url = reverse("reporting:autosave", args=[draft.pk])
    version = 0
    for text in ("正在收集", "正在收集资料"):
        answer = client.post(url, _form(text, version), **HTMX).content.decode()
        assert answer.startswith("已自动保存 09:00")
        version += 1
        assert f'id="lock-version" value="{version}" hx-swap-oob="true"' in answer

    town2 = second_user(world, "town2", Role.UNIT_USER, "town")
    flow.save_draft(town2, draft, expected_version=version, progress="同事的版本")
    answer = client.post(url, _form("我的第三稿", version), **HTMX).content.decode()
    assert "未自动保存：该草稿已被town2于 09:00 修改，您的修改未保存。" in answer
    assert "请点击“保存草稿”对照两个版本。" in answer
    assert "hx-swap-oob" not in answer, "the form keeps the version it started from"
    draft.refresh_from_db()
    assert draft.progress == "同事的版本"


# --- the API ---------------------------------------------------------------------------------


def test_the_api_refuses_a_stale_lock_version_with_409_in_chinese(world):
    fgw, head_api = As(world, "fgw"), As(world, "fgw_head")
    ob = obligation(world, "fgw", 0, "2022-Q1")
    url = f"/api/obligations/{ob.pk}/draft"
    draft = fgw.ok("post", url)
    assert draft["lock_version"] == 0
    assert (
        head_api.ok("post", url, {"progress": "负责人改的", "lock_version": 0})["lock_version"] == 1
    )

    status, body = fgw.post(url, {"progress": "经办人改的", "lock_version": 0})
    assert status == 409
    assert (
        body["detail"]
        == "该草稿已被fgw_head于 09:00 修改，您的修改未保存。请查看最新内容后再修改。"
    )
    fresh = fgw.ok("get", f"/api/reports/{draft['id']}")
    assert (fresh["progress"], fresh["lock_version"]) == ("负责人改的", 1)

    status, body = fgw.post(f"/api/reports/{draft['id']}/submit", {"lock_version": 0})
    assert status == 409 and "该草稿已被fgw_head" in body["detail"]
    assert fgw.ok("post", url, {"progress": "经办人改的", "lock_version": 1})["lock_version"] == 2
    # Without a lock_version the caller chose not to be checked (documented).
    assert fgw.ok("post", url, {"progress": "不带版本号"})["lock_version"] == 3
    done = fgw.ok("post", f"/api/reports/{draft['id']}/submit", {"lock_version": 3})
    assert done["state"] == "submitted"


def test_the_openapi_schema_documents_the_lock_version(world):
    schema = As(world, "fgw").ok("get", "/api/openapi.json")
    parts = schema["components"]["schemas"]
    assert "lock_version" in parts["ReportOut"]["required"]
    for name in ("DraftIn", "SubmitIn"):
        assert "409" in parts[name]["properties"]["lock_version"]["description"]
