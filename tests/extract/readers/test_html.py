"""The .html reader, on pages built by tests/builders/html.py."""

from builders.html import page
from duban.extract import extract_bytes

LABELLED = """
<p style="text-align:center">关于印发2024年重点工作任务分工方案的通知</p>
<p>各乡镇人民政府，县政府各部门：</p>
<p>现将方案印发给你们，请认真贯彻落实。</p>
<p>青山县人民政府办公室</p><p>2024年3月5日</p>
<p>一、稳增长</p>
<p>1.地区生产总值增长6%。<br>牵头单位：县发改局<br>责任单位：县统计局</p>
<p>2.新增市场主体3000户。</p><p>牵头单位：县市场监管局</p>
"""

TABLE = """
<p>2024年重点工作任务分工方案</p>
<table border="1">
<tr><th>序号</th><th colspan="2">工作任务</th><th>牵头单位</th><th>配合单位</th></tr>
<tr><td colspan="5">一、稳增长</td></tr>
<tr><td>1</td><td rowspan="2">（一）扩大投资</td><td>新开工项目50个。</td>
    <td rowspan="2">县发改局</td><td>县财政局<br>县自然资源局</td></tr>
<tr><td>2</td><td>争取专项债券8亿元。</td><td></td></tr>
<tr><td>3</td><td>（二）促进消费</td><td>社零总额增长6%。</td><td>县商务局</td><td></td></tr>
</table>
"""


def test_the_article_is_read_and_the_page_around_it_is_not():
    plan = extract_bytes(page(LABELLED))
    assert [(t.seq, t.section, t.lead_units) for t in plan.tasks] == [
        ("1", ["一、稳增长"], ["县发改局"]),
        ("2", ["一、稳增长"], ["县市场监管局"]),
    ]
    assert plan.tasks[0].support_units == ["县统计局"]


def test_the_metadata_table_gives_the_document_number():
    doc = extract_bytes(page(LABELLED)).document
    assert doc.doc_number == "青政办〔2024〕12号"
    assert doc.title == "关于印发2024年重点工作任务分工方案的通知"
    assert (doc.issuer, doc.issue_date, doc.year) == ("青山县人民政府办公室", "2024-03-05", 2024)


def test_rowspan_and_colspan_are_resolved():
    tasks = extract_bytes(page(TABLE)).tasks
    assert [t.section for t in tasks] == [
        ["一、稳增长", "（一）扩大投资"],
        ["一、稳增长", "（一）扩大投资"],
        ["一、稳增长", "（二）促进消费"],
    ]
    assert [t.lead_units for t in tasks] == [["县发改局"], ["县发改局"], ["县商务局"]]
    assert [t.support_units for t in tasks] == [["县财政局", "县自然资源局"], [], []]


def test_a_gbk_page_is_read_whole():
    plan = extract_bytes(
        page(
            LABELLED
            + "<p>3.推进“一网通办”改革，实现事项全覆盖。</p><p>牵头单位：县政务服务中心</p>",
            charset="gbk",
        )
    )
    assert plan.tasks[-1].content == "推进“一网通办”改革，实现事项全覆盖。"
