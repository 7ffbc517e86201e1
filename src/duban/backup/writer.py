"""Writing a backup archive from one consistent view of the database.

Every row is read inside one read-only transaction that sees a single snapshot:
PostgreSQL's REPEATABLE READ; on SQLite a deferred read transaction, which in
WAL mode reads one snapshot and, unlike Django's BEGIN IMMEDIATE, keeps no
writer waiting. Stored files are copied after the rows: once stored a file is
never overwritten or deleted (the storage gives every upload a name of its
own), so each file a row of the snapshot names is still there, unchanged.

Rows are streamed (iterator in chunks, a server-side cursor on PostgreSQL)
and the archive is written to a temporary file renamed into place at the end,
so memory does not grow with the database and a failed run leaves no
half-written archive under the requested name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from duban import __version__
from duban.backup import scope
from duban.errors import UserError

log = logging.getLogger("duban.backup")

CHUNK_ROWS = 2000
CHUNK_BYTES = 1 << 20


@dataclass
class Written:
    path: Path
    size: int
    counts: dict[str, int]
    files: int
    missing: list[dict] = field(default_factory=list)

    def line(self) -> str:
        megabytes = self.size / (1 << 20)
        return (
            f"已备份到 {self.path}（{megabytes:.1f} MB）：{scope.describe(self.counts)}，"
            f"文件 {self.files} 个"
        )

    def warning(self) -> str:
        names = "、".join(m["name"] for m in self.missing[:10])
        more = "等" if len(self.missing) > 10 else ""
        return (
            f"警告：{len(self.missing)} 个文件在磁盘上找不到，未能备份"
            f"（已记入备份清单）：{names}{more}"
        )


def write_archive(path: Path) -> Written:
    """Back up the database and the stored files into the zip file `path`.

    The archive holds password hashes: it is created readable by its owner only.
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise UserError(f"无法写入备份文件 {path}：{exc.strerror}", str(exc)) from exc
    partial = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            manifest = _write(archive)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"无法写入备份文件 {path}：{exc.strerror}", str(exc)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Written(
        path=path,
        size=path.stat().st_size,
        counts={t["model"]: t["rows"] for t in manifest["tables"]},
        files=len(manifest["files"]),
        missing=manifest["missing_files"],
    )


def _write(archive: zipfile.ZipFile) -> dict:
    references: list[tuple] = []
    with snapshot():
        taken = timezone.localtime()
        migrations = scope.applied_migrations()
        tables = [_write_table(archive, model, references) for model in scope.models()]
        for model in scope.left_out():
            if rows := model._base_manager.count():
                log.warning("backup leaves out %s: %d rows", scope.label(model), rows)
    files, missing = _write_files(archive, references)
    manifest = {
        "format": scope.FORMAT,
        "version": scope.VERSION,
        "duban": __version__,
        "created_at": taken.isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "migrations": migrations,
        "tables": tables,
        "files": files,
        "missing_files": missing,
    }
    archive.writestr(scope.MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


@contextmanager
def snapshot():
    """Reads inside see one committed state of the whole database."""
    if connection.in_atomic_block:
        raise RuntimeError("a backup needs a transaction of its own, not the caller's")
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor != "sqlite":
        raise UserError("备份只支持 SQLite 和 PostgreSQL 数据库。", f"vendor {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def _write_table(archive: zipfile.ZipFile, model, references: list[tuple]) -> dict:
    """Stream one table into its member; note the stored files its rows name."""
    rows = 0
    file_fields = scope.file_fields(model)

    def each():
        nonlocal rows
        for obj in model._base_manager.order_by("pk").iterator(chunk_size=CHUNK_ROWS):
            rows += 1
            for f in file_fields:
                if name := getattr(obj, f.attname).name:
                    references.append((f, name, scope.label(model), obj.pk))
            yield obj

    with archive.open(
        _member(scope.member(model), zipfile.ZIP_DEFLATED), "w", force_zip64=True
    ) as raw:
        sink = _Digest(raw)
        text = io.TextIOWrapper(io.BufferedWriter(sink, CHUNK_BYTES), encoding="utf-8")
        serializers.serialize(
            "jsonl", each(), stream=text, fields=scope.serialized_fields(model), cls=_Exact
        )
        text.close()
    return {
        "model": scope.label(model),
        "member": scope.member(model),
        "rows": rows,
        "size": sink.size,
        "sha256": sink.hexdigest(),
    }


def _write_files(archive: zipfile.ZipFile, references: list[tuple]) -> tuple[list, list]:
    """Copy each referenced file once; a file missing on disk is logged and listed."""
    files: list[dict] = []
    missing: list[dict] = []
    seen: set[str] = set()
    for f, name, owner, pk in references:
        if name in seen:
            continue
        seen.add(name)
        try:
            source = f.storage.open(name, "rb")
        except FileNotFoundError:
            log.warning("backup: %s %s refers to missing file %s", owner, pk, name)
            missing.append({"model": owner, "pk": pk, "name": name})
            continue
        except OSError as exc:
            raise UserError(f"无法读取上传文件 {name}：{exc.strerror}", str(exc)) from exc
        info = _member(f"files/{name}", zipfile.ZIP_STORED)
        with source, archive.open(info, "w", force_zip64=True) as raw:
            sink = _Digest(raw)
            while chunk := source.read(CHUNK_BYTES):
                sink.write(chunk)
        files.append(
            {
                "name": name,
                "field": f"{owner}.{f.name}",
                "member": info.filename,
                "size": sink.size,
                "sha256": sink.hexdigest(),
            }
        )
    return files, missing


class _Exact(DjangoJSONEncoder):
    """Times with all six digits of their microseconds: Django's encoder keeps
    three, as JavaScript does, and a restore must give back what was stored."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _member(name: str, compression: int) -> zipfile.ZipInfo:
    """Stored files are mostly compressed already (images, PDF, Office): kept as they are."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = compression
    return info


class _Digest(io.RawIOBase):
    """Passes bytes on to an archive member, counting and hashing them."""

    def __init__(self, sink):
        self._sink = sink
        self._sha = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._sink.write(data)
        self._sha.update(data)
        self.size += len(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()
