"""The inspection pages: drawing a spot check, its result and verification,
recording a finding with evidence, and the findings list units read."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.inspection import draw
from duban.inspection.models import Finding, SpotCheck
from web.reporting.flowkit import png_bytes


def _draw(client, world, **extra):
    data = {"plan": world.plan.pk, "title": "一季度随机抽查", "kind": "random",
            "strata": "none", "size": 2, "seed": "2022Q1", **extra}  # fmt: skip
    return client.post(reverse("inspection:new_spot_check"), data)


def test_the_inspector_draws_and_sees_the_drawn_tasks_with_their_lead_units(login, world):
    client = login("inspector")
    response = _draw(client, world)
    check = SpotCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection:spot_check", args=[check.pk])
    page = client.get(response["Location"]).content.decode()
    assert "2022Q1" in page and "核验抽取" in page
    for pk in check.drawn:
        assert f'id="task-{pk}"' in page
    assert "区" in page
    listing = client.get(reverse("inspection:spot_checks")).content.decode()
    assert "一季度随机抽查" in listing


def test_verification_on_the_page(login, world):
    client = login("admin")
    _draw(client, world)
    check = SpotCheck.objects.get()
    url = reverse("inspection:spot_check", args=[check.pk]) + "?verify=1"
    assert "核验通过" in client.get(url).content.decode()
    check.drawn = list(reversed([t.pk for t in world.tasks]))[:2]
    if draw.verify(check):
        check.drawn = [world.tasks[0].pk]
    check.save()
    assert "核验未通过" in client.get(url).content.decode()


def test_a_bad_form_comes_back_with_its_errors(login, world):
    client = login("inspector")
    response = _draw(client, world, size=0)
    assert response.status_code == 200
    assert "抽取数量至少为 1" in response.content.decode()
    assert not SpotCheck.objects.exists()


def test_recording_a_finding_with_evidence(login, world):
    client = login("inspector")
    _draw(client, world)
    check = SpotCheck.objects.get()
    task_pk = check.drawn[0]
    url = reverse("inspection:record_finding", args=[check.pk, task_pk])
    assert "记录督查情况" in client.get(url).content.decode()
    response = client.post(url, {
        "verdict": "issue", "text": "进度滞后于报送", "found_on": "2022-04-10",
        "files": SimpleUploadedFile("现场照片.png", png_bytes()),
    })  # fmt: skip
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert finding.task_id == task_pk and finding.spot_check == check
    assert finding.evidence.get().kind == "png"
    download = client.get(reverse("inspection:evidence", args=[finding.evidence.get().pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_an_inconsistent_finding_without_a_report_is_refused_on_the_page(login, world):
    client = login("inspector")
    _draw(client, world)
    check = SpotCheck.objects.get()
    url = reverse("inspection:record_finding", args=[check.pk, check.drawn[0]])
    response = client.post(url, {"verdict": "inconsistent", "text": "x", "found_on": "2022-04-10"})
    assert response.status_code == 200
    assert "须选择与实际不符的那份报告" in response.content.decode()
    assert not Finding.objects.exists()


def test_a_task_not_drawn_has_no_finding_page(login, world):
    client = login("inspector")
    _draw(client, world)
    check = SpotCheck.objects.get()
    other = next(t for t in world.tasks if t.pk not in check.drawn)
    url = reverse("inspection:record_finding", args=[check.pk, other.pk])
    assert client.get(url).status_code == 404


def test_units_see_findings_on_their_own_tasks_only(login, world):
    from duban.inspection import findings

    findings.record_finding(
        world.users["admin"], world.tasks[0], "issue", "任务一问题", "2022-04-10"
    )
    findings.record_finding(
        world.users["admin"], world.tasks[2], "issue", "任务三问题", "2022-04-10"
    )
    page = login("fgw").get(reverse("inspection:findings")).content.decode()
    assert "任务一问题" in page and "任务三问题" not in page
    page = login("jyj").get(reverse("inspection:findings")).content.decode()
    assert "任务三问题" in page and "任务一问题" not in page


def test_units_may_not_open_spot_checks(login, world):
    assert login("fgw").get(reverse("inspection:spot_checks")).status_code == 403
    assert login("fgw").get(reverse("inspection:new_spot_check")).status_code == 403
