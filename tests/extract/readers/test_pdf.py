"""The PDF reader, on real PDFs drawn by tests/builders/pdf.py."""

import pytest

from builders.pdf import PdfNotice, scanned_pdf
from duban.extract import ExtractError, extract_bytes, extract_file
from duban.extract.blocks import Paragraph, Table
from duban.extract.readers.pdf import read_pdf

HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
TABLE = [
    HEADER,
    ["1", "新建幼儿园2所。", "县教育局", "县住建局", "10月底前"],
    ["2", "新增学位540个。", None, None, "12月底前"],
    ["3", "改造农村公路\n30公里。", "县交通局", None, "年内完成"],
]
MERGED = [((1, 2), (2, 2))]  # 县教育局 leads tasks 1 and 2


def paragraphs(data: bytes) -> list[str]:
    return [b.text for b in read_pdf(data) if isinstance(b, Paragraph)]


def tables(data: bytes) -> list[Table]:
    return [b for b in read_pdf(data) if isinstance(b, Table)]


def test_lines_are_read_top_to_bottom_and_page_after_page():
    lines = [f"第{n}行文字，内容照印。" for n in range(1, 13)]
    notice = PdfNotice(page_height=400)
    for line in lines:
        notice.paragraph(line)
    blocks = read_pdf(notice.build())
    assert [b.text for b in blocks] == lines
    assert [b.line for b in blocks] == list(range(1, 13))


def test_page_numbers_and_running_headers_are_not_text():
    notice = PdfNotice(page_height=400, header="2025年重点工作任务分工方案")
    for n in range(1, 26):  # three pages
        notice.paragraph(f"第{n}行。")
    texts = paragraphs(notice.build())
    assert texts == [f"第{n}行。" for n in range(1, 26)]


def test_characters_printed_twice_for_bold_are_read_once():
    data = PdfNotice().paragraph("关于印发重点工作任务分工的通知", bold=True).build()
    assert paragraphs(data) == ["关于印发重点工作任务分工的通知"]


def test_a_ruled_table_is_read_with_its_cells_and_its_text_is_not_read_again():
    data = PdfNotice().paragraph("表前一行。").table(TABLE, MERGED).paragraph("表后一行。").build()
    blocks = read_pdf(data)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["表前一行。", "表后一行。"]
    table = blocks[1]
    assert [c.text for c in table.rows[0].cells] == HEADER
    assert table.rows[3].cells[1].text == "改造农村公路\n30公里。"
    assert [r.line for r in table.rows] == [2, 3, 4, 5]
    assert blocks[2].line == 6


def test_a_cell_under_a_vertical_merge_is_known_to_be_merged_and_an_empty_cell_is_not():
    (table,) = tables(PdfNotice().table(TABLE, MERGED).build())
    assert [(c.text, c.merged) for c in table.rows[2].cells[2:4]] == [("", True), ("", False)]
    assert table.rows[1].cells[2].text == "县教育局"


def test_cells_under_a_horizontal_span_are_empty_not_merged():
    rows = [HEADER, ["一、办好民生实事", None, None, None, None], *TABLE[1:]]
    (table,) = tables(PdfNotice().table(rows, [((1, 0), (1, 4))]).build())
    assert [(c.text, c.merged) for c in table.rows[1].cells] == [
        ("一、办好民生实事", False),
        *[("", False)] * 4,
    ]


def test_a_merged_cell_repeats_and_a_truly_empty_cell_stays_empty():
    tasks = extract_bytes(PdfNotice().table(TABLE, MERGED).build()).tasks
    assert [t.lead_units for t in tasks] == [["县教育局"], ["县教育局"], ["县交通局"]]
    assert [t.support_units for t in tasks] == [["县住建局"], [], []]


def test_a_table_continued_on_the_next_page_is_read_as_one_table():
    rows = [
        HEADER[:4],
        *([str(n), f"完成第{n}项工作。", "县发改局", "县财政局"] for n in range(1, 21)),
    ]
    notice = (
        PdfNotice(page_height=600)
        .paragraph("某县人民政府办公室")
        .paragraph("关于印发2025年重点工作任务分工方案的通知")
        .table(rows)
    )
    data = notice.build()
    fragments = tables(data)
    assert len(fragments) == 2
    assert [c.text for c in fragments[1].rows[0].cells] == HEADER[:4]
    tasks = extract_bytes(data).tasks
    assert [t.seq for t in tasks] == [str(n) for n in range(1, 21)]
    assert {(tuple(t.lead_units), tuple(t.support_units)) for t in tasks} == {
        (("县发改局",), ("县财政局",))
    }


def test_numbered_paragraphs_with_labelled_units_are_tasks():
    data = (
        PdfNotice()
        .paragraph("关于印发2025年重点工作任务分工方案的通知")
        .paragraph("1.推进某工作。")
        .paragraph("牵头单位：县发改局")
        .paragraph("2.抓好另一项工作。")
        .paragraph("牵头单位：县财政局")
        .build()
    )
    tasks = extract_bytes(data).tasks
    assert [(t.seq, t.content, t.lead_units) for t in tasks] == [
        ("1", "推进某工作。", ["县发改局"]),
        ("2", "抓好另一项工作。", ["县财政局"]),
    ]


def test_a_scanned_pdf_asks_for_a_text_version():
    with pytest.raises(ExtractError) as caught:
        read_pdf(scanned_pdf())
    assert caught.value.message_zh == (
        "该 PDF 是扫描件，没有可读取的文字层，请提供文字版 PDF、Word 或文本文件"
    )


def test_a_broken_pdf_says_it_is_broken():
    data = PdfNotice().paragraph("1.推进某工作。").build()
    with pytest.raises(ExtractError) as caught:
        read_pdf(data[: len(data) // 2])
    assert caught.value.message_zh == "PDF 文件已损坏，无法打开"


def test_a_password_protected_pdf_asks_for_the_password_to_be_removed():
    data = PdfNotice(password="1234").paragraph("1.推进某工作。").build()
    with pytest.raises(ExtractError, match="password-protected"):
        read_pdf(data)


def test_a_wrong_extension_does_not_matter(tmp_path):
    data = PdfNotice().paragraph("1.推进某工作。").paragraph("牵头单位：县发改局").build()
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    assert extract_file(path).tasks[0].lead_units == ["县发改局"]
