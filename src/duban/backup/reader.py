"""Restoring a backup archive into a fresh instance: all of it or nothing.

The order of checks: the manifest (a truncated zip fails here, its directory is
at the end), the archive's migrations (none this code does not know), every
member's size and sha256, the instance (empty: a restore never merges).
Only then are the files written and the rows loaded in one transaction; the
files go first, so a failure of either removes the files this restore wrote
and rolls the rows back, leaving the instance as empty as it was.

Rows are read by Django's deserializer and inserted raw, in batches: the
models' save() methods are skipped, so the Audited mixin writes no audit entry
of its own (the archive's entries come back as they were) and auto_now
timestamps keep their stored values. Django creates foreign keys deferrable on
SQLite and PostgreSQL: the order of the tables does not matter inside the
transaction, and a row that refers to a missing one fails the commit.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader

from duban.backup import scope
from duban.errors import UserError

log = logging.getLogger("duban.backup")

CHUNK_BYTES = 1 << 20
BATCH_ROWS = 500
# What reading a damaged zip member raises: a bad CRC, a broken deflate stream,
# a member cut short.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)
_MANIFEST_KEYS = {
    "version",
    "duban",
    "created_at",
    "migrations",
    "tables",
    "files",
    "missing_files",
}


@dataclass
class Restored:
    created_at: str
    duban: str
    counts: dict[str, int]
    files: int
    missing: int

    def line(self) -> str:
        text = (
            f"已恢复 {self.created_at} 的备份（督办 {self.duban}）：{scope.describe(self.counts)}，"
            f"文件 {self.files} 个"
        )
        if self.missing:
            text += f"；备份时已缺失的文件 {self.missing} 个（见备份清单）"
        return text


def restore_archive(path: Path) -> Restored:
    """Restore the archive at `path` into this instance, which must hold no data."""
    path = Path(path)
    archive = _open(path)
    with archive:
        manifest = _manifest(archive, path)
        _check_migrations(manifest)
        _verify(archive, manifest, path)
        _require_empty()
        written: list[tuple] = []
        try:
            _write_files(archive, manifest, written)
            with transaction.atomic():
                counts = _load_rows(archive, manifest, path)
                _reset_sequences(manifest)
        except IntegrityError as exc:
            _remove(written)
            raise UserError(
                f"备份 {path} 中的数据前后不一致（有记录引用了不存在的记录，或重复），"
                "未恢复任何数据。",
                f"integrity error while loading: {exc}",
            ) from exc
        except OSError as exc:
            _remove(written)
            raise UserError(f"写入上传文件失败：{exc.strerror}，没有恢复。", str(exc)) from exc
        except BaseException:
            _remove(written)
            raise
    log.info("restored %s: %d rows, %d files", path, sum(counts.values()), len(manifest["files"]))
    return Restored(
        created_at=manifest["created_at"],
        duban=manifest["duban"],
        counts=counts,
        files=len(manifest["files"]),
        missing=len(manifest["missing_files"]),
    )


def _damaged(path: Path, what: str) -> UserError:
    return UserError(
        f"备份文件 {path} 已损坏或不完整（{what}），未恢复任何数据。请换一份完整的备份。",
        f"damaged archive {path}: {what}",
    )


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UserError(f"找不到备份文件 {path}。", f"no such file {path}") from None
    except zipfile.BadZipFile as exc:
        raise _damaged(path, "不是完整的 zip 文件") from exc
    except OSError as exc:
        raise UserError(f"无法读取备份文件 {path}：{exc.strerror}", str(exc)) from exc


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict:
    try:
        manifest = json.loads(archive.read(scope.MANIFEST))
    except KeyError:
        raise _damaged(path, "缺少备份清单 manifest.json") from None
    except (*_DAMAGE, ValueError) as exc:
        raise _damaged(path, "备份清单无法读取") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != scope.FORMAT:
        raise UserError(f"{path} 不是督办的备份文件。", "not a duban backup")
    if manifest.get("version") != scope.VERSION:
        raise UserError(
            f"备份格式版本 {manifest.get('version')} 与当前督办（版本 {scope.VERSION}）不符，"
            f"请用备份时的督办版本 {manifest.get('duban')} 恢复。",
            f"archive format {manifest.get('version')}",
        )
    if lacking := _MANIFEST_KEYS - manifest.keys():
        raise _damaged(path, f"备份清单缺少 {'、'.join(sorted(lacking))}")
    return manifest


def _check_migrations(manifest: dict) -> None:
    """An archive from a newer duban has tables or columns this code cannot hold.
    An older archive loads into today's tables, new columns taking their defaults."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for squashed in loader.replacements.values():
        known.update(squashed.replaces)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise UserError(
            f"备份来自更新版本的督办（{manifest['duban']}），当前版本不认识它的数据结构"
            f"（{'、'.join(unknown[:5])}）。请先升级督办再恢复。",
            f"unknown migrations {unknown}",
        )


