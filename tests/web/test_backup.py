"""Backups: a world with reports, attachments, evidence and audit entries is backed
up, restored by the real `duban restore` into a fresh instance (a new data folder
on SQLite, a new database on PostgreSQL), and read back row by row, file by file.

Transactional tests: the backup reads committed data in a transaction of its own,
and the restored instance is a separate database the test reads through a second
connection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import subprocess
import sys
import urllib.parse
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.db.utils import load_backend

from duban import clock
from duban.accounts.models import ApiToken
from duban.audit.models import AuditEntry
from duban.backup import restore_archive, scope, write_archive
from duban.errors import UserError
from duban.inspection import findings
from duban.ledger.models import Plan
from duban.reporting import flow
from duban.reporting.models import Attachment
from web.personas import NOTICE
from web.reporting.flowkit import docx_bytes, head, jpeg_bytes, obligation, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

DUBAN = [sys.executable, "-m", "duban.cli"]
RESTORED = "restored"


@dataclass
class Instance:
    """A fresh duban instance: its data folder and the environment that selects its database."""

    data: Path
    env: dict


@pytest.fixture
def fresh(tmp_path):
    """An instance with nothing in it; the test reads its database as `RESTORED`."""
    data = tmp_path / "fresh"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DUBAN_DATA", "DATABASE_URL", "DUBAN_TEST_DATABASE")
    }
    name = str(data / "duban.sqlite3")
    if connection.vendor == "postgresql":
        name = f"test_backup_restore_{secrets.token_hex(4)}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = url._replace(path=f"/{name}").geturl()
    with connected(RESTORED, {**connection.settings_dict, "NAME": name}):
        yield Instance(data, env)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@contextmanager
def connected(alias: str, database: dict):
    """A connection made here, not declared in settings: Django's test case lets
    the test use it, and leaves it out of its own setup and teardown."""
    connections[alias] = load_backend(database["ENGINE"]).DatabaseWrapper(database, alias)
    try:
        yield
    finally:
        connections[alias].close()
        del connections[alias]


def duban(*args: str, instance: Instance) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*DUBAN, *args, "--data", str(instance.data)],
        capture_output=True,
        text=True,
        env=instance.env,
        timeout=300,
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def fill(world) -> None:
    """A signed and accepted quarterly report with two attachments, a closure
    request with a file, an inspection finding with a photo and an API token, all
    through the real services (so each leaves its audit entries)."""
    fgw = world.users["fgw"]
    world.token("fgw")
    with clock.frozen_at(dt.datetime(2022, 3, 20, 9, 0)):
        report = flow.draft_for(fgw, obligation(world, "fgw", 0, "2022-Q1"))
        flow.add_attachment(fgw, report, upload("进展情况.pdf", pdf_bytes("Q1 progress")))
        flow.add_attachment(fgw, report, upload("现场.png", png_bytes()))
        report = flow.save_draft(fgw, report, progress="规划中期评估已启动")
        report = flow.approve(head(world, "fgw"), flow.submit(fgw, report))
        flow.accept(world.users["admin"], report, "同意")
        request = flow.request_closure(fgw, world.tasks[0], "中期评估报告已印发")
        flow.add_attachment(fgw, request, upload("评估报告.docx", docx_bytes()))
        findings.record_with_evidence(
            world.users["inspector"],
            world.tasks[1],
            "issue",
            "进度滞后",
            dt.date(2022, 3, 20),
            files=[upload("照片.jpg", jpeg_bytes())],
        )


def duban_models():
    """Every table of duban's apps, found here rather than through scope.models()."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_config.name.startswith("duban.")
    ]


def rows(model, using: str = "default") -> list[dict]:
    return list(model._base_manager.using(using).order_by("pk").values())


def stored_names(using: str = "default") -> list[str]:
    return [
        getattr(obj, f.attname).name
        for model in duban_models()
        for f in scope.file_fields(model)
        for obj in model._base_manager.using(using).order_by("pk")
        if getattr(obj, f.attname).name
    ]


