"""The import page: a notice file in, a draft to review out; a file that
cannot be read is explained in Chinese and leaves nothing behind."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from duban.directory.models import Government
from duban.ledger.models import Plan

URL = reverse("ledger:import")
LINES = [
    "海东市平安区人民政府办公室关于印发2024年政府工作报告任务分工方案的通知",
    "平政办〔2024〕3号",
    "一、重点工作",
    "1. 实施城乡供水一体化工程。",
    "牵头领导：苏铨烨",
    "牵头单位：区水利局",
    "责任单位：各乡镇人民政府",
    "完成时限：2024年10月底",
    "2. 新建幼儿园2所。",
    "牵头领导：王强",
    "牵头单位：区教育局",
]


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


NOTICE = "\n".join(LINES)


def _txt(text=NOTICE, name="2024.txt"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def _docx():
    document = Document()
    for line in LINES:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("2024年分工方案.docx", out.getvalue())


def _drafts():
    return Plan.objects.filter(status="draft")


def test_the_import_page_offers_a_file_and_the_users_government(login, world):
    page = login("admin").get(URL).content.decode()
    assert "导入分工方案" in page and 'type="file"' in page
    assert 'value="海东市平安区"' in page and 'list="government-names"' in page


def test_uploading_a_text_notice_creates_a_draft_and_opens_its_review(login, world):
    response = login("admin").post(URL, {"file": _txt()})
    plan = _drafts().get()
    assert response.status_code == 302 and response.url == reverse("ledger:review", args=[plan.pk])
    assert plan.government == world.government and plan.year == 2024
    assert plan.tasks.count() == 2 and plan.created_by == world.users["admin"]
    page = login("admin").get(response.url).content.decode()
    assert "已导入" in page and "识别出 2 项任务" in page and "区水利局" in page


def test_uploading_a_word_notice_reads_it_the_same_way(login, world):
    response = login("admin").post(URL, {"file": _docx(), "government": "海东市平安区"})
    plan = _drafts().get()
    assert response.url == reverse("ledger:review", args=[plan.pk])
    assert plan.source_name == "2024年分工方案.docx"
    assert [t.seq for t in plan.tasks.order_by("position")] == ["1", "2"]
    assert plan.tasks.get(seq="1").deadline == "2024年10月底"


def test_a_file_without_tasks_is_explained_in_chinese_and_creates_nothing(login, world):
    response = login("admin").post(
        URL, {"file": _txt("这是一封普通的信。\n此致敬礼"), "government": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "文件中没有找到任务分工" in page
    assert "no tasks found" not in page
    assert not _drafts().exists()


def test_an_empty_upload_or_none_is_refused_in_chinese(login, world):
    client = login("admin")
    assert "请选择要导入的通知文件" in client.post(URL, {}).content.decode()
    empty = SimpleUploadedFile("empty.txt", b"")
    assert "选择的文件是空的" in client.post(URL, {"file": empty}).content.decode()
    assert not _drafts().exists()


def test_an_administrator_imports_only_for_their_own_government(login, world):
    response = login("admin").post(URL, {"file": _txt(), "government": "某县"})
    assert "只能导入本政府（海东市平安区）的方案" in response.content.decode()
    assert not _drafts().exists()


def test_an_administrator_of_all_governments_may_name_a_new_one(login, world):
    admin = world.users["admin"]
    admin.government = None
    admin.save()
    login("admin").post(URL, {"file": _txt(), "government": "海东市乐都区"})
    assert _drafts().get().government == Government.objects.get(name="海东市乐都区")


def test_a_notice_for_a_year_in_force_becomes_a_revision(login, world):
    text = NOTICE.replace("2024", "2022")
    response = login("admin").post(URL, {"file": _txt(text)})
    plan = _drafts().get()
    assert plan.revises == world.plan
    assert "这是对现行方案的修订" in login("admin").get(response.url).content.decode()


@pytest.mark.parametrize(
    "persona", ["inspector", "fgw", "fgw_head", "czj", "town", "jyj", "leader"]
)
def test_only_office_administrators_may_import(login, world, persona):
    client = login(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": _txt()}).status_code == 403
    assert not _drafts().exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world):
    response = client.post(URL, {"file": _txt()})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert not _drafts().exists()
