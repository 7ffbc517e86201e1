"""退出所有设备: ending every session and API token of one user at once.

Django stores a hash of the user's password in each session and drops a
session whose hash no longer matches (that is also why a password change ends
the other sessions). User.get_session_auth_hash mixes in `session_epoch`, so
raising the epoch changes the hash without touching the password: every
session of the user, on any device, is logged out at its next request. The
API tokens go too, since they are sessions of scripts; the entry in the audit
log says how many.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model, logout
from django.db import transaction
from django.db.models import F

from duban.accounts.models import ApiToken
from duban.audit.models import AuditEntry, record


def logout_everywhere(request) -> int:
    """End all of request.user's sessions (this one included) and tokens; return
    how many tokens were revoked."""
    user = request.user
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
        tokens, _ = ApiToken.objects.filter(user=user).delete()
        record(AuditEntry.Action.LOGOUT_ALL, user, after={"tokens": tokens})
    request.logout_reason = "everywhere"
    logout(request)
    return tokens
