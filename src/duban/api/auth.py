"""Who is calling: a bearer token, or the browser's login session.

Scripts and other systems hold a token from POST /api/auth/token; the
browser UI calls the same endpoints with its session, which (unlike a token)
the browser sends by itself, so session calls must carry the CSRF token.
Token requests go through django.contrib.auth.authenticate so django-axes
counts failures and locks out guessing exactly as it does on the login page.
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from ninja import Router, Status
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from duban.accounts.models import ApiToken
from duban.api.errors import CSRF_FAILED, refuse, responses
from duban.api.schemas import TokenIn, TokenOut
from duban.audit.context import acting_as
from duban.audit.models import AuditEntry, record

# last_used_at is for "is this token still in use?", not an access log:
# writing it at most once a minute keeps reads from turning into writes.
_TOUCH_EVERY = dt.timedelta(minutes=1)


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; only the token's SHA-256 is stored."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > _TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user


class Session(APIKeyCookie):
    """The Django login session. Checks CSRF only when there is a logged-in
    session, so a request with neither token nor session gets 401, not 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request):
            raise refuse(403, CSRF_FAILED)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated and user.is_active else None


AUTH = [BearerToken(), Session()]


def acting(request) -> AbstractContextManager:
    """The audit actor of an API change: AuditContextMiddleware only knows
    session users, and runs before the bearer token is read."""
    return acting_as(request.auth, ip=request.META.get("REMOTE_ADDR"), via="api")


router = Router(tags=["认证"])


@router.post(
    "/token",
    auth=None,
    response=responses({200: TokenOut}, 413, 429),
    summary="用用户名和密码换取接口令牌",
    description="令牌只显示这一次，请妥善保存。"
    "同一用户名在同一地址连续多次密码错误后暂时锁定（429）。",
)
def issue_token(request, credentials: TokenIn):
    """The token is shown once; only its digest is kept. Five wrong passwords
    for a username from one address lock it out for the configured cool-off."""
    _readable_form(request)
    user = authenticate(
        request=request, username=credentials.username, password=credentials.password
    )
    if getattr(request, "axes_locked_out", False):
        # Answered here in JSON: without this AxesMiddleware would replace the
        # response with the HTML lockout page meant for the login form.
        request.axes_locked_out = False
        return Status(429, {"detail": _lockout_message()})
    if user is None or not user.is_active:
        return Status(401, {"detail": "用户名或密码错误"})
    with acting_as(user, ip=request.META.get("REMOTE_ADDR"), via="api"):
        record(AuditEntry.Action.LOGIN, user, after={"token": True})
    return {"token": ApiToken.issue(user)}


def _readable_form(request) -> None:
    """axes records each failure with the request's form fields. A body sent
    with a broken form content type (multipart without a boundary) would make
    that fail after the password was checked, leaving wrong guesses uncounted:
    such a form is read as empty instead."""
    try:
        request.POST  # noqa: B018 (parsed here, where its failure can be handled)
    except (MultiPartParserError, SuspiciousOperation, BadRequest):
        request.POST = QueryDict()


def _lockout_message() -> str:
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60) if isinstance(cooloff, dt.timedelta) else None
    wait = f"请 {minutes} 分钟后再试" if minutes else "请稍后再试"
    return f"登录失败次数过多，该账号已被暂时锁定，{wait}。"
