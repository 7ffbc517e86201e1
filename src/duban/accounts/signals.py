"""Logins, logouts and failed logins go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from duban.audit.context import acting_as
from duban.audit.models import AuditEntry, record


def _ip(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    with acting_as(user, ip=_ip(request)):
        record(AuditEntry.Action.LOGIN, user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        with acting_as(user, ip=_ip(request)):
            record(AuditEntry.Action.LOGOUT, user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    name = str(credentials.get("username", ""))[:150]
    with acting_as(None, ip=_ip(request)):
        record(AuditEntry.Action.LOGIN_FAILED, model="accounts.user", repr_=name)
