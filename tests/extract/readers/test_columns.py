"""Tables laid out with spaces, as a PDF's text keeps its layout."""

from duban.extract.readers.text import parse_lines

LAYOUT = """\
2025年重点任务分工方案

序号        重点任务            责任领导    牵头单位      配合单位          完成时限
一、稳住经济增长基本盘
 1    全县地区生产总值增长6%  罗振宇      县发改局      县财政局、县统计  全年
      左右，“规上”工业增加值                            局、县工信局
      增长8%以上。
 2    开展消费提振年活动，举  陶 静       县商务局      县市场监管局      2025年12月
      办促销活动20场以上。                                                底前

                                   — 2 —

序号        重点任务            责任领导    牵头单位      配合单位          完成时限
二、加快产业转型升级
 3    推动纺织服装产业提档升  石 磊、     县工信局      县发改局          长期坚持
      级。                    罗振宇
抄送：县委各部门。
"""


def test_columns_are_found_by_the_gaps_every_row_leaves():
    blocks = parse_lines(LAYOUT.splitlines())
    (table,) = [b for b in blocks if hasattr(b, "rows")]
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[0] == ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
    assert texts[1] == ["一、稳住经济增长基本盘"]
    assert texts[2] == [
        "1",
        "全县地区生产总值增长6%左右，“规上”工业增加值增长8%以上。",
        "罗振宇",
        "县发改局",
        "县财政局、县统计局、县工信局",
        "全年",
    ]
    assert texts[3][5] == "2025年12月底前"
    assert len(texts) == 6, "the page mark and the repeated header are not rows"
    assert blocks[-1].text == "抄送：县委各部门。"


def test_a_layout_table_reads_into_tasks(extract_text):
    plan = extract_text(LAYOUT)
    assert [(t.seq, t.section[-1], t.lead_leaders) for t in plan.tasks] == [
        ("1", "一、稳住经济增长基本盘", ["罗振宇"]),
        ("2", "一、稳住经济增长基本盘", ["陶静"]),
        ("3", "二、加快产业转型升级", ["石磊", "罗振宇"]),
    ]
