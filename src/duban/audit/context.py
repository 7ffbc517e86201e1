"""The request-scoped actor of every change.

The middleware (web requests) and the CLI (`acting_as`) set it; the Audited
mixin reads it. A context variable, not a thread local, so it is also right
under async servers and in tests that run a live server in another thread.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None
    ip: str | None = None
    via: str = "web"


_SYSTEM = Actor(via="system")
_current: ContextVar[Actor | None] = ContextVar("duban_actor", default=None)


def current_actor() -> Actor:
    return _current.get() or _SYSTEM


@contextmanager
def acting_as(user, ip: str | None = None, via: str = "web"):
    token = _current.set(Actor(user=user, ip=ip, via=via))
    try:
        yield
    finally:
        _current.reset(token)
