"""Importing a unit list from a real .xlsx: creates, updates, and row errors."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from duban.audit.models import AuditEntry
from duban.directory.importing import import_units
from duban.directory.models import Government, Unit
from duban.errors import UserError


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def xlsx(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ("序号", "单位名称", "简称", "别名", "类别", "上级单位")


def test_a_sheet_creates_new_units_and_updates_known_ones(world):
    data = xlsx(
        ("平安区单位名单",),
        HEADER,
        (1, "区文化和旅游局", "区文旅局", "文旅局、区文体局", "部门", None),
        (2, "区图书馆", None, None, None, "区文旅局"),
        (3, "区财政局", "财政局", None, "部门", None),
        (4, "古城乡", None, None, "乡镇", None),
        (5, "区教育局", None, None, None, None),
        (None, None, None, None, None, None),
    )
    report = import_units(data, world.government, "名单.xlsx")
    assert report.problems == []
    assert report.created == ["区文化和旅游局", "区图书馆", "古城乡"]
    assert report.updated == ["区财政局"] and report.unchanged == ["区教育局"]
    assert report.blank_rows == 1
    gov = world.government
    wlj = Unit.objects.get(government=gov, name="区文化和旅游局")
    assert wlj.short_name == "区文旅局" and wlj.kind == "department"
    assert sorted(wlj.aliases.values_list("name", flat=True)) == ["区文体局", "文旅局"]
    assert "qwtj" in wlj.pinyin
    assert Unit.objects.get(government=gov, name="区图书馆").parent == wlj
    assert Unit.objects.get(government=gov, name="古城乡").kind == "township"
    assert Unit.objects.get(government=gov, name="区财政局").short_name == "财政局"
    assert AuditEntry.objects.filter(action="import", model="directory.unit").exists()


def test_every_row_not_imported_is_reported_in_chinese_with_its_row_number(world):
    data = xlsx(
        ("全称", "类别", "别名", "上级单位"),
        ("区审计局", "机关", None, None),
        (None, "部门", "某局", None),
        ("区统计局", "部门", "区发改局", None),
        ("区统计局", "部门", None, None),
        ("区档案馆", None, None, "区不存在局"),
        ("区档案室", None, None, "区档案室"),
        ("区民政局", "部门", "区教育局", None),
        ("区医保局", None, None, None),
    )
    report = import_units(data, world.government)
    problems = {p.line: p.message for p in report.problems}
    assert problems == {
        2: "类别“机关”无法识别，应为部门、乡镇、街道、园区、企业或统称。",
        3: "缺少单位名称。",
        4: "别名“区发改局”已属于其他单位。",
        5: "与第 4 行单位名称重复。",
        6: "上级单位“区不存在局”不在单位目录中，也不在本表中。",
        7: "上级单位不能是本单位。",
        8: "别名“区教育局”是另一个单位的全称。",
    }
    assert report.created == ["区医保局"]
    assert not Unit.objects.filter(name__in=["区审计局", "区统计局", "区档案馆"]).exists()


def test_a_child_of_a_rejected_row_is_rejected_too(world):
    data = xlsx(
        ("单位名称", "类别", "上级单位"),
        ("区文旅局", "错误类别", None),
        ("区图书馆", None, "区文旅局"),
    )
    report = import_units(data, world.government)
    assert [p.line for p in report.problems] == [2, 3]
    assert report.created == []


def test_a_sheet_without_a_name_column_is_refused(world):
    with pytest.raises(UserError) as refused:
        import_units(xlsx(("编号", "名字"), (1, "区财政局")), world.government)
    assert "单位名称" in refused.value.message_zh


def test_a_file_that_is_not_xlsx_is_refused(world):
    with pytest.raises(UserError) as refused:
        import_units(b"not a workbook", world.government)
    assert ".xlsx" in refused.value.message_zh


def test_an_admin_uploads_a_list_and_sees_what_happened(login, world):
    data = xlsx(("单位名称", "简称"), ("区应急管理局", "区应急局"), (None, "无名"))
    upload = SimpleUploadedFile("名单.xlsx", data)
    response = login("admin").post(reverse("directory:import_units"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "新建 1 个" in page and "1 行未导入" in page and "第 3 行" in page
    assert Unit.objects.filter(government=world.government, name="区应急管理局").exists()


def test_an_upload_that_is_not_xlsx_gets_a_chinese_error(login, world):
    upload = SimpleUploadedFile("名单.xls", b"old excel")
    page = login("admin").post(reverse("directory:import_units"), {"file": upload})
    assert "只支持 Excel（.xlsx）格式" in page.content.decode()


def test_an_admin_of_every_government_picks_the_government(client, world, django_user_model):
    root = django_user_model.objects.create(username="root", role="office-admin")
    client.force_login(root)
    url = reverse("directory:import_units")
    assert "所属政府" in client.get(url).content.decode()
    data = xlsx(("单位名称",), ("某县水利局",))
    county = Government.objects.get(name="某县")
    page = client.post(url, {"file": SimpleUploadedFile("a.xlsx", data)}).content.decode()
    assert "请选择所属政府" in page
    client.post(url, {"file": SimpleUploadedFile("a.xlsx", data), "government": county.pk})
    assert Unit.objects.filter(government=county, name="某县水利局").exists()


@pytest.mark.parametrize("persona", ["inspector", "fgw", "leader"])
def test_only_an_admin_may_import_units(login, world, persona):
    assert login(persona).get(reverse("directory:import_units")).status_code == 403