def test_a_backup_restores_into_a_fresh_instance_with_every_row_and_file(
    world, fresh, tmp_path, settings
):
    fill(world)
    archive = tmp_path / "duban-backup.zip"
    written = write_archive(archive)
    assert written.counts["reporting.attachment"] == 3 and written.files == 5
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    restored = duban("restore", str(archive), instance=fresh)

    assert restored.returncode == 0, restored.stderr
    audit = AuditEntry.objects.count()
    assert (
        f"方案 1 个、任务 3 项、报告 1 份、附件 3 个、督查佐证 1 个、用户 9 个、"
        f"操作记录 {audit} 条，文件 5 个"
    ) in restored.stdout
    # Groups and permissions are Django's, unused by duban: the only tables left out.
    assert {scope.label(m) for m in scope.left_out()} == {
        "accounts.user_groups",
        "accounts.user_user_permissions",
    }
    for model in duban_models():
        if model not in scope.left_out():
            assert rows(model, RESTORED) == rows(model), scope.label(model)
    # The restore wrote no audit entry of its own: the rows above are equal.
    assert audit > 20
    names = stored_names()
    assert len(names) == 5 and names == stored_names(RESTORED)
    for name in names:
        original = (Path(settings.MEDIA_ROOT) / name).read_bytes()
        assert (fresh.data / "uploads" / name).read_bytes() == original, name

    # The restored instance backs up to the same data through the real command.
    again = duban("backup", "-o", str(tmp_path / "again.zip"), instance=fresh)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"已备份到 {tmp_path / 'again.zip'}")
    first, second = (manifest(tmp_path / n) for n in ("duban-backup.zip", "again.zip"))
    assert second["tables"] == first["tables"] and second["files"] == first["files"]

    # New rows take ids after the restored ones (PostgreSQL's sequences were reset).
    token = ApiToken.objects.using(RESTORED).create(user_id=world.users["fgw"].pk, digest="0" * 64)
    entry = AuditEntry.objects.using(RESTORED).create(action="create", model="ledger.plan")
    assert token.pk > ApiToken.objects.latest("pk").pk
    assert entry.pk == AuditEntry.objects.latest("pk").pk + 1


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(scope.MANIFEST))


SNAPSHOT = """
import sys, threading
from duban.web import runtime
runtime.start(sys.argv[1])
from django.db import connection
from duban.audit.context import acting_as
from duban.backup.writer import snapshot
from duban.directory.models import Government

def write():
    with acting_as(None, via="cli"):
        Government.objects.create(name="新县")
    connection.close()

with snapshot():
    seen = [Government.objects.count()]
    writer = threading.Thread(target=write)
    writer.start()
    writer.join(timeout=10)
    seen.append(Government.objects.count())
print("writer waiting:", writer.is_alive(), "seen:", seen, "after:", Government.objects.count())
"""


def test_the_backup_reads_one_snapshot_and_keeps_no_writer_waiting(fresh):
    """A change committed while the backup reads is not seen by it, and the
    writer does not wait for the backup (on SQLite: no BEGIN IMMEDIATE)."""
    run = subprocess.run(
        [sys.executable, "-c", SNAPSHOT, str(fresh.data)],
        capture_output=True,
        text=True,
        env=fresh.env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "writer waiting: False seen: [0, 0] after: 1"


def test_restoring_into_an_instance_with_data_is_refused_and_changes_nothing(
    world, tmp_path, settings
):
    fill(world)
    archive = tmp_path / "b.zip"
    write_archive(archive)
    before = {scope.label(m): rows(m) for m in scope.models()}
    files = sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())

    with pytest.raises(
        UserError, match="当前实例中已有数据（操作记录 .* 行.*恢复只能在全新的实例上"
    ):
        restore_archive(archive)

    assert {scope.label(m): rows(m) for m in scope.models()} == before
    assert sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == files


def rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive, letting `change(name, data)` alter each member's bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info.filename)))


