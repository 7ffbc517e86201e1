"""The length rules of the password policy, with their messages in Chinese.

OWASP ASVS 4.0.3 V2.1.1 and V2.1.2: at least 12 characters, and passwords of
64 characters allowed but those over 128 refused (a pass phrase is welcome, a
megabyte sent to the Argon2 hasher is not). Django has no upper bound, and its
lower bound's message is not translated (Django 5.2 changed the English text,
its Chinese catalogue still has the old one), so both are here. The other
rules are Django's own validators (settings.AUTH_PASSWORD_VALIDATORS): not a
common password, not close to the user's name. There are deliberately no
rules about which kinds of characters a password must contain (ASVS V2.1.9).
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

MIN_LENGTH = 12
MAX_LENGTH = 128


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def __init__(self, min_length: int = MIN_LENGTH):
        super().__init__(min_length)

    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少 {self.min_length} 个字符。"


class MaximumLengthValidator:
    def __init__(self, max_length: int = MAX_LENGTH):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"密码太长，最多 {self.max_length} 个字符。",
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return f"密码最多 {self.max_length} 个字符。"
