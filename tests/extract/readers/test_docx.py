"""The .docx reader, on real Word files built by tests/builders/docx.py."""

from builders.docx import DocxNotice
from duban.extract import extract_bytes
from duban.extract.blocks import Paragraph, Table
from duban.extract.readers.docx import read_docx


def test_word_numbering_is_rendered_into_the_text():
    data = (
        DocxNotice()
        .numbered(0, "稳增长")
        .numbered(1, "扩大投资")
        .numbered(2, "新开工项目50个。")
        .numbered(2, "争取专项债券8亿元。")
        .numbered(1, "促进消费")
        .numbered(2, "举办消费季活动。")
        .numbered(0, "惠民生")
        .build()
    )
    texts = [b.text for b in read_docx(data) if isinstance(b, Paragraph)]
    assert texts == [
        "一、稳增长",
        "（一）扩大投资",
        "1.新开工项目50个。",
        "2.争取专项债券8亿元。",
        "（二）促进消费",
        "1.举办消费季活动。",
        "二、惠民生",
    ]


def test_tasks_numbered_by_word_are_read_with_their_sections():
    data = (
        DocxNotice()
        .numbered(0, "稳增长")
        .numbered(2, "新开工项目50个。")
        .paragraph("牵头单位：县发改局")
        .numbered(2, "争取专项债券8亿元。")
        .paragraph("牵头单位：县财政局")
        .build()
    )
    plan = extract_bytes(data)
    assert [(t.seq, t.section, t.lead_units) for t in plan.tasks] == [
        ("1", ["一、稳增长"], ["县发改局"]),
        ("2", ["一、稳增长"], ["县财政局"]),
    ]


TABLE = [
    ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "新建幼儿园2所。", "县教育局", "县住建局", "10月底前"],
    ["2", "新增学位540个。", None, None, "12月底前"],
    ["3", "改造农村公路30公里。", "县交通局", None, "年内完成"],
]


def test_vertically_merged_cells_are_known_to_be_merged():
    data = DocxNotice().table(TABLE, merges=[((1, 2), (2, 2))]).build()
    (table,) = [b for b in read_docx(data) if isinstance(b, Table)]
    assert [c.merged for c in table.rows[2].cells][2:4] == [True, False]
    assert table.rows[1].cells[2].text == "县教育局"


def test_a_merged_cell_repeats_and_a_truly_empty_cell_stays_empty():
    data = DocxNotice().table(TABLE, merges=[((1, 2), (2, 2))]).build()
    tasks = extract_bytes(data).tasks
    assert [t.lead_units for t in tasks] == [["县教育局"], ["县教育局"], ["县交通局"]]
    assert [t.support_units for t in tasks] == [["县住建局"], [], []]


def test_a_heading_row_merged_across_the_table_is_a_section():
    rows = [TABLE[0], ["一、办好民生实事", None, None, None, None], *TABLE[1:]]
    data = DocxNotice().table(rows, merges=[((1, 0), (1, 4))]).build()
    assert {tuple(t.section) for t in extract_bytes(data).tasks} == {("一、办好民生实事",)}


def test_text_boxes_are_read():
    data = DocxNotice().text_box("附件1").paragraph("1.推进改革。").build()
    texts = [b.text for b in read_docx(data) if isinstance(b, Paragraph)]
    assert "附件1" in texts


def test_a_wrong_extension_does_not_matter(tmp_path):
    data = DocxNotice().paragraph("1.推进改革。").paragraph("牵头单位：县发改局").build()
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    from duban.extract import extract_file

    assert extract_file(path).tasks[0].lead_units == ["县发改局"]
