"""Directory pages: units and leaders of the viewer's government.

Anyone logged in reads the directory of their own government (office users
without a government read every government's); entries of another government
are a 404. Only office administrators change it. The tasks shown on a unit's
or a leader's page go through `Task.objects.restrict`, so a unit user sees
there only the tasks they would see anyway.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Prefetch, QuerySet, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from duban.directory import importing
from duban.directory.choices import UnitKind
from duban.directory.forms import PersonForm, UnitForm, UnitSearchForm, search_units
from duban.directory.models import Government, Person, Unit
from duban.errors import UserError
from duban.ledger import access
from duban.ledger.choices import PlanStatus
from duban.ledger.filters import LEAD, SUPPORT, filter_tasks
from duban.ledger.models import Task
from duban.ledger.views.browse import by_role, with_names

PICK_MAX = 20
_KIND_ORDER = Case(*(When(kind=k, then=i) for i, k in enumerate(UnitKind.values)))


def viewer_government_id(user) -> int | None:
    """The government whose directory the user reads; None for an office user
    of the whole deployment (and for a user linked to nothing)."""
    if user.unit_id:
        return user.unit.government_id
    if user.person_id:
        return user.person.government_id
    return user.government_id


def _sees_all(user) -> bool:
    return user.is_office and viewer_government_id(user) is None


def visible_units(user) -> QuerySet:
    if _sees_all(user):
        return Unit.objects.all()
    government_id = viewer_government_id(user)
    if government_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(government_id=government_id)


def visible_people(user) -> QuerySet:
    if _sees_all(user):
        return Person.objects.all()
    government_id = viewer_government_id(user)
    if government_id is None:
        return Person.objects.none()
    return Person.objects.filter(government_id=government_id)


def _require_manage(user, government_id: int | None) -> None:
    if not access.can_manage(user, government_id):
        raise PermissionDenied("只有政府办管理员可以修改单位目录。")


def _government_param(request) -> int | None:
    try:
        return int(request.GET.get("government") or request.POST.get("government") or "")
    except ValueError:
        return None


def _active_tasks(user) -> QuerySet:
    return with_names(Task.objects.restrict(user).filter(plan__status=PlanStatus.ACTIVE))


@login_required
def units(request):
    """The unit list, grouped by kind, searchable by any name or pinyin initials."""
    form = UnitSearchForm(request.GET)
    found = form.search(visible_units(request.user))
    government_id = _government_param(request)
    if _sees_all(request.user) and government_id:
        found = found.filter(government_id=government_id)
    found = (
        found.select_related("government", "parent")
        .prefetch_related("aliases")
        .annotate(member_count=Count("members"), kind_order=_KIND_ORDER)
        .order_by("government__name", "kind_order", "name")
    )
    context = {
        "form": form,
        "units": found,
        "sees_all": _sees_all(request.user),
        "governments": Government.objects.all() if _sees_all(request.user) else [],
        "government_id": government_id,
        "can_manage": access.can_manage(request.user),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "directory/_units_results.html" if partial else "directory/units.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def unit(request, pk):
    """A unit's names, place in the directory, and the tasks it leads and supports."""
    queryset = visible_units(request.user).select_related("government", "parent")
    unit = get_object_or_404(queryset.prefetch_related("aliases"), pk=pk)
    scope = access.unit_scope(unit)
    tasks = _active_tasks(request.user)
    context = {
        "unit": unit,
        "members": unit.members.order_by("kind", "name"),
        "collectives": unit.collectives.order_by("name"),
        "children": unit.children.order_by("kind", "name"),
        "leads": by_role(filter_tasks(tasks, unit=unit, role=LEAD), scope),
        "supports": by_role(filter_tasks(tasks, unit=unit, role=SUPPORT), scope),
        "can_manage": access.can_manage(request.user, unit.government_id),
    }
    return render(request, "directory/unit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_unit(request):
    user = request.user
    government_id = viewer_government_id(user) or _government_param(request)
    _require_manage(user, government_id)
    if government_id is None:
        # An administrator of every government first says which one.
        context = {"governments": Government.objects.all(), "action": "new_unit"}
        return render(request, "directory/choose_government.html", context)
    government = get_object_or_404(Government, pk=government_id)
    form = UnitForm(request.POST or None, government=government)
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, f"已新建单位“{unit.name}”。")
        return redirect("directory:unit", unit.pk)
    return render(request, "directory/unit_form.html", {"form": form, "government": government})


