"""报送任务: what a unit owes, grouped by reporting period, with each one's light,
the state of its report and the button to fill it in; for a lead unit also the
monthly inputs its support units send it.

The filter shows what is current (periods begun and not yet delivered, or
not yet due), only the overdue ones, or everything of the year.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duban import clock
from duban.reporting.choices import RuleKind
from duban.reporting.standing import fulfilled_q
from duban.reporting.views.common import decorate, obligations

FILTERS = {"current": "当前", "overdue": "逾期", "all": "全部"}


@require_GET
@login_required
def index(request):
    user = request.user
    if not user.is_unit_member or not user.unit_id:
        raise PermissionDenied("只有单位经办人和负责人有报送任务。")
    shown = request.GET.get("show") if request.GET.get("show") in FILTERS else "current"
    today = clock.today()
    rows = decorate(_shown(obligations(user), shown, today), request)
    own = [ob for ob in rows if ob.unit_id == user.unit_id]
    incoming = [
        ob for ob in rows if ob.unit_id != user.unit_id and ob.rule.kind == RuleKind.SUPPORT_MONTHLY
    ]
    context = {
        "unit": user.unit,
        "shown": shown,
        "filters": FILTERS,
        "groups": _groups(own),
        "incoming": _groups(incoming),
        "own_count": len(own),
        "incoming_count": len(incoming),
    }
    return render(request, "reporting/obligations.html", context)


def _shown(qs, shown: str, today):
    """The filter in SQL: a lead unit's year holds hundreds of obligations, of
    which the current ones are a handful."""
    if shown == "overdue":
        qs = qs.exclude(fulfilled_q()).filter(due__lt=today)
    elif shown == "current":
        qs = qs.filter(period_start__lte=today).filter(~fulfilled_q() | Q(due__gte=today))
    return qs.order_by("due", "task__position", "unit__name")


def _groups(rows):
    """[(period label, due, rows)] in due order: one heading per reporting period."""
    ordered = sorted(rows, key=lambda ob: (ob.due, ob.period_label, ob.rule.kind))
    return [
        (label, due, list(group))
        for (label, due), group in groupby(ordered, key=lambda ob: (ob.period_label, ob.due))
    ]
