"""What the reporting pages share: scoped lookups, the working-day calendar of
the request, and the way back after an action.

Objects outside the user's scope are looked up in a scoped queryset and answer
404, so a guessed id reveals nothing; an action the user may not take on an
object they can see answers 403. A refused service call (UserError) becomes a
message on the page the user came from.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme

from duban import clock
from duban.errors import Forbidden
from duban.ledger.models import Task
from duban.reporting import access, standing
from duban.reporting.forms import metric_label, number, target_label
from duban.reporting.models import Obligation, Report
from duban.reporting.workdays import Workdays


def workdays(request) -> Workdays:
    """One snapshot of the holiday table per request, however many lights a page
    shows, read only if a light needs it (tasks without a due date do not)."""
    cached = getattr(request, "_duban_workdays", None)
    if cached is None:
        cached = SimpleLazyObject(Workdays)
        request._duban_workdays = cached
    return cached


def obligations(user):
    """The obligations the user may see, of active rules, with what the pages show."""
    qs = Obligation.objects.filter(rule__active=True).select_related("rule", "unit", "task__plan")
    return access.restrict_obligations(qs, user).prefetch_related("reports")


def visible_obligation(request, pk: int) -> Obligation:
    return get_object_or_404(obligations(request.user), pk=pk)


def visible_report(request, pk: int) -> Report:
    """A report the user may read: its obligation is in scope, and a draft only
    for the unit that writes it."""
    report = get_object_or_404(Report.objects.select_related("obligation"), pk=pk)
    obligation = visible_obligation(request, report.obligation_id)
    if not report.frozen and not access.can_file(request.user, obligation):
        raise Http404("draft of another unit")
    report.obligation = obligation
    return report


def visible_task(request, pk: int) -> Task:
    return get_object_or_404(Task.objects.restrict(request.user).select_related("plan"), pk=pk)


def decorate(rows, request) -> list[Obligation]:
    """Give each obligation its latest report (visible to the user), whether it
    reached its recipient, and its light today."""
    today = clock.today()
    days = workdays(request)
    rows = list(rows)
    for ob in rows:
        latest = ob.latest()
        if latest is not None and not latest.frozen and not access.can_file(request.user, ob):
            # Another unit's draft is not delivered; its versions before count.
            delivered = [r for r in ob.reports.all() if r.frozen]
            latest = max(delivered, key=lambda r: r.version) if delivered else None
        ob.report = latest
        ob.fulfilled = standing.fulfilled(ob, latest)
        ob.standing = standing.obligation_standing(ob, latest, today, days)
    return rows


def back(request, fallback: str, anchor: str = "") -> HttpResponseRedirect:
    """Back to the page named by a safe `next` field, else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    url = target or fallback
    if anchor and "#" not in url:
        url = f"{url}#{anchor}"
    return HttpResponseRedirect(url)


def message_of(exc) -> str:
    """A refusal's Chinese text. A refusal because of who asks (Forbidden) is
    not a message but a 403, like the checks the views make themselves."""
    if isinstance(exc, Forbidden):
        raise PermissionDenied(exc.message_zh) from exc
    return getattr(exc, "message_zh", None) or "；".join(exc.messages)


def refused(request, exc) -> None:
    """Show a service's refusal on the next page."""
    messages.error(request, message_of(exc))


def target_rows(targets, actuals) -> list[dict]:
    """Each numeric target beside its actual value, for the report and the task page."""
    actuals = list(actuals or [])
    rows = []
    for i, target in enumerate(targets or []):
        actual = actuals[i] if i < len(actuals) else None
        rows.append(
            {
                "label": target_label(target),
                "metric": metric_label(target),
                "target": f"{_COMPARATOR.get(target.get('comparator'), '')}"
                f"{number(target.get('value'))} {target.get('unit') or ''}".strip(),
                "actual": "" if actual is None else f"{number(actual)} {target.get('unit') or ''}",
                "text": target.get("text") or "",
            }
        )
    return rows


_COMPARATOR = {">=": "≥ ", "<=": "≤ ", "=": "", "~": "约 ", ">": "> ", "<": "< "}
