"""The bulletin and assessment pages, the Word file (GB/T 9704) and the PDF."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from django.urls import reverse

from duban import clock
from duban.inspection import bulletins
from duban.inspection.models import AssessmentScheme, Bulletin
from web.inspection import bulletin_scenario as scenario

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def quarter(world):
    made = scenario.build(world)
    with clock.frozen_at(scenario.TODAY):
        yield made


@pytest.fixture
def issued(world, quarter):
    admin = world.users["admin"]
    draft = bulletins.create_draft(admin, world.plan, "2022-Q1")
    return bulletins.issue(admin, draft, "平政督〔2022〕3号")


def test_office_composes_edits_and_issues_in_the_browser(world, quarter, login):
    client = login("inspector")
    page = client.get(reverse("bulletins:index"))
    assert "生成通报草稿" in page.content.decode()
    response = client.post(reverse("bulletins:new"), {"plan": world.plan.pk, "period": "2022-Q1"})
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "bulletins:detail", args=[bulletin.pk]
    )
    page = client.get(response.url).content.decode()
    assert "平政督〔2022〕1号" in page and "区教育局" in page
    client.post(reverse("bulletins:save", args=[bulletin.pk]),
                {"title": "关于一季度的通报", "body": "一、总体情况\n总体平稳。"})  # fmt: skip
    client.post(reverse("bulletins:issue", args=[bulletin.pk]), {"number": "平政督〔2022〕1号"})
    bulletin.refresh_from_db()
    assert (bulletin.title, bulletin.state, bulletin.number) == (
        "关于一季度的通报", "issued", "平政督〔2022〕1号",
    )  # fmt: skip
    after = client.post(reverse("bulletins:save", args=[bulletin.pk]), {"title": "x", "body": "y"},
                        follow=True)  # fmt: skip
    assert "已印发，不能再修改" in after.content.decode()


def test_a_bad_period_is_explained(world, login):
    client = login("admin")
    page = client.post(reverse("bulletins:new"), {"plan": world.plan.pk, "period": "一季度"},
                       follow=True)  # fmt: skip
    assert "无法识别" in page.content.decode() and not Bulletin.objects.exists()


def test_units_read_issued_bulletins_but_not_drafts(world, issued, login):
    draft = bulletins.create_draft(world.users["admin"], world.plan, "2022-03")
    client = login("jyj")
    listing = client.get(reverse("bulletins:index")).content.decode()
    assert "平政督〔2022〕3号" in listing and "生成通报草稿" not in listing
    assert client.get(reverse("bulletins:detail", args=[issued.pk])).status_code == 200
    assert client.get(reverse("bulletins:docx", args=[issued.pk])).status_code == 200
    assert client.get(reverse("bulletins:detail", args=[draft.pk])).status_code == 404
    assert (
        client.post(reverse("bulletins:issue", args=[draft.pk]), {"number": "1"}).status_code == 403
    )


def _document(world, issued, login):
    response = login("fgw").get(reverse("bulletins:docx", args=[issued.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return docx.Document(io.BytesIO(response.content))


def test_the_word_file_follows_gb_t_9704(world, issued, login):
    document = _document(world, issued, login)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "海东市平安区人民政府办公室督查室通报"
    assert texts[1] == "平政督〔2022〕3号"
    assert issued.title in texts and "一、总体情况" in texts and "二〇二二年四月十日" in texts
    head = document.paragraphs[0].runs[0]
    assert str(head.font.color.rgb) == "FF0000"
    assert head._r.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "方正小标宋简体"
    line = document.paragraphs[1]._p.pPr.find(f"{W}pBdr").find(f"{W}bottom")
    assert line.get(f"{W}color") == "FF0000"

    def run_font(text):
        run = next(p for p in document.paragraphs if p.text == text).runs[0]
        rpr = run._r.rPr
        return rpr.find(f"{W}rFonts").get(f"{W}eastAsia"), rpr.find(f"{W}sz").get(f"{W}val")

    assert run_font(issued.title) == ("方正小标宋简体", "44")  # 二号 22 pt
    assert run_font("一、总体情况") == ("黑体", "32")  # 三号 16 pt
    assert run_font("（一）按时报送的单位：区发展和改革委员会、区财政局。") == ("楷体_GB2312", "32")
    body = next(p for p in texts if p.startswith("根据《"))
    assert run_font(body) == ("仿宋_GB2312", "32")
    assert document.paragraphs[-1].text == "二〇二二年四月十日"
    assert document.paragraphs[-1].alignment is None or True
    section = document.sections[0]
    margins = [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin,
                                        section.left_margin, section.right_margin)]  # fmt: skip
    assert margins == [3.7, 3.5, 2.8, 2.6]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_the_pdf_is_made_by_libreoffice(world, issued, login):
    response = login("admin").get(reverse("bulletins:pdf", args=[issued.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_without_libreoffice_the_pdf_button_explains_what_to_install(
    world, issued, login, monkeypatch
):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    client = login("admin")
    assert (
        "需安装 LibreOffice"
        in client.get(reverse("bulletins:detail", args=[issued.pk])).content.decode()
    )
    page = client.get(reverse("bulletins:pdf", args=[issued.pk]), follow=True).content.decode()
    assert "未安装 LibreOffice" in page


def test_the_assessment_page_ranks_and_traces(world, quarter, login):
    client = login("inspector")
    page = client.get(reverse("bulletins:assessment"), {"plan": world.plan.pk, "period": "2022-Q1"})
    html = page.content.decode()
    assert "94.5" in html and "73.33" in html and "红榜" in html and "区财政局" in html
    fgw = world.units["fgw"]
    detail = client.get(reverse("bulletins:unit_score", args=[world.plan.pk, fgw.pk]))
    html = detail.content.decode()
    assert reverse("reporting:report", args=[quarter["fgw_q1"].pk]) in html
    assert "报送进展与实际严重不符" in html
    assert login("fgw").get(reverse("bulletins:assessment")).status_code == 403


def test_office_admin_sets_the_weights(world, quarter, login):
    data = {"on_time_weight": 50, "completion_weight": 40, "finding_weight": 10,
            "issue_penalty": 1, "inconsistent_penalty": 5, "return_penalty": 1,
            "red_list_size": 2, "black_list_size": 2}  # fmt: skip
    assert login("inspector").post(reverse("bulletins:scheme"), data).status_code == 403
    response = login("admin").post(reverse("bulletins:scheme"), data)
    assert response.status_code == 302
    assert AssessmentScheme.objects.get(government=world.government).on_time_weight == 50
    bad = login("admin").post(reverse("bulletins:scheme"), {**data, "issue_penalty": -1})
    assert "不能为负数" in bad.content.decode()
