"""Narrowing a set of tasks: one function for the task list page and the API.

Callers restrict first (`Task.objects.restrict(user)`) and narrow after, so a
filter can only ever hide tasks, never reveal one the user may not see.
`facets` counts the tasks per filter value for the plan overview, whose counts
link to the filtered list. The GET form turns a query string into the
function's arguments and ignores values that do not parse, so a stale
bookmark still opens.
"""

from __future__ import annotations

from django import forms
from django.db.models import Count, Exists, Min, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from duban.directory.models import Person, Unit
from duban.ledger import access
from duban.ledger.choices import Role, TaskState

ANY, LEAD, SUPPORT = "any", "lead", "support"
ROLE_CHOICES = [(ANY, "牵头或配合"), (LEAD, "牵头"), (SUPPORT, "责任（配合）")]
_ROLES = {LEAD: (Role.LEAD,), SUPPORT: (Role.SUPPORT,)}
MAX_QUERY = 100


def filter_tasks(
    qs: QuerySet,
    *,
    unit=None,
    role: str | None = None,
    leader=None,
    section: str | None = None,
    status: str | None = None,
    q: str | None = None,
) -> QuerySet:
    """Tasks of `qs` matching every given filter; None or "" means "any".

    `unit` (a Unit or its id) also matches tasks assigned to a collective the
    unit belongs to (各乡镇人民政府 for a township): those are its tasks too.
    `role` (lead, support, any) only narrows together with `unit`.
    `q` is split on whitespace; every word must occur in the content.
    """
    from duban.ledger.models import Assignment

    if unit not in (None, ""):
        scope = _unit_scope(unit)
        if not scope:
            return qs.none()
        mine = Assignment.objects.filter(
            task=OuterRef("pk"),
            role__in=_ROLES.get(role or ANY, (Role.LEAD, Role.SUPPORT)),
            unit_id__in=scope,
        )
        qs = qs.filter(Exists(mine))
    if leader not in (None, ""):
        led = Assignment.objects.filter(
            task=OuterRef("pk"), role=Role.LEADER, person_id=getattr(leader, "pk", leader)
        )
        qs = qs.filter(Exists(led))
    if section:
        qs = qs.filter(section_title=section)
    if status:
        qs = qs.filter(state=status)
    # icontains is LIKE on SQLite and UPPER(content) LIKE on PostgreSQL, where
    # the trigram index of migration ledger 0002 serves it.
    for word in (q or "")[:MAX_QUERY].split():
        qs = qs.filter(content__icontains=word)
    return qs


def _unit_scope(unit) -> list[int]:
    if not isinstance(unit, Unit):
        try:
            unit = Unit.objects.filter(pk=int(unit)).first()
        except (TypeError, ValueError):
            return []
        if unit is None:
            return []
    return access.unit_scope(unit)


class TaskFilterForm(forms.Form):
    """The task list's query string. Choices come from the plan's government."""

    q = forms.CharField(label="关键词", required=False, max_length=MAX_QUERY)
    unit = forms.ModelChoiceField(
        label="单位", queryset=Unit.objects.none(), required=False, empty_label="全部单位"
    )
    role = forms.ChoiceField(label="承担方式", choices=ROLE_CHOICES, required=False)
    leader = forms.ModelChoiceField(
        label="牵头领导", queryset=Person.objects.none(), required=False, empty_label="全部领导"
    )
    section = forms.ChoiceField(label="所属部分", required=False)
    status = forms.ChoiceField(label="状态", required=False)

    def __init__(self, data, *, government_id: int, sections: list[str]):
        super().__init__(data)
        self.fields["unit"].queryset = Unit.objects.filter(government_id=government_id)
        self.fields["leader"].queryset = Person.objects.filter(government_id=government_id)
        self.fields["section"].choices = [("", "全部"), *((s, s) for s in sections)]
        self.fields["status"].choices = [("", "全部状态"), *TaskState.choices]

    def filters(self) -> dict:
        """The valid filters, as keyword arguments of filter_tasks."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in self.fields}


def section_titles(qs: QuerySet) -> list[str]:
    """The top-level headings of these tasks, in the notice's order."""
    rows = (
        qs.order_by()
        .values("section_title")
        .annotate(first=Min("position"))
        .order_by("first", "section_title")
    )
    return [r["section_title"] for r in rows if r["section_title"]]


def facets(qs: QuerySet) -> dict:
    """How many of these tasks each filter value would show, in four queries:
    by status, by top-level section, by lead unit and by leader.

    Names not yet resolved (a draft's) count under their printed form, with no
    id to filter by.
    """
    from duban.ledger.models import Assignment

    by_state = dict(qs.order_by().values_list("state").annotate(n=Count("pk")))
    labels = dict(TaskState.choices)
    status = [(value, labels.get(value, value), by_state.get(value, 0)) for value in labels]
    status += [(value, value, n) for value, n in by_state.items() if value not in labels]
    sections = (
        qs.order_by()
        .values("section_title")
        .annotate(n=Count("pk"), first=Min("position"))
        .order_by("first", "section_title")
    )
    assigned = Assignment.objects.filter(task__in=qs.order_by().values("pk"))
    return {
        "total": sum(by_state.values()),
        "status": status,
        "sections": [(r["section_title"], r["n"]) for r in sections],
        "lead_units": _count_targets(assigned.filter(role=Role.LEAD), "unit"),
        "leaders": _count_targets(assigned.filter(role=Role.LEADER), "person"),
    }


def _count_targets(assignments: QuerySet, target: str) -> list[tuple[int | None, str, int]]:
    rows = (
        assignments.annotate(label=Coalesce(f"{target}__name", "name"))
        .values(f"{target}_id", "label")
        .annotate(n=Count("task_id", distinct=True))
        .order_by("-n", "label")
    )
    return [(r[f"{target}_id"], r["label"], r["n"]) for r in rows]
