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

    serve = commands.add_parser("serve", help="启动督办系统（网页与接口）")
    _data_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")

    createuser = commands.add_parser("createuser", help="新建用户")
    createuser.add_argument("username", metavar="NAME", help="用户名")
    createuser.add_argument("--role", required=True, choices=[r.value for r in _roles()])
    createuser.add_argument("--unit", help="所属单位（单位经办人、单位负责人）")
    createuser.add_argument("--person", help="对应领导姓名（领导，默认同用户名）")
    createuser.add_argument("--government", help="所属政府")
    createuser.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    _data_option(createuser)

    importer = commands.add_parser("import", help="导入任务分工方案，打印新方案编号")
    importer.add_argument("file", metavar="FILE", help="通知文件")
    importer.add_argument("--government", help="所属政府（默认取发文机关）")
    importer.add_argument("--confirm", action="store_true", help="导入后直接确认生效")
    importer.add_argument(
        "--create-missing-units", action="store_true", help="确认时新建目录中没有的单位和领导"
    )
    _data_option(importer)

    deadline = commands.add_parser("deadline", help="解析时限要求，输出到期日、调度频次（JSON）")
    deadline.add_argument("phrase", metavar="PHRASE", help="时限要求，如“11月中旬前完成”")
    deadline.add_argument("--year", type=int, required=True, help="方案年度，如 2022")
    deadline.add_argument("--content", default="", help="任务内容，从中读出阶段性节点")

    remind = commands.add_parser("remind", help="发送催办提醒：临期和逾期的报送任务（每日运行）")
    remind.add_argument(
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help="按此日期运行（默认今天）"
    )
    remind.add_argument(
        "--days", type=int, default=3, metavar="N", help="提前几个工作日提醒（默认 3）"
    )
    _data_option(remind)

    export = commands.add_parser("export", help="导出台账、季度进展汇总或分工方案")
    export.add_argument("kind", choices=["ledger", "summary", "plan"], help="导出什么")
    export.add_argument("--plan", type=int, required=True, metavar="ID", help="方案编号")
    export.add_argument("--period", metavar="2022-Q1", help="季度（summary 必填）")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    _data_option(export)

    bulletin = commands.add_parser("bulletin", help="导出某一期通报（Word，GB/T 9704 公文格式）")
    bulletin.add_argument("--plan", type=int, required=True, metavar="ID", help="方案编号")
    bulletin.add_argument("--period", required=True, help="通报期：2022-Q1、2022-03 或 2022")
    bulletin.add_argument("-o", "--output", required=True, metavar="FILE", help="输出 .docx 文件")
    _data_option(bulletin)

    demo = commands.add_parser("demo", help="生成演示数据：县、市或省规模（可复现）")
    demo.add_argument("--scale", choices=["county", "city", "province"], default="county")
    demo.add_argument(
        "--seed", type=int, default=1, help="随机种子（默认 1），同一种子生成相同数据"
    )
    demo.add_argument("--year", type=int, default=2026, help="方案年度（默认 2026）")
    _data_option(demo)

    backup = commands.add_parser("backup", help="备份数据库和全部上传文件到一个文件")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="备份文件（.zip）")
    _data_option(backup)

    restore = commands.add_parser("restore", help="把备份恢复到一个全新的空实例")
    restore.add_argument("file", metavar="FILE", help="duban backup 写出的备份文件")
    _data_option(restore)

    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args.files, args.json)
        if args.command == "deadline":
            return _deadline(args)
        return _web_command(args)
    except BrokenPipeError:
        # The reader (| head) stopped early: nothing left to say, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _data_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data", metavar="DIR", help="数据目录（默认 $DUBAN_DATA 或 ./duban-data）"
    )


def _roles():
    from duban.accounts.choices import Role

    return Role


def _web_command(args: argparse.Namespace) -> int:
    from duban.web import runtime

    folder = runtime.start(args.data)
    from duban.audit.context import acting_as
    from duban.errors import UserError

    try:
        with acting_as(None, via="cli"):
            if args.command == "serve":
                return _serve(folder, args.host, args.port)
            if args.command == "createuser":
                return _createuser(args)
            if args.command == "remind":
                return _remind(args)
            if args.command == "bulletin":
                return _bulletin(args)
            if args.command == "export":
                return _export(args)
            if args.command == "backup":
                return _backup(args)
            if args.command == "restore":
                return _restore(args)
            if args.command == "demo":
                return _demo(args)
            return _import(args)
    except UserError as exc:
        log.warning("%s failed: %s", args.command, exc.reason_en)
        print(exc.message_zh, file=sys.stderr)
        return 2


def _serve(folder, host: str, port: int) -> int:
    from duban.errors import UserError
    from duban.web import runtime

    admin = runtime.ensure_first_admin()

    def banner() -> None:
        print(f"数据目录：{folder}")
        if admin:
            print(f"已创建首位管理员：用户名 {admin[0]}，初始密码 {admin[1]}（登录后请修改密码）")
        print(f"督办系统已启动：http://{host}:{port}/  （按 Ctrl+C 停止）", flush=True)

    try:
        runtime.serve(host, port, on_ready=banner)
    except OSError as exc:
        raise UserError(f"无法在 {host}:{port} 上启动：端口可能已被占用。", str(exc)) from exc
    return 0


