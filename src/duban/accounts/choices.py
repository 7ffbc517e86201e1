from django.db import models


class Role(models.TextChoices):
    OFFICE_ADMIN = "office-admin", "政府办管理员"
    INSPECTOR = "inspector", "督查室"
    UNIT_USER = "unit-user", "单位经办人"
    UNIT_HEAD = "unit-head", "单位负责人"
    LEADER = "leader", "领导"


OFFICE_ROLES = {Role.OFFICE_ADMIN, Role.INSPECTOR}
UNIT_ROLES = {Role.UNIT_USER, Role.UNIT_HEAD}
