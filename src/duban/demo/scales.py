"""How big each demo is. A province is what one deployment must hold: about
120 governments, 5,000 units, 60,000 users and 36,000 tasks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    cities: int  # governments at city level (the first one is the top government)
    counties: int  # counties and districts under them
    tasks: int  # tasks per plan
    support: int  # most supporting units a task names (each reports monthly)
    unit_users: int  # users per unit, the first of them the unit head
    attachment_every: int  # one report in N carries an attachment


SCALES = {
    "county": Scale(cities=0, counties=1, tasks=40, support=4, unit_users=12, attachment_every=10),
    "city": Scale(cities=1, counties=8, tasks=150, support=4, unit_users=12, attachment_every=20),
    "province": Scale(
        cities=13, counties=107, tasks=300, support=8, unit_users=12, attachment_every=25
    ),
}