def _require_empty() -> None:
    present = {
        model._meta.verbose_name: count
        for model in scope.models()
        if scope.label(model) not in scope.SEEDED and (count := model._base_manager.count())
    }
    if present:
        listed = "、".join(f"{name} {count} 行" for name, count in list(present.items())[:5])
        raise UserError(
            f"当前实例中已有数据（{listed}），没有恢复。恢复只能在全新的实例上进行："
            "请换一个新的空数据目录（--data），或新建一个空的 PostgreSQL 数据库，"
            "再运行 duban restore。",
            f"instance not empty: {present}",
        )


def _verify(archive: zipfile.ZipFile, manifest: dict, path: Path) -> None:
    for entry in [*manifest["tables"], *manifest["files"]]:
        sha = hashlib.sha256()
        size = 0
        try:
            with archive.open(entry["member"]) as member:
                while chunk := member.read(CHUNK_BYTES):
                    sha.update(chunk)
                    size += len(chunk)
        except KeyError:
            raise _damaged(path, f"缺少 {entry['member']}") from None
        except _DAMAGE as exc:
            raise _damaged(path, f"{entry['member']} 读取出错") from exc
        if size != entry["size"] or sha.hexdigest() != entry["sha256"]:
            raise _damaged(path, f"{entry['member']} 的校验值不符")


def _write_files(archive: zipfile.ZipFile, manifest: dict, written: list[tuple]) -> None:
    """Store each file under its old name; `written` collects what to remove on failure."""
    for entry in manifest["files"]:
        storage = _field(entry["field"]).storage
        name = entry["name"]
        try:
            if storage.exists(name):
                _require_same(storage, name, entry["sha256"])
                continue
            with archive.open(entry["member"]) as member:
                saved = storage.save(name, File(member, name=name))
        except SuspiciousFileOperation as exc:
            raise UserError(f"备份中的文件名不安全：{name}", str(exc)) from exc
        written.append((storage, saved))
        if saved != name:
            raise UserError(
                f"无法按原名保存文件 {name}，没有恢复。", f"storage saved {name} as {saved}"
            )


def _require_same(storage, name: str, sha256: str) -> None:
    """A file left in the upload folder by an earlier, failed attempt is reused
    when it is the same file; another file under that name is not overwritten."""
    sha = hashlib.sha256()
    with storage.open(name, "rb") as existing:
        while chunk := existing.read(CHUNK_BYTES):
            sha.update(chunk)
    if sha.hexdigest() != sha256:
        raise UserError(
            f"上传目录中已有另一个同名文件 {name}，没有恢复。请换一个新的空数据目录。",
            f"different file at {name}",
        )


def _load_rows(archive: zipfile.ZipFile, manifest: dict, path: Path) -> dict[str, int]:
    for seeded in scope.SEEDED:
        apps.get_model(seeded)._base_manager.all().delete()
    counts: dict[str, int] = {}
    for table in manifest["tables"]:
        model = _model(table["model"])
        loaded = 0
        batch = []
        try:
            with archive.open(table["member"]) as raw:
                lines = io.TextIOWrapper(raw, encoding="utf-8")
                for item in serializers.deserialize("jsonl", lines):
                    if type(item.object) is not model:
                        raise _damaged(path, f"{table['member']} 中有其他表的记录")
                    batch.append(item.object)
                    if len(batch) == BATCH_ROWS:
                        loaded += _insert(model, batch)
                        batch = []
                loaded += _insert(model, batch)
        except serializers.base.DeserializationError as exc:
            raise UserError(
                f"备份中 {table['model']} 的数据无法读入当前版本的督办，没有恢复。"
                f"请用备份时的督办版本 {manifest['duban']} 恢复后再升级。",
                f"cannot load {table['model']}: {exc}",
            ) from exc
        if loaded != table["rows"]:
            raise _damaged(path, f"{table['member']} 的行数不符")
        counts[table["model"]] = loaded
    return counts


def _insert(model, objs: list) -> int:
    """Insert rows as stored, in batches. Raw, as a deserialized object's save()
    inserts one row: bulk_create would stamp auto_now_add fields (created_at,
    uploaded_at, an audit entry's time) with the time of the restore."""
    fields = model._meta.local_concrete_fields
    size = max(1, min(BATCH_ROWS, connection.ops.bulk_batch_size(fields, objs)))
    for start in range(0, len(objs), size):
        model._base_manager._insert(
            objs[start : start + size], fields=fields, raw=True, using=connection.alias
        )
    return len(objs)


def _reset_sequences(manifest: dict) -> None:
    """PostgreSQL's id sequences start after the restored ids (SQLite needs nothing)."""
    models = [_model(t["model"]) for t in manifest["tables"]]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _remove(written: list[tuple]) -> None:
    for storage, name in written:
        try:
            storage.delete(name)
        except OSError:
            log.exception("restore: could not remove %s after a failure", name)


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        raise UserError(
            f"备份中的数据表 {label} 在当前版本的督办中不存在，没有恢复。",
            f"unknown model {label}",
        ) from None


def _field(path: str):
    label, _, name = path.rpartition(".")
    return _model(label)._meta.get_field(name)
