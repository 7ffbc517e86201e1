"""Session limits kept on the server (OWASP ASVS V3.3.2): idle and absolute.

Idle: a session unused for DUBAN_IDLE_MINUTES (default 30) ends, so a screen
left logged in at lunch is logged out when someone else sits down. Absolute:
a session ends SESSION_COOKIE_AGE (8 hours) after it began, however busy.
Django alone does not give the second: it renews the cookie's lifetime
whenever the session changes, and this middleware changes it every minute.

Both times are kept in the session itself and compared on the server: the
browser cannot extend them. They are real seconds (time.time), not
duban.clock, whose business date tests move about. The last-seen time is
rewritten at most once a minute, so reading pages does not turn every request
into a session write.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, resolve_url

LAST_SEEN = "duban_last_seen"
STARTED = "duban_started"
_REFRESH_SECONDS = 60
IDLE_MESSAGE = "您已超过 {minutes} 分钟未操作，为安全起见已自动退出，请重新登录。"
AGE_MESSAGE = "本次登录已超过 {hours} 小时，为安全起见已自动退出，请重新登录。"


def stamp(request) -> None:
    """Start both clocks at login (accounts/signals.py)."""
    now = time.time()
    request.session[STARTED] = request.session[LAST_SEEN] = now


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._check(request, time.time())
            if expired is not None:
                return expired
        return self.get_response(request)

    def _check(self, request, now: float):
        session = request.session
        started, last = session.get(STARTED), session.get(LAST_SEEN)
        if not isinstance(started, int | float):
            session[STARTED] = started = now
        if now - started > settings.SESSION_COOKIE_AGE:
            hours = round(settings.SESSION_COOKIE_AGE / 3600, 1)
            return self._expired(request, "age", AGE_MESSAGE.format(hours=f"{hours:g}"))
        minutes = settings.DUBAN_IDLE_MINUTES
        if minutes > 0 and isinstance(last, int | float) and now - last > minutes * 60:
            return self._expired(request, "idle", IDLE_MESSAGE.format(minutes=minutes))
        if not isinstance(last, int | float) or now - last >= _REFRESH_SECONDS:
            session[LAST_SEEN] = now
        return None

    def _expired(self, request, reason: str, message: str):
        request.logout_reason = reason
        logout(request)
        if request.path.startswith("/api/"):
            # The API answers an anonymous caller 401 in its own JSON.
            return self.get_response(request)
        messages.warning(request, message)
        if request.headers.get("HX-Request"):
            # htmx would swap the login page into a fragment; send the whole page there.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
            return response
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return redirect(settings.LOGIN_URL)
