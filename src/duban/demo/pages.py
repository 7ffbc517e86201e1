"""The pages and API endpoints people open most, for one plan, unit and task.

The benchmarks time them and the query-count tests hold their number of SQL
queries to a baseline; both take the list from here so they measure the same.
"""

from __future__ import annotations


def main_pages(plan_id: int, unit_id: int, task_id: int) -> list[tuple[str, str]]:
    return [
        ("plan list", "/plans/"),
        ("plan overview", f"/plans/{plan_id}/"),
        ("task list", f"/plans/{plan_id}/tasks/"),
        ("task list, unit filter", f"/plans/{plan_id}/tasks/?unit={unit_id}&role=lead"),
        ("task list, search", f"/plans/{plan_id}/tasks/?q=建设"),
        ("task detail", f"/tasks/{task_id}/"),
        ("unit page", f"/directory/units/{unit_id}/"),
        ("unit list, pinyin", "/directory/units/?q=fgj"),
        ("my unit", "/my/unit/"),
        ("obligations", "/reporting/"),
        ("obligations, whole year", "/reporting/?show=all"),
        ("office review queue", "/reporting/review/"),
        ("plan dashboard", f"/dashboards/plan/{plan_id}/"),
        ("cockpit", "/dashboards/cockpit/"),
        ("assessment", f"/bulletins/assessment/?plan={plan_id}"),
        ("export ledger .xlsx", f"/reporting/plans/{plan_id}/export/ledger/"),
        ("API task list (50)", f"/api/plans/{plan_id}/tasks?limit=50"),
        ("API units search", "/api/units?q=fgj"),
        ("API obligations (50)", "/api/obligations?limit=50"),
    ]
