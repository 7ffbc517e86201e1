"""Template tags of the reporting cycle: the coloured lights, the unread count
of the navigation bar, and the reporting panel of the ledger's task page.

The lights follow the 督查 offices' convention (choices.LIGHT): blue done or
ahead, green on time, yellow due soon or behind, red overdue. The badge
carries the word (临期, 逾期 …) as well as the colour, so it reads in print
and for colour-blind users too.
"""

from __future__ import annotations

import logging

from django import template
from django.db import DatabaseError
from django.utils.html import format_html

from duban import clock
from duban.reporting import standing
from duban.reporting.choices import LIGHT, LIGHT_NAME, ReportState, Standing
from duban.reporting.views.common import workdays
from duban.reporting.views.panel import panel_context
from duban.reporting.workdays import Workdays

register = template.Library()
log = logging.getLogger("duban.reporting")


@register.simple_tag
def light(value) -> str:
    """A standing (Standing or its value) as a coloured badge with its word."""
    if not value:
        return ""
    state = Standing(value)
    colour = LIGHT[state]
    return format_html(
        '<span class="badge text-bg-{} light" title="{}" data-light="{}">{}'
        '<span class="d-none d-print-inline">（{}）</span></span>',
        colour,
        LIGHT_NAME[colour],
        state.value,
        state.label,
        LIGHT_NAME[colour],
    )


@register.simple_tag(takes_context=True)
def task_light(context, task) -> str:
    """The task's light today (reporting/standing.py)."""
    return light(standing.task_standing(task, clock.today(), _workdays(context)))


@register.simple_tag
def report_state(report) -> str:
    """A report's state as a badge; no report yet is 未填报."""
    if report is None:
        return format_html('<span class="badge text-bg-light border">{}</span>', "未填报")
    colour = {
        ReportState.DRAFT: "secondary",
        ReportState.SUBMITTED: "info",
        ReportState.APPROVED: "primary",
        ReportState.ACCEPTED: "success",
        ReportState.RETURNED: "danger",
    }.get(report.state, "secondary")
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', colour, report.get_state_display()
    )


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    """How many of the user's notifications are unread (0 on error pages without a database)."""
    user = context.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    try:
        return user.notifications.filter(read_at__isnull=True).count()
    except DatabaseError:
        log.warning("unread count unavailable", exc_info=True)
        return 0


@register.inclusion_tag("reporting/_task_panel.html", takes_context=True)
def task_reporting(context, task):
    """The reporting panel of the task page: light, dates, targets against
    actuals, receipts, sub-items, requests, instructions, obligations, timeline."""
    return panel_context(context["request"], task)


def _workdays(context):
    request = context.get("request")
    return workdays(request) if request is not None else Workdays()
