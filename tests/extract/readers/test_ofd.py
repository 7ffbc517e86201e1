"""The OFD reader, on OFD packages built by tests/builders/ofd.py."""

import io
import zipfile

import pytest

from builders.ofd import ofd_notice
from duban.extract import ExtractError, extract_bytes
from duban.extract.readers.ofd import read_ofd

PAGES = [
    ["某县人民政府办公室", "关于印发2025年重点工作任务分工方案的通知", "1.推进某工作。"],
    ["牵头单位：县发改局", "2.抓好另一项工作。", "牵头单位：县财政局  配合单位：县教育局"],
]


def test_lines_are_read_in_printed_order_whatever_the_order_of_the_objects():
    blocks = read_ofd(ofd_notice(PAGES))
    assert [b.text for b in blocks] == [
        "某县人民政府办公室",
        "关于印发2025年重点工作任务分工方案的通知",
        "1.推进某工作。",
        "牵头单位：县发改局",
        "2.抓好另一项工作。",
        "牵头单位：县财政局 配合单位：县教育局",
    ]
    assert [b.line for b in blocks] == [1, 2, 3, 4, 5, 6]


def test_a_notice_is_extracted_from_ofd():
    tasks = extract_bytes(ofd_notice(PAGES)).tasks
    assert [(t.seq, t.content, t.lead_units, t.support_units) for t in tasks] == [
        ("1", "推进某工作。", ["县发改局"], []),
        ("2", "抓好另一项工作。", ["县财政局"], ["县教育局"]),
    ]


def test_an_ofd_without_text_says_so():
    with pytest.raises(ExtractError, match="OFD without text"):
        read_ofd(ofd_notice([[]], page_numbers=False))


def test_a_broken_ofd_says_it_is_broken():
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(ofd_notice(PAGES))) as source,
        zipfile.ZipFile(out, "w") as copy,
    ):
        for name in source.namelist():
            if name != "Doc_0/Pages/Page_1/Content.xml":
                copy.writestr(name, source.read(name))
    with pytest.raises(ExtractError) as caught:
        extract_bytes(out.getvalue())
    assert caught.value.message_zh == "OFD 文件已损坏，无法打开"
