"""The `duban` command line: parses arguments, calls the library, prints."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import unicodedata

from duban.extract import ExtractError, Plan, extract_file

log = logging.getLogger("duban")

_COLUMNS = (
    ("序号", 4),
    ("牵头领导", 12),
    ("牵头单位", 22),
    ("配合单位", 22),
    ("时限", 12),
    ("内容", 24),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="duban", description="督办：政府工作报告任务分工方案台账")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="把任务分工方案通知读成分工台账")
    extract.add_argument("files", nargs="+", metavar="FILE", help="通知文件")
    extract.add_argument("--json", action="store_true", help="输出 plan JSON")
    args = parser.parse_args(argv)
    try:
        return _extract(args.files, args.json)
    except BrokenPipeError:
        # The reader (| head) stopped early: nothing left to say, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _extract(files: list[str], as_json: bool) -> int:
    plans: list[Plan] = []
    for name in files:
        try:
            plans.append(extract_file(name))
        except ExtractError as exc:
            log.warning("extract %s failed: %s", name, exc.reason_en)
            print(f"{name}：{exc}", file=sys.stderr)
            return 2
    if as_json:
        data = [p.to_json() for p in plans]
        json.dump(data[0] if len(data) == 1 else data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for name, plan in zip(files, plans, strict=True):
        print(_render(name, plan))
    return 0


def _render(name: str, plan: Plan) -> str:
    doc = plan.document
    lines = [f"== {name}", f"文号：{doc.doc_number or '—'}  发文机关：{doc.issuer or '—'}"]
    lines.append(
        f"标题：{doc.title or '—'}  成文日期：{doc.issue_date or '—'}  年度：{doc.year or '—'}"
    )
    lines.append(f"任务 {len(plan.tasks)} 项，提示 {len(plan.diagnostics)} 条")
    lines.append("  ".join(_fit(title, width) for title, width in _COLUMNS))
    for task in plan.tasks:
        cells = (
            task.seq + ("×" if task.status == "abolished" else ""),
            "、".join(task.lead_leaders),
            "、".join(task.lead_units),
            "、".join(task.support_units),
            task.deadline or "",
            task.content,
        )
        lines.append("  ".join(_fit(c, w) for c, (_, w) in zip(cells, _COLUMNS, strict=True)))
    for d in plan.diagnostics:
        where = f"第 {d.line} 行" if d.line else ""
        lines.append(f"提示 [{d.code}] {where} {d.message}")
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut or pad to a display width (CJK characters are two columns wide)."""
    out = ""
    for ch in text:
        if _width(out + ch) > width - (1 if _width(text) > width else 0):
            out += "…"
            break
        out += ch
    return out + " " * (width - _width(out))


if __name__ == "__main__":
    sys.exit(main())
