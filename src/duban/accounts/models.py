"""Users and API tokens.

A user has one role. Office roles (administrator, inspector) belong to a
government, or to none, meaning every government of the deployment; unit
roles belong to a unit; a leader is linked to the Person the notices name.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac

from duban.accounts.choices import OFFICE_ROLES, UNIT_ROLES, Role
from duban.audit.mixins import Audited


class User(Audited, AbstractUser):
    role = models.CharField("角色", max_length=20, choices=Role, default=Role.UNIT_USER)
    government = models.ForeignKey(
        "directory.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name="对应领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # Raised by 退出所有设备 (accounts/sessions.py); part of the session hash below.
    session_epoch = models.PositiveIntegerField("会话代数", default=0, editable=False)

    audit_exclude = ("password", "last_login", "session_epoch")

    class Meta:
        verbose_name = "用户"

    @property
    def is_office(self) -> bool:
        return self.role in OFFICE_ROLES

    @property
    def is_office_admin(self) -> bool:
        return self.role == Role.OFFICE_ADMIN

    @property
    def is_unit_member(self) -> bool:
        return self.role in UNIT_ROLES

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    def get_session_auth_hash(self) -> str:
        """Django keeps this hash in each session and logs the session out when it
        no longer matches: a new password or a new epoch ends every session."""
        return self._session_hash(None)

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret) -> str:
        # Epoch 0 hashes exactly as Django does, so upgrading logs no one out.
        value = self.password if not self.session_epoch else f"{self.password}#{self.session_epoch}"
        salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()

    def clean(self):
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError({"unit": "单位经办人和单位负责人必须指定所属单位。"})
        if self.role == Role.LEADER and not self.person_id:
            raise ValidationError({"person": "领导账号必须对应一位领导。"})


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 is stored: a leaked database leaks no tokens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> str:
        token = secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=cls.hash(token))
        return token
