"""Naming a task's inspecting units (督查单位) from the task page.

Office administrators only: anyone else gets 403 before anything is looked up;
a task outside the administrator's government answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from duban.errors import UserError
from duban.inspection import access, assign
from duban.ledger.models import Task
from duban.reporting.views.common import message_of


@require_POST
@login_required
def inspectors(request, pk):
    if not access.can_assign_inspectors(request.user):
        raise PermissionDenied("只有政府办管理员可以指定督查单位。")
    task = get_object_or_404(Task.objects.restrict(request.user).select_related("plan"), pk=pk)
    try:
        ids = [int(v) for v in request.POST.getlist("units")]
    except ValueError:
        ids = None
    try:
        if ids is None:
            raise UserError("所选单位无效。", "non-numeric unit id")
        made = assign.set_inspectors(request.user, task, ids)
    except UserError as exc:
        messages.error(request, message_of(exc))
    else:
        names = "、".join(a.name for a in made)
        messages.success(request, f"督查单位已更新：{names}。" if made else "已清除督查单位。")
    return redirect("ledger:task", task.pk)
