"""Splitting unit and leader lists as notices print them.

Rules (shared/spec/plan-json.md, "Reading unit and leader lists"): split on
、，,；; and whitespace outside brackets; a level prefix (区 县 市, or 各)
distributes over the bare names that follow it in the same 、-run; two names
run together are cut where a unit suffix ends a name that is followed by
another complete name; an alias in brackets stays with its unit; leaders lose
their inner spaces ("冶 祥" → "冶祥").
"""

from __future__ import annotations

import re

from duban.extract.chinese import fold

_OPEN, _CLOSE = "（(【[〔", "）)】]〕"
_RUN_SEP = "，,；;/／\n"
_NAME_SEP = "、"
_ETC = re.compile(r"等$")  # "县财政局、县统计局等": the list, not a unit named 等
_LEVELS = ("区", "县", "市", "省")
# Suffixes that end a unit name; a name ending in one and followed by another
# unit name was run together by a typo.
_SUFFIXES = (
    "街道办事处",
    "管理委员会",
    "人民政府",
    "委员会",
    "管委会",
    "办公室",
    "中心",
    "公司",
    "联社",
    "银行",
    "法院",
    "检察院",
    "局",
    "厅",
    "委",
    "办",
    "部",
)
# A second part ending like this is a branch of the first ("市资源局海州分局").
_BRANCH = re.compile(r"(分局|分中心|分公司|支队|大队|中队|分院|所|站|科|股|处)$")
_DEPARTMENT = re.compile(r"(局|厅|委|办|中心|室|部|所|站|队|院|馆|处|会|社|台)$")
_PLACE_OR_COMPANY = re.compile(
    r"(公司|集团|乡|镇|街道|办事处|人民政府|政府|村|社区|园区|农场|开发区|高新区)$"
)
# Names that carry their own place: a level or province first, a named district
# or park inside, or a branch (分局) of a higher-level bureau.
_OWN_PLACE = re.compile(
    r"^(省|[区县市](?!场|域|民)|(?!城市)[^和与及、]{1,3}?[区县市州旗](?!场|域|民))"
    r"|高新区|开发区|经开区|新区|园区|工业园|分局$"
)
_COLLECTIVE_KINDS = re.compile(
    r"(乡镇|镇街|乡|镇|街道|街|园区|开发区|县区|部门|单位|村|社区|学校|企业)$"
)
# Posts printed with leaders' names: "县公安局局长 陆海鸣", "副市长苏晓岚",
# "郑国华（市委常委、副市长）". A token ending so is a post, not a person.
POST_WORDS = (
    r"[县区市州镇乡旗]长|书记|主任|局长|部长|秘书长|调研员|主席|常委|成员|巡视员|政委|"
    r"院长|校长|行长|董事长|总经理"
)
_POST_TAIL = re.compile(rf"(?:{POST_WORDS})$")
_POST_THEN_NAME = re.compile(
    rf"^.*?(?:{POST_WORDS})(?P<name>[\u4e00-\u9fff·](?:[\s\u3000]*[\u4e00-\u9fff·]){{1,3}})$"
)
_POST_IN_BRACKETS = re.compile(rf"[（(][^（）()]*(?:{POST_WORDS})[^（）()]*[）)]")
# A list numbered item by item: "1.市发改局 2.市财政局" (the number, not a quantity).
_NUMBERED = re.compile(r"(?:^|(?<![\d.．]))\s*\d{1,2}\s*[.．、](?![\d])\s*")
# What a form prints in an empty role: "协办单位：无", "—", "/".
_NONE = re.compile(r"无|暂无|空|[/／\\—–\-－_＿×]+")
_LEADER_SEP = re.compile(r"[、，,；;/／\n]+")


