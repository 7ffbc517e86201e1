"""Generated task-allocation notices (分工方案), written the way offices write them.

A notice is plain text in one of two common conventions — labelled lines under
each task, or the assignment in brackets after the task — so that the demo's
plans go through the real reader and importer, not around them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

_SECTIONS = (
    "经济社会发展主要预期目标",
    "着力扩大有效投资",
    "推动产业转型升级",
    "全面推进乡村振兴",
    "深化重点领域改革",
    "加强生态环境保护",
    "扎实办好民生实事",
    "加强政府自身建设",
)
_VERBS = ("加快推进", "全力实施", "持续推进", "扎实开展", "深入推进", "统筹推进", "积极推动")
_OBJECTS = (
    "重点项目建设",
    "高标准农田建设",
    "老旧小区改造",
    "农村人居环境整治",
    "营商环境优化提升",
    "数字政府建设",
    "城乡供水一体化工程",
    "中小学校舍改扩建",
    "县域医共体建设",
    "河湖长制工作",
    "安全生产专项整治",
    "稳岗就业服务",
    "文旅融合发展",
    "招商引资工作",
    "养老服务体系建设",
    "产业园区基础设施建设",
)
_TARGETS = (
    "地区生产总值增长{n}%以上",
    "固定资产投资增长{n}%",
    "社会消费品零售总额增长{n}%",
    "城镇新增就业{m}人以上",
    "一般公共预算收入增长{n}%",
)
_DEADLINES = ("{y}年6月底前", "{y}年9月底前", "{y}年年底前", "{y}年11月中旬前", "全年", "")
_NUMERALS = "一二三四五六七八九十"


@dataclass
class Directory:
    """What a notice may name: the government, its leaders and its units."""

    government: str
    level: str  # 县, 区, 市 or 省: the prefix notices put before a unit's short name
    leaders: list[str]
    departments: list[tuple[str, str]]  # (name after the level prefix, short name or "")
    townships: list[str] = field(default_factory=list)


def notice(
    directory: Directory, year: int, tasks: int, rng: random.Random, support: int = 4
) -> str:
    """The text of one notice with `tasks` numbered tasks in sections, each with
    one to `support` supporting units."""
    bracketed = rng.random() < 0.5
    lines = [
        f"{directory.level[0]}政办〔{year}〕{rng.randint(5, 60)}号",
        "",
        f"{directory.government}人民政府办公室",
        f"关于印发{year}年《政府工作报告》重点工作任务分工方案的通知",
        "",
        f"各{'乡镇人民政府' if directory.townships else '有关单位'}，{directory.level}直各单位：",
        "",
        f"《{year}年〈政府工作报告〉重点工作任务分工方案》已经{directory.level}政府研究同意，"
        "现印发给你们，请认真组织实施。",
        "",
        f"{directory.government}人民政府办公室",
        f"{year}年2月{rng.randint(10, 28)}日",
        "",
    ]
    per_section = max(1, -(-tasks // len(_SECTIONS)))
    number = 0
    for s, section in enumerate(_SECTIONS):
        if number >= tasks:
            break
        lines += [f"{_numeral(s + 1)}、{section}", ""]
        for _ in range(min(per_section, tasks - number)):
            number += 1
            lines += _task(directory, year, number, bracketed, rng, support)
    return "\n".join(lines) + "\n"


def _task(
    d: Directory, year: int, number: int, bracketed: bool, rng: random.Random, most: int
) -> list[str]:
    content = _content(year, rng)
    leader = rng.choice(d.leaders)
    lead_key, lead = _unit(d, rng)
    chosen = {lead_key: lead}
    wanted = rng.randint(1, most) + 1
    while len(chosen) < wanted:
        key, unit = _unit(d, rng)
        chosen.setdefault(key, unit)
    support = list(chosen.values())[1:]
    if d.townships and rng.random() < 0.05:
        support.append("各乡镇人民政府")
    deadline = rng.choice(_DEADLINES).format(y=year)
    if bracketed:
        parts = [f"牵头领导：{leader}", f"牵头单位：{lead}", f"责任单位：{'、'.join(support)}"]
        if deadline:
            parts.append(f"完成时限：{deadline}")
        return [f"{number}. {content}（{'；'.join(parts)}）", ""]
    block = [f"{number}. {content}", "", f"牵头领导：{leader}", "", f"牵头单位：{lead}", ""]
    block += [f"责任单位：{'，'.join(support)}", ""]
    if deadline:
        block += [f"完成时限：{deadline}", ""]
    return block


def _content(year: int, rng: random.Random) -> str:
    if rng.random() < 0.2:
        target = rng.choice(_TARGETS).format(n=rng.randint(3, 9), m=rng.randint(10, 90) * 100)
        return f"{year}年{target}。"
    verb, obj = rng.choice(_VERBS), rng.choice(_OBJECTS)
    count = rng.randint(2, 40)
    return f"{verb}{obj}，全年完成{count}个项目，确保按期建成投用。"


def _unit(d: Directory, rng: random.Random) -> tuple[str, str]:
    """(the unit, how this task prints it): a department by its full or short name."""
    if d.townships and rng.random() < 0.15:
        township = rng.choice(d.townships)
        return township, township
    name, short = rng.choice(d.departments)
    return name, d.level + (short if short and rng.random() < 0.5 else name)


def _numeral(n: int) -> str:
    return _NUMERALS[n - 1] if n <= 10 else str(n)
