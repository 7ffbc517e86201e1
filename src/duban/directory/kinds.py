"""Guessing a new unit's kind from its name, and which units a collective stands for.

Used when the directory is built from a first plan: the office corrects the
guess on the unit's page, and nothing depends on it being right.
"""

from __future__ import annotations

import re

from duban.directory.choices import UnitKind

_COLLECTIVE = re.compile(
    r"^(各|相关|有关|其他|其它)|各[^各]{0,4}(单位|部门|乡镇|街道|镇街|园区)|^[乡镇街](、[乡镇街])+$"
)
_SUBDISTRICT = re.compile(r"(街道|办事处)$")
_TOWNSHIP = re.compile(r"(乡|镇)(人民政府|政府)?$|(乡|镇)党委$")
_PARK = re.compile(r"(园区|开发区|产业园|工业园|管委会)$")
_COMPANY = re.compile(r"(公司|集团|银行|合作社)$")


def guess_kind(name: str) -> str:
    if _COLLECTIVE.search(name):
        return UnitKind.COLLECTIVE
    if _SUBDISTRICT.search(name):
        return UnitKind.SUBDISTRICT
    if _TOWNSHIP.search(name):
        return UnitKind.TOWNSHIP
    if _PARK.search(name):
        return UnitKind.PARK
    if _COMPANY.search(name):
        return UnitKind.COMPANY
    return UnitKind.DEPARTMENT


def member_kinds(collective_name: str) -> set[str]:
    """The kinds of unit a collective's name covers (各乡镇 → townships).
    A 相关/有关 collective covers an unknown subset: the office picks its members."""
    if re.match(r"^(相关|有关|其他|其它)", collective_name):
        return set()
    kinds: set[str] = set()
    if re.search(r"乡|镇", collective_name):
        kinds.add(UnitKind.TOWNSHIP)
    if re.search(r"街", collective_name):
        kinds.add(UnitKind.SUBDISTRICT)
    if re.search(r"园区", collective_name):
        kinds.add(UnitKind.PARK)
    if re.search(r"[区县市]直|部门|单位", collective_name) and not kinds:
        kinds.add(UnitKind.DEPARTMENT)
    return kinds
