"""The one user-facing refusal of the web system and the CLI."""


class UserError(Exception):
    """Something the user asked for that cannot be done: `message_zh` is shown to
    the user (page, API, terminal), `reason_en` goes to the log."""

    def __init__(self, message_zh: str, reason_en: str = ""):
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.reason_en = reason_en or message_zh


class Forbidden(UserError):
    """A refusal because of who is asking (the API answers 403)."""


class Conflict(UserError):
    """A refusal because of the state things are in: already submitted, already
    decided, a pending request exists (the API answers 409)."""
