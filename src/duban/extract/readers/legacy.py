"""Legacy word-processor files (.doc, .wps, .rtf) through LibreOffice.

No maintained pure-Python library reads .doc or WPS's .wps well; LibreOffice
does. When `soffice` is installed the file is converted to .docx (headless,
in a private profile, with a time limit) and read by the .docx reader; when it
is not, the user is told what to install or how to save the file instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from duban.extract.blocks import Block
from duban.extract.errors import ExtractError
from duban.extract.readers.docx import read_docx

TIMEOUT_SECONDS = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, suffix: str) -> list[Block]:
    program = soffice()
    if program is None:
        raise ExtractError(
            "读取旧版 Word/WPS/RTF 文件需要安装 LibreOffice（soffice）；"
            "也可在 Word/WPS 中另存为 .docx 后再导入",
            "LibreOffice (soffice) is not installed",
        )
    with tempfile.TemporaryDirectory(prefix="duban-") as tmp:
        source = Path(tmp) / f"notice{suffix}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExtractError(
                "文件转换超时，请另存为 .docx 后再导入", "soffice timed out"
            ) from exc
        converted = Path(tmp) / "notice.docx"
        if not converted.exists():
            raise ExtractError(
                "文件无法转换，可能已损坏；请另存为 .docx 后再导入", "soffice conversion failed"
            )
        return read_docx(converted.read_bytes())
