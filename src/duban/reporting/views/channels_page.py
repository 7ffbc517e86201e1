"""提醒渠道: where a government's reminders go besides in-app (e-mail,
DingTalk and WeCom group robots), kept by that government's office
administrators next to the other 报送设置.

Only office administrators get here (403 for everyone else, before any
lookup); a channel of another government answers 404. An administrator of
every government (no government of their own) first picks one. The DingTalk
secret never goes back to the browser: the pages say 已设置, and the audit log
notes only that it was set, replaced or cleared. A robot address carries its
own access token, so the list shows it shortened.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from duban.audit.models import AuditEntry, record
from duban.directory.models import Government
from duban.reporting import channel_check
from duban.reporting.channels import ChannelError
from duban.reporting.forms import ChannelForm
from duban.reporting.models import Channel
from duban.reporting.views.rules import admin_only

log = logging.getLogger("duban.reporting")


def _government_param(request) -> int | None:
    try:
        return int(request.GET.get("government") or "")
    except ValueError:
        return None


def _scoped(user):
    """The channels the administrator keeps: their government's, or every one."""
    qs = Channel.objects.select_related("government")
    return qs.filter(government_id=user.government_id) if user.government_id else qs


def _channel(request, pk) -> Channel:
    admin_only(request.user)
    return get_object_or_404(_scoped(request.user), pk=pk)


def _list_url(user, government_id: int) -> str:
    url = reverse("reporting:channels")
    return url if user.government_id else f"{url}?government={government_id}"


def _record_secret(channel: Channel, old: str) -> None:
    """The mixin leaves the secret out of the log; whether it changed goes in."""
    new = channel.secret
    if new == old:
        return
    after = "已清除" if not new else ("已更换" if old else "已设置")
    record(
        AuditEntry.Action.UPDATE,
        channel,
        {"secret": "已设置" if old else "未设置"},
        {"secret": after},
    )


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    """The government's channels and the form to add one (POST adds)."""
    admin_only(request.user)
    government_id = request.user.government_id or _government_param(request)
    if government_id is None:
        context = {"governments": Government.objects.order_by("name")}
        return render(request, "reporting/channels.html", context)
    government = get_object_or_404(Government, pk=government_id)
    form = ChannelForm(request.POST or None, instance=Channel(government=government))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            channel = form.save()
            _record_secret(channel, "")
        messages.success(request, f"已添加提醒渠道“{channel.get_kind_display()}”。")
        return redirect(_list_url(request.user, government.pk))
    rows = list(government.channels.order_by("-active", "kind", "pk"))
    context = {"government": government, "rows": rows, "form": form}
    return render(request, "reporting/channels.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    channel = _channel(request, pk)
    old_secret = channel.secret
    form = ChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            channel = form.save()
            _record_secret(channel, old_secret)
        messages.success(request, f"已保存提醒渠道“{channel.get_kind_display()}”。")
        return redirect(_list_url(request.user, channel.government_id))
    context = {
        "form": form,
        "channel": channel,
        "back": _list_url(request.user, channel.government_id),
    }
    return render(request, "reporting/channel_edit.html", context)


@require_POST
@login_required
def set_active(request, pk):
    """停用 or 启用 (`active` = 0 or 1): a stopped channel keeps its settings."""
    channel = _channel(request, pk)
    active = request.POST.get("active") == "1"
    if channel.active != active:
        channel.active = active
        channel.save()
    word = "启用" if active else "停用"
    messages.success(request, f"已{word}提醒渠道“{channel.get_kind_display()}”。")
    return redirect(_list_url(request.user, channel.government_id))


@require_POST
@login_required
def delete(request, pk):
    channel = _channel(request, pk)
    government_id = channel.government_id
    channel.delete()
    messages.success(request, f"已删除提醒渠道“{channel.get_kind_display()}”。")
    return redirect(_list_url(request.user, government_id))


@require_POST
@login_required
def send_test(request, pk):
    """发送测试消息, whether the channel is on or not: the way to check a new one."""
    channel = _channel(request, pk)
    try:
        channel_check.send_test(channel, request.user.get_username())
    except ChannelError as exc:
        log.info("test message over %s:%s failed: %s", channel.kind, channel.pk, exc)
        reason = channel_check.reason_zh(channel, exc)
        messages.error(request, f"测试消息发送失败：{reason}（技术信息：{exc}）")
    else:
        messages.success(request, f"测试消息已发送到“{channel.shown_target}”，请到对方查收。")
    return redirect(_list_url(request.user, channel.government_id))
