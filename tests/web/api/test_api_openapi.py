"""The API's published contract: the OpenAPI document and the docs page."""

from __future__ import annotations

import json

from django.test import Client

PATHS = {
    "/api/auth/token": {"post"},
    "/api/plans": {"get"},
    "/api/plans/import": {"post"},
    "/api/plans/{plan_id}": {"get"},
    "/api/plans/{plan_id}/confirm": {"post"},
    "/api/plans/{plan_id}/tasks": {"get"},
    "/api/tasks/{task_id}": {"get"},
    "/api/units": {"get"},
    "/api/units/{unit_id}": {"get"},
    "/api/units/{unit_id}/tasks": {"get"},
    "/api/obligations": {"get"},
    "/api/obligations/{obligation_id}": {"get"},
    "/api/obligations/{obligation_id}/draft": {"post"},
    "/api/obligations/{obligation_id}/inputs": {"get"},
    "/api/reports/{report_id}": {"get"},
    "/api/reports/{report_id}/submit": {"post"},
    "/api/reports/{report_id}/approve": {"post"},
    "/api/reports/{report_id}/accept": {"post"},
    "/api/reports/{report_id}/return": {"post"},
    "/api/reports/{report_id}/revise": {"post"},
    "/api/reports/{report_id}/attachments": {"post"},
    "/api/attachments/{attachment_id}": {"get"},
    "/api/tasks/{task_id}/receipt": {"post"},
    "/api/tasks/{task_id}/extension": {"post"},
    "/api/tasks/{task_id}/closure": {"post"},
    "/api/tasks/{task_id}/instructions": {"get", "post"},
    "/api/tasks/{task_id}/sub-items": {"get", "post"},
    "/api/tasks/{task_id}/timeline": {"get"},
    "/api/sub-items/{item_id}": {"post"},
    "/api/requests": {"get"},
    "/api/requests/{request_id}/decide": {"post"},
    "/api/requests/{request_id}/attachments": {"post"},
    "/api/instructions/{instruction_id}/answer": {"post"},
    "/api/notifications": {"get"},
    "/api/notifications/read": {"post"},
    "/api/spot-checks": {"get", "post"},
    "/api/spot-checks/{check_id}": {"get"},
    "/api/spot-checks/{check_id}/findings": {"post"},
    "/api/findings": {"get"},
}


def _schema() -> dict:
    answer = Client().get("/api/openapi.json")
    assert answer.status_code == 200
    return json.loads(answer.content)


def test_the_openapi_document_lists_every_path_and_method(db):
    schema = _schema()
    assert schema["openapi"].startswith("3.")
    assert {path: set(ops) for path, ops in schema["paths"].items()} == PATHS


def test_every_operation_declares_its_error_codes_with_the_one_error_shape(db):
    schema = _schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "422"} <= codes, (path, method)
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.rsplit("/", 1)[1] in ("ErrorOut", "ConflictOut"), (path, code)
    assert "409" in schema["paths"]["/api/plans/{plan_id}/confirm"]["post"]["responses"]
    assert "429" in schema["paths"]["/api/auth/token"]["post"]["responses"]
    assert "413" in schema["paths"]["/api/plans/import"]["post"]["responses"]
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_docs_page_uses_the_bundled_assets(db):
    answer = Client().get("/api/docs")
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "/static/ninja/swagger-ui" in page and "cdn" not in page.lower()
