"""The reporting panel of the ledger's task page (template tag `task_reporting`).

Everything the task page shows about the reporting cycle, computed in one
place: the task's light, due date, cadence and milestones, its targets
against the accepted actual values, receipts, sub-items, requests,
instructions, the obligations that have come due, and the timeline; plus
which forms the user may see. The ledger's view stays unaware of reporting.
"""

from __future__ import annotations

from duban import clock
from duban.ledger.choices import TaskState
from duban.reporting import access, flow, standing
from duban.reporting.choices import ProgressStatus, RequestKind, RequestState
from duban.reporting.forms import ClosureForm, ExtensionForm, InstructionForm, SubItemForm
from duban.reporting.views.common import decorate, obligations, target_rows, workdays
from duban.reporting.views.tasks import owners

CADENCES = {"monthly": "按月推进", "quarterly": "按季度推进"}


def panel_context(request, task) -> dict:
    user = request.user
    today = clock.today()
    active = task.state == TaskState.ACTIVE
    leads = access.leads(user, task)
    assigned = access.assigned(user, task)
    receipts = list(task.receipts.select_related("unit", "user").order_by("at"))
    sub_items = list(task.sub_items.select_related("owner"))
    requests = list(
        task.requests.select_related("unit", "requested_by", "decided_by").prefetch_related(
            "attachments"
        )
    )
    pending = {r.kind for r in requests if r.state == RequestState.PENDING}
    instructions = list(task.instructions.select_related("leader", "report__obligation"))
    due_so_far = obligations(user).filter(task=task, period_start__lte=today)
    rows = decorate(due_so_far.order_by("-due", "unit__name"), request)
    done = sum(1 for item in sub_items if item.done)
    return {
        "request": request,
        "user": user,
        "task": task,
        "active": active,
        "standing": standing.task_standing(task, today, workdays(request)),
        "cadence": CADENCES.get(task.cadence, task.cadence),
        "progress_label": dict(ProgressStatus.choices).get(task.progress_status, ""),
        "targets": target_rows(task.targets, task.actuals),
        "receipts": receipts,
        "my_receipt": next((r for r in receipts if r.unit_id == user.unit_id), None)
        if assigned
        else None,
        "assigned": assigned,
        "leads": leads,
        "office": bool(getattr(user, "is_office", False)),
        "sub_items": sub_items,
        "sub_done": done,
        "sub_share": round(100 * done / len(sub_items)) if sub_items else None,
        "requests": requests,
        "can_extend": leads and active and RequestKind.EXTENSION not in pending,
        "can_close": leads and active and RequestKind.CLOSURE not in pending,
        "instructions": instructions,
        "can_instruct": access.can_instruct(user, task),
        "obligations": rows,
        "events": flow.timeline(task),
        # Several forms share one page: each gets its own id prefix.
        "sub_item_form": SubItemForm(owners=owners(task), auto_id="sub_%s")
        if leads and active
        else None,
        "extension_form": ExtensionForm(auto_id="ext_%s"),
        "closure_form": ClosureForm(auto_id="close_%s"),
        "instruction_form": InstructionForm(auto_id="ins_%s"),
    }
