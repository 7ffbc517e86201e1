"""What every browser test does: log in as a persona, watch the console,
and (with DUBAN_SCREENSHOTS set) save a screenshot for the README."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from web.personas import PASSWORD


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def shoot(page, name: str) -> None:
    """A full-page screenshot of the page's URL, taken in a second tab of the same
    session: resizing the page under test for it would leave its scroll position
    unsettled, and the next click would land beside its button."""
    folder = os.environ.get("DUBAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab = page.context.new_page()
        try:
            tab.goto(page.url)
            tab.screenshot(path=str(Path(folder) / name), full_page=True)
        finally:
            tab.close()


def console_errors(page) -> list[str]:
    """Errors printed to the console (failed requests included), besides uncaught
    ones. The browser's own request for /favicon.ico (the system has none) is not
    the page's error."""
    errors: list[str] = []

    def seen(msg) -> None:
        if msg.type == "error" and "favicon.ico" not in (msg.location or {}).get("url", ""):
            errors.append(f"{msg.text} ({(msg.location or {}).get('url', '')})")

    page.on("console", seen)
    return errors
