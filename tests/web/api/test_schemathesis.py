"""Property-based requests against every operation of the OpenAPI document.

schemathesis generates valid and deliberately invalid requests from the
published contract and sends them through the real WSGI application, into a
database holding the persona world plus one of everything an id can point
at (report, attachment, request, instruction, sub-item, spot check). Each
answer must not be a server error, must use a documented status code and
content type, and must match the documented schema: the OpenAPI document is
checked as a contract, not just as documentation.

It runs as the office administrator (who may do nearly everything) and as a
unit user (fgw), so both the working paths and the refusals are exercised.
Generation is derandomized, so CI sees the same requests on every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from duban import clock
from web.personas import World
from web.reporting.flowkit import As, monthly, png_bytes

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Examples per operation and generation mode with real ids, and with
# generated ids: enough to hit the edges the generators favour (empty, huge,
# NUL, wrong types) while the whole document stays within half a CI minute
# per persona.
EXAMPLES = 10
GENERATED_ID_EXAMPLES = 5

# Reads only the office (政府办、督查室) may make.
OFFICE_ONLY = {"GET /api/spot-checks", "GET /api/spot-checks/{check_id}"}


@contextmanager
def in_process_app() -> Iterator[WSGIHandler]:
    """The project's WSGI application, called in-process inside the test's
    transaction. Like Django's test client, it must not close the database
    connection around each request (on PostgreSQL that ends the transaction).
    Entered after the last test-client request: the test client reconnects
    those signals when it finishes."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def real_ids(world: World) -> dict[str, int]:
    """One existing record for every path parameter of the API, made through
    the API itself so they are in the states the flows produce."""
    fgw, leader, admin = As(world, "fgw"), As(world, "leader"), As(world, "admin")
    task = world.tasks[0]
    obligation = monthly(world, "fgw", 1, 3)
    report = fgw.ok("post", f"/api/obligations/{obligation.pk}/draft", {"progress": "推进中"})
    attachment = fgw.ok(
        "upload", f"/api/reports/{report['id']}/attachments", "p.png", png_bytes(), expect=201
    )
    fgw.ok("post", f"/api/reports/{report['id']}/submit")
    request = fgw.ok(
        "post",
        f"/api/tasks/{task.pk}/extension",
        {"reason": "需要更多时间", "new_due": str(clock.today() + dt.timedelta(days=90))},
        expect=201,
    )
    instruction = leader.ok(
        "post", f"/api/tasks/{task.pk}/instructions", {"text": "抓紧落实"}, expect=201
    )
    item = fgw.ok("post", f"/api/tasks/{task.pk}/sub-items", {"title": "编制方案"}, expect=201)
    check = admin.ok("post", "/api/spot-checks", {"plan": world.plan.pk, "size": 1}, expect=201)
    return {
        "plan_id": world.plan.pk,
        "task_id": task.pk,
        "unit_id": world.units["fgw"].pk,
        "obligation_id": obligation.pk,
        "report_id": report["id"],
        "attachment_id": attachment["id"],
        "request_id": request["id"],
        "instruction_id": instruction["id"],
        "item_id": item["id"],
        "check_id": check["id"],
    }


@dataclass
class Run:
    failures: dict[str, str] = field(default_factory=dict)
    answers: dict[str, set[int]] = field(default_factory=dict)

    def succeeded(self) -> set[str]:
        return {label for label, codes in self.answers.items() if min(codes) < 300}


def exercise(operation, strategy, headers: dict, run: Run, examples: int) -> None:
    """Send `examples` generated requests; keep the first failure of each
    operation so one run reports every broken operation at once."""

    @given(case=strategy)
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def send(case):
        response = case.call(headers=headers)
        run.answers.setdefault(operation.label, set()).add(response.status_code)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as failure:
            run.failures.setdefault(operation.label, str(failure))

    send()


@pytest.mark.parametrize("persona", ["admin", "fgw"])
def test_every_operation_keeps_its_documented_contract(world, persona):
    ids = real_ids(world)
    headers = {"Authorization": f"Bearer {world.token(persona)}"}
    run = Run()
    with in_process_app() as app:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        for operation in operations:
            exercise_all(operation, ids, headers, run)
    assert not run.failures, "\n\n".join(f"{op}\n{text}" for op, text in run.failures.items())
    # The requests reached real data: every read the persona may make
    # succeeded at least once, and the office's working papers refused fgw.
    assert len(operations) >= 40 and set(run.answers) == {op.label for op in operations}
    reads = {op.label for op in operations if op.method.upper() == "GET"}
    if persona == "fgw":
        assert all(403 in run.answers[label] for label in OFFICE_ONLY)
        reads -= OFFICE_ONLY
    assert reads <= run.succeeded(), sorted(reads - run.succeeded())


def exercise_all(operation, ids: dict[str, int], headers: dict, run: Run) -> None:
    """Valid and invalid requests with real ids, then with generated ones."""
    names = {p.name for p in operation.path_parameters}
    known = {name: ids[name] for name in names}
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=known or None)
        exercise(operation, strategy, headers, run, EXAMPLES)
    if names:
        # Unknown, absurd, negative ids, and ids that are not numbers at all.
        generated = operation.as_strategy() | operation.as_strategy(
            generation_mode=GenerationMode.NEGATIVE
        )
        exercise(operation, generated, headers, run, GENERATED_ID_EXAMPLES)
