"""Kinds of unit, with their Chinese labels, in one place."""

from django.db import models


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    TOWNSHIP = "township", "乡镇"
    SUBDISTRICT = "subdistrict", "街道"
    PARK = "park", "园区"
    COMPANY = "company", "企业"
    COLLECTIVE = "collective", "统称（单位集合）"
