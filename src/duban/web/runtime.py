"""Starting the web system from the command line: data folder, database, first admin.

`duban serve`, `duban createuser` and `duban import` call these; each first
points Django at the data folder and applies migrations, so a fresh folder
(or a fresh PostgreSQL database) needs no other step.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger("duban.web")

DEFAULT_DATA = "duban-data"


def start(data: str | None = None) -> Path:
    """Configure and set up Django for `data`, migrate, and return the data folder."""
    folder = Path(data or os.environ.get("DUBAN_DATA") or DEFAULT_DATA).resolve()
    os.environ["DUBAN_DATA"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return folder


def ensure_first_admin() -> tuple[str, str] | None:
    """On an empty system, create the administrator `admin` with a random password
    (or DUBAN_ADMIN_PASSWORD) and return the credentials to print once."""
    from django.contrib.auth import get_user_model

    from duban.accounts import services
    from duban.accounts.choices import Role
    from duban.audit.context import acting_as
    from duban.errors import UserError

    User = get_user_model()
    if User.objects.exists():
        return None
    password = os.environ.get("DUBAN_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    with acting_as(None, via="cli"):
        # The same password rules as every other account: a chosen
        # DUBAN_ADMIN_PASSWORD that breaks them stops the start with the reason.
        try:
            services.create_user("admin", Role.OFFICE_ADMIN, password)
        except UserError as exc:
            message = f"环境变量 DUBAN_ADMIN_PASSWORD：{exc.message_zh}"
            raise UserError(message, exc.reason_en) from exc
    return "admin", password


def serve(host: str, port: int, on_ready=None) -> None:
    """Bind, call `on_ready` (the port is open from then on), serve until stopped."""
    from waitress import create_server

    from duban.web.wsgi import application

    server = create_server(application, host=host, port=port, threads=8, ident="duban")
    if on_ready is not None:
        on_ready()
    try:
        server.run()
    except KeyboardInterrupt:
        server.close()
