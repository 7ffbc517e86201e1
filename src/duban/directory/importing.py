"""Importing a unit list (.xlsx) into one government's directory.

Offices keep their unit lists in spreadsheets; importing one before the first
notice lets names resolve by themselves. The sheet needs a header row with
单位名称 (or 全称); 简称, 别名 (、-separated), 类别 and 上级单位 are optional.
Units are matched by full name: a new name creates a unit, a known one is
updated. An empty cell never clears anything, and aliases are only added,
never removed, since the review may have learnt them. Every row that is not
imported is reported with its row number and the reason; blank rows are
counted. Rows are checked first and written after, all in one transaction.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction

from duban.audit.models import AuditEntry, record
from duban.directory.choices import UnitKind
from duban.directory.forms import split_names
from duban.directory.kinds import guess_kind
from duban.directory.models import Government, Unit, UnitAlias
from duban.errors import UserError
from duban.extract.chinese import fold, squeeze

COLUMNS = {
    "name": ("单位名称", "全称", "单位全称", "名称"),
    "short_name": ("简称", "单位简称"),
    "aliases": ("别名", "其他名称"),
    "kind": ("类别", "单位类别", "类型"),
    "parent": ("上级单位", "上级", "主管单位"),
}
KINDS = {
    **{label: value for value, label in UnitKind.choices},
    **{value: value for value in UnitKind.values},
    "部门": UnitKind.DEPARTMENT,
    "乡镇": UnitKind.TOWNSHIP,
    "乡": UnitKind.TOWNSHIP,
    "镇": UnitKind.TOWNSHIP,
    "街道": UnitKind.SUBDISTRICT,
    "园区": UnitKind.PARK,
    "企业": UnitKind.COMPANY,
    "统称": UnitKind.COLLECTIVE,
}
_HEADER_SEARCH_ROWS = 10


@dataclass
class Row:
    line: int
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    parent: str = ""


@dataclass
class Problem:
    line: int
    name: str
    message: str


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blank_rows: int = 0

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def import_units(data: bytes, government: Government, filename: str = "") -> Report:
    """Read the sheet and create or update the government's units."""
    rows, report = read_rows(data)
    with transaction.atomic():
        _apply(rows, government, report)
        record(
            AuditEntry.Action.IMPORT,
            None,
            None,
            {
                "source": filename,
                "created": len(report.created),
                "updated": len(report.updated),
                "problems": len(report.problems),
            },
            model="directory.unit",
            repr_=f"单位名单 {filename}".strip(),
        )
    report.problems.sort(key=lambda p: p.line)
    return report


