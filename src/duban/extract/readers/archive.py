"""Zip containers (.docx .xlsx .pptx .ofd) checked before anything reads them.

A zip's central directory says what it would unpack to, and Python's zipfile
never produces more than a member's declared size, so the directory alone is
enough to refuse a zip bomb without decompressing a byte: too much in total,
one big member squeezed absurdly small, or a flood of members. Member names
that are absolute or climb out with `..` are refused too: no reader here
writes members to disk, but such a name is never innocent and any tool a file
later reaches might. Stdlib only, so the extraction core stays framework-free
and the upload checks of the web side can use the same rules.
"""

from __future__ import annotations

import io
import re
import zipfile

from duban.extract.errors import ExtractError

# A notice or an evidence file unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
# XML compresses well, but not a hundredfold once a member is big: a
# multi-megabyte member that does is padding built to exhaust memory.
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_FROM = 5 * 1024 * 1024
# Many members each just under that size: the whole is held to a looser ratio.
MAX_TOTAL_RATIO = 200
TOTAL_SLACK = 10 * 1024 * 1024

BOMB = "文件解压后体积异常（疑似压缩炸弹），已拒绝读取"
_DRIVE = re.compile(r"^[A-Za-z]:")


def checked_members(data: bytes, max_unpacked: int = MAX_UNPACKED_BYTES) -> list[zipfile.ZipInfo]:
    """The members of the zip `data`, after refusing a broken or hostile container."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ExtractError("文件已损坏（压缩结构不完整），无法打开", f"broken zip: {exc}") from exc
    if len(infos) > MAX_MEMBERS:
        raise ExtractError(
            f"文件包含的条目过多（{len(infos)} 个，上限 {MAX_MEMBERS} 个），"
            "疑似恶意文件，已拒绝读取",
            f"zip with {len(infos)} members",
        )
    for info in infos:
        if unsafe_name(info.filename):
            raise ExtractError(
                "文件内含有指向其他目录的条目（如“../”或绝对路径），疑似恶意文件，已拒绝读取",
                f"zip member with unsafe name {info.filename!r}",
            )
        big = info.file_size > RATIO_CHECKED_FROM
        if big and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise ExtractError(
                BOMB, f"member {info.filename!r}: {info.file_size} from {info.compress_size}"
            )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unpacked or unpacked > MAX_TOTAL_RATIO * len(data) + TOTAL_SLACK:
        raise ExtractError(BOMB, f"zip unpacks to {unpacked} bytes from {len(data)}")
    return infos


def unsafe_name(name: str) -> bool:
    """A member name that is absolute, has a drive, a NUL, or a `..` step."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return ".." in re.split(r"[\\/]", name)
