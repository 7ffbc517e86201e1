"""The inspection API: spot checks with their verification, findings with evidence."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from duban.inspection.models import Finding, SpotCheck
from duban.reporting import flow
from web.reporting.flowkit import obligation, png_bytes


def _create(client, world, **extra):
    body = {"plan": world.plan.pk, "title": "API 抽查", "size": 2, "seed": "2022Q1", **extra}
    return client.post("/api/spot-checks", body, content_type="application/json")


def test_create_list_and_detail_with_verification(api, world):
    client = api("inspector")
    response = _create(client, world)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["seed"] == "2022Q1" and len(body["drawn"]) == 2 and body["verified"] is True
    assert {t["id"] for t in body["tasks"]} == set(body["drawn"])
    assert body["population"] == 3
    assert [c["id"] for c in client.get("/api/spot-checks").json()] == [body["id"]]
    detail = client.get(f"/api/spot-checks/{body['id']}").json()
    assert detail["drawn"] == body["drawn"] and detail["verified"] is True
    again = _create(api("admin"), world).json()
    assert again["drawn"] == body["drawn"]


def test_tampered_draw_is_reported_unverified(api, world):
    client = api("inspector")
    body = _create(client, world).json()
    SpotCheck.objects.filter(pk=body["id"]).update(drawn=[world.tasks[0].pk])
    assert client.get(f"/api/spot-checks/{body['id']}").json()["verified"] is False


def test_units_are_refused_and_other_governments_do_not_find_it(api, world):
    assert _create(api("fgw"), world).status_code == 403
    body = _create(api("inspector"), world).json()
    assert api("fgw").get(f"/api/spot-checks/{body['id']}").status_code == 403
    assert api("other_admin").get(f"/api/spot-checks/{body['id']}").status_code == 404
    assert _create(api("other_admin"), world).status_code == 404


def test_a_finding_with_evidence_and_the_findings_list(api, world):
    client = api("inspector")
    check = _create(client, world).json()
    task = check["drawn"][0]
    response = client.post(f"/api/spot-checks/{check['id']}/findings", {
        "task": task, "verdict": "issue", "text": "进度滞后", "found_on": "2022-04-10",
        "files": SimpleUploadedFile("照片.png", png_bytes()),
    })  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["evidence"][0]["kind"] == "png"
    listed = client.get(f"/api/findings?task={task}").json()
    assert [f["id"] for f in listed] == [response.json()["id"]]


def test_an_inconsistent_finding_needs_its_report(api, world):
    client = api("inspector")
    check = _create(client, world, size=3).json()
    task = world.tasks[0].pk
    url = f"/api/spot-checks/{check['id']}/findings"
    form = {"task": task, "verdict": "inconsistent", "text": "不符", "found_on": "2022-04-10"}
    assert client.post(url, form).status_code == 422
    user = world.users["fgw"]
    report = flow.submit(
        user,
        flow.save_draft(
            user, flow.draft_for(user, obligation(world, "fgw", 0, "2022-Q1")), progress="已完成"
        ),
    )
    response = client.post(url, {**form, "report": report.pk})
    assert response.status_code == 201, response.content
    assert Finding.objects.get().report == report
    # fgw reads the finding on its task; jyj does not.
    assert len(api("fgw").get("/api/findings").json()) == 1
    assert api("jyj").get("/api/findings").json() == []


def test_evidence_of_the_wrong_content_is_refused(api, world):
    client = api("inspector")
    check = _create(client, world).json()
    response = client.post(f"/api/spot-checks/{check['id']}/findings", {
        "task": check["drawn"][0], "verdict": "issue", "text": "x", "found_on": "2022-04-10",
        "files": SimpleUploadedFile("照片.png", b"<html>not an image</html>"),
    })  # fmt: skip
    assert response.status_code == 422
    assert not Finding.objects.exists()
