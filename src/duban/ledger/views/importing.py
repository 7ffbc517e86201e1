"""The upload page: turning a notice file into a draft plan.

It exists apart from the review page because it comes before any plan does:
it only validates the upload, hands it to the importer, and sends the office
administrator on to review the draft that came out.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from duban.directory.models import Government
from duban.errors import UserError
from duban.ledger import importing
from duban.ledger import review as services
from duban.ledger.forms import ImportForm
from duban.ledger.views.common import manager_only


@manager_only
def import_notice(request):
    user = request.user
    governments = Government.objects.all()
    if user.government_id:
        governments = governments.filter(pk=user.government_id)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=user,
        governments=governments.values_list("name", flat=True),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = importing.import_notice(
                upload.read(), upload.name, form.cleaned_data["government"], user
            )
        except UserError as exc:
            form.add_error(None, exc.message_zh)
        else:
            pending = services.unresolved(plan).count()
            note = f"，有 {pending} 个名称待确认" if pending else ""
            revises = "这是对现行方案的修订，确认后将并入现行方案。" if plan.revises_id else ""
            messages.success(
                request,
                f"已导入“{plan}”：识别出 {plan.tasks.count()} 项任务{note}。"
                f"请对照原文逐项核对后确认生效。{revises}",
            )
            return redirect("ledger:review", plan.pk)
    return render(request, "ledger/import.html", {"form": form})
