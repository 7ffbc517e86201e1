"""The words notices use for roles, in labels and in table headers.

Every lookup takes folded (simplified) text without whitespace, so 牽頭單位 and
"牵 头 单 位" read as 牵头单位.
"""

from __future__ import annotations

import re

LEADER = "lead_leaders"
LEAD = "lead_units"
SUPPORT = "support_units"
RESPONSIBLE = "responsible"  # 责任单位: lead or support depending on its neighbours
DEADLINE = "deadline"
INSPECT = "inspect_units"
SEQ = "seq"
CONTENT = "content"
CATEGORY = "category"
IGNORED = "ignored"

LABELS: dict[str, str] = {}
for _role, _words in {
    LEADER: "牵头领导 责任领导 分管领导 包抓领导 联系领导 领衔领导 包保领导 责任区领导 "
    "牵头区领导 牵头县领导 牵头市领导 牵头县级领导 牵头区级领导 责任县领导 县级领导 区级领导 "
    "市级领导 牵头负责人",
    LEAD: "牵头单位 牵头部门 主责单位 主责部门 牵头责任单位 责任牵头单位 主体责任单位 "
    "牵头处室 牵头科室 主办单位 主办部门 主抓单位",
    RESPONSIBLE: "责任单位 责任部门 承办单位 落实单位 实施单位 负责单位 责任主体",
    SUPPORT: "配合单位 配合部门 共同责任单位 协办单位 协助单位 参与单位 协同单位 协作单位 "
    "配合责任单位 责任配合单位 协同部门 参与部门",
    DEADLINE: "完成时限 时限要求 工作进度时限要求 工作时限 完成时间 完成期限 时间节点 时间要求 "
    "办结时限 进度要求 时限 截止时间 完成时间节点 时间安排 时间进度 进度安排 时序进度 推进时限 "
    "完成时间要求 工作进度 进度时限",
    INSPECT: "督查单位 督办单位 督导单位 督查部门",
}.items():
    for _word in _words.split():
        LABELS[_word] = _role

CONTENT_HEADERS = (
    "工作任务 目标任务 重点任务 任务内容 工作内容 主要任务 具体任务 重点工作 工作事项 任务事项 "
    "实事项目 民生实事项目 项目内容 主要内容 具体工作 具体内容 "
    "工作目标 目标任务及具体措施 任务名称 项目名称 民生实事 实事内容 "
    "具体措施 主要措施 工作措施 重点举措 具体举措 工作举措 任务措施 措施 任务 内容 事项"
).split()
# "项目名称及建设内容", "年度目标任务": a header that ends like a content header.
_CONTENT_TAILS = (*(h for h in CONTENT_HEADERS if len(h) >= 4), "内容", "任务", "举措", "措施")
# A task's short name beside its text (任务名称 | 具体内容): not a category.
TITLE_HEADERS = ("任务名称", "项目名称", "工作名称", "事项名称")
CATEGORY_HEADERS = "类别 分类 领域 板块 项目类别 任务类别 工作类别".split()
SEQ_HEADERS = "序号 编号 号".split()
IGNORED_HEADERS = "备注 进展情况 完成情况 落实情况 说明".split()

# 牵头市领导, 分管县领导, 县级责任领导 …: a level inside or before the label.
for _level in "市区县":
    for _word in (
        "牵头{}领导",
        "分管{}领导",
        "责任{}领导",
        "联系{}领导",
        "{}级责任领导",
        "{}级牵头领导",
    ):
        LABELS[_word.format(_level)] = LEADER

QUALIFIERS = ("区政府", "县政府", "市政府", "政府", "区级", "县级", "市级", "区", "县", "市")
_ROLE_TAIL = re.compile(r"(领导|单位|部门|时限|时间|处室|科室)$")


def label_role(word: str) -> str | None:
    """The role of a label word ("政府牵头领导" → lead_leaders), None if it is
    not a label at all, "unknown" if it looks like one we do not know."""
    if word in LABELS:
        return LABELS[word]
    for qualifier in QUALIFIERS:
        if word.startswith(qualifier) and word[len(qualifier) :] in LABELS:
            return LABELS[word[len(qualifier) :]]
    if _ROLE_TAIL.search(word) and 3 <= len(word) <= 8:
        return "unknown"
    return None


_ROLE_IN_BRACKETS = re.compile(r"(.+?)[（(](牵头|主责|主办|配合|协办|协同|参与)[）)]")


def header_role(word: str) -> str | None:
    """The role of a table header cell, or None for an unknown header."""
    if not word:
        return None
    if word in SEQ_HEADERS:
        return SEQ
    marked = _ROLE_IN_BRACKETS.fullmatch(word)  # 责任单位（牵头） / 责任单位（配合）
    if marked and label_role(marked[1]) in (LEAD, RESPONSIBLE, SUPPORT):
        return LEAD if marked[2] in ("牵头", "主责", "主办") else SUPPORT
    role = label_role(word)
    if role and role != "unknown":
        return role
    if word in CATEGORY_HEADERS:
        return CATEGORY
    if word in CONTENT_HEADERS or word.endswith(_CONTENT_TAILS):
        return CONTENT
    if word in IGNORED_HEADERS:
        return IGNORED
    return None
