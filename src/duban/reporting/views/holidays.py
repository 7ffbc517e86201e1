"""节假日: the editable table of official days off and weekend working days
(调休上班) that due dates and reminders count with, by year.

The table is the whole deployment's (official holidays are national), so any
office administrator keeps it. Years after the seeded ones are typed in
from the State Council's notice each December.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban import clock
from duban.reporting.forms import HolidayForm, year_choice
from duban.reporting.models import Holiday
from duban.reporting.views.rules import admin_only

NOTE = "修改节假日表不会改变已生成的报送任务截止日期；新生成的报送任务和催办按新表计算。"


@login_required
def index(request):
    """The year's rows and the form to add one (POST adds)."""
    admin_only(request.user)
    year = year_choice(request.GET.get("year"), clock.today().year)
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        holiday = form.save()
        messages.success(request, f"已添加 {holiday.date:%Y-%m-%d} {holiday.name}。")
        return redirect(f"{reverse('reporting:holidays')}?year={holiday.date.year}")
    rows = Holiday.objects.filter(date__year=year).order_by("date")
    years = sorted({d.year for d in Holiday.objects.dates("date", "year")} | {year, year + 1})
    context = {"rows": rows, "year": year, "years": years, "form": form, "note": NOTE}
    return render(request, "reporting/holidays.html", context)


@login_required
def edit(request, pk):
    admin_only(request.user)
    holiday = get_object_or_404(Holiday, pk=pk)
    form = HolidayForm(request.POST or None, instance=holiday)
    if request.method == "POST" and form.is_valid():
        holiday = form.save()
        messages.success(request, f"已保存 {holiday.date:%Y-%m-%d} {holiday.name}。")
        return redirect(f"{reverse('reporting:holidays')}?year={holiday.date.year}")
    return render(request, "reporting/holiday_edit.html", {"form": form, "holiday": holiday})


@require_POST
@login_required
def delete(request, pk):
    admin_only(request.user)
    holiday = Holiday.objects.filter(pk=pk).first()
    if holiday is None:
        # Deleted already (a second click, another administrator): nothing left to do.
        messages.info(request, "该日期已不在节假日表中。")
        return redirect("reporting:holidays")
    year = holiday.date.year
    holiday.delete()
    messages.success(request, f"已删除 {holiday.date:%Y-%m-%d} {holiday.name}。")
    return redirect(f"{reverse('reporting:holidays')}?year={year}")
