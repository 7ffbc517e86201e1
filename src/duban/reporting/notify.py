"""In-app notifications (Notification rows) and the links they carry.

Sending is idempotent: each message has a key, unique per user, so a retried
action (or a second run of a command) never notifies anyone twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import NoReverseMatch, reverse

from duban import clock
from duban.accounts.choices import OFFICE_ROLES, UNIT_ROLES
from duban.accounts.choices import Role as UserRole
from duban.accounts.models import User
from duban.ledger.choices import Role
from duban.reporting.models import Notification


def send(users: Iterable[User], text: str, key: str, url: str = "") -> int:
    """Notify each user once per key; return how many notifications are new."""
    users = list({u.pk: u for u in users}.values())
    if not users:
        return 0
    already = set(
        Notification.objects.filter(user__in=users, key=key).values_list("user_id", flat=True)
    )
    rows = [
        Notification(user=u, text=text[:500], url=url[:300], key=key[:200])
        for u in users
        if u.pk not in already
    ]
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    # created_at is auto_now_add (the wall clock); the system's clock decides.
    Notification.objects.filter(user__in=[r.user for r in rows], key=key[:200]).update(
        created_at=clock.now()
    )
    return len(created)


def send_many(messages: Iterable[tuple[list[User], str, str, str]], batch: int = 5000) -> int:
    """`send` for many messages at once — (users, text, key, url) each — in a few
    queries per thousand, for the daily reminder run over a province."""
    pending = [(u, text, key[:200], url) for users, text, key, url in messages for u in users]
    created = 0
    for start in range(0, len(pending), batch):
        chunk = pending[start : start + batch]
        keys = {key for _, _, key, _ in chunk}
        already = set(
            Notification.objects.filter(
                key__in=keys, user__in={u.pk for u, _, _, _ in chunk}
            ).values_list("user_id", "key")
        )
        rows = {
            (u.pk, key): Notification(user=u, text=text[:500], url=url[:300], key=key)
            for u, text, key, url in chunk
            if (u.pk, key) not in already
        }
        Notification.objects.bulk_create(rows.values(), ignore_conflicts=True)
        Notification.objects.filter(key__in=keys, created_at__gte=_started(rows)).update(
            created_at=clock.now()
        )
        created += len(rows)
    return created


def _started(rows: dict) -> object:
    """The earliest wall-clock stamp of rows just inserted (auto_now_add ignores
    duban.clock), so only they get the system's time."""
    stamps = [r.created_at for r in rows.values() if r.created_at]
    return min(stamps) if stamps else clock.now()


def unit_users(unit_ids: Iterable[int], heads_only: bool = False) -> list[User]:
    roles = [UserRole.UNIT_HEAD] if heads_only else list(UNIT_ROLES)
    return list(User.objects.filter(unit_id__in=list(unit_ids), role__in=roles, is_active=True))


def office_users(government_id: int) -> list[User]:
    """The office (administrators and the inspection office) of one government."""
    return list(
        User.objects.filter(
            government_id=government_id, role__in=list(OFFICE_ROLES), is_active=True
        )
    )


def lead_unit_ids(task) -> list[int]:
    """The task's lead units, a collective expanded to its members."""
    ids: list[int] = []
    for a in task.assignments.filter(role=Role.LEAD).select_related("unit"):
        if a.unit is None:
            continue
        if a.unit.is_collective:
            ids.extend(a.unit.members.values_list("pk", flat=True))
        else:
            ids.append(a.unit.pk)
    return list(dict.fromkeys(ids))


def leader_users(person_id: int | None) -> list[User]:
    if person_id is None:
        return []
    return list(User.objects.filter(person_id=person_id, role=UserRole.LEADER, is_active=True))


def link(name: str, pk: int, fallback: str = "") -> str:
    """The page of an object, or `fallback` while that page does not exist."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return fallback


def report_url(report) -> str:
    return link("reporting:report", report.pk, report.obligation.task.get_absolute_url())


def task_url(task) -> str:
    return task.get_absolute_url()


def request_url(request) -> str:
    """The request on the office's review page, where it is decided."""
    review = link_name("reporting:review")
    if not review:
        return task_url(request.task)
    return f"{review}#request-{request.pk}"


def link_name(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""