def _createuser(args: argparse.Namespace) -> int:
    import getpass

    from duban.accounts.services import create_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != password:
            print("两次输入的密码不一致。", file=sys.stderr)
            return 2
    user = create_user(
        args.username,
        args.role,
        password,
        unit=args.unit,
        person=args.person,
        government=args.government,
    )
    print(f"已创建用户 {user.username}（{user.get_role_display()}）")
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from duban.errors import UserError
    from duban.ledger.importing import import_notice
    from duban.ledger.review import confirm, unresolved

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}", f"cannot read file: {exc.strerror}") from exc
    plan = import_notice(data, path.name, args.government)
    pending = unresolved(plan).count()
    if args.confirm:
        try:
            plan = confirm(plan, create_missing=args.create_missing_units)
        except UserError as exc:
            exc.message_zh += f"\n方案 {plan.pk} 已导入为待审核草稿，可在网页上逐一确认名称。"
            raise
        pending = 0
    print(plan.pk)
    state = "已生效" if args.confirm else f"待审核，未确认名称 {pending} 个"
    print(f"方案 {plan.pk}：{plan.tasks.count()} 项任务，{state}", file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from duban.demo.build import PASSWORD, build
    from duban.errors import UserError
    from duban.ledger.models import Plan

    if Plan.objects.exists():
        raise UserError(
            "该数据目录中已有方案，演示数据只能生成到新的空数据目录中（请用 --data 指定）。",
            "demo into a database that already has plans",
        )
    summary = build(args.scale, seed=args.seed, year=args.year)
    print("\n".join(summary.lines()))
    print(f"演示用户的密码均为 {PASSWORD}，用户名见“用户管理”页面（如 g1-office1）。")
    return 0


def _remind(args: argparse.Namespace) -> int:
    """One reminder run; exit status 1 when a channel failed (it is retried next run),
    so cron mail or a failed systemd unit shows it."""
    from duban import clock
    from duban.errors import UserError
    from duban.reporting.remind import remind_once

    if args.days < 0:
        raise UserError("--days 不能为负数。", f"negative --days {args.days}")
    if args.today:
        clock.set_now(args.today)
    summary = remind_once(clock.today(), days_ahead=args.days)
    print(summary.line())
    return 1 if summary.failures else 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from duban.errors import UserError
    from duban.ledger.models import Plan
    from duban.reporting import outputs

    plan = Plan.objects.filter(pk=args.plan).first()
    if plan is None:
        raise UserError(f"没有编号为 {args.plan} 的方案。", f"no plan {args.plan}")
    if args.kind == "summary":
        if not args.period:
            raise UserError("导出季度进展汇总需要 --period，如 2022-Q1。", "summary without period")
        data = outputs.summary_file(plan, args.period)
    else:
        data = outputs.ledger_file(plan) if args.kind == "ledger" else outputs.plan_file(plan)
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise UserError(f"无法写入文件 {args.output}", str(exc)) from exc
    print(f"已导出到 {args.output}（{len(data) // 1024 + 1} KB）")
    return 0


def _bulletin(args: argparse.Namespace) -> int:
    """The period's latest issued bulletin, or else a draft composed now (not stored)."""
    from pathlib import Path

    from duban.errors import UserError
    from duban.inspection import bulletin_docx, bulletins
    from duban.inspection.models import Bulletin
    from duban.ledger.models import Plan

    plan = Plan.objects.filter(pk=args.plan).first()
    if plan is None:
        raise UserError(f"没有编号为 {args.plan} 的方案。", f"no plan {args.plan}")
    period = bulletins.parse_period(args.period).code
    item = plan.bulletins.filter(period=period, state=Bulletin.State.ISSUED).first()
    if item is None:
        title, body = bulletins.draft_text(bulletins.compose(plan, period), plan)
        item = Bulletin(plan=plan, period=period, title=title, body=body)
    Path(args.output).write_bytes(bulletin_docx.to_docx(item))
    state = f"已印发 {item.number}" if item.pk else "草稿（未印发）"
    print(f"通报 {item.title}：{state}，已写入 {args.output}", file=sys.stderr)
    return 0


def _backup(args: argparse.Namespace) -> int:
    """Exit status 1 when a file a row names is missing on disk: the archive is
    written, and cron mail shows the warning."""
    from duban.backup import write_archive

    written = write_archive(args.output)
    print(written.line())
    if written.missing:
        print(written.warning(), file=sys.stderr)
        return 1
    return 0


def _restore(args: argparse.Namespace) -> int:
    from duban.backup import restore_archive

    print(restore_archive(args.file).line())
    return 0


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD，不是 {text!r}") from None


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


def _deadline(args: argparse.Namespace) -> int:
    from duban.extract.deadlines import parse_deadline

    parsed = parse_deadline(args.phrase, args.year, args.content)
    print(json.dumps(parsed.to_json(), ensure_ascii=False, indent=1))
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
