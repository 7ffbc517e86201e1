"""Logins, logouts (with why, when the user did not ask) and failed logins go
to the audit log; a login also starts the session's clocks (accounts/limits.py)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from duban.accounts import limits
from duban.audit.context import acting_as
from duban.audit.models import AuditEntry, record


def _ip(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        limits.stamp(request)
    with acting_as(user, ip=_ip(request)):
        record(AuditEntry.Action.LOGIN, user)


# Why a session ended when the user did not press 退出 (see accounts/limits.py, sessions.py).
_REASONS = {
    "idle": "长时间未操作，自动退出",
    "age": "登录时间已满，自动退出",
    "everywhere": "退出所有设备",
}


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        reason = _REASONS.get(getattr(request, "logout_reason", None))
        with acting_as(user, ip=_ip(request)):
            record(AuditEntry.Action.LOGOUT, user, after={"reason": reason} if reason else None)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    name = str(credentials.get("username", ""))[:150]
    api = request is not None and request.path.startswith("/api/")
    with acting_as(None, ip=_ip(request), via="api" if api else "web"):
        record(AuditEntry.Action.LOGIN_FAILED, model="accounts.user", repr_=name)
