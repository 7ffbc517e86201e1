"""通知: the user's in-app notifications, newest first, and marking them read.

Opening a notification marks it read and follows its link, only ever to a
page of this site.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from duban import clock

PER_PAGE = 50


@require_GET
@login_required
def index(request):
    mine = request.user.notifications.order_by("-created_at", "-id")
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": mine.filter(read_at__isnull=True).count()}
    return render(request, "reporting/notifications.html", context)


@require_POST
@login_required
def read_all(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=clock.now())
    return redirect("reporting:notifications")


@require_POST
@login_required
def read(request, pk):
    """Mark one read; `open` follows its link."""
    notification = get_object_or_404(request.user.notifications, pk=pk)
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    url = notification.url
    safe = url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    if request.POST.get("open") and safe:
        return redirect(url)
    return redirect("reporting:notifications")