def test_a_truncated_altered_or_newer_archive_is_refused_in_chinese(world, tmp_path):
    archive = tmp_path / "c.zip"
    write_archive(archive)
    data = archive.read_bytes()

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match="已损坏或不完整（不是完整的 zip 文件），未恢复任何数据"):
        restore_archive(truncated)

    def swap_unit_names(name, content):
        if name == "data/directory.unit.jsonl":
            return content.replace("区财政局".encode(), "区税务局".encode())
        return content

    altered = tmp_path / "altered.zip"
    rewrite(archive, altered, swap_unit_names)
    with pytest.raises(UserError, match="directory.unit.jsonl 的校验值不符"):
        restore_archive(altered)

    def from_the_future(name, content):
        if name != scope.MANIFEST:
            return content
        data = json.loads(content)
        data["migrations"]["ledger"].append("0999_from_the_future")
        return json.dumps(data).encode()

    newer = tmp_path / "newer.zip"
    rewrite(archive, newer, from_the_future)
    with pytest.raises(UserError, match="备份来自更新版本的督办.*ledger.0999_from_the_future"):
        restore_archive(newer)

    not_ours = tmp_path / "other.zip"
    with zipfile.ZipFile(not_ours, "w") as other:
        other.writestr("readme.txt", "hello")
    with pytest.raises(UserError, match="缺少备份清单"):
        restore_archive(not_ours)


def test_a_restore_failing_while_loading_leaves_the_fresh_instance_empty(world, fresh, tmp_path):
    """An archive whose checksums hold but whose rows do not (the governments are
    gone, every unit still names one): the load fails at commit, the rows roll
    back and the files already written are removed."""
    fill(world)
    archive = tmp_path / "d.zip"
    write_archive(archive)
    inconsistent = tmp_path / "inconsistent.zip"
    government = "data/directory.government.jsonl"
    contents = manifest(archive)
    for table in contents["tables"]:
        if table["member"] == government:
            table.update(rows=0, size=0, sha256=hashlib.sha256(b"").hexdigest())

    def drop_governments(name, content):
        if name == government:
            return b""
        return json.dumps(contents).encode() if name == scope.MANIFEST else content

    rewrite(archive, inconsistent, drop_governments)

    failed = duban("restore", str(inconsistent), instance=fresh)

    assert failed.returncode == 2
    assert "中的数据前后不一致" in failed.stderr and "未恢复任何数据" in failed.stderr
    assert "Traceback" not in failed.stderr
    for model in scope.models():
        if scope.label(model) not in scope.SEEDED:
            assert not model._base_manager.using(RESTORED).exists(), scope.label(model)
    assert [p for p in (fresh.data / "uploads").rglob("*") if p.is_file()] == []


def test_a_file_missing_on_disk_is_listed_and_the_rest_is_backed_up(world, tmp_path, settings):
    fill(world)
    lost = Attachment.objects.order_by("pk").first()
    (Path(settings.MEDIA_ROOT) / lost.file.name).unlink()

    written = write_archive(tmp_path / "e.zip")

    assert written.missing == [
        {"model": "reporting.attachment", "pk": lost.pk, "name": lost.file.name}
    ]
    assert written.files == 4
    assert "1 个文件在磁盘上找不到" in written.warning() and lost.file.name in written.warning()
    assert manifest(tmp_path / "e.zip")["missing_files"] == written.missing


def test_a_backup_to_an_unwritable_place_is_refused_in_chinese(world, tmp_path):
    with pytest.raises(UserError, match="无法写入备份文件"):
        write_archive(tmp_path / "no-such-folder" / "f.zip")
    assert Plan.objects.count() == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)
def test_a_sqlite_backup_restores_into_postgresql(fresh, tmp_path):
    env = {k: v for k, v in fresh.env.items() if k != "DATABASE_URL"}
    source = Instance(tmp_path / "sqlite", env)
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    imported = duban("import", str(notice), "--confirm", "--create-missing-units", instance=source)
    assert imported.returncode == 0, imported.stderr
    archive = tmp_path / "from-sqlite.zip"
    assert duban("backup", "-o", str(archive), instance=source).returncode == 0
    assert manifest(archive)["engine"] == "sqlite"

    restored = duban("restore", str(archive), instance=fresh)

    assert restored.returncode == 0, restored.stderr
    sqlite = {
        **connection.settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(source.data / "duban.sqlite3"),
        "OPTIONS": {},
    }
    with connected("sqlite", sqlite):
        for model in scope.models():
            assert rows(model, RESTORED) == rows(model, "sqlite"), scope.label(model)
        assert rows(AuditEntry, "sqlite") and rows(Plan, "sqlite")
    name = Plan.objects.using(RESTORED).get().source_file.name
    assert (fresh.data / "uploads" / name).read_bytes() == notice.read_bytes()