def split_units(text: str | None) -> list[str]:
    """A printed unit list → one unit per entry, in printed order, duplicates kept once."""
    if not text:
        return []
    if _NUMBERED.match(text):  # "1.市发改局 2.市财政局", "1、X；2、Y"
        text = _NUMBERED.sub("、", text).strip("、")
    names: list[str] = []
    for run in _join_fragments(_split_spaces(text.strip())):
        pieces: list[str] = []
        for part in _split_outside_brackets(run, _NAME_SEP):
            pieces.extend(_split_run_together(part))
        pieces = [_ETC.sub("", p).strip("。.：:") for p in pieces]
        pieces = [p for p in pieces if not _NONE.fullmatch(p)]
        names.extend(_distribute_prefix([p for p in pieces if p]))
    out: list[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


_UNIT_END = re.compile(
    r"(局|厅|委|办|中心|室|部|所|站|队|院|馆|处|会|社|台|公司|集团|政府|乡|镇|街|街道|单位|部门|园区|"
    r"农场|村|社区|学校|企业|银行|联|协|组|团|[）)])$"
)


def looks_complete(name: str) -> bool:
    """Does the name end like a unit (局, 中心, 乡, 部门 …), not cut by a line end?"""
    return bool(_UNIT_END.search(fold(name.strip())))


def _join_fragments(runs: list[str]) -> list[str]:
    """A cell broken inside a name ("蔬菜园艺特产" / "管理中心") is one name."""
    out: list[str] = []
    for run in runs:
        starts_name = fold(run)[:1] in ("区", "县", "市", "各", "省")
        if out and not starts_name and not looks_complete(out[-1].split("、")[-1]):
            out[-1] += run
        else:
            out.append(run)
    return out


def split_leaders(text: str | None) -> list[str]:
    """A printed leader list → one name per entry, inner spaces removed. Posts
    printed with a name ("市委常委、常务副市长 韩启明") are not people; a post
    alone ("县长", "各副县长") is kept when no name is printed."""
    if not text:
        return []
    names: list[str] = []
    text = _POST_IN_BRACKETS.sub("", text)  # "郑国华（市委常委、副市长）"
    for part in _LEADER_SEP.split(text.strip()):
        tokens = _without_post(part.strip()).split()
        if len(tokens) > 1:  # "县长 苗青": the post is not a second person
            tokens = [t for t in tokens if not _is_post(t)] or tokens
        names.extend(_join_name_tokens(tokens))
    names = [_without_post(n.strip("。.：:")) for n in names if n.strip("。.：:")]
    names = [n for n in names if not _NONE.fullmatch(n)]
    people = [n for n in names if not _is_post(n)]
    return names if not people else [n for n in names if not _is_post(n) or n.startswith("各")]


def _is_post(token: str) -> bool:
    folded = fold(token)
    return not folded.startswith("各") and bool(_POST_TAIL.search(folded))


def _without_post(name: str) -> str:
    """'副市长苏晓岚' → 苏晓岚; a collective ('各副县长') stays as printed."""
    if name.startswith("各"):
        return name
    m = _POST_THEN_NAME.match(fold(name))
    return name[m.start("name") :] if m else name


def _join_name_tokens(tokens: list[str]) -> list[str]:
    """'韩 平 苏铨烨' → 韩平, 苏铨烨: single characters belong to a neighbour."""
    names: list[str] = []
    pending = ""
    for token in tokens:
        if len(token) == 1:
            pending += token
            if len(pending) >= 2 and len(pending) >= 3:
                names.append(pending)
                pending = ""
            continue
        if pending:
            if len(pending) == 1 and names:
                names[-1] += pending
            elif len(pending) == 1:
                token = pending + token
            else:
                names.append(pending)
            pending = ""
        names.append(token)
    if pending:
        if len(pending) == 1 and names and len(names[-1]) <= 2:
            names[-1] += pending
        else:
            names.append(pending)
    return names


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in separators:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _split_spaces(text: str) -> list[str]:
    """Runs of names: split on ，；/ and line breaks, and on spaces (tables
    separate units by spaces); a lone character ("区 发改局") joins the next."""
    tokens = _split_outside_brackets(text, _RUN_SEP + " \t\u3000")
    out: list[str] = []
    carry = ""
    for token in tokens:
        if len(token) == 1:
            carry += token
            continue
        out.append(carry + token)
        carry = ""
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out


def _distribute_prefix(names: list[str]) -> list[str]:
    """区发改局、工信局 → 区发改局, 区工信局; 各镇街、园区 → 各镇街, 各园区."""
    if len(names) < 2:
        return names
    first = fold(names[0])
    prefix = ""
    if first.startswith("各"):
        prefix = "各"
    elif first[:1] in _LEVELS and not first.startswith(("区直", "县直", "市直", "市场", "区域")):
        prefix = names[0][0]
    if not prefix:
        return names
    out = [names[0]]
    for name in names[1:]:
        key = fold(name)
        if prefix == "各":
            bare = (
                key in ("园区", "镇街", "乡镇", "街道")
                or not key.startswith("各")
                and not _OWN_PLACE.search(key[:2])
                and _COLLECTIVE_KINDS.search(key)
                and not _DEPARTMENT.search(key)
            )
        else:
            bare = (
                _DEPARTMENT.search(key)
                and not _PLACE_OR_COMPANY.search(key)
                and not _OWN_PLACE.search(key)
                and not key.startswith(("各", "相关", "有关"))
            )
        out.append(prefix + name if bare and not key.startswith(prefix) else name)
    return out


def _split_run_together(name: str) -> list[str]:
    """住房和城乡建设局水务局 → 住房和城乡建设局, 水务局; 市资源局海州分局 stays.

    A cut goes where a unit suffix ends a name of three characters or more and
    what follows is itself a complete unit name that is not a branch of it.
    """
    key = fold(name)
    cuts = [0]
    depth = 0
    for i, ch in enumerate(key):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and _cut_after(key, cuts[-1], i + 1):
            cuts.append(i + 1)
    cuts.append(len(name))
    return [name[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


def _cut_after(key: str, start: int, end: int) -> bool:
    if end - start < 3 or len(key) - end < 3 or not key.endswith(_SUFFIXES, start, end):
        return False
    if key[end] in _OPEN or key[end - 1] in _CLOSE:
        return False
    tail = key[end:]
    return (
        tail.endswith(_SUFFIXES)
        and not _BRANCH.search(tail)
        and not tail.startswith(("员会", "公室", "事处", "理委员会"))
    )