def read_rows(data: bytes) -> tuple[list[Row], Report]:
    """The sheet's rows, and a report holding the rows that could not be read."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError(
            "无法读取该文件，请上传 Excel（.xlsx）格式的单位名单。", f"unreadable xlsx: {exc}"
        ) from exc
    try:
        sheet_rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    header_at, columns = _find_header(sheet_rows)
    report = Report()
    rows: list[Row] = []
    for line, values in enumerate(sheet_rows[header_at + 1 :], start=header_at + 2):
        cells = {key: _text(values[i]) if i < len(values) else "" for key, i in columns.items()}
        if not any(_text(v) for v in values):
            report.blank_rows += 1
            continue
        row, message = _row(line, cells)
        if message:
            report.problems.append(Problem(line, cells.get("name", ""), message))
        else:
            rows.append(row)
    return rows, report


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]]:
    for at, values in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        labels = [_label(v) for v in values]
        columns = {}
        for key, names in COLUMNS.items():
            for i, label in enumerate(labels):
                if label in names and key not in columns:
                    columns[key] = i
        if "name" in columns:
            return at, columns
    raise UserError(
        "未找到表头：第一行应包含“单位名称”（或“全称”）列，可选“简称”“别名”“类别”“上级单位”。",
        "no header row",
    )


def _row(line: int, cells: dict[str, str]) -> tuple[Row | None, str]:
    name = cells.get("name", "")
    if not name:
        return None, "缺少单位名称。"
    if len(name) > 100:
        return None, "单位名称过长（最多 100 字）。"
    short_name = cells.get("short_name", "")
    if len(short_name) > 50:
        return None, "简称过长（最多 50 字）。"
    aliases = [a for a in split_names(cells.get("aliases", "")) if a not in (name, short_name)]
    if long := [a for a in aliases if len(a) > 100]:
        return None, f"别名“{long[0][:20]}…”过长（最多 100 字）。"
    kind = ""
    if label := cells.get("kind", ""):
        kind = KINDS.get(label, "")
        if not kind:
            return None, f"类别“{label}”无法识别，应为部门、乡镇、街道、园区、企业或统称。"
    return Row(line, name, short_name, aliases, kind, cells.get("parent", "")), ""


def _apply(rows: list[Row], government: Government, report: Report) -> None:
    existing = {
        u.name: u for u in Unit.objects.filter(government=government).prefetch_related("aliases")
    }
    alias_owner = {a.name: a.unit_id for u in existing.values() for a in u.aliases.all()}
    rows = _drop(rows, report, _conflicts(rows, existing, alias_owner))
    while bad := _bad_parents(rows, existing):
        rows = _drop(rows, report, bad)
    saved = {row.name: _save(row, government, existing.get(row.name), report) for row in rows}
    lookup = _lookup(existing.values())
    in_file = _file_names(rows)
    for row in rows:
        if not row.parent:
            continue
        unit = saved[row.name]
        parent = saved[in_file[row.parent]] if row.parent in in_file else lookup[row.parent]
        if unit.parent_id != parent.pk:
            unit.parent = parent
            unit.save()
            if row.name in report.unchanged:
                report.unchanged.remove(row.name)
                report.updated.append(row.name)


def _conflicts(rows, existing, alias_owner) -> dict[int, str]:
    bad: dict[int, str] = {}
    first_line: dict[str, int] = {}
    alias_line: dict[str, int] = {}
    names = {row.name for row in rows}
    for row in rows:
        if row.name in first_line:
            bad[row.line] = f"与第 {first_line[row.name]} 行单位名称重复。"
            continue
        first_line[row.name] = row.line
        own_id = existing[row.name].pk if row.name in existing else None
        if row.name in alias_owner and alias_owner[row.name] != own_id:
            bad[row.line] = f"“{row.name}”已是其他单位的别名。"
            continue
        for alias in row.aliases:
            if alias in alias_owner and alias_owner[alias] != own_id:
                bad[row.line] = f"别名“{alias}”已属于其他单位。"
            elif (alias in existing and alias != row.name) or alias in names:
                bad[row.line] = f"别名“{alias}”是另一个单位的全称。"
            elif alias in alias_line:
                bad[row.line] = f"别名“{alias}”与第 {alias_line[alias]} 行重复。"
            if row.line in bad:
                break
            alias_line[alias] = row.line
    return bad


def _bad_parents(rows: list[Row], existing: dict[str, Unit]) -> dict[int, str]:
    """Rows whose 上级单位 names no unit, or the row itself: checked again after
    each round of dropping, since a dropped row can no longer be a parent."""
    known = set(_lookup(existing.values())) | set(_file_names(rows))
    bad = {}
    for row in rows:
        if not row.parent:
            continue
        if row.parent in (row.name, row.short_name, *row.aliases):
            bad[row.line] = "上级单位不能是本单位。"
        elif row.parent not in known:
            bad[row.line] = f"上级单位“{row.parent}”不在单位目录中，也不在本表中。"
    return bad


def _drop(rows: list[Row], report: Report, bad: dict[int, str]) -> list[Row]:
    report.problems += [Problem(r.line, r.name, bad[r.line]) for r in rows if r.line in bad]
    return [r for r in rows if r.line not in bad]


def _lookup(units) -> dict[str, Unit]:
    """Every name a unit answers to (full name first), for finding a parent."""
    found: dict[str, Unit] = {}
    for unit in units:
        found.setdefault(unit.name, unit)
    for unit in units:
        for name in unit.all_names():
            found.setdefault(name, unit)
    return found


def _file_names(rows: list[Row]) -> dict[str, str]:
    """Every name a row of the sheet gives its unit → the row's full name."""
    found: dict[str, str] = {}
    for row in rows:
        for name in (row.name, row.short_name, *row.aliases):
            if name:
                found.setdefault(name, row.name)
    return found


def _save(row: Row, government: Government, unit: Unit | None, report: Report) -> Unit:
    if unit is None:
        unit = Unit.objects.create(
            government=government,
            name=row.name,
            short_name=row.short_name,
            kind=row.kind or guess_kind(row.name),
        )
        report.created.append(row.name)
    else:
        changed = False
        if row.short_name and row.short_name != unit.short_name:
            unit.short_name, changed = row.short_name, True
        if row.kind and row.kind != unit.kind:
            unit.kind, changed = row.kind, True
        if changed:
            unit.save()
        (report.updated if changed else report.unchanged).append(row.name)
    new = [a for a in row.aliases if a not in unit.all_names()]
    for alias in new:
        UnitAlias.objects.create(government=government, unit=unit, name=alias)
    if new:
        # The prefetched aliases are stale now; the unit's search columns must see the new ones.
        getattr(unit, "_prefetched_objects_cache", {}).pop("aliases", None)
        unit.refresh_search()
    if new and row.name in report.unchanged:
        report.unchanged.remove(row.name)
        report.updated.append(row.name)
    return unit


def _label(value) -> str:
    return squeeze(fold(str(value or ""))).strip("*＊:：")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())
