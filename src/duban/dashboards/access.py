"""Who may see which dashboard: the one place that decides it.

- the office (administrators and the inspection office) reads the plan
  dashboard of every plan of its government;
- a leader reads the cockpit: the same figures for the tasks the leader leads
  (the plan dashboard sends a leader there);
- units have no dashboard: their pages are their tasks and reports.
"""

from __future__ import annotations


def can_read_plan_dashboard(user) -> bool:
    return bool(getattr(user, "is_office", False))


def can_read_cockpit(user) -> bool:
    return bool(getattr(user, "is_leader", False) and user.person_id)