@login_required
@require_http_methods(["GET", "POST"])
def edit_unit(request, pk):
    unit = get_object_or_404(visible_units(request.user).select_related("government"), pk=pk)
    _require_manage(request.user, unit.government_id)
    form = UnitForm(request.POST or None, instance=unit, government=unit.government)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "已保存。")
        return redirect("directory:unit", unit.pk)
    context = {"form": form, "unit": unit, "government": unit.government}
    return render(request, "directory/unit_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_units(request):
    """Upload an .xlsx unit list; the result page lists every row not imported."""
    user = request.user
    _require_manage(user, viewer_government_id(user))
    governments = [] if user.government_id else Government.objects.all()
    context = {"governments": governments, "report": None, "error": ""}
    if request.method == "POST":
        government_id = user.government_id or _government_param(request)
        _require_manage(user, government_id)
        upload = request.FILES.get("file")
        government = Government.objects.filter(pk=government_id).first()
        if government is None:
            context["error"] = "请选择所属政府。"
        elif upload is None:
            context["error"] = "请选择要上传的文件。"
        elif not upload.name.lower().endswith(".xlsx"):
            context["error"] = "只支持 Excel（.xlsx）格式；.xls 文件请先在 Excel 中另存为 .xlsx。"
        else:
            try:
                context["report"] = importing.import_units(upload.read(), government, upload.name)
                context["government"] = government
            except UserError as exc:
                context["error"] = exc.message_zh
    return render(request, "directory/import_units.html", context)


@login_required
def pick_unit(request):
    """Autocomplete: up to 20 units matching `q` as <option>s, or JSON when asked."""
    q = request.GET.get("q", "")
    found = search_units(visible_units(request.user), q)
    government_id = _government_param(request)
    if government_id:
        found = found.filter(government_id=government_id)
    found = list(found.order_by("name")[:PICK_MAX])
    if "application/json" in request.headers.get("Accept", ""):
        results = [
            {"id": u.pk, "name": u.name, "short_name": u.short_name, "kind": u.kind} for u in found
        ]
        return JsonResponse({"results": results})
    context = {"units": found, "q": q.strip(), "selected": request.GET.get("unit", "")}
    return render(request, "directory/_pick_unit.html", context)


@login_required
def people(request):
    found = (
        visible_people(request.user)
        .select_related("government")
        .prefetch_related(Prefetch("oversees", queryset=Unit.objects.order_by("name")))
        .order_by("government__name", "name")
    )
    context = {"people": found, "sees_all": _sees_all(request.user)}
    return render(request, "directory/people.html", context)


@login_required
def person(request, pk):
    """A leader: post, 分管 units, and the tasks the leader leads that the viewer may see."""
    person = get_object_or_404(visible_people(request.user).select_related("government"), pk=pk)
    context = {
        "person": person,
        "oversees": person.oversees.order_by("kind", "name"),
        "tasks": by_role(filter_tasks(_active_tasks(request.user), leader=person)),
        "can_manage": access.can_manage(request.user, person.government_id),
    }
    return render(request, "directory/person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_person(request, pk):
    person = get_object_or_404(visible_people(request.user), pk=pk)
    _require_manage(request.user, person.government_id)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "已保存。")
        return redirect("directory:person", person.pk)
    return render(request, "directory/person_form.html", {"form": form, "person": person})
