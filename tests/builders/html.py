"""A government-site page around a notice: navigation, metadata table, article, footer."""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}</title>
<script>var nav = "一、不是正文";</script><style>.x{{color:red}}</style></head>
<body>
<div class="nav">首页 | 政务公开 | 政策文件</div>
<div class="breadcrumb">您当前的位置：首页 &gt; 政府文件</div>
<table class="xxgk">
<tr><td>索引号</td><td>0142671915/2024-00039</td><td>分类</td><td>通知</td></tr>
<tr><td>发文机关</td><td>青山县人民政府办公室</td><td>成文日期</td><td>2024-03-05</td></tr>
<tr><td>标题</td><td>{title}</td><td>文号</td><td>{doc_number}</td></tr>
</table>
<div class="article-content">
{body}
</div>
<div class="share">分享到：微信 微博</div>
<div class="footer">主办：青山县人民政府办公室 版权所有</div>
</body></html>
"""


def page(
    body: str,
    title: str = "关于印发2024年重点工作任务分工方案的通知",
    doc_number: str = "青政办〔2024〕12号",
    charset: str = "utf-8",
) -> bytes:
    html = PAGE.format(charset=charset, title=title, doc_number=doc_number, body=body)
    return html.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else "utf-8")
