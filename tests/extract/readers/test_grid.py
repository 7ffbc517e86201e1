"""Grid tables (pandoc's text form of a Word table), merges shown as gaps."""

from duban.extract.readers.text import parse_lines

GRID = """\
+------+--------------------+----------+--------+
| 序号 | 工作内容           | 牵头单位 | 责任领导 |
+======+====================+==========+========+
| 1    | 全年实施重点项目150 | 县发改局 | 常务副 |
|      | 个。               |          | 县长   |
|      |                    |          | 杜明远 |
+------+--------------------+----------+        +
| 2    | 争取专项债券资金。 | 县财政局 |        |
|      |                    |          |        |
|      |                    | 县税务局 |        |
+------+--------------------+----------+--------+
| 3    | 保障用地。         |          | 龚 磊  |
+------+--------------------+----------+--------+
"""


def test_cells_wrap_over_their_lines_and_a_gap_in_the_border_is_a_merge():
    (table,) = parse_lines(GRID.splitlines())
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts == [
        ["序号", "工作内容", "牵头单位", "责任领导"],
        ["1", "全年实施重点项目150个。", "县发改局", "常务副县长杜明远"],
        ["2", "争取专项债券资金。", "县财政局\n县税务局", ""],
        ["3", "保障用地。", "", "龚 磊"],
    ]
    merged = [[c.merged for c in row.cells] for row in table.rows[1:]]
    assert merged == [[False] * 4, [False, False, False, True], [False] * 4]


def test_a_grid_notice_reads_into_tasks(extract_text):
    plan = extract_text("2024年重点工作任务分工\n\n" + GRID)
    assert [(t.seq, t.lead_units, t.lead_leaders) for t in plan.tasks] == [
        ("1", ["县发改局"], ["杜明远"]),
        ("2", ["县财政局", "县税务局"], ["杜明远"]),
        ("3", [], ["龚磊"]),
    ]
