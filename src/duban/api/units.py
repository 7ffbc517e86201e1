"""The unit directory of the caller's government, and each unit's tasks.

Everyone may read the directory of their own government (a unit needs the
names of the units it works with); office users without a government read
every government's. A unit's tasks are those it leads or supports, directly
or through a collective it belongs to, intersected with what the caller may
see; a unit user asking for another unit's tasks is refused (403) rather
than shown an empty list, so a mistaken id is not mistaken for "no tasks".
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from ninja import Query, Router

from duban.api.errors import refuse, responses
from duban.api.schemas import PathId, TaskPage, UnitOut, UnitSearch, UnitTaskFilters
from duban.api.tasks import page, visible_tasks
from duban.directory.models import Government, Unit
from duban.directory.names import normalise
from duban.ledger.choices import PlanStatus
from duban.ledger.filters import filter_tasks

router = Router(tags=["单位"])

_NO_GOVERNMENT = object()


@router.get(
    "",
    response=responses({200: list[UnitOut]}),
    summary="本政府的单位目录",
    description="q 可为全称、简称、别名的一部分或拼音首字母（如 fgw 找到区发改委）。",
)
def list_units(request, search: Query[UnitSearch]):
    """`q` matches the full name, short name, aliases (normalised: 平安区发改局
    finds what 区发改局 names) and pinyin initials (fgw finds 区发改委)."""
    units = _directory(request.auth)
    q = (search.q or "").strip()
    if q:
        government = government_of(request.auth)
        prefix = (
            Government.objects.filter(pk=government).values_list("name", flat=True).first()
            if isinstance(government, int)
            else None
        )
        units = units.filter(_search(q, prefix))
    return [unit_json(u) for u in _with_links(units)]


@router.get(
    "/{unit_id}",
    response=responses({200: UnitOut}, 404),
    summary="单位详情",
    description="单位的名称、别名、所属统称与（统称的）包含单位。",
)
def unit_detail(request, unit_id: PathId):
    return unit_json(_unit_or_404(request, unit_id))


@router.get(
    "/{unit_id}/tasks",
    response=responses({200: TaskPage}, 404),
    summary="单位牵头或配合的任务",
    description="单位直接或通过所属统称（如各乡镇人民政府）牵头、配合的任务，与调用者可见范围取交集；"
    "缺省为执行中的方案。单位用户只能查询本单位（否则 403）。",
)
def unit_tasks(request, unit_id: PathId, filters: Query[UnitTaskFilters]):
    """Without `plan`, the tasks of plans in force (drafts are not yet anyone's
    work), so every role gets the same answer for the same unit. Unit users
    may ask only about their own unit (403 otherwise)."""
    user = request.auth
    unit = _unit_or_404(request, unit_id)
    if user.is_unit_member and user.unit_id != unit.pk:
        raise refuse(403, "单位用户只能查看本单位的任务。")
    qs = visible_tasks(user)
    if filters.plan is not None:
        qs = qs.filter(plan_id=filters.plan)
    else:
        qs = qs.filter(plan__status=PlanStatus.ACTIVE)
    qs = filter_tasks(qs, unit=unit, role=filters.role, status=filters.status, q=filters.q)
    return page(qs, filters.limit, filters.offset)


def unit_json(unit: Unit) -> dict:
    return {
        "id": unit.pk,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "government": unit.government_id,
        "aliases": [a.name for a in unit.aliases.all()],
        "members": [m.pk for m in unit.members.all()],
        "collectives": [c.pk for c in unit.collectives.all()],
    }


def government_of(user):
    """The government whose directory the caller reads; None for office users
    of the whole deployment, _NO_GOVERNMENT for anyone linked to none."""
    if user.is_office:
        return user.government_id
    if user.unit_id:
        return user.unit.government_id
    if user.person_id:
        return user.person.government_id
    return user.government_id if user.government_id is not None else _NO_GOVERNMENT


def _directory(user) -> QuerySet:
    government = government_of(user)
    if government is _NO_GOVERNMENT:
        return Unit.objects.none()
    units = Unit.objects.all()
    return units if government is None else units.filter(government_id=government)


def _search(q: str, government: str | None) -> Q:
    """The stored search_key holds names normalised without a government; the
    query is normalised with it, so 平安区发改委 finds what 区发改委 names."""
    found = Q(name__icontains=q) | Q(short_name__icontains=q)
    normal = normalise(q, government)
    if normal:
        found |= Q(search_key__icontains=normal)
    if q.isascii() and q.isalpha():
        found |= Q(pinyin__icontains=q.lower())
    return found


def _with_links(units: QuerySet) -> QuerySet:
    return units.prefetch_related("aliases", "members", "collectives")


def _unit_or_404(request, unit_id: int) -> Unit:
    unit = _with_links(_directory(request.auth)).filter(pk=unit_id).first()
    if unit is None:
        raise refuse(404, "找不到该单位，或它不属于您的政府。")
    return unit
