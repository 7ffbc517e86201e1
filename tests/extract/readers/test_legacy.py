"""Legacy .doc/.wps/.rtf files go through LibreOffice when it is installed."""

import subprocess

import pytest

from duban.extract import ExtractError, extract_bytes
from duban.extract.readers import legacy, sniff


def rtf(*paragraphs: str) -> bytes:
    """A real RTF file: each non-ASCII character as an RTF Unicode escape."""
    body = "".join(
        "".join(
            ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?"
            for ch in p
        )
        + "\\par "
        for p in paragraphs
    )
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0 " + body + "}").encode("ascii")


RTF = rtf("1.推进县城污水处理厂建设。", "牵头单位：县发改局")


def test_rtf_and_ole_files_are_told_apart_by_content():
    assert sniff(RTF) == "rtf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")) == "doc"


@pytest.mark.skipif(legacy.soffice() is not None, reason="LibreOffice is installed here")
def test_without_libreoffice_the_message_says_what_to_install():
    with pytest.raises(ExtractError) as caught:
        extract_bytes(RTF)
    assert "LibreOffice" in caught.value.message_zh


@pytest.mark.skipif(legacy.soffice() is None, reason="LibreOffice is not installed here")
def test_an_rtf_notice_is_converted_and_read():
    plan = extract_bytes(RTF)
    assert plan.tasks[0].lead_units == ["县发改局"]


@pytest.mark.skipif(legacy.soffice() is None, reason="LibreOffice is not installed here")
def test_a_word_97_doc_is_converted_and_read(tmp_path):
    from builders.docx import DocxNotice

    source = tmp_path / "notice.docx"
    source.write_bytes(
        DocxNotice().paragraph("1.推进改革。").paragraph("牵头单位：县发改局").build()
    )
    subprocess.run(
        [
            legacy.soffice(),
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = (tmp_path / "notice.doc").read_bytes()
    assert sniff(data) == "doc"
    assert extract_bytes(data).tasks[0].lead_units == ["县发改局"]
